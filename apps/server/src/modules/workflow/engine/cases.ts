// Reading and writing the engine's rows: cases, tasks, waits and the timeline.
import type { Actor } from '../../../platform/audit/audit.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/db/ids.ts';
import { many, maybeOne, type Queryable, type Tx } from '../../../platform/db/pool.ts';
import type { DayUnit, Limit } from '../workflow.definition.ts';
import type { CaseRecord, TaskRecord, TimelineEntry } from '../workflow.types.ts';

export interface CaseRow {
  id: string;
  number: string;
  case_type: string;
  process_version_id: string;
  org_id: string;
  org_path: string;
  subject: string;
  applicant_user_id: string | null;
  applicant_name: string;
  ref_type: string | null;
  ref_id: string | null;
  data: Record<string, unknown>;
  status: CaseRecord['status'];
  outcome: string | null;
  received_on: string;
  clock_started_on: string | null;
  legal_days: number | null;
  legal_unit: DayUnit | null;
  promised_days: number | null;
  promised_unit: DayUnit | null;
  extended_days: number;
  paused_days: number;
  legal_deadline: string | null;
  promised_deadline: string | null;
  warn_on: string | null;
  deadline_provisional: boolean;
  level: CaseRecord['level'];
  completed_at: Date | null;
  created_at: Date;
  current_steps: { key: string; name: string }[] | null;
}

const CURRENT_STEPS_SQL = `coalesce((
  SELECT json_agg(json_build_object('key', x.step_key, 'name', x.step_name) ORDER BY x.opened_at)
  FROM (SELECT DISTINCT ON (step_key) step_key, step_name, opened_at FROM (
          SELECT step_key, step_name, opened_at FROM wf_task WHERE case_id = c.id AND status = 'open'
          UNION ALL
          SELECT step_key, step_name, opened_at FROM wf_wait WHERE case_id = c.id AND status = 'open') u
        ORDER BY step_key, opened_at) x), '[]'::json) AS current_steps`;

export const CASE_SELECT = `SELECT c.*, ${CURRENT_STEPS_SQL} FROM wf_case c`;

/** A stored period (days and unit columns) as a Limit; null when the case has none. */
export function limitOf(days: number | null, unit: DayUnit | null): Limit | null {
  return days !== null && unit ? { days, unit } : null;
}

export function toCaseRecord(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    number: r.number,
    caseType: r.case_type,
    processVersionId: r.process_version_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    subject: r.subject,
    applicantUserId: r.applicant_user_id,
    applicantName: r.applicant_name,
    refType: r.ref_type,
    refId: r.ref_id,
    data: r.data ?? {},
    status: r.status,
    outcome: r.outcome,
    receivedOn: r.received_on,
    clockStartedOn: r.clock_started_on,
    legal: limitOf(r.legal_days, r.legal_unit),
    promised: limitOf(r.promised_days, r.promised_unit),
    extendedDays: r.extended_days,
    pausedDays: r.paused_days,
    legalDeadline: r.legal_deadline,
    promisedDeadline: r.promised_deadline,
    warnOn: r.warn_on,
    deadlineProvisional: r.deadline_provisional,
    level: r.level,
    completedAt: r.completed_at ? r.completed_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    currentSteps: r.current_steps ?? [],
  };
}

export async function getCase(db: Queryable, id: string): Promise<CaseRecord | null> {
  const r = await maybeOne<CaseRow>(db, `${CASE_SELECT} WHERE c.id = $1`, [id]);
  return r ? toCaseRecord(r) : null;
}

/** Locks the case row: every change to a case (and its tasks, forks, pauses) goes through this lock. */
export async function getCaseForUpdate(tx: Tx, id: string): Promise<CaseRecord | null> {
  const locked = await maybeOne(tx, 'SELECT id FROM wf_case WHERE id = $1 FOR UPDATE', [id]);
  if (!locked) return null;
  return getCase(tx, id);
}

export interface TaskRow {
  id: string;
  case_id: string;
  step_key: string;
  step_name: string;
  fork_id: string | null;
  assignee_type: TaskRecord['assigneeType'];
  role_code: string | null;
  org_id: string | null;
  org_path: string | null;
  user_id: string | null;
  claimed_by: string | null;
  status: TaskRecord['status'];
  due_date: string | null;
  warn_on: string | null;
  /** The day the step limit counts from (a transferred task keeps its predecessor's); null: none or unknown. */
  deadline_from: string | null;
  deadline_provisional: boolean;
  level: TaskRecord['level'];
  opened_at: Date;
}

