// The case engine: opening cases, moving their tokens through the definition (tasks, forks and joins,
// waits, ends), the clock effects of actions, and the timeline, events and audit of every step.
// Every change to a case first locks its wf_case row, so concurrent actions on one case serialise
// and "two staff act on the same task" has exactly one winner.
import { randomInt } from 'node:crypto';
import type { Actor } from '../../../platform/audit/audit.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, one, type Tx, withTx } from '../../../platform/db/pool.ts';
import { nextSequence } from '../../../platform/events/events.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { SIGNAL_FEE_PAID, SIGNAL_RESUBMITTED } from '../standard-definitions.ts';
import {
  type ActionDef,
  analyseForks,
  ancestorsOf,
  type Effect,
  isPauseKind,
  type Limit,
  PAUSE_KIND_NAMES,
  type PauseKind,
  type ProcessDefinition,
  type StepDef,
  stepOf,
} from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';
import type { CaseRecord, CaseTypeHooks } from '../workflow.types.ts';
import { mayActOnTask } from './access.ts';
import {
  actorForUser,
  addTimeline,
  getCase,
  getCaseForUpdate,
  getTaskRow,
  type TaskRow,
  toTaskRecord,
} from './cases.ts';
import { caseDeadlines, pausedDaysBetween, stepDeadline, today } from './clock.ts';
import { caseTypeHooks, definitionOfVersion, publishedVersionOf } from './processes.ts';

// ---------------------------------------------------------------- shared helpers

export async function emitCaseEvent(
  tx: Tx,
  ctx: AppContext,
  c: Pick<CaseRecord, 'id' | 'caseType'>,
  type: string,
  payload: Record<string, unknown>,
  actorId: string | null,
): Promise<void> {
  await ctx.events.emit(tx, {
    type,
    aggregateType: 'case',
    aggregateId: c.id,
    payload: { caseId: c.id, caseType: c.caseType, ...payload },
    actorId,
  });
}

async function mustGetLocked(tx: Tx, caseId: string): Promise<CaseRecord> {
  const c = await getCaseForUpdate(tx, caseId);
  if (!c) throw workflowErrors.CASE_NOT_FOUND();
  return c;
}

function isClosed(c: CaseRecord): boolean {
  return c.status === 'completed' || c.status === 'cancelled';
}

/** The unit in which a case's periods are counted (pauses are counted in the same unit). */
function periodUnit(c: { legal: Limit | null; promised: Limit | null }): Limit['unit'] {
  return (c.legal ?? c.promised)?.unit ?? 'working';
}

async function writeDeadlines(tx: Tx, ctx: AppContext, caseId: string, c: CaseRecord): Promise<void> {
  const d = await caseDeadlines(ctx, c);
  await tx.query(
    `UPDATE wf_case SET clock_started_on = $2, extended_days = $3, paused_days = $4, legal_deadline = $5,
            promised_deadline = $6, warn_on = $7, updated_at = $8, deadline_provisional = $9,
            row_version = row_version + 1
     WHERE id = $1`,
    [
      caseId,
      c.clockStartedOn,
      c.extendedDays,
      c.pausedDays,
      d.legalDeadline,
      d.promisedDeadline,
      d.warnOn,
      ctx.clock.now(),
      d.provisional,
    ],
  );
}

async function reload(tx: Tx, caseId: string): Promise<CaseRecord> {
  return (await getCase(tx, caseId)) as CaseRecord;
}

// ---------------------------------------------------------------- clocks

async function startClockOn(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  on: string,
  actorUserId: string | null,
): Promise<CaseRecord> {
  await writeDeadlines(tx, ctx, c.id, {
    ...c,
    clockStartedOn: on,
    pausedDays: c.clockStartedOn ? c.pausedDays : 0,
  });
  const after = await reload(tx, c.id);
  const parts = [
    after.legalDeadline ? `法定办结期限 ${after.legalDeadline}` : null,
    after.promisedDeadline ? `承诺办结期限 ${after.promisedDeadline}` : null,
  ].filter(Boolean);
  await addTimeline(tx, c.id, {
    kind: 'clock',
    title: `开始计算办理期限（自 ${on} 次日起算${parts.length ? `，${parts.join('，')}` : ''}）`,
    actorUserId,
    data: { on, legalDeadline: after.legalDeadline, promisedDeadline: after.promisedDeadline },
    at: ctx.clock.now(),
  });
  await emitCaseEvent(tx, ctx, c, 'case.clock_started', { on }, actorUserId);
  return after;
}

