// The signed-in citizen's or enterprise's own licences.
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { type LicenceView, toLicenceView } from '../licences.model.ts';
import { listLicencesOfHolder, licencesOfCase } from '../licences.repository.ts';

export async function listMyLicences(ctx: AppContext, principal: Principal | null): Promise<LicenceView[]> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const today = shanghaiDate(ctx.clock.now());
  return (await listLicencesOfHolder(ctx.pool, principal.userId)).map((r) =>
    toLicenceView(ctx.config, r, today),
  );
}

/** Licences issued on a case (for the application page of the licensing module). */
export async function licencesOfCaseView(ctx: AppContext, caseId: string): Promise<LicenceView[]> {
  const today = shanghaiDate(ctx.clock.now());
  return (await licencesOfCase(ctx.pool, caseId)).map((r) => toLicenceView(ctx.config, r, today));
}
