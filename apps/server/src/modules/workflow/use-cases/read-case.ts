// One case in full for the console: the case, its timeline, open tasks with the actions the caller
// may take, pauses, extensions, and what else the caller may do with it.
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { many } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { mayActOnTask, mayReadCase } from '../engine/access.ts';
import { caseTimeline, getCase, type TaskRow } from '../engine/cases.ts';
import { type ExtensionRecord, extensionsOf } from '../engine/extensions.ts';
import { caseTypeHooks, definitionOfVersion } from '../engine/processes.ts';
import { ancestorsOf, PAUSE_KIND_NAMES, type PauseKind } from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';
import type { CaseRecord, Level, TimelineEntry } from '../workflow.types.ts';
import { type ActionView, actionViews, type CaseView, caseViews } from '../workflow.views.ts';

export interface CaseDetail {
  case: CaseView;
  timeline: TimelineEntry[];
  tasks: {
    id: string;
    stepKey: string;
    stepName: string;
    assigneeType: string;
    assigneeName: string;
    roleCode: string | null;
    orgId: string | null;
    userId: string | null;
    claimedBy: string | null;
    claimedByName: string | null;
    dueDate: string | null;
    level: Level;
    openedAt: string;
    mayAct: boolean;
    actions: ActionView[];
  }[];
  pauses: {
    id: string;
    kind: string;
    kindName: string;
    reason: string;
    startedOn: string;
    expectedDays: number | null;
    endedOn: string | null;
    countedDays: number | null;
  }[];
  extensions: ExtensionRecord[];
  permissions: { pause: boolean; resume: boolean; requestExtension: boolean; decideExtension: boolean };
}

/** Loads a case the caller may read, or 404. */
export async function readableCase(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<CaseRecord> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const c = UUID_RE.test(id) ? await getCase(ctx.pool, id) : null;
  if (!c || !(await mayReadCase(ctx.pool, principal, c))) throw workflowErrors.CASE_NOT_FOUND();
  return c;
}

/** Handlers: task.handle over the owning unit, or a possible assignee of one of its open tasks. */
export async function mayHandleCase(ctx: AppContext, principal: Principal, c: CaseRecord): Promise<boolean> {
  const reach = reachOf(principal, 'task.handle');
  if (!reach || principal.kind !== 'staff') return false;
  if (orgInReach(reach, c.orgPath)) return true;
  const tasks = await many<TaskRow>(
    ctx.pool,
    `SELECT * FROM wf_task WHERE case_id = $1 AND status = 'open'`,
    [c.id],
  );
  return tasks.some((t) => mayActOnTask(principal, t));
}

export function mayDecideExtension(principal: Principal, c: CaseRecord): boolean {
  const reach = reachOf(principal, 'case.extend.approve');
  return principal.kind === 'staff' && !!reach && orgInReach(reach, c.orgPath);
}

export async function readCase(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<CaseDetail> {
  const c = await readableCase(ctx, principal, id);
  const p = principal as Principal;
  const staff = p.kind === 'staff';
  const [view] = await caseViews(ctx.pool, [c]);
  const def = await definitionOfVersion(ctx.pool, c.processVersionId);
  const rows = await many<
    TaskRow & {
      claimed_by_name: string | null;
      role_name: string | null;
      org_name: string | null;
      user_name: string | null;
    }
  >(
    ctx.pool,
    `SELECT t.*, cu.display_name AS claimed_by_name, r.name AS role_name, o.name AS org_name, u.display_name AS user_name
     FROM wf_task t LEFT JOIN idn_user cu ON cu.id = t.claimed_by LEFT JOIN idn_role r ON r.code = t.role_code
     LEFT JOIN idn_org o ON o.id = t.org_id LEFT JOIN idn_user u ON u.id = t.user_id
     WHERE t.case_id = $1 AND t.status = 'open' ORDER BY t.opened_at, t.id`,
    [c.id],
  );
  const visited = staff
    ? await many<{ step_key: string; fork_id: string | null }>(
        ctx.pool,
        `SELECT DISTINCT step_key, fork_id FROM wf_task WHERE case_id = $1 AND status = 'done'`,
        [c.id],
      )
    : [];
  const tasks = rows.map((t) => {
    const mayAct = staff && mayActOnTask(p, t);
    const step = def.steps.find((s) => s.key === t.step_key);
    const actions = mayAct
      ? actionViews(step).map((a) => {
          const defA = step?.actions?.find((x) => x.key === a.key);
          if (a.kind !== 'return' || defA?.to) return a;
          // Earlier steps this token has passed through (same branch, if in one).
          const earlier = ancestorsOf(def, t.step_key);
          const targets = visited
            .filter((v) => earlier.has(v.step_key) && v.fork_id === t.fork_id)
            .map((v) => ({
              key: v.step_key,
              name: def.steps.find((s) => s.key === v.step_key)?.name ?? v.step_key,
            }));
          return { ...a, returnTargets: targets };
        })
      : [];
    return {
      id: t.id,
      stepKey: t.step_key,
      stepName: t.step_name,
      assigneeType: t.assignee_type,
      assigneeName:
        t.assignee_type === 'user'
          ? (t.user_name ?? '')
          : t.assignee_type === 'unit'
            ? (t.org_name ?? '')
            : `${t.org_name ?? ''}${t.role_name ?? t.role_code ?? ''}`,
      roleCode: t.role_code,
      orgId: t.org_id,
      userId: t.user_id,
      claimedBy: t.claimed_by,
      claimedByName: t.claimed_by_name,
      dueDate: t.due_date,
      level: t.level,
      openedAt: t.opened_at.toISOString(),
      mayAct,
      actions,
    };
  });
  const pauses = await many<{
    id: string;
    kind: string;
    reason: string;
    started_on: string;
    expected_days: number | null;
    ended_on: string | null;
    counted_days: number | null;
  }>(ctx.pool, 'SELECT * FROM wf_pause WHERE case_id = $1 ORDER BY created_at, id', [c.id]);
  const open = c.status === 'open' || c.status === 'paused';
  const handle = staff && open && (await mayHandleCase(ctx, p, c));
  const extensions = staff ? await extensionsOf(ctx.pool, c.id) : [];
  return {
    case: view as CaseView,
    timeline: await caseTimeline(ctx.pool, c.id, { publicOnly: !staff }),
    tasks: staff ? tasks : [],
    pauses: pauses.map((x) => ({
      id: x.id,
      kind: x.kind,
      kindName: PAUSE_KIND_NAMES[x.kind as PauseKind] ?? x.kind,
      reason: x.reason,
      startedOn: x.started_on,
      expectedDays: x.expected_days,
      endedOn: x.ended_on,
      countedDays: x.counted_days,
    })),
    extensions,
    permissions: {
      pause: handle && c.status === 'open',
      resume: handle && c.status === 'paused',
      requestExtension:
        handle &&
        !!(c.legal ?? c.promised) &&
        !extensions.some((e) => e.status === 'requested') &&
        !caseTypeHooks(c.caseType)?.refuseGenericExtension?.(c),
      decideExtension:
        staff && open && mayDecideExtension(p, c) && extensions.some((e) => e.status === 'requested'),
    },
  };
}