async function pauseOn(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  p: {
    kind: PauseKind;
    reason: string;
    expectedDays?: number | null;
    actorUserId: string | null;
    stepKey?: string;
  },
): Promise<CaseRecord> {
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  if (c.status === 'paused') throw workflowErrors.CASE_ALREADY_PAUSED();
  const on = today(ctx);
  await tx.query(
    `INSERT INTO wf_pause (id, case_id, kind, reason, started_on, expected_days, started_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [newId(), c.id, p.kind, p.reason, on, p.expectedDays ?? null, p.actorUserId, ctx.clock.now()],
  );
  await tx.query(
    `UPDATE wf_case SET status = 'paused', updated_at = $2, row_version = row_version + 1 WHERE id = $1`,
    [c.id, ctx.clock.now()],
  );
  await addTimeline(tx, c.id, {
    kind: 'pause',
    title: `暂停计时（${PAUSE_KIND_NAMES[p.kind]}）`,
    comment: p.reason || null,
    actorUserId: p.actorUserId,
    ...(p.stepKey ? { stepKey: p.stepKey } : {}),
    data: { kind: p.kind, expectedDays: p.expectedDays ?? null },
    at: ctx.clock.now(),
  });
  await emitCaseEvent(tx, ctx, c, 'case.paused', { kind: p.kind }, p.actorUserId);
  return reload(tx, c.id);
}

/** Ends the open pause; the days it lasted are added to the periods (or the clock starts anew). */
async function resumeOn(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  p: { actorUserId: string | null; restart?: boolean; closing?: boolean },
): Promise<CaseRecord> {
  const pause = await maybeOne<{ id: string; kind: PauseKind; started_on: string }>(
    tx,
    'SELECT id, kind, started_on FROM wf_pause WHERE case_id = $1 AND ended_on IS NULL FOR UPDATE',
    [c.id],
  );
  if (!pause || c.status !== 'paused') throw workflowErrors.CASE_NOT_PAUSED();
  const on = today(ctx);
  let counted = 0;
  if (c.clockStartedOn && !p.restart) {
    const from = [pause.started_on, c.clockStartedOn].sort()[1] as string; // the later date
    counted = await pausedDaysBetween(ctx, from, on, periodUnit(c));
  }
  await tx.query('UPDATE wf_pause SET ended_on = $2, counted_days = $3, ended_by = $4 WHERE id = $1', [
    pause.id,
    on,
    counted,
    p.actorUserId,
  ]);
  await tx.query(`UPDATE wf_case SET status = 'open' WHERE id = $1`, [c.id]);
  const next: CaseRecord = { ...c, status: 'open', pausedDays: c.pausedDays + counted };
  if (p.restart && c.clockStartedOn) {
    // 重新计算: the period runs again in full from the day the pause ends.
    next.clockStartedOn = on;
    next.pausedDays = 0;
  }
  if (!p.closing) await writeDeadlines(tx, ctx, c.id, next);
  else await tx.query('UPDATE wf_case SET paused_days = $2 WHERE id = $1', [c.id, next.pausedDays]);
  const after = await reload(tx, c.id);
  if (!p.closing) {
    const title = p.restart
      ? `恢复计时（${PAUSE_KIND_NAMES[pause.kind]}结束，办理期限重新计算）`
      : `恢复计时（${PAUSE_KIND_NAMES[pause.kind]}结束${counted ? `，暂停 ${counted} ${periodUnit(c) === 'natural' ? '日' : '个工作日'}不计入期限` : ''}）`;
    await addTimeline(tx, c.id, {
      kind: 'resume',
      title,
      actorUserId: p.actorUserId,
      data: {
        kind: pause.kind,
        countedDays: counted,
        legalDeadline: after.legalDeadline,
        promisedDeadline: after.promisedDeadline,
      },
      at: ctx.clock.now(),
    });
    await emitCaseEvent(
      tx,
      ctx,
      c,
      'case.resumed',
      { kind: pause.kind, countedDays: counted },
      p.actorUserId,
    );
  }
  return after;
}

async function applyEffects(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  effects: readonly Effect[] | undefined,
  p: { actorUserId: string | null; reason: string; stepKey: string; expectedDays?: number | null },
): Promise<CaseRecord> {
  let cur = c;
  for (const e of effects ?? []) {
    if (e === 'clock.start') {
      if (!cur.clockStartedOn) cur = await startClockOn(tx, ctx, cur, today(ctx), p.actorUserId);
    } else if (e === 'clock.resume') {
      if (cur.status === 'paused') cur = await resumeOn(tx, ctx, cur, { actorUserId: p.actorUserId });
    } else if (e === 'clock.restart') {
      if (cur.status === 'paused')
        cur = await resumeOn(tx, ctx, cur, { actorUserId: p.actorUserId, restart: true });
      else if (cur.clockStartedOn) {
        await writeDeadlines(tx, ctx, cur.id, { ...cur, clockStartedOn: today(ctx), pausedDays: 0 });
        cur = await reload(tx, cur.id);
      } else cur = await startClockOn(tx, ctx, cur, today(ctx), p.actorUserId);
    } else {
      const kind = e.slice('clock.pause:'.length);
      // Already stopped (another pause is open): the clock stands still either way.
      if (isPauseKind(kind) && cur.status === 'open')
        cur = await pauseOn(tx, ctx, cur, {
          kind,
          reason: p.reason,
          expectedDays: p.expectedDays ?? null,
          actorUserId: p.actorUserId,
          stepKey: p.stepKey,
        });
    }
  }
  return cur;
}

// ---------------------------------------------------------------- moving tokens

interface Run {
  c: CaseRecord;
  def: ProcessDefinition;
  hooks: CaseTypeHooks | undefined;
  actorUserId: string | null;
  entered: string[];
}

async function openTask(
  tx: Tx,
  ctx: AppContext,
  run: Run,
  step: StepDef,
  forkId: string | null,
  override?: {
    assignee: { type: 'user'; userId: string } | { type: 'unit'; orgId: string };
    dueDate: string | null;
    warnOn: string | null;
    /** The day the kept deadline counts from, and whether it is provisional (recompute.ts). */
    deadlineFrom: string | null;
    provisional: boolean;
  },
): Promise<string> {
  const a = override?.assignee ?? step.assignee;
  if (!a) throw new Error(`task step ${step.key} without assignee`);
  let roleCode: string | null = null;
  let orgId: string | null = null;
  let userId: string | null = null;
  if (a.type === 'role') {
    roleCode = a.role;
    orgId = a.orgId ?? run.c.orgId;
  } else if (a.type === 'unit') orgId = a.orgId;
  else userId = a.userId;
  let orgPath: string | null = null;
  if (orgId) {
    const o = await maybeOne<{ path: string }>(tx, 'SELECT path FROM idn_org WHERE id = $1', [orgId]);
    if (!o)
      throw workflowErrors.ORG_NOT_FOUND(undefined, `步骤“${step.name}”指定的办理单位不存在，请修改办理流程`);
    orgPath = o.path;
  }
  const due = override
    ? {
        dueDate: override.dueDate,
        warnOn: override.warnOn,
        provisional: override.provisional,
        from: override.deadlineFrom,
      }
    : { ...(await stepDeadline(ctx, today(ctx), step.limit)), from: step.limit ? today(ctx) : null };
  const id = newId();
  await tx.query(
    `INSERT INTO wf_task (id, case_id, step_key, step_name, fork_id, assignee_type, role_code, org_id, org_path,
                          user_id, opened_at, limit_days, limit_unit, due_date, warn_on, deadline_from,
                          deadline_provisional)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
    [
      id,
      run.c.id,
      step.key,
      step.name,
      forkId,
      a.type,
      roleCode,
      orgId,
      orgPath,
      userId,
      ctx.clock.now(),
      step.limit?.days ?? null,
      step.limit?.unit ?? null,
      due.dueDate,
      due.warnOn,
      due.from,
      due.provisional,
    ],
  );
  await emitCaseEvent(tx, ctx, run.c, 'task.opened', { taskId: id, stepKey: step.key }, run.actorUserId);
  if (userId) {
    await ctx.notify.inbox(tx, {
      userId,
      title: `新的待办：${run.c.number} ${step.name}`,
      body: `办件“${run.c.subject}”已转至您办理（${step.name}）。`,
    });
  }
  return id;
}

