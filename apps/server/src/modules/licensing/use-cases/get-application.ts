// One application as its applicant or a member of staff sees it. Staff reading an application read the
// applicant's personal data (the form), so the read is audited.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { canRateCase } from '../../ratings/index.ts';
import { loadOwn, loadReadable, mayRecordPayment } from '../licensing.access.ts';
import { getCase } from '../../workflow/index.ts';
import { type ApplicationDetail, applicationView } from '../licensing.views.ts';
import { actorOfPrincipal } from './actor.ts';

export async function getApplication(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  actor?: Actor,
): Promise<ApplicationDetail> {
  const { app, c, owner } = await loadReadable(ctx, principal, id);
  const p = principal as Principal;
  const view = await applicationView(ctx, app, c, {
    owner,
    canRecordPayment: mayRecordPayment(p, c),
    canRate: owner && c ? await canRateCase(ctx.pool, p, c) : false,
  });
  if (!owner) {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor ?? actorOfPrincipal(p), {
        action: 'application.read',
        objectType: 'application',
        objectId: app.id,
        summary: `查看申请 ${app.case_number ?? app.id}“${app.item_name}”（含申请人填报信息）`,
      }),
    );
  }
  return view;
}

/** The applicant's own application (the hall's "my cases" page); another's → 404. */
export async function getApplicationForApplicant(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<ApplicationDetail> {
  const app = await loadOwn(ctx, principal, id);
  const c = app.case_id ? await getCase(ctx.pool, app.case_id) : null;
  return applicationView(ctx, app, c, {
    owner: true,
    canRecordPayment: false,
    canRate: c ? await canRateCase(ctx.pool, principal as Principal, c) : false,
  });
}
