// Who may see an application: its applicant, and staff who may read its case (case.read over the
// owning unit, or a task of the case in their reach, e.g. a parallel reviewer in another department).
// Everyone else gets the same 404 as for an application that does not exist.
import type { AppContext } from '../../platform/context.ts';
import { UUID_RE } from '../../platform/db/ids.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../platform/http/principal.ts';
import { type CaseRecord, getCase, mayReadCase } from '../workflow/index.ts';
import { licensingErrors } from './licensing.errors.ts';
import { FEE_RECORD } from './licensing.permissions.ts';
import { type ApplicationRow, findApplication } from './licensing.repository.ts';

export interface Readable {
  app: ApplicationRow;
  c: CaseRecord | null;
  owner: boolean;
}

export async function loadReadable(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<Readable> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(id)) throw licensingErrors.APPLICATION_NOT_FOUND();
  const app = await findApplication(ctx.pool, id);
  if (!app) throw licensingErrors.APPLICATION_NOT_FOUND();
  const c = app.case_id ? await getCase(ctx.pool, app.case_id) : null;
  if (app.applicant_user_id === principal.userId) return { app, c, owner: true };
  if (principal.kind !== 'staff' || !c || !(await mayReadCase(ctx.pool, principal, c))) {
    throw licensingErrors.APPLICATION_NOT_FOUND();
  }
  return { app, c, owner: false };
}

/** The applicant's own application (resubmit, withdraw, drafts); anyone else's → 404. */
export async function loadOwn(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<ApplicationRow> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(id)) throw licensingErrors.APPLICATION_NOT_FOUND();
  const app = await findApplication(ctx.pool, id);
  if (!app || app.applicant_user_id !== principal.userId) throw licensingErrors.APPLICATION_NOT_FOUND();
  return app;
}

/** Whether a member of staff may record payments on the case (fee.record over its owning unit). */
export function mayRecordPayment(principal: Principal | null | undefined, c: CaseRecord | null): boolean {
  if (principal?.kind !== 'staff' || !c) return false;
  const reach = reachOf(principal, FEE_RECORD);
  return !!reach && orgInReach(reach, c.orgPath);
}