async function enterStep(
  tx: Tx,
  ctx: AppContext,
  run: Run,
  key: string,
  forkId: string | null,
  outcome?: 'agree' | 'disagree',
): Promise<void> {
  const step = stepOf(run.def, key);
  if (step.type === 'join') return arriveAtJoin(tx, ctx, run, step, forkId, outcome ?? 'agree');
  run.entered.push(key);
  switch (step.type) {
    case 'task':
      await openTask(tx, ctx, run, step, forkId);
      await run.hooks?.onStepEntered?.(tx, ctx, run.c, step);
      return;
    case 'wait':
      await tx.query(
        `INSERT INTO wf_wait (id, case_id, step_key, step_name, signal, fork_id, opened_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [newId(), run.c.id, step.key, step.name, step.signal, forkId, ctx.clock.now()],
      );
      await run.hooks?.onStepEntered?.(tx, ctx, run.c, step);
      return;
    case 'fork': {
      const info = analyseForks(run.def).get(step.key);
      const join = info ? stepOf(run.def, info.join) : null;
      if (!join) throw new Error(`fork ${step.key} without join`);
      const id = newId();
      await tx.query(
        `INSERT INTO wf_fork (id, case_id, fork_key, join_key, mode, branches, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [id, run.c.id, step.key, join.key, join.mode ?? 'all', (step.next ?? []).length, ctx.clock.now()],
      );
      for (const first of step.next ?? []) await enterStep(tx, ctx, run, first, id);
      return;
    }
    case 'end':
      await completeCase(tx, ctx, run, step);
      return;
  }
}

async function cancelOpenWork(
  tx: Tx,
  ctx: AppContext,
  run: { c: CaseRecord; actorUserId: string | null },
  where: { forkId?: string },
): Promise<void> {
  const cond = where.forkId ? 'fork_id = $2' : 'TRUE';
  const params = where.forkId ? [run.c.id, where.forkId] : [run.c.id];
  const tasks = await tx.query<{ id: string; step_key: string; step_name: string }>(
    `UPDATE wf_task SET status = 'cancelled', acted_at = $${params.length + 1}
     WHERE case_id = $1 AND status = 'open' AND ${cond} RETURNING id, step_key, step_name`,
    [...params, ctx.clock.now()],
  );
  for (const t of tasks.rows) {
    await emitCaseEvent(
      tx,
      ctx,
      run.c,
      'task.closed',
      { taskId: t.id, action: null, cancelled: true },
      run.actorUserId,
    );
    await addTimeline(tx, run.c.id, {
      kind: 'task_cancelled',
      title: `撤销待办：${t.step_name}`,
      stepKey: t.step_key,
      stepName: t.step_name,
      public: false,
      at: ctx.clock.now(),
    });
  }
  await tx.query(
    `UPDATE wf_wait SET status = 'cancelled', closed_at = $${params.length + 1} WHERE case_id = $1 AND status = 'open' AND ${cond}`,
    [...params, ctx.clock.now()],
  );
}

