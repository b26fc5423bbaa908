// Process definitions as data (ARCHITECTURE §3): the validation that stands between the designer and
// a published version (the types every process is written in live in apps/shared/process.ts). A
// definition that passes here can always be run: every step is reachable, every path ends, every
// fork has one join.
import {
  type ActionDef,
  type Assignee,
  analyseForks,
  type DayUnit,
  type DefinitionProblem,
  type Effect,
  forwardTargets,
  isEffect,
  STEP_KEY_RE as KEY_RE,
  type Limit,
  OUTCOME_RE,
  PAUSE_KIND_NAMES,
  type ProcessDefinition,
  SIGNAL_RE,
  STEP_TYPES,
  type StepDef,
} from '../../../../shared/process.ts';

// The vocabulary lives in apps/shared (the console's designer speaks it too); re-exported for the
// engine and the other modules.
export type {
  ActionDef,
  ActionKind,
  Assignee,
  DayUnit,
  DefinitionProblem,
  Effect,
  Limit,
  PauseKind,
  ProcessDefinition,
  StepDef,
  StepType,
} from '../../../../shared/process.ts';
export { analyseForks, isEffect, isPauseKind, PAUSE_KIND_NAMES } from '../../../../shared/process.ts';

const STEP_TYPE_NAMES: Record<StepDef['type'], string> = {
  task: '办理',
  fork: '并行分支',
  join: '并行汇聚',
  wait: '等待',
  end: '结束',
};
const CODE_RE = /^[a-z][a-z0-9_.]{1,62}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STEPS = 200;
const MAX_ACTIONS = 20;
const MAX_LIMIT_DAYS = 3650;

const STEP_FIELDS: Record<StepDef['type'], readonly string[]> = {
  task: ['key', 'name', 'type', 'assignee', 'actions', 'limit', 'position'],
  fork: ['key', 'name', 'type', 'next', 'position'],
  join: ['key', 'name', 'type', 'next', 'mode', 'rejectTo', 'position'],
  wait: ['key', 'name', 'type', 'next', 'signal', 'effects', 'position'],
  end: ['key', 'name', 'type', 'outcome', 'position'],
};
const ACTION_FIELDS = ['key', 'label', 'kind', 'to', 'outcome', 'commentRequired', 'effects'];

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmptyText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= max;
}

function checkEffects(v: unknown, path: string, out: DefinitionProblem[]): Effect[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    out.push({ path, message: '时钟效果应为列表' });
    return undefined;
  }
  const effects: Effect[] = [];
  v.forEach((e, i) => {
    if (isEffect(e)) effects.push(e);
    else
      out.push({
        path: `${path}[${i}]`,
        message: `未知的时钟效果“${String(e)}”，可用：clock.start、clock.resume、clock.restart、clock.pause:<暂停类型>（${Object.keys(PAUSE_KIND_NAMES).join('、')}）`,
      });
  });
  return effects;
}

function checkLimit(v: unknown, path: string, out: DefinitionProblem[]): Limit | undefined {
  if (v === undefined) return undefined;
  if (
    !isObj(v) ||
    !Number.isInteger(v.days) ||
    (v.days as number) < 1 ||
    (v.days as number) > MAX_LIMIT_DAYS ||
    (v.unit !== 'working' && v.unit !== 'natural') ||
    Object.keys(v).some((k) => k !== 'days' && k !== 'unit')
  ) {
    out.push({
      path,
      message: `时限应为 {days: 1–${MAX_LIMIT_DAYS} 的整数, unit: 'working'（工作日）或 'natural'（自然日）}`,
    });
    return undefined;
  }
  return { days: v.days as number, unit: v.unit as DayUnit };
}

