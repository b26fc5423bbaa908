// Pure helpers of the process designer: Chinese labels, the definition as sent to the server
// (fields irrelevant to a step's type dropped), renaming step keys with their references,
// mapping server problems to steps, and the graph the diagram draws.
import {
  analyseForks,
  isPauseKind,
  PAUSE_KIND_CODES,
  PAUSE_KIND_NAMES,
  PROCESS_CODE_RE,
  STEP_KEY_RE,
} from '../../../../shared/process.ts';
import type { ActionDef, Assignee, Effect, Problem, ProcessDefinition, StepDef, StepType } from './api.ts';

export const STEP_TYPE_LABELS: Record<StepType, string> = {
  task: '办理环节',
  fork: '并行分支',
  join: '汇合',
  wait: '等待',
  end: '结束',
};

export const STEP_TYPE_HELP: Record<StepType, string> = {
  task: '由指定的人员办理，办理人选择一个动作推进办件',
  fork: '同时开启多个并行分支（并联审批），各分支最后汇合到同一个汇合环节',
  join: '等待并行分支的结论：会签须全部同意，或签一个同意即可',
  wait: '暂停流转，直到收到外部信号（如申请人补正、缴费完成）',
  end: '办件办结，记录办理结果',
};

/** The built-in business roles (migration 20261124070100_case_roles.sql). */
export const BUILTIN_ROLES: { code: string; name: string }[] = [
  { code: 'window', name: '窗口工作人员' },
  { code: 'reviewer', name: '审查人员' },
  { code: 'approver', name: '审批负责人' },
  { code: 'service_admin', name: '事项管理员' },
  { code: 'supervisor', name: '电子监察员' },
];

export const PAUSE_KINDS: { value: string; label: string }[] = PAUSE_KIND_CODES.map((value) => ({
  value,
  label: PAUSE_KIND_NAMES[value],
}));

export const KNOWN_SIGNALS: { value: string; label: string }[] = [
  { value: 'applicant.resubmitted', label: '申请人补正后重新提交' },
  { value: 'fee.paid', label: '缴费完成' },
];

export const END_OUTCOMES: { value: string; label: string }[] = [
  { value: 'approved', label: '准予（办结）' },
  { value: 'denied', label: '不予许可' },
  { value: 'not_accepted', label: '不予受理' },
  { value: 'replied', label: '已答复' },
  { value: 'completed', label: '办结' },
];

export const KNOWN_CASE_TYPES: { value: string; label: string }[] = [{ value: 'licence', label: '行政许可' }];

export const ACTION_KIND_LABELS: Record<'forward' | 'return' | 'transfer', string> = {
  forward: '前进',
  return: '退回',
  transfer: '转办',
};

// The engine's formats (apps/shared/process.ts), so mistakes show while typing.
export const STEP_KEY_PATTERN = STEP_KEY_RE;
export const ACTION_KEY_PATTERN = STEP_KEY_RE;
export const PROCESS_CODE_PATTERN = PROCESS_CODE_RE;

export function signalLabel(signal: string | undefined): string {
  if (!signal) return '未设置信号';
  return KNOWN_SIGNALS.find((s) => s.value === signal)?.label ?? signal;
}

export function outcomeLabel(outcome: string | undefined): string {
  if (!outcome) return '未设置结果';
  return END_OUTCOMES.find((o) => o.value === outcome)?.label ?? outcome;
}

export function roleLabel(code: string, roles: { code: string; name: string }[] = BUILTIN_ROLES): string {
  return roles.find((r) => r.code === code)?.name ?? BUILTIN_ROLES.find((r) => r.code === code)?.name ?? code;
}

export function pauseKindLabel(kind: string): string {
  return isPauseKind(kind) ? PAUSE_KIND_NAMES[kind] : kind;
}

/** 开始计时 / 暂停计时（补正）/ 恢复计时 / 重新计时. */
export function effectLabel(effect: Effect): string {
  if (effect === 'clock.start') return '开始计时';
  if (effect === 'clock.resume') return '恢复计时';
  if (effect === 'clock.restart') return '重新计时';
  return `暂停计时（${pauseKindLabel(effect.slice('clock.pause:'.length))}）`;
}