async function arriveAtJoin(
  tx: Tx,
  ctx: AppContext,
  run: Run,
  join: StepDef,
  forkId: string | null,
  outcome: 'agree' | 'disagree',
): Promise<void> {
  if (!forkId) throw new Error(`join ${join.key} reached outside a fork`);
  const f = await one<{
    branches: number;
    arrived: number;
    agreed: number;
    mode: 'all' | 'any';
    status: string;
  }>(
    tx,
    `UPDATE wf_fork SET arrived = arrived + 1, agreed = agreed + $2 WHERE id = $1
     RETURNING branches, arrived, agreed, mode, status`,
    [forkId, outcome === 'agree' ? 1 : 0],
  );
  if (f.status !== 'open') return;
  let result: 'passed' | 'failed' | null = null;
  if (f.mode === 'all') {
    if (outcome === 'disagree') result = 'failed';
    else if (f.arrived >= f.branches) result = 'passed';
  } else if (outcome === 'agree') result = 'passed';
  else if (f.arrived >= f.branches) result = 'failed';
  if (!result) return;
  await tx.query(`UPDATE wf_fork SET status = 'joined', result = $2 WHERE id = $1`, [forkId, result]);
  // 或签 decided by one, or 会签 failed by one: the other branches' open work is withdrawn.
  await cancelOpenWork(tx, ctx, run, { forkId });
  const how = f.mode === 'all' ? '会签' : '或签';
  await addTimeline(tx, run.c.id, {
    kind: 'join',
    title: `${join.name}：${how}${result === 'passed' ? '通过' : '未通过'}`,
    stepKey: join.key,
    stepName: join.name,
    data: { result, branches: f.branches, arrived: f.arrived, agreed: f.agreed },
    at: ctx.clock.now(),
  });
  run.entered.push(join.key);
  const target = result === 'failed' && join.rejectTo ? join.rejectTo : (join.next ?? [])[0];
  if (target) await enterStep(tx, ctx, run, target, null);
}

async function completeCase(tx: Tx, ctx: AppContext, run: Run, end: StepDef): Promise<void> {
  await cancelOpenWork(tx, ctx, run, {});
  if (run.c.status === 'paused')
    run.c = await resumeOn(tx, ctx, run.c, { actorUserId: run.actorUserId, closing: true });
  const outcome = end.outcome ?? 'completed';
  await tx.query(
    `UPDATE wf_case SET status = 'completed', outcome = $2, completed_at = $3, updated_at = $3, row_version = row_version + 1
     WHERE id = $1`,
    [run.c.id, outcome, ctx.clock.now()],
  );
  await addTimeline(tx, run.c.id, {
    kind: 'completed',
    title: `办结：${end.name}`,
    stepKey: end.key,
    stepName: end.name,
    actorUserId: run.actorUserId,
    data: { outcome },
    at: ctx.clock.now(),
  });
  run.c = await reload(tx, run.c.id);
  await emitCaseEvent(tx, ctx, run.c, 'case.completed', { outcome }, run.actorUserId);
  await run.hooks?.onCompleted?.(tx, ctx, run.c, outcome, run.actorUserId);
}

// ---------------------------------------------------------------- opening a case

const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function normaliseQueryCode(code: string): string {
  return code.trim().toUpperCase();
}

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 8; i += 1) s += QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)];
  return s;
}

async function caseNumber(tx: Tx, ctx: AppContext, orgPath: string, receivedOn: string): Promise<string> {
  const pattern = ctx.config.caseNumberPattern || '{region}{yyyymmdd}{seq:6}';
  const r = await maybeOne<{ region_code: string }>(
    tx,
    `SELECT region_code FROM idn_org WHERE starts_with($1, path) AND region_code IS NOT NULL ORDER BY depth DESC LIMIT 1`,
    [orgPath],
  );
  const region = r?.region_code ?? '000000';
  const year = Number(receivedOn.slice(0, 4));
  const seq = await nextSequence(tx, 'case', pattern.includes('{region}') ? region : '*', year);
  return pattern
    .replaceAll('{region}', region)
    .replaceAll('{yyyymmdd}', receivedOn.replaceAll('-', ''))
    .replaceAll('{yyyy}', receivedOn.slice(0, 4))
    .replaceAll('{mm}', receivedOn.slice(5, 7))
    .replaceAll('{dd}', receivedOn.slice(8, 10))
    .replace(/\{seq(?::(\d{1,2}))?\}/g, (_m, n: string | undefined) =>
      String(seq).padStart(Number(n ?? 1), '0'),
    );
}

export interface OpenCaseInput {
  caseType: string;
  processCode: string;
  orgId: string;
  subject: string;
  applicantUserId?: string | null;
  applicantName?: string;
  refType?: string;
  refId?: string;
  data?: Record<string, unknown>;
  legal?: Limit | null;
  promised?: Limit | null;
  receivedOn?: string;
  clockStartsOn?: string | null;
  withQueryCode?: boolean;
  actorUserId: string | null;
}