function checkAssignee(v: unknown, path: string, out: DefinitionProblem[]): Assignee | undefined {
  if (v === undefined) {
    out.push({ path, message: '办理步骤必须指定办理人（角色、单位或人员）' });
    return undefined;
  }
  if (!isObj(v)) {
    out.push({ path, message: '办理人格式不正确' });
    return undefined;
  }
  const extra = (allowed: string[]) => {
    for (const k of Object.keys(v))
      if (!allowed.includes(k)) out.push({ path: `${path}.${k}`, message: `办理人不支持字段“${k}”` });
  };
  if (v.type === 'role') {
    extra(['type', 'role', 'orgId']);
    if (typeof v.role !== 'string' || !CODE_RE.test(v.role)) {
      out.push({ path: `${path}.role`, message: '角色代码格式不正确' });
      return undefined;
    }
    if (v.orgId !== undefined && (typeof v.orgId !== 'string' || !UUID_RE.test(v.orgId))) {
      out.push({ path: `${path}.orgId`, message: '单位标识格式不正确' });
      return undefined;
    }
    return v.orgId === undefined
      ? { type: 'role', role: v.role }
      : { type: 'role', role: v.role, orgId: v.orgId as string };
  }
  if (v.type === 'unit') {
    extra(['type', 'orgId']);
    if (typeof v.orgId !== 'string' || !UUID_RE.test(v.orgId)) {
      out.push({ path: `${path}.orgId`, message: '请指定办理单位' });
      return undefined;
    }
    return { type: 'unit', orgId: v.orgId };
  }
  if (v.type === 'user') {
    extra(['type', 'userId']);
    if (typeof v.userId !== 'string' || !UUID_RE.test(v.userId)) {
      out.push({ path: `${path}.userId`, message: '请指定办理人员' });
      return undefined;
    }
    return { type: 'user', userId: v.userId };
  }
  out.push({
    path: `${path}.type`,
    message: "办理人类型应为 'role'（角色）、'unit'（单位）或 'user'（人员）",
  });
  return undefined;
}

/** Steps from which `target` can be reached by forward moves (its predecessors, transitively). */
export function ancestorsOf(def: ProcessDefinition, target: string): Set<string> {
  const preds = new Map<string, string[]>();
  for (const s of def.steps)
    for (const t of forwardTargets(s)) preds.set(t, [...(preds.get(t) ?? []), s.key]);
  const seen = new Set<string>();
  const stack = [...(preds.get(target) ?? [])];
  while (stack.length) {
    const k = stack.pop() as string;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(preds.get(k) ?? []));
  }
  return seen;
}

/**
 * Checks a definition from the designer or from code. Problems are in Chinese with a path such as
 * `steps[2].actions[0].to`, so the designer can point at the field.
 */