/** Frequently used actions, so an administrator need not know the engine's keys. */
export const ACTION_TEMPLATES: { name: string; action: ActionDef }[] = [
  { name: '受理（开始计时）', action: { key: 'accept', label: '受理', effects: ['clock.start'] } },
  { name: '不予受理（须填理由）', action: { key: 'reject', label: '不予受理', commentRequired: true } },
  {
    name: '一次性告知补正（暂停计时）',
    action: { key: 'request-correction', label: '补正', effects: ['clock.pause:correction'] },
  },
  { name: '同意 / 准予', action: { key: 'approve', label: '同意', outcome: 'agree' } },
  {
    name: '不同意 / 不予（须填理由）',
    action: { key: 'deny', label: '不同意', outcome: 'disagree', commentRequired: true },
  },
  { name: '提交下一环节', action: { key: 'submit', label: '提交' } },
  {
    name: '退回（须填理由）',
    action: { key: 'return', label: '退回', kind: 'return', commentRequired: true },
  },
  { name: '转办', action: { key: 'transfer', label: '转办', kind: 'transfer' } },
];

/** A small process a new definition starts from: 受理 → 办结. It validates as it stands. */
export function starterDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      {
        key: 'accept',
        name: '受理',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        actions: [{ key: 'accept', label: '受理', to: 'done', effects: ['clock.start'] }],
        limit: { days: 5, unit: 'working' },
      },
      { key: 'done', name: '办结', type: 'end', outcome: 'approved' },
    ],
  };
}

export function newStepKey(def: ProcessDefinition, type: StepType): string {
  const base = type === 'task' ? 'step' : type;
  const used = new Set(def.steps.map((s) => s.key));
  for (let i = 1; ; i += 1) {
    const key = `${base}${i}`;
    if (!used.has(key)) return key;
  }
}

export function newStep(def: ProcessDefinition, type: StepType): StepDef {
  const key = newStepKey(def, type);
  const n = def.steps.length + 1;
  switch (type) {
    case 'task':
      return { key, name: `环节${n}`, type, actions: [] };
    case 'fork':
      return { key, name: '并行审查', type, next: [] };
    case 'join':
      return { key, name: '汇合', type, mode: 'all', next: [] };
    case 'wait':
      return { key, name: '等待', type, next: [] };
    case 'end':
      return { key, name: '办结', type, outcome: 'approved' };
  }
}

/** Renames a step and every reference to it (start, action targets, branches, rejectTo). */
export function renameStepKey(def: ProcessDefinition, from: string, to: string): ProcessDefinition {
  const ref = (k: string | undefined) => (k === from ? to : k);
  return {
    start: def.start === from ? to : def.start,
    steps: def.steps.map((s) => ({
      ...s,
      key: s.key === from ? to : s.key,
      next: s.next?.map((k) => (k === from ? to : k)),
      rejectTo: ref(s.rejectTo),
      actions: s.actions?.map((a) => ({ ...a, to: ref(a.to) })),
    })),
  };
}

/** Drops a step; references to it are cleared so the problem shows on the referring step. */
export function removeStep(def: ProcessDefinition, index: number): ProcessDefinition {
  const gone = def.steps[index]?.key;
  const steps = def.steps
    .filter((_, i) => i !== index)
    .map((s) => ({
      ...s,
      next: s.next?.filter((k) => k !== gone),
      rejectTo: s.rejectTo === gone ? undefined : s.rejectTo,
      actions: s.actions?.map((a) => (a.to === gone ? { ...a, to: undefined } : a)),
    }));
  return { start: def.start === gone ? (steps[0]?.key ?? '') : def.start, steps };
}

function cleanAssignee(a: Assignee | undefined): Assignee | undefined {
  if (!a) return undefined;
  if (a.type === 'role') {
    if (!a.role) return undefined;
    return a.orgId ? { type: 'role', role: a.role, orgId: a.orgId } : { type: 'role', role: a.role };
  }
  if (a.type === 'unit') return a.orgId ? { type: 'unit', orgId: a.orgId } : undefined;
  return a.userId ? { type: 'user', userId: a.userId.trim() } : undefined;
}

function cleanAction(a: ActionDef): ActionDef {
  const out: ActionDef = { key: a.key.trim(), label: a.label.trim() };
  const kind = a.kind ?? 'forward';
  if (kind !== 'forward') out.kind = kind;
  if (kind !== 'transfer' && a.to) out.to = a.to;
  if (a.outcome) out.outcome = a.outcome;
  if (a.commentRequired) out.commentRequired = true;
  if (a.effects && a.effects.length > 0) out.effects = [...new Set(a.effects)];
  return out;
}

/**
 * The definition as the server expects it: only the fields of each step's type (the editor keeps
 * the others so switching a type back and forth loses nothing). Incomplete pieces are left out so
 * the server names them as problems instead of rejecting the request's shape.
 */