export async function openCase(
  tx: Tx,
  ctx: AppContext,
  input: OpenCaseInput,
): Promise<{ case: CaseRecord; queryCode: string | null }> {
  const proc = await publishedVersionOf(tx, input.processCode);
  if (proc.caseType !== input.caseType) throw workflowErrors.PROCESS_CASE_TYPE_MISMATCH('processCode');
  const org = await maybeOne<{ path: string }>(tx, 'SELECT path FROM idn_org WHERE id = $1', [input.orgId]);
  if (!org) throw workflowErrors.ORG_NOT_FOUND('orgId');
  const subject = input.subject.trim().slice(0, 200) || '办件';
  const receivedOn = input.receivedOn ?? today(ctx);
  const number = await caseNumber(tx, ctx, org.path, receivedOn);
  const queryCode = input.withQueryCode ? newQueryCode() : null;
  const id = newId();
  const now = ctx.clock.now();
  await tx.query(
    `INSERT INTO wf_case (id, number, case_type, process_version_id, org_id, org_path, subject, applicant_user_id,
                          applicant_name, ref_type, ref_id, data, status, query_code_hash, query_code_enc, received_on,
                          legal_days, legal_unit, promised_days, promised_unit, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'open',$13,$14,$15,$16,$17,$18,$19,$20,$20)`,
    [
      id,
      number,
      input.caseType,
      proc.versionId,
      input.orgId,
      org.path,
      subject,
      input.applicantUserId ?? null,
      (input.applicantName ?? '').slice(0, 200),
      input.refType ?? null,
      input.refId ?? null,
      JSON.stringify(input.data ?? {}),
      queryCode ? ctx.pii.blindIndex('case-query', queryCode) : null,
      queryCode ? ctx.pii.encrypt(queryCode) : null,
      receivedOn,
      input.legal?.days ?? null,
      input.legal?.unit ?? null,
      input.promised?.days ?? null,
      input.promised?.unit ?? null,
      now,
    ],
  );
  let c = (await getCase(tx, id)) as CaseRecord;
  const byApplicant = !!input.applicantUserId && input.applicantUserId === input.actorUserId;
  await addTimeline(tx, id, {
    kind: 'opened',
    title: byApplicant ? '提交申请' : '收件',
    actorUserId: input.actorUserId,
    data: { number },
    at: now,
  });
  await emitCaseEvent(tx, ctx, c, 'case.opened', { number, orgId: input.orgId }, input.actorUserId);
  if (input.clockStartsOn) c = await startClockOn(tx, ctx, c, input.clockStartsOn, input.actorUserId);
  const run: Run = {
    c,
    def: proc.definition,
    hooks: caseTypeHooks(input.caseType),
    actorUserId: input.actorUserId,
    entered: [],
  };
  await enterStep(tx, ctx, run, proc.definition.start, null);
  await ctx.audit.record(tx, await actorForUser(tx, input.actorUserId), {
    action: 'case.open',
    objectType: 'case',
    objectId: id,
    summary: `办件 ${number}“${subject}”${byApplicant ? '提交申请' : '收件'}`,
  });
  return { case: await reload(tx, id), queryCode };
}

// ---------------------------------------------------------------- acting on tasks

export interface ActInput {
  action: string;
  comment?: string | null;
  data?: Record<string, unknown>;
}

async function resolveReturnTarget(
  tx: Tx,
  def: ProcessDefinition,
  task: TaskRow,
  action: ActionDef,
  data: Record<string, unknown>,
): Promise<string> {
  const raw = action.to ?? data.toStep;
  const field = action.to ? 'action' : 'data.toStep';
  if (typeof raw !== 'string' || raw === task.step_key) throw workflowErrors.RETURN_TARGET_INVALID(field);
  const target = def.steps.find((s) => s.key === raw);
  if (target?.type !== 'task' || !ancestorsOf(def, task.step_key).has(raw))
    throw workflowErrors.RETURN_TARGET_INVALID(field);
  const visited = await maybeOne(
    tx,
    `SELECT 1 FROM wf_task WHERE case_id = $1 AND step_key = $2 AND status = 'done' ${task.fork_id ? 'AND fork_id = $3' : ''} LIMIT 1`,
    task.fork_id ? [task.case_id, raw, task.fork_id] : [task.case_id, raw],
  );
  if (!visited) throw workflowErrors.RETURN_TARGET_INVALID(field);
  // Within a parallel branch a return stays in that branch; outside, it may not enter a branch.
  const branchOf = (key: string) => {
    for (const [fork, info] of analyseForks(def))
      for (const [i, members] of info.branches.entries()) if (members.has(key)) return `${fork}#${i}`;
    return null;
  };
  if (branchOf(raw) !== branchOf(task.step_key)) throw workflowErrors.RETURN_TARGET_INVALID(field);
  return raw;
}

