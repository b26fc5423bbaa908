// The applicant hands in what the 一次性告知书 asked for: the form (if changed) and the materials of
// this round are validated again, stored as round n+1, and the case goes back to the acceptance step
// with a new 5-working-day window (行政许可法 Art. 32).
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { type ServiceItem, validateFormData } from '../../services/index.ts';
import { getCaseForUpdate, signalCase } from '../../workflow/index.ts';
import { loadOwn } from '../licensing.access.ts';
import { SIGNAL_RESUBMITTED } from '../licensing.case-type.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { formSummary, sealForm } from '../licensing.form.ts';
import { itemFacts } from '../licensing.item.ts';
import { missingRequired, resolveMaterials } from '../licensing.materials.ts';
import { notifyApplicant } from '../licensing.notify.ts';
import {
  claimFiles,
  findApplicationForUpdate,
  insertMaterials,
  latestCorrection,
  listMaterials,
  resolveCorrection,
  updateApplication,
} from '../licensing.repository.ts';
import type { ResubmitBody } from '../licensing.schemas.ts';
import type { ApplicationDetail } from '../licensing.views.ts';
import { actorOfPrincipal } from './actor.ts';
import { getApplicationForApplicant } from './get-application.ts';
import { requireApplicant } from './submit-application.ts';

export async function resubmitApplication(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: ResubmitBody,
  actor?: Actor,
): Promise<ApplicationDetail> {
  const p = requireApplicant(principal);
  const app = await loadOwn(ctx, p, id);
  if (app.status !== 'correction') throw licensingErrors.NOT_IN_CORRECTION();
  if (input.form === undefined && (input.materials ?? []).length === 0) {
    throw licensingErrors.MATERIALS_INVALID(
      'materials',
      '请按一次性告知书的要求补正申请表或申请材料后再提交',
    );
  }
  const item = app.item_snapshot as unknown as ServiceItem;
  const facts = itemFacts(item);
  const problems: ErrorDetail[] = [];
  let values: Record<string, unknown> | null = null;
  if (input.form !== undefined) {
    const checked = validateFormData(item.form, input.form, {
      today: shanghaiDate(ctx.clock.now()),
      root: 'form',
    });
    if (checked.ok) values = checked.values;
    else problems.push(...checked.problems);
  }
  const choices = input.materials ?? [];
  const resolved = await resolveMaterials(ctx, ctx.pool, p.userId, facts, choices, { applicationId: app.id });
  problems.push(...resolved.problems);
  const fresh = new Set(resolved.materials.map((m) => m.materialId));
  const present = new Set([...(await listMaterials(ctx.pool, app.id)).map((m) => m.material_id), ...fresh]);
  problems.push(...missingRequired(facts, present));
  const correction = await latestCorrection(ctx.pool, app.id);
  for (const it of correction?.items ?? []) {
    if (
      it.materialId &&
      !fresh.has(it.materialId) &&
      !problems.some((x) => x.field === `materials.${it.materialId}`)
    ) {
      problems.push({ field: `materials.${it.materialId}`, message: `请重新提交需要补正的材料“${it.name}”` });
    }
  }
  if (problems.length) {
    const formOnly = problems.every((x) => x.field === 'form' || x.field.startsWith('form.'));
    throw (formOnly ? licensingErrors.FORM_INVALID : licensingErrors.MATERIALS_INVALID)(problems);
  }

  await withTx(ctx.pool, async (tx) => {
    // The case row is locked before the application row: the order every engine action takes.
    if (app.case_id) await getCaseForUpdate(tx, app.case_id);
    const locked = await findApplicationForUpdate(tx, app.id);
    if (locked?.status !== 'correction' || !locked.case_id) throw licensingErrors.NOT_IN_CORRECTION();
    const now = ctx.clock.now();
    const round = locked.correction_rounds + 1;
    const taken = new Set(
      await claimFiles(
        tx,
        app.id,
        resolved.materials.map((m) => m.fileId),
      ),
    );
    if (taken.size > 0) {
      throw licensingErrors.MATERIALS_INVALID(
        choices
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => taken.has(c.fileId))
          .map(({ i }) => ({ field: `materials[${i}].fileId`, message: '该文件已用于其他申请，请重新上传' })),
      );
    }
    await insertMaterials(
      tx,
      app.id,
      round,
      resolved.materials.map((m) => ({
        id: newId(),
        materialId: m.materialId,
        materialName: m.materialName,
        fileId: m.fileId,
      })),
      now,
    );
    if (values) {
      await updateApplication(
        tx,
        app.id,
        { formEnc: sealForm(ctx, values), formSummary: formSummary(item.form, values) },
        now,
      );
    }
    if (correction) await resolveCorrection(tx, correction.id, now);
    await signalCase(tx, ctx, locked.case_id, SIGNAL_RESUBMITTED, {
      actorUserId: p.userId,
      data: { round, materials: resolved.materials.length, formChanged: values !== null },
    });
    const after = await findApplicationForUpdate(tx, app.id);
    await ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
      action: 'application.resubmit',
      objectType: 'application',
      objectId: app.id,
      summary: `补正“${app.item_name}”申请（办件编号 ${app.case_number}），第 ${round} 次提交材料 ${resolved.materials.length} 份${values ? '，修改申请表' : ''}`,
    });
    if (after) {
      await notifyApplicant(tx, ctx, after, {
        title: `补正材料已提交：${app.item_name}`,
        body: `您已为“${app.item_name}”（办件编号 ${app.case_number}）提交补正材料，本机关将在5个工作日内作出是否受理的决定。`,
        sms: false,
      });
    }
  });
  return getApplicationForApplicant(ctx, p, app.id);
}