export function validateDefinition(
  def: unknown,
): { ok: true; definition: ProcessDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const out: DefinitionProblem[] = [];
  if (!isObj(def)) return { ok: false, problems: [{ path: '', message: '流程定义应为对象 {start, steps}' }] };
  for (const k of Object.keys(def))
    if (k !== 'start' && k !== 'steps') out.push({ path: k, message: `流程定义不支持字段“${k}”` });
  if (!Array.isArray(def.steps) || def.steps.length === 0) {
    out.push({ path: 'steps', message: '流程至少需要一个步骤' });
    return { ok: false, problems: out };
  }
  if (def.steps.length > MAX_STEPS) {
    out.push({ path: 'steps', message: `步骤不能超过 ${MAX_STEPS} 个` });
    return { ok: false, problems: out };
  }

  // Pass 1: the shape of each step and action.
  const steps: StepDef[] = [];
  const indexOf = new Map<string, number>();
  def.steps.forEach((raw, i) => {
    const path = `steps[${i}]`;
    if (!isObj(raw)) {
      out.push({ path, message: '步骤应为对象' });
      return;
    }
    const key = raw.key;
    if (typeof key !== 'string' || !KEY_RE.test(key)) {
      out.push({
        path: `${path}.key`,
        message: '步骤代码应以字母开头，由字母、数字、下划线或连字符组成，最长 40 个字符',
      });
      return;
    }
    if (indexOf.has(key)) {
      out.push({
        path: `${path}.key`,
        message: `步骤代码“${key}”重复（与 steps[${indexOf.get(key)}] 相同）`,
      });
      return;
    }
    indexOf.set(key, i);
    if (!nonEmptyText(raw.name, 50))
      out.push({ path: `${path}.name`, message: '请填写步骤名称（最长 50 个字符）' });
    if (!STEP_TYPES.includes(raw.type as StepDef['type'])) {
      out.push({ path: `${path}.type`, message: '步骤类型应为 task、fork、join、wait 或 end' });
      return;
    }
    const type = raw.type as StepDef['type'];
    for (const k of Object.keys(raw))
      if (!STEP_FIELDS[type].includes(k))
        out.push({ path: `${path}.${k}`, message: `${STEP_TYPE_NAMES[type]}步骤不支持字段“${k}”` });
    const step: StepDef = { key, name: typeof raw.name === 'string' ? raw.name : key, type };
    if (raw.position !== undefined) {
      const p = raw.position;
      if (isObj(p) && Number.isFinite(p.x) && Number.isFinite(p.y) && Object.keys(p).length === 2)
        step.position = { x: p.x as number, y: p.y as number };
      else out.push({ path: `${path}.position`, message: '图中位置应为 {x, y} 数值' });
    }
    if (raw.next !== undefined) {
      if (!Array.isArray(raw.next) || raw.next.some((n) => typeof n !== 'string'))
        out.push({ path: `${path}.next`, message: '后续步骤应为步骤代码的列表' });
      else step.next = raw.next as string[];
    }
    if (type === 'task') {
      const a = checkAssignee(raw.assignee, `${path}.assignee`, out);
      if (a) step.assignee = a;
      const limit = checkLimit(raw.limit, `${path}.limit`, out);
      if (limit) step.limit = limit;
      if (!Array.isArray(raw.actions) || raw.actions.length === 0) {
        out.push({ path: `${path}.actions`, message: '办理步骤至少需要一个操作' });
      } else if (raw.actions.length > MAX_ACTIONS) {
        out.push({ path: `${path}.actions`, message: `一个步骤的操作不能超过 ${MAX_ACTIONS} 个` });
      } else {
        const actions: ActionDef[] = [];
        const seen = new Set<string>();
        raw.actions.forEach((ra, j) => {
          const ap = `${path}.actions[${j}]`;
          if (!isObj(ra)) {
            out.push({ path: ap, message: '操作应为对象' });
            return;
          }
          for (const k of Object.keys(ra))
            if (!ACTION_FIELDS.includes(k)) out.push({ path: `${ap}.${k}`, message: `操作不支持字段“${k}”` });
          if (typeof ra.key !== 'string' || !KEY_RE.test(ra.key)) {
            out.push({
              path: `${ap}.key`,
              message: '操作代码应以字母开头，由字母、数字、下划线或连字符组成',
            });
            return;
          }
          if (seen.has(ra.key)) {
            out.push({ path: `${ap}.key`, message: `操作代码“${ra.key}”在本步骤中重复` });
            return;
          }
          seen.add(ra.key);
          if (!nonEmptyText(ra.label, 20))
            out.push({ path: `${ap}.label`, message: '请填写操作名称（最长 20 个字符）' });
          const kind = ra.kind ?? 'forward';
          if (kind !== 'forward' && kind !== 'return' && kind !== 'transfer') {
            out.push({
              path: `${ap}.kind`,
              message: '操作类型应为 forward（流转）、return（退回）或 transfer（转办）',
            });
            return;
          }
          const action: ActionDef = { key: ra.key, label: typeof ra.label === 'string' ? ra.label : ra.key };
          if (ra.kind !== undefined) action.kind = kind;
          if (ra.to !== undefined) {
            if (typeof ra.to !== 'string') out.push({ path: `${ap}.to`, message: '目标步骤应为步骤代码' });
            else action.to = ra.to;
          }
          if (kind === 'forward' && ra.to === undefined)
            out.push({ path: `${ap}.to`, message: `操作“${action.label}”须指定流转到的步骤` });
          if (kind === 'transfer' && ra.to !== undefined)
            out.push({ path: `${ap}.to`, message: '转办不改变步骤，不能指定目标步骤' });
          if (ra.outcome !== undefined) {
            if (ra.outcome !== 'agree' && ra.outcome !== 'disagree')
              out.push({ path: `${ap}.outcome`, message: '会签意见应为 agree（同意）或 disagree（不同意）' });
            else action.outcome = ra.outcome;
          }
          if (ra.commentRequired !== undefined) {
            if (typeof ra.commentRequired !== 'boolean')
              out.push({ path: `${ap}.commentRequired`, message: '应为 true 或 false' });
            else action.commentRequired = ra.commentRequired;
          }
          const effects = checkEffects(ra.effects, `${ap}.effects`, out);
          if (effects) action.effects = effects;
          actions.push(action);
        });
        step.actions = actions;
      }
    }
    if (type === 'fork') {
      if (!step.next || step.next.length < 2)
        out.push({ path: `${path}.next`, message: '并行分支至少需要两个分支' });
      else if (new Set(step.next).size !== step.next.length)
        out.push({ path: `${path}.next`, message: '并行分支中有重复的分支' });
    }
    if (type === 'join') {
      if (step.next?.length !== 1)
        out.push({ path: `${path}.next`, message: '并行汇聚须指定唯一的后续步骤' });
      if (raw.mode !== undefined && raw.mode !== 'all' && raw.mode !== 'any')
        out.push({
          path: `${path}.mode`,
          message: '汇聚方式应为 all（会签，全部同意）或 any（或签，一个同意即可）',
        });
      else step.mode = (raw.mode as 'all' | 'any' | undefined) ?? 'all';
      if (raw.rejectTo !== undefined) {
        if (typeof raw.rejectTo !== 'string') out.push({ path: `${path}.rejectTo`, message: '应为步骤代码' });
        else step.rejectTo = raw.rejectTo;
      }
    }
    if (type === 'wait') {
      if (typeof raw.signal !== 'string' || !SIGNAL_RE.test(raw.signal))
        out.push({
          path: `${path}.signal`,
          message: "等待步骤须指定唤醒信号，例如 'applicant.resubmitted'、'fee.paid'",
        });
      else step.signal = raw.signal;
      if (step.next?.length !== 1)
        out.push({ path: `${path}.next`, message: '等待步骤须指定唯一的后续步骤' });
      const effects = checkEffects(raw.effects, `${path}.effects`, out);
      if (effects) step.effects = effects;
    }
    if (type === 'end') {
      if (typeof raw.outcome !== 'string' || !OUTCOME_RE.test(raw.outcome))
        out.push({
          path: `${path}.outcome`,
          message: "结束步骤须指定办理结果代码，例如 'approved'、'denied'",
        });
      else step.outcome = raw.outcome;
    }
    steps.push(step);
  });

  const byKey = new Map(steps.map((s) => [s.key, s]));
  const pathOf = (k: string) => `steps[${indexOf.get(k)}]`;

  // Pass 2: every reference names an existing step of a fitting type.
  if (typeof def.start !== 'string' || !indexOf.has(def.start)) {
    out.push({
      path: 'start',
      message: typeof def.start === 'string' ? `开始步骤“${def.start}”不存在` : '请指定开始步骤',
    });
  } else {
    const st = byKey.get(def.start);
    if (st && (st.type === 'join' || st.type === 'end'))
      out.push({ path: 'start', message: '开始步骤不能是汇聚或结束步骤' });
  }
  const refOk = (k: string, path: string): boolean => {
    if (!byKey.has(k)) {
      out.push({ path, message: `步骤“${k}”不存在` });
      return false;
    }
    return true;
  };
  for (const s of steps) {
    const p = pathOf(s.key);
    (s.next ?? []).forEach((n, i) => {
      if (refOk(n, `${p}.next[${i}]`) && n === s.key)
        out.push({ path: `${p}.next[${i}]`, message: '步骤不能流转到自身' });
    });
    if (s.rejectTo !== undefined) refOk(s.rejectTo, `${p}.rejectTo`);
    (s.actions ?? []).forEach((a, j) => {
      if (a.to === undefined) return;
      const ap = `${p}.actions[${j}].to`;
      if (!refOk(a.to, ap)) return;
      if (a.to === s.key && (a.kind ?? 'forward') !== 'transfer')
        out.push({ path: ap, message: '操作不能流转或退回到本步骤' });
    });
  }
  if (out.length > 0) return { ok: false, problems: out };

  const start = def.start as string;
  const definition: ProcessDefinition = { start, steps };

  // Pass 3: the graph. Reachable from the start…
  const reachable = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const k = stack.pop() as string;
    if (reachable.has(k)) continue;
    reachable.add(k);
    stack.push(...forwardTargets(byKey.get(k) as StepDef));
  }
  for (const s of steps)
    if (!reachable.has(s.key))
      out.push({ path: pathOf(s.key), message: `步骤“${s.name}”无法从开始步骤到达` });

  // …and every reachable step can still reach an end.
  const canEnd = new Set(steps.filter((s) => s.type === 'end').map((s) => s.key));
  if (canEnd.size === 0) out.push({ path: 'steps', message: '流程至少需要一个结束步骤' });
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of steps) {
      if (canEnd.has(s.key)) continue;
      const targets = forwardTargets(s);
      // A fork ends only when all its branches do (they all lead to the join).
      const ok =
        s.type === 'fork'
          ? targets.length > 0 && targets.every((t) => canEnd.has(t))
          : targets.some((t) => canEnd.has(t));
      if (ok) {
        canEnd.add(s.key);
        grew = true;
      }
    }
  }
  for (const s of steps)
    if (reachable.has(s.key) && !canEnd.has(s.key))
      out.push({ path: pathOf(s.key), message: `从步骤“${s.name}”出发无法到达任何结束步骤` });

  // Returns go back to an earlier step (one from which this step is reached).
  for (const s of steps) {
    (s.actions ?? []).forEach((a, j) => {
      if (a.kind !== 'return' || !a.to) return;
      if (!ancestorsOf(definition, s.key).has(a.to))
        out.push({
          path: `${pathOf(s.key)}.actions[${j}].to`,
          message: `只能退回到之前的步骤，“${byKey.get(a.to)?.name}”不在“${s.name}”之前`,
        });
      else if (byKey.get(a.to)?.type !== 'task')
        out.push({ path: `${pathOf(s.key)}.actions[${j}].to`, message: '只能退回到办理步骤' });
    });
  }

  // Forks: each branch reaches exactly one join, the same for all branches; no nesting; branches disjoint.
  const forks = analyseForks(definition);
  const inBranch = new Map<string, { fork: string; branch: number }>();
  const joinOwner = new Map<string, string>();
  for (const [forkKey, info] of forks) {
    const fork = byKey.get(forkKey) as StepDef;
    const fp = pathOf(forkKey);
    const joinsPerBranch: Set<string>[] = [];
    info.branches.forEach((members, bi) => {
      const first = (fork.next ?? [])[bi] as string;
      const firstStep = byKey.get(first) as StepDef;
      if (firstStep.type !== 'task' && firstStep.type !== 'wait')
        out.push({ path: `${fp}.next[${bi}]`, message: '每个分支的第一个步骤应为办理或等待步骤' });
      const joins = new Set<string>();
      for (const m of members) {
        const ms = byKey.get(m) as StepDef;
        if (ms.type === 'fork')
          out.push({
            path: pathOf(m),
            message: `不支持嵌套的并行分支（“${ms.name}”位于“${fork.name}”的分支内）`,
          });
        if (ms.type === 'end')
          out.push({
            path: pathOf(m),
            message: `并行分支内不能结束流程（“${ms.name}”位于“${fork.name}”的分支内）`,
          });
        const other = inBranch.get(m);
        if (other && (other.fork !== forkKey || other.branch !== bi))
          out.push({ path: pathOf(m), message: `步骤“${ms.name}”同时属于多个分支` });
        inBranch.set(m, { fork: forkKey, branch: bi });
        for (const t of forwardTargets(ms)) if (byKey.get(t)?.type === 'join') joins.add(t);
      }
      if (firstStep.type === 'join') joins.add(first);
      joinsPerBranch.push(joins);
      if (joins.size === 0)
        out.push({ path: `${fp}.next[${bi}]`, message: `分支“${firstStep.name}”没有汇聚到并行汇聚步骤` });
      if (joins.size > 1)
        out.push({ path: `${fp}.next[${bi}]`, message: `分支“${firstStep.name}”汇聚到了多个汇聚步骤` });
    });
    const all = new Set(joinsPerBranch.flatMap((j) => [...j]));
    if (all.size > 1) out.push({ path: fp, message: `“${fork.name}”的各分支须汇聚到同一个汇聚步骤` });
    const join = [...all][0];
    if (join) {
      const prev = joinOwner.get(join);
      if (prev && prev !== forkKey)
        out.push({ path: pathOf(join), message: '一个汇聚步骤只能对应一个并行分支步骤' });
      joinOwner.set(join, forkKey);
    }
  }
  for (const s of steps) {
    if (s.type !== 'join') continue;
    if (!joinOwner.has(s.key)) {
      out.push({ path: pathOf(s.key), message: `汇聚步骤“${s.name}”没有对应的并行分支步骤` });
      continue;
    }
    const forkKey = joinOwner.get(s.key) as string;
    for (const t of [...(s.next ?? []), ...(s.rejectTo ? [s.rejectTo] : [])])
      if (inBranch.get(t)?.fork === forkKey)
        out.push({ path: pathOf(s.key), message: '汇聚后的步骤不能位于其分支之内' });
    const branchSteps = [...inBranch]
      .filter(([, b]) => b.fork === forkKey)
      .map(([k]) => byKey.get(k) as StepDef);
    const disagree = branchSteps.some((b) => (b.actions ?? []).some((a) => a.outcome === 'disagree'));
    if (disagree && !s.rejectTo)
      out.push({
        path: `${pathOf(s.key)}.rejectTo`,
        message: '分支中有“不同意”的操作，须指定汇聚不通过时流转到的步骤',
      });
  }
  // Inside a branch, moves stay in the branch (or reach its join); outside, outcomes mean nothing.
  for (const s of steps) {
    const b = inBranch.get(s.key);
    (s.actions ?? []).forEach((a, j) => {
      const ap = `${pathOf(s.key)}.actions[${j}]`;
      if (a.outcome && !b) out.push({ path: `${ap}.outcome`, message: '会签意见只适用于并行分支内的操作' });
      if (!a.to || !b) return;
      const tb = inBranch.get(a.to);
      const isJoin = joinOwner.get(a.to) === b.fork;
      if (!isJoin && (!tb || tb.fork !== b.fork || tb.branch !== b.branch))
        out.push({ path: `${ap}.to`, message: '并行分支内的操作只能流转到本分支的步骤或其汇聚步骤' });
    });
    if (s.type === 'wait' && b) {
      const t = (s.next ?? [])[0] as string;
      const tb = inBranch.get(t);
      if (joinOwner.get(t) !== b.fork && (!tb || tb.fork !== b.fork || tb.branch !== b.branch))
        out.push({
          path: `${pathOf(s.key)}.next`,
          message: '并行分支内的步骤只能流转到本分支的步骤或其汇聚步骤',
        });
    }
  }
  // A branch member reached from outside the fork would run without a fork instance.
  for (const s of steps) {
    if (inBranch.has(s.key)) continue;
    for (const t of forwardTargets(s)) {
      const tb = inBranch.get(t);
      if (tb && !(s.type === 'fork' && s.key === tb.fork))
        out.push({
          path: pathOf(s.key),
          message: `步骤“${byKey.get(t)?.name}”位于并行分支内，只能经由“${byKey.get(tb.fork)?.name}”进入`,
        });
      if (joinOwner.has(t))
        out.push({ path: pathOf(s.key), message: `汇聚步骤“${byKey.get(t)?.name}”只能由其分支内的步骤到达` });
    }
  }
  if (definition.steps.find((s) => s.key === start && inBranch.has(s.key)))
    out.push({ path: 'start', message: '开始步骤不能位于并行分支内' });

  return out.length > 0 ? { ok: false, problems: dedupe(out) } : { ok: true, definition };
}

function dedupe(ps: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function stepOf(def: ProcessDefinition, key: string): StepDef {
  const s = def.steps.find((x) => x.key === key);
  if (!s) throw new Error(`step ${key} not in definition`);
  return s;
}