async function resolveTransfer(
  tx: Tx,
  principal: Principal | null,
  task: TaskRow,
  data: Record<string, unknown>,
): Promise<{ assignee: { type: 'user'; userId: string } | { type: 'unit'; orgId: string }; label: string }> {
  const reach = principal ? reachOf(principal, 'task.handle') : ({ all: true } as const);
  const { userId, orgId } = data;
  if ((userId === undefined) === (orgId === undefined))
    throw workflowErrors.TRANSFER_TARGET_INVALID(
      'data',
      '请指定转办的人员（data.userId）或单位（data.orgId）之一',
    );
  if (userId !== undefined) {
    if (typeof userId !== 'string' || !UUID_RE.test(userId))
      throw workflowErrors.TRANSFER_TARGET_INVALID('data.userId');
    if (userId === principal?.userId || userId === task.user_id)
      throw workflowErrors.TRANSFER_TARGET_INVALID('data.userId', '不能转办给本人');
    const u = await maybeOne<{ display_name: string; org_path: string | null; handles: boolean }>(
      tx,
      `SELECT u.display_name, o.path AS org_path,
              EXISTS (SELECT 1 FROM idn_role_assignment a JOIN idn_role r ON r.id = a.role_id
                      WHERE a.user_id = u.id AND 'task.handle' = ANY (r.permissions)) AS handles
       FROM idn_user u LEFT JOIN idn_org o ON o.id = u.org_id
       WHERE u.id = $1 AND u.kind = 'staff' AND u.status = 'active'`,
      [userId],
    );
    if (!u?.handles || !u.org_path || !reach || !orgInReach(reach, u.org_path))
      throw workflowErrors.TRANSFER_TARGET_INVALID('data.userId');
    return { assignee: { type: 'user', userId }, label: u.display_name };
  }
  if (typeof orgId !== 'string' || !UUID_RE.test(orgId))
    throw workflowErrors.TRANSFER_TARGET_INVALID('data.orgId');
  if (task.assignee_type === 'unit' && task.org_id === orgId)
    throw workflowErrors.TRANSFER_TARGET_INVALID('data.orgId', '该任务已在此单位办理');
  const o = await maybeOne<{ name: string; path: string }>(
    tx,
    'SELECT name, path FROM idn_org WHERE id = $1',
    [orgId],
  );
  if (!o || !reach || !orgInReach(reach, o.path)) throw workflowErrors.TRANSFER_TARGET_INVALID('data.orgId');
  return { assignee: { type: 'unit', orgId }, label: o.name };
}

/** Applies one action to an open task of a locked case. */
async function applyAction(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  task: TaskRow,
  input: ActInput,
  who: { principal: Principal | null; actor: Actor },
): Promise<CaseRecord> {
  if (task.status !== 'open' || isClosed(c)) throw workflowErrors.TASK_ALREADY_HANDLED();
  const def = await definitionOfVersion(tx, c.processVersionId);
  const step = stepOf(def, task.step_key);
  const action = (step.actions ?? []).find((a) => a.key === input.action);
  if (!action)
    throw workflowErrors.ACTION_NOT_ALLOWED(
      'action',
      `步骤“${step.name}”不能执行“${String(input.action).slice(0, 40)}”，可执行：${(step.actions ?? []).map((a) => a.label).join('、')}`,
    );
  const comment = typeof input.comment === 'string' && input.comment.trim() ? input.comment.trim() : null;
  if (action.commentRequired && !comment)
    throw workflowErrors.COMMENT_REQUIRED('comment', `“${action.label}”须填写意见或理由`);
  const data = input.data ?? {};
  const kind = action.kind ?? 'forward';
  const returnTo = kind === 'return' ? await resolveReturnTarget(tx, def, task, action, data) : null;
  const transfer = kind === 'transfer' ? await resolveTransfer(tx, who.principal, task, data) : null;
  const actorUserId = who.actor.userId;
  const hooks = caseTypeHooks(c.caseType);
  const event = { case: c, task: toTaskRecord(task), action, comment, data, actorUserId };
  await hooks?.beforeAction?.(tx, ctx, event);

  const now = ctx.clock.now();
  await tx.query(
    `UPDATE wf_task SET status = 'done', action = $2, comment = $3, acted_by = $4, acted_at = $5 WHERE id = $1`,
    [task.id, action.key, comment, actorUserId, now],
  );
  await emitCaseEvent(tx, ctx, c, 'task.closed', { taskId: task.id, action: action.key }, actorUserId);
  const title =
    kind === 'transfer'
      ? `${step.name}：转办给${transfer?.label}`
      : kind === 'return'
        ? `${step.name}：${action.label}（退回至“${stepOf(def, returnTo as string).name}”）`
        : `${step.name}：${action.label}`;
  await addTimeline(tx, c.id, {
    kind: kind === 'forward' ? 'action' : kind,
    title,
    comment,
    actorUserId,
    stepKey: step.key,
    stepName: step.name,
    action: action.key,
    data,
    // Who a task went to is internal; the applicant sees the steps, not the desk.
    public: kind !== 'transfer',
    at: now,
  });
  const run: Run = { c, def, hooks, actorUserId, entered: [] };
  run.c = await applyEffects(tx, ctx, c, action.effects, {
    actorUserId,
    reason: comment ?? action.label,
    stepKey: step.key,
    expectedDays: typeof data.expectedDays === 'number' ? data.expectedDays : null,
  });
  if (transfer) {
    // The step's deadline does not restart because someone else now handles it.
    await openTask(tx, ctx, run, step, task.fork_id, {
      assignee: transfer.assignee,
      dueDate: task.due_date,
      warnOn: task.warn_on,
      deadlineFrom: task.deadline_from,
      provisional: task.deadline_provisional,
    });
    run.entered.push(step.key);
  } else if (returnTo) {
    await enterStep(tx, ctx, run, returnTo, task.fork_id);
  } else {
    await enterStep(tx, ctx, run, action.to as string, task.fork_id, action.outcome);
  }
  const after = await reload(tx, c.id);
  await hooks?.afterAction?.(tx, ctx, { ...event, case: after, enteredSteps: run.entered });
  await emitCaseEvent(
    tx,
    ctx,
    after,
    'case.transitioned',
    { taskId: task.id, action: action.key, fromStep: step.key, toSteps: run.entered },
    actorUserId,
  );
  await ctx.audit.record(tx, who.actor, {
    action: 'case.act',
    objectType: 'case',
    objectId: c.id,
    summary: `办件 ${c.number}：${title}`,
    changes: {
      step: { before: step.key, after: after.currentSteps.map((s) => s.key).join(',') || null },
      status: { before: c.status, after: after.status },
    },
  });
  return (await reload(tx, c.id)) as CaseRecord;
}

