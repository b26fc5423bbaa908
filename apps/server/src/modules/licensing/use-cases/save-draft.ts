// Drafts: an applicant saves a partly filled form and the materials chosen so far, and comes back
// later. Nothing is validated beyond size and shape (the submission validates everything), but the
// form is encrypted like a submitted one and only the applicant's own uploads may be attached.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { getPublishedItem } from '../../services/index.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { sealForm } from '../licensing.form.ts';
import { countDrafts, findDraft, insertDraft, updateDraft } from '../licensing.repository.ts';
import type { MaterialChoice } from '../licensing.schemas.ts';
import { actorOfPrincipal } from './actor.ts';
import { type DraftView, draftView } from './get-draft.ts';
import { requireApplicant } from './submit-application.ts';

export const MAX_DRAFTS = 50;
const MAX_FORM_BYTES = 64 * 1024;
const MAX_DEPTH = 6;

export interface SaveDraftInput {
  /** Absent: a new draft (itemId required). */
  draftId?: string;
  itemId?: string;
  form?: Record<string, unknown>;
  materials?: MaterialChoice[];
}

function depthOf(v: unknown, d = 0): number {
  if (d > MAX_DEPTH || v === null || typeof v !== 'object') return d;
  let max = d;
  for (const x of Object.values(v as Record<string, unknown>)) max = Math.max(max, depthOf(x, d + 1));
  return max;
}

function checkShape(input: SaveDraftInput): void {
  const problems: ErrorDetail[] = [];
  if (input.form !== undefined) {
    if (!input.form || typeof input.form !== 'object' || Array.isArray(input.form)) {
      problems.push({ field: 'form', message: '表单内容应为对象' });
    } else {
      if (Buffer.byteLength(JSON.stringify(input.form)) > MAX_FORM_BYTES)
        problems.push({ field: 'form', message: '草稿内容过大（不超过 64 KB）' });
      if (depthOf(input.form) > MAX_DEPTH) problems.push({ field: 'form', message: '表单内容层级过深' });
    }
  }
  for (const [i, m] of (input.materials ?? []).entries()) {
    if (typeof m.materialId !== 'string' || m.materialId.length === 0 || m.materialId.length > 64)
      problems.push({ field: `materials[${i}].materialId`, message: '材料标识不正确' });
    if (typeof m.fileId !== 'string' || !UUID_RE.test(m.fileId))
      problems.push({ field: `materials[${i}].fileId`, message: '文件标识不正确' });
  }
  if ((input.materials ?? []).length > 100)
    problems.push({ field: 'materials', message: '材料不能超过 100 项' });
  if (problems.length) throw licensingErrors.DRAFT_INVALID(problems);
}

async function checkFiles(
  ctx: AppContext,
  userId: string,
  materials: readonly MaterialChoice[],
): Promise<void> {
  const problems: ErrorDetail[] = [];
  for (const [i, m] of materials.entries()) {
    const f = await ctx.files.get(ctx.pool, m.fileId);
    if (!f || f.ownerUserId !== userId) {
      problems.push({ field: `materials[${i}].fileId`, message: '文件不存在或不是您本人上传的' });
    }
  }
  if (problems.length) throw licensingErrors.DRAFT_INVALID(problems);
}

export async function saveDraft(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: SaveDraftInput,
  actor?: Actor,
): Promise<DraftView> {
  const p = requireApplicant(principal);
  checkShape(input);
  const materials = (input.materials ?? []).map((m) => ({ materialId: m.materialId, fileId: m.fileId }));
  await checkFiles(ctx, p.userId, materials);
  const now = ctx.clock.now();
  if (input.draftId !== undefined) {
    if (!UUID_RE.test(input.draftId)) throw licensingErrors.DRAFT_NOT_FOUND();
    const saved = await withTx(ctx.pool, async (tx) => {
      const d = await findDraft(tx, input.draftId as string);
      if (!d || d.applicant_user_id !== p.userId) throw licensingErrors.DRAFT_NOT_FOUND();
      const updated = await updateDraft(tx, d.id, {
        formEnc: input.form !== undefined ? sealForm(ctx, input.form) : d.form_enc,
        materials: input.materials !== undefined ? materials : d.materials,
        now,
      });
      await ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
        action: 'application.draft.update',
        objectType: 'application_draft',
        objectId: d.id,
        summary: `更新“${d.item_name}”申请草稿`,
      });
      return updated;
    });
    return draftView(ctx, saved);
  }
  if (!input.itemId || !UUID_RE.test(input.itemId)) throw licensingErrors.ITEM_NOT_FOUND('itemId');
  const item = await getPublishedItem(ctx.pool, input.itemId);
  if (!item) throw licensingErrors.ITEM_NOT_FOUND('itemId');
  const saved = await withTx(ctx.pool, async (tx) => {
    // Serialise one applicant's draft creations so the limit holds under concurrent saves.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lic_draft:${p.userId}`]);
    if ((await countDrafts(tx, p.userId)) >= MAX_DRAFTS) throw licensingErrors.DRAFT_LIMIT();
    const d = await insertDraft(tx, {
      id: newId(),
      userId: p.userId,
      itemId: item.id,
      itemName: item.name,
      formEnc: sealForm(ctx, input.form ?? {}),
      materials,
      now,
    });
    await ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
      action: 'application.draft.create',
      objectType: 'application_draft',
      objectId: d.id,
      summary: `保存“${item.name}”申请草稿`,
    });
    return d;
  });
  return draftView(ctx, saved);
}
