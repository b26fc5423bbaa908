// The public status lookup: case number plus query code, no sign-in, no personal data.
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../../platform/context.ts';
import { maybeOne } from '../../../platform/db/pool.ts';
import { CASE_SELECT, type CaseRow, caseTimeline, toCaseRecord } from '../engine/cases.ts';
import { normaliseQueryCode } from '../engine/engine.ts';
import { workflowErrors } from '../workflow.errors.ts';
import { caseViews } from '../workflow.views.ts';

export interface PublicCase {
  number: string;
  caseTypeName: string;
  subject: string;
  orgName: string | null;
  status: string;
  statusName: string;
  receivedOn: string;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  completedAt: string | null;
  outcome: string | null;
  currentSteps: string[];
  timeline: { at: string; title: string; stepName: string | null }[];
}

export async function lookupPublicCase(
  ctx: AppContext,
  q: { number: string; queryCode: string },
): Promise<PublicCase> {
  const row = await maybeOne<CaseRow & { query_code_hash: string | null }>(
    ctx.pool,
    `${CASE_SELECT} WHERE c.number = $1`,
    [q.number.trim()],
  );
  const given = Buffer.from(ctx.pii.blindIndex('case-query', normaliseQueryCode(q.queryCode)));
  const stored = Buffer.from(row?.query_code_hash ?? '');
  // Same answer for an unknown number and a wrong code, so neither can be probed.
  if (!row || stored.length !== given.length || !timingSafeEqual(stored, given))
    throw workflowErrors.CASE_NOT_FOUND();
  const [c] = await caseViews(ctx.pool, [toCaseRecord(row)]);
  if (!c) throw workflowErrors.CASE_NOT_FOUND();
  const timeline = await caseTimeline(ctx.pool, c.id, { publicOnly: true });
  return {
    number: c.number,
    caseTypeName: c.caseTypeName,
    subject: c.subject,
    orgName: c.orgName,
    status: c.status,
    statusName: c.statusName,
    receivedOn: c.receivedOn,
    legalDeadline: c.legalDeadline,
    promisedDeadline: c.promisedDeadline,
    completedAt: c.completedAt,
    outcome: c.outcome,
    currentSteps: c.currentSteps.map((s) => s.name),
    timeline: timeline.map((e) => ({ at: e.at, title: e.title, stepName: e.stepName })),
  };
}
