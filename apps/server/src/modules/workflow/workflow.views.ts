// What the API shows of cases and tasks: Chinese status names, unit names, the actions of a step.
import { many, type Queryable } from '../../platform/db/pool.ts';
import { caseTypeName } from './engine/processes.ts';
import { type ActionDef, PAUSE_KIND_NAMES, type PauseKind, type StepDef } from './workflow.definition.ts';
import type { CaseRecord } from './workflow.types.ts';

export function statusName(status: CaseRecord['status'], pauseKind: string | null): string {
  switch (status) {
    case 'open':
      return '办理中';
    case 'paused':
      return `已暂停（${PAUSE_KIND_NAMES[pauseKind as PauseKind] ?? '暂停计时'}）`;
    case 'completed':
      return '已办结';
    case 'cancelled':
      return '已撤回';
  }
}

export type CaseView = CaseRecord & { caseTypeName: string; orgName: string | null; statusName: string };

/** Adds unit names and status names to a page of cases (two queries for the whole page). */
export async function caseViews(db: Queryable, cases: CaseRecord[]): Promise<CaseView[]> {
  if (cases.length === 0) return [];
  const orgs = await many<{ id: string; name: string }>(
    db,
    'SELECT id, name FROM idn_org WHERE id = ANY($1)',
    [[...new Set(cases.map((c) => c.orgId))]],
  );
  const paused = cases.filter((c) => c.status === 'paused').map((c) => c.id);
  const pauses = paused.length
    ? await many<{ case_id: string; kind: string }>(
        db,
        'SELECT case_id, kind FROM wf_pause WHERE case_id = ANY($1) AND ended_on IS NULL',
        [paused],
      )
    : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const pauseKind = new Map(pauses.map((p) => [p.case_id, p.kind]));
  return cases.map((c) => ({
    ...c,
    caseTypeName: caseTypeName(c.caseType),
    orgName: orgName.get(c.orgId) ?? null,
    statusName: statusName(c.status, pauseKind.get(c.id) ?? null),
  }));
}

export interface ActionView {
  key: string;
  label: string;
  kind: NonNullable<ActionDef['kind']>;
  commentRequired: boolean;
  returnTargets?: { key: string; name: string }[];
}

export function actionViews(step: StepDef | undefined): ActionView[] {
  return (step?.actions ?? []).map((a) => ({
    key: a.key,
    label: a.label,
    kind: a.kind ?? 'forward',
    commentRequired: !!a.commentRequired,
  }));
}