/**
 * A member of staff acts on a task (own transaction). Not a possible assignee → 404; the task no
 * longer open → 409; the action not allowed → 422.
 */
export async function actOnTask(
  ctx: AppContext,
  principal: Principal | null | undefined,
  taskId: string,
  input: ActInput,
  actor: Actor,
): Promise<{ case: CaseRecord }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(taskId)) throw workflowErrors.TASK_NOT_FOUND();
  return withTx(ctx.pool, async (tx) => {
    const peek = await getTaskRow(tx, taskId);
    if (!peek || !mayActOnTask(principal, peek)) throw workflowErrors.TASK_NOT_FOUND();
    const c = await mustGetLocked(tx, peek.case_id);
    const task = (await getTaskRow(tx, taskId, true)) as TaskRow;
    return { case: await applyAction(tx, ctx, c, task, input, { principal, actor }) };
  });
}

/** The same without principal checks, in the caller's transaction (jobs such as Art. 32 auto-accept). */
export async function actOnTaskAsSystem(
  tx: Tx,
  ctx: AppContext,
  taskId: string,
  input: ActInput,
): Promise<{ case: CaseRecord }> {
  const peek = await getTaskRow(tx, taskId);
  if (!peek) throw workflowErrors.TASK_NOT_FOUND();
  const c = await mustGetLocked(tx, peek.case_id);
  const task = (await getTaskRow(tx, taskId, true)) as TaskRow;
  return { case: await applyAction(tx, ctx, c, task, input, { principal: null, actor: systemActor }) };
}

/** Marks a task as taken by the caller (shown in everyone's inbox); another's claim → 409. */
export async function claimTask(
  ctx: AppContext,
  principal: Principal | null | undefined,
  taskId: string,
  actor: Actor,
): Promise<{ taskId: string; claimedBy: string }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  if (!UUID_RE.test(taskId)) throw workflowErrors.TASK_NOT_FOUND();
  return withTx(ctx.pool, async (tx) => {
    const task = await getTaskRow(tx, taskId, true);
    if (!task || !mayActOnTask(principal, task)) throw workflowErrors.TASK_NOT_FOUND();
    if (task.status !== 'open') throw workflowErrors.TASK_ALREADY_HANDLED();
    if (task.claimed_by && task.claimed_by !== principal.userId) throw workflowErrors.TASK_CLAIMED();
    if (!task.claimed_by) {
      await tx.query('UPDATE wf_task SET claimed_by = $2, claimed_at = $3 WHERE id = $1', [
        taskId,
        principal.userId,
        ctx.clock.now(),
      ]);
      await ctx.audit.record(tx, actor, {
        action: 'task.claim',
        objectType: 'task',
        objectId: taskId,
        summary: `签收待办“${task.step_name}”`,
      });
    }
    return { taskId, claimedBy: principal.userId };
  });
}

// ---------------------------------------------------------------- signals, clocks, cancellation

const SIGNAL_TITLES: Record<string, string> = {
  [SIGNAL_RESUBMITTED]: '申请人提交补正材料',
  [SIGNAL_FEE_PAID]: '缴费完成',
};