export function toTaskRecord(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    stepKey: r.step_key,
    stepName: r.step_name,
    forkId: r.fork_id,
    assigneeType: r.assignee_type,
    roleCode: r.role_code,
    orgId: r.org_id,
    userId: r.user_id,
    claimedBy: r.claimed_by,
    status: r.status,
    dueDate: r.due_date,
    deadlineProvisional: r.deadline_provisional,
    level: r.level,
    openedAt: r.opened_at.toISOString(),
  };
}

export async function getTaskRow(db: Queryable, id: string, forUpdate = false): Promise<TaskRow | null> {
  return maybeOne<TaskRow>(db, `SELECT * FROM wf_task WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
}

export async function openTasksOf(db: Queryable, caseId: string): Promise<TaskRecord[]> {
  const rows = await many<TaskRow>(
    db,
    `SELECT * FROM wf_task WHERE case_id = $1 AND status = 'open' ORDER BY opened_at, id`,
    [caseId],
  );
  return rows.map(toTaskRecord);
}

export async function openTaskRowsOf(db: Queryable, caseId: string): Promise<TaskRow[]> {
  return many<TaskRow>(
    db,
    `SELECT * FROM wf_task WHERE case_id = $1 AND status = 'open' ORDER BY opened_at, id`,
    [caseId],
  );
}

/**
 * Appends a timeline entry. The actor's name and unit are copied now, so the timeline still reads
 * right after a transfer or a rename. Bumping wf_case.event_seq numbers entries per case and
 * serialises concurrent writers.
 */
export async function addTimeline(
  tx: Tx,
  caseId: string,
  e: {
    kind: string;
    title: string;
    comment?: string | null;
    actorUserId?: string | null;
    stepKey?: string;
    data?: Record<string, unknown>;
    public?: boolean;
    /** Additions beyond the contract: step name (else looked up) and action key, and the event time. */
    stepName?: string;
    action?: string;
    at?: Date;
  },
): Promise<void> {
  let stepName = e.stepName ?? null;
  if (e.stepKey && !stepName) {
    const r = await maybeOne<{ name: string }>(
      tx,
      `SELECT s->>'name' AS name FROM wf_case c JOIN wf_process_version v ON v.id = c.process_version_id,
              jsonb_array_elements(v.definition->'steps') s
       WHERE c.id = $1 AND s->>'key' = $2`,
      [caseId, e.stepKey],
    );
    stepName = r?.name ?? null;
  }
  const r = await tx.query(
    `WITH s AS (UPDATE wf_case SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq)
     INSERT INTO wf_case_event (id, case_id, seq, at, kind, step_key, step_name, action, title, comment,
                                actor_id, actor_name, actor_org_name, data, public)
     SELECT $2, $1, s.event_seq, coalesce($3::timestamptz, now()), $4, $5, $6, $7, $8, $9,
            u.id, u.display_name, o.name, $11, $12
     FROM s LEFT JOIN idn_user u ON u.id = $10 LEFT JOIN idn_org o ON o.id = u.org_id`,
    [
      caseId,
      newId(),
      e.at ?? null,
      e.kind,
      e.stepKey ?? null,
      stepName,
      e.action ?? null,
      e.title,
      e.comment ?? null,
      e.actorUserId ?? null,
      JSON.stringify(e.data ?? {}),
      e.public ?? true,
    ],
  );
  if (r.rowCount !== 1) throw new Error(`case ${caseId} not found for timeline entry`);
}

export async function caseTimeline(
  db: Queryable,
  caseId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<TimelineEntry[]> {
  const rows = await many<{
    seq: number;
    at: Date;
    kind: string;
    title: string;
    step_key: string | null;
    step_name: string | null;
    action: string | null;
    comment: string | null;
    actor_name: string | null;
    actor_org_name: string | null;
    data: Record<string, unknown>;
    public: boolean;
  }>(
    db,
    `SELECT seq, at, kind, title, step_key, step_name, action, comment, actor_name, actor_org_name, data, public
     FROM wf_case_event WHERE case_id = $1 ${opts.publicOnly ? 'AND public' : ''} ORDER BY seq`,
    [caseId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    kind: r.kind,
    title: r.title,
    stepKey: r.step_key,
    stepName: r.step_name,
    action: r.action,
    comment: r.comment,
    actorName: r.actor_name,
    actorOrgName: r.actor_org_name,
    data: r.data ?? {},
    public: r.public,
  }));
}

/** The audit actor for a user id known to a job or another module (no request behind it). */
export async function actorForUser(db: Queryable, userId: string | null): Promise<Actor> {
  if (!userId) return systemActor;
  const u = await maybeOne<{ display_name: string; username: string; org_id: string | null }>(
    db,
    'SELECT display_name, username, org_id FROM idn_user WHERE id = $1',
    [userId],
  );
  if (!u) return systemActor;
  return { ...systemActor, userId, name: `${u.display_name}（${u.username}）`, orgId: u.org_id };
}
