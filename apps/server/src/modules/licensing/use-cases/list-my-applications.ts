// "My cases": the applicant's drafts and applications with their live status and deadlines.
import type { AppContext } from '../../../platform/context.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { Static } from 'typebox';
import { listApplicationsOf, listDraftsOf } from '../licensing.repository.ts';
import type { ApplicationListSchema } from '../licensing.schemas.ts';
import { STATUS_NAMES } from '../licensing.status.ts';
import { draftSummary } from '../licensing.views.ts';

export type ApplicationList = Static<typeof ApplicationListSchema>;

export async function listMyApplications(
  ctx: AppContext,
  principal: Principal | null | undefined,
  query: { page?: number; pageSize?: number } = {},
): Promise<ApplicationList> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const { page, pageSize, offset } = pageWindow(query);
  const [{ rows, total }, drafts] = await Promise.all([
    listApplicationsOf(ctx.pool, principal.userId, pageSize, offset),
    listDraftsOf(ctx.pool, principal.userId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.case_number,
      caseId: r.case_id,
      itemId: r.item_id,
      itemName: r.item_name,
      status: r.status,
      statusName: STATUS_NAMES[r.status],
      receivedOn: r.received_on,
      submittedAt: r.submitted_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      legalDeadline: r.legal_deadline,
      promisedDeadline: r.promised_deadline,
    })),
    total,
    page,
    pageSize,
    drafts: drafts.map(draftSummary),
  };
}
