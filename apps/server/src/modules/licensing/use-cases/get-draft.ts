// Reading the applicant's own drafts (another's draft → 404).
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { openForm } from '../licensing.form.ts';
import { type DraftRow, findDraft, listDraftsOf } from '../licensing.repository.ts';
import { draftSummary } from '../licensing.views.ts';

export interface DraftView {
  id: string;
  itemId: string;
  itemName: string;
  form: Record<string, unknown>;
  materials: { materialId: string; fileId: string; name: string | null; size: number | null }[];
  createdAt: string;
  updatedAt: string;
}

export async function draftView(ctx: AppContext, d: DraftRow): Promise<DraftView> {
  const materials = [];
  for (const m of d.materials) {
    const f = await ctx.files.get(ctx.pool, m.fileId);
    const mine = f && f.ownerUserId === d.applicant_user_id;
    materials.push({
      materialId: m.materialId,
      fileId: m.fileId,
      name: mine ? f.name : null,
      size: mine ? f.size : null,
    });
  }
  return {
    id: d.id,
    itemId: d.item_id,
    itemName: d.item_name,
    form: openForm(ctx, d.form_enc),
    materials,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

export async function getDraft(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<DraftView> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(id)) throw licensingErrors.DRAFT_NOT_FOUND();
  const d = await findDraft(ctx.pool, id);
  if (!d || d.applicant_user_id !== principal.userId) throw licensingErrors.DRAFT_NOT_FOUND();
  return draftView(ctx, d);
}

export async function listMyDrafts(ctx: AppContext, principal: Principal | null | undefined) {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  return { items: (await listDraftsOf(ctx.pool, principal.userId)).map(draftSummary) };
}