export async function signalCase(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  signal: string,
  input: { actorUserId: string | null; comment?: string | null; data?: Record<string, unknown> },
): Promise<CaseRecord> {
  const c = await mustGetLocked(tx, caseId);
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  const waits = await tx.query<{ id: string; step_key: string; fork_id: string | null }>(
    `UPDATE wf_wait SET status = 'done', closed_at = $3 WHERE case_id = $1 AND signal = $2 AND status = 'open'
     RETURNING id, step_key, fork_id`,
    [caseId, signal, ctx.clock.now()],
  );
  if (waits.rows.length === 0) throw workflowErrors.SIGNAL_NOT_EXPECTED();
  const def = await definitionOfVersion(tx, c.processVersionId);
  const run: Run = { c, def, hooks: caseTypeHooks(c.caseType), actorUserId: input.actorUserId, entered: [] };
  for (const w of waits.rows) {
    const step = stepOf(def, w.step_key);
    await addTimeline(tx, caseId, {
      kind: 'signal',
      title: SIGNAL_TITLES[signal] ?? `${step.name}：已完成`,
      comment: input.comment ?? null,
      actorUserId: input.actorUserId,
      stepKey: step.key,
      stepName: step.name,
      action: signal,
      data: input.data ?? {},
      at: ctx.clock.now(),
    });
    run.c = await applyEffects(tx, ctx, run.c, step.effects, {
      actorUserId: input.actorUserId,
      reason: step.name,
      stepKey: step.key,
    });
    const from = run.entered.length;
    await enterStep(tx, ctx, run, (step.next ?? [])[0] as string, w.fork_id);
    await emitCaseEvent(
      tx,
      ctx,
      run.c,
      'case.transitioned',
      { taskId: null, action: signal, fromStep: step.key, toSteps: run.entered.slice(from) },
      input.actorUserId,
    );
  }
  await ctx.audit.record(tx, await actorForUser(tx, input.actorUserId), {
    action: 'case.signal',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number}：${SIGNAL_TITLES[signal] ?? signal}`,
  });
  return reload(tx, caseId);
}

export async function pauseClock(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  p: {
    kind: PauseKind;
    reason: string;
    expectedDays?: number | null;
    actorUserId: string | null;
    auditActor?: Actor;
  },
): Promise<CaseRecord> {
  const c = await mustGetLocked(tx, caseId);
  if (!isPauseKind(p.kind)) throw platformErrors.UNPROCESSABLE('kind', '暂停类型不正确');
  const after = await pauseOn(tx, ctx, c, p);
  await ctx.audit.record(tx, p.auditActor ?? (await actorForUser(tx, p.actorUserId)), {
    action: 'case.pause',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} 暂停计时（${PAUSE_KIND_NAMES[p.kind]}）：${p.reason}`,
  });
  return after;
}

export async function resumeClock(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  p: { actorUserId: string | null; restart?: boolean; auditActor?: Actor },
): Promise<CaseRecord> {
  const c = await mustGetLocked(tx, caseId);
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  const after = await resumeOn(tx, ctx, c, { actorUserId: p.actorUserId, restart: !!p.restart });
  await ctx.audit.record(tx, p.auditActor ?? (await actorForUser(tx, p.actorUserId)), {
    action: 'case.resume',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} 恢复计时${p.restart ? '（期限重新计算）' : ''}`,
    changes: {
      legalDeadline: { before: c.legalDeadline, after: after.legalDeadline },
      promisedDeadline: { before: c.promisedDeadline, after: after.promisedDeadline },
    },
  });
  return after;
}

/**
 * Starts (or moves) the clock to `on` — e.g. Art. 32: a case not decided on within 5 working days
 * counts as accepted on the receipt date. The effect 'clock.start' never moves a started clock; this does.
 */
export async function startClock(tx: Tx, ctx: AppContext, caseId: string, on: string): Promise<CaseRecord> {
  const c = await mustGetLocked(tx, caseId);
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  if (c.clockStartedOn === on) return c;
  const after = await startClockOn(tx, ctx, c, on, null);
  await ctx.audit.record(tx, systemActor, {
    action: 'case.clock_start',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} 自 ${on} 起计算办理期限`,
    changes: { clockStartedOn: { before: c.clockStartedOn, after: on } },
  });
  return after;
}

/** Withdrawal (撤回) or any other end without a decision: open work is withdrawn, the clock stops. */
export async function cancelCase(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  p: { reason: string; actorUserId: string | null; auditActor?: Actor },
): Promise<CaseRecord> {
  let c = await mustGetLocked(tx, caseId);
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  const run = { c, actorUserId: p.actorUserId };
  await cancelOpenWork(tx, ctx, run, {});
  await tx.query(`UPDATE wf_fork SET status = 'cancelled' WHERE case_id = $1 AND status = 'open'`, [caseId]);
  if (c.status === 'paused') c = await resumeOn(tx, ctx, c, { actorUserId: p.actorUserId, closing: true });
  await tx.query(
    `UPDATE wf_case SET status = 'cancelled', outcome = 'withdrawn', completed_at = $2, updated_at = $2,
            row_version = row_version + 1 WHERE id = $1`,
    [caseId, ctx.clock.now()],
  );
  const byApplicant = !!c.applicantUserId && c.applicantUserId === p.actorUserId;
  await addTimeline(tx, caseId, {
    kind: 'cancelled',
    title: byApplicant ? '申请人撤回申请' : '办件已撤销',
    comment: p.reason || null,
    actorUserId: p.actorUserId,
    at: ctx.clock.now(),
  });
  const after = await reload(tx, caseId);
  await emitCaseEvent(tx, ctx, after, 'case.cancelled', { reason: p.reason }, p.actorUserId);
  await ctx.audit.record(tx, p.auditActor ?? (await actorForUser(tx, p.actorUserId)), {
    action: 'case.cancel',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} ${byApplicant ? '由申请人撤回' : '撤销'}：${p.reason}`,
  });
  return after;
}

export { isClosed, mustGetLocked, reload, writeDeadlines as _writeDeadlines };