export function cleanDefinition(def: ProcessDefinition): ProcessDefinition {
  const steps = def.steps.map((s): StepDef => {
    const base: StepDef = { key: s.key.trim(), name: s.name.trim(), type: s.type };
    if (s.position) base.position = s.position;
    const next = (s.next ?? []).filter(Boolean);
    switch (s.type) {
      case 'task': {
        const assignee = cleanAssignee(s.assignee);
        if (assignee) base.assignee = assignee;
        base.actions = (s.actions ?? []).map(cleanAction);
        if (s.limit && s.limit.days > 0) base.limit = { days: s.limit.days, unit: s.limit.unit };
        return base;
      }
      case 'fork':
        return { ...base, next };
      case 'join':
        return {
          ...base,
          mode: s.mode ?? 'all',
          next: next.slice(0, 1),
          ...(s.rejectTo ? { rejectTo: s.rejectTo } : {}),
        };
      case 'wait':
        return {
          ...base,
          next: next.slice(0, 1),
          ...(s.limit && s.limit.days > 0 ? { limit: { days: s.limit.days, unit: s.limit.unit } } : {}),
          ...(s.signal?.trim() ? { signal: s.signal.trim() } : {}),
          ...(s.effects && s.effects.length > 0 ? { effects: [...new Set(s.effects)] } : {}),
        };
      case 'end':
        return { ...base, ...(s.outcome?.trim() ? { outcome: s.outcome.trim() } : {}) };
      default:
        return base;
    }
  });
  return { start: def.start, steps };
}

/** Index of the step a problem path points at ("steps[2].actions[0].to", "/steps/2/name", "steps.2"). */
export function problemStepIndex(path: string): number | null {
  const m = /steps(?:\[|\.|\/)(\d+)/.exec(path);
  return m ? Number(m[1]) : null;
}

/** A Chinese description of where in the step a problem lies, from the rest of its path. */
export function problemWhere(path: string, step: StepDef | undefined): string {
  const rest = path.replace(/^.*?steps(?:\[|\.|\/)\d+\]?/, '');
  const action = /actions(?:\[|\.|\/)(\d+)/.exec(rest);
  if (action) {
    const a = step?.actions?.[Number(action[1])];
    return `动作“${a?.label || a?.key || Number(action[1]) + 1}”`;
  }
  const field = /([a-zA-Z]+)\]?$/.exec(rest)?.[1];
  const names: Record<string, string> = {
    key: '环节标识',
    name: '环节名称',
    type: '环节类型',
    assignee: '办理人',
    actions: '动作',
    limit: '时限',
    next: '下一环节',
    mode: '汇合方式',
    rejectTo: '未通过时退回',
    signal: '等待信号',
    outcome: '办理结果',
  };
  return field ? (names[field] ?? '') : '';
}

export interface Edge {
  from: string;
  to: string;
  label: string;
  dashed: boolean;
}

/** Transitions of the definition: solid for forward moves, dashed for returns and join rejections. */
export function edgesOf(def: ProcessDefinition): Edge[] {
  const keys = new Set(def.steps.map((s) => s.key));
  const out: Edge[] = [];
  // Several actions between the same two steps (同意 / 不同意 into a join) share one arrow.
  const byPair = new Map<string, Edge>();
  const add = (from: string, to: string | undefined, label: string, dashed: boolean) => {
    if (!to || !keys.has(to)) return;
    const pair = `${from}>${to}:${dashed}`;
    const same = byPair.get(pair);
    if (same) {
      if (label && !same.label.split(' / ').includes(label))
        same.label = same.label ? `${same.label} / ${label}` : label;
      return;
    }
    const edge = { from, to, label, dashed };
    byPair.set(pair, edge);
    out.push(edge);
  };
  for (const s of def.steps) {
    switch (s.type) {
      case 'task':
        for (const a of s.actions ?? []) {
          const kind = a.kind ?? 'forward';
          if (kind === 'transfer') continue;
          add(s.key, a.to, a.label || a.key, kind === 'return');
        }
        break;
      case 'fork':
        for (const k of s.next ?? []) add(s.key, k, '', false);
        break;
      case 'join':
        add(s.key, s.next?.[0], s.mode === 'any' ? '或签通过' : '会签通过', false);
        add(s.key, s.rejectTo, '未通过', true);
        break;
      case 'wait':
        add(s.key, s.next?.[0], signalLabel(s.signal), false);
        break;
      case 'end':
        break;
    }
  }
  return out;
}

export interface LaidOutNode {
  step: StepDef;
  col: number;
  row: number;
  reachable: boolean;
}

/**
 * Layered layout: solid edges that close a cycle (found by a depth-first walk from the start) are
 * set aside, then each reachable step's column is its longest distance from the start over the rest
 * (so a join sits after its longest branch); steps of one column are stacked in discovery order.
 * Unreachable steps go to a column of their own at the end.
 */
export function layout(
  def: ProcessDefinition,
  edges: Edge[],
): { nodes: LaidOutNode[]; cols: number; rows: number } {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  const succ = new Map<string, string[]>();
  for (const e of edges) {
    if (e.dashed) continue;
    const list = succ.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    succ.set(e.from, list);
  }
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const dag = new Map<string, string[]>();
  const visit = (k: string) => {
    state.set(k, 'open');
    order.push(k);
    for (const n of succ.get(k) ?? []) {
      if (state.get(n) === 'open') continue; // closes a cycle
      dag.set(k, [...(dag.get(k) ?? []), n]);
      if (!state.has(n)) visit(n);
    }
    state.set(k, 'done');
  };
  if (byKey.has(def.start)) visit(def.start);

  // Longest path over the DAG in topological order (reverse post-order of a DFS).
  const topo: string[] = [];
  const seen = new Set<string>();
  const post = (k: string) => {
    seen.add(k);
    for (const n of dag.get(k) ?? []) if (!seen.has(n)) post(n);
    topo.push(k);
  };
  if (byKey.has(def.start)) post(def.start);
  topo.reverse();
  const depth = new Map<string, number>();
  for (const k of topo) {
    const d = depth.get(k) ?? 0;
    depth.set(k, d);
    for (const n of dag.get(k) ?? []) depth.set(n, Math.max(depth.get(n) ?? 0, d + 1));
  }

  const maxCol = Math.max(-1, ...depth.values());
  const rowsInCol = new Map<number, number>();
  const nodes: LaidOutNode[] = [];
  // Discovery order keeps a fork's branches in the order they are listed.
  const bfs: string[] = [];
  if (byKey.has(def.start)) {
    const queue = [def.start];
    const queued = new Set(queue);
    while (queue.length > 0) {
      const k = queue.shift() as string;
      bfs.push(k);
      for (const n of dag.get(k) ?? [])
        if (!queued.has(n)) {
          queued.add(n);
          queue.push(n);
        }
    }
  }
  for (const k of bfs) {
    const step = byKey.get(k);
    const col = depth.get(k);
    if (!step || col === undefined) continue;
    const row = rowsInCol.get(col) ?? 0;
    rowsInCol.set(col, row + 1);
    nodes.push({ step, col, row, reachable: true });
  }
  const orphanCol = maxCol + 1;
  for (const s of def.steps) {
    if (depth.has(s.key)) continue;
    const row = rowsInCol.get(orphanCol) ?? 0;
    rowsInCol.set(orphanCol, row + 1);
    nodes.push({ step: s, col: orphanCol, row, reachable: false });
  }
  const cols = Math.max(0, ...[...rowsInCol.keys()].map((c) => c + 1));
  const rows = Math.max(0, ...rowsInCol.values());
  return { nodes, cols, rows };
}

/** Short description of who handles a task step. */
export function assigneeText(
  a: Assignee | undefined,
  roles: { code: string; name: string }[],
  orgName: (id: string) => string | undefined,
): string {
  if (!a) return '未指定办理人';
  if (a.type === 'role') {
    const role = a.role ? roleLabel(a.role, roles) : '未选角色';
    return a.orgId ? `${orgName(a.orgId) ?? '指定单位'}·${role}` : role;
  }
  if (a.type === 'unit') return a.orgId ? (orgName(a.orgId) ?? '指定单位') : '未选单位';
  return a.userId ? '指定人员' : '未选人员';
}

/** Problems grouped by step index; problems not tied to a step under -1. */
export function groupProblems(problems: Problem[]): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  for (const p of problems) {
    const i = problemStepIndex(p.path) ?? -1;
    out.set(i, [...(out.get(i) ?? []), p]);
  }
  return out;
}

/** Steps inside some fork's branch (between the fork and its join): their actions may carry 会签意见. */
export function branchMembers(def: ProcessDefinition): Set<string> {
  return new Set([...analyseForks(def).values()].flatMap((f) => f.branches.flatMap((b) => [...b])));
}
