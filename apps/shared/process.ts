// Process definitions as data (ARCHITECTURE §3): the shapes every case type's process is written in,
// the clock effects and pause kinds (行政许可法 Art. 45: time that does not count toward the limit),
// the formats of keys and codes, and the graph the engine walks. The server validates definitions
// (modules/workflow/workflow.definition.ts); the designer in the console edits them and shows the
// server's problems.
import type { DayUnit, Limit } from './days.ts';

export type { DayUnit, Limit };

export type Assignee =
  | { type: 'role'; role: string; orgId?: string }
  | { type: 'unit'; orgId: string }
  | { type: 'user'; userId: string };

export type Effect = 'clock.start' | 'clock.resume' | 'clock.restart' | `clock.pause:${string}`;

export type ActionKind = 'forward' | 'return' | 'transfer';

export interface ActionDef {
  key: string;
  label: string;
  kind?: ActionKind;
  to?: string;
  outcome?: 'agree' | 'disagree';
  commentRequired?: boolean;
  effects?: Effect[];
}

export type StepType = 'task' | 'fork' | 'join' | 'wait' | 'end';
export const STEP_TYPES: readonly StepType[] = ['task', 'fork', 'join', 'wait', 'end'];

export interface StepDef {
  key: string;
  name: string;
  type: StepType;
  assignee?: Assignee;
  actions?: ActionDef[];
  limit?: Limit;
  next?: string[];
  mode?: 'all' | 'any';
  rejectTo?: string;
  signal?: string;
  effects?: Effect[];
  outcome?: string;
  position?: { x: number; y: number };
}

export interface ProcessDefinition {
  start: string;
  steps: StepDef[];
}

/** A problem of a definition, at a path such as `steps[2].actions[0].to`. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

export type PauseKind =
  | 'correction'
  | 'hearing'
  | 'expert_review'
  | 'inspection'
  | 'third_party'
  | 'consultation'
  | 'fee'
  | 'other';

export const PAUSE_KIND_NAMES: Record<PauseKind, string> = {
  correction: '补正',
  hearing: '听证',
  expert_review: '专家评审',
  inspection: '检验检测',
  third_party: '第三方意见',
  consultation: '征求意见',
  fee: '缴纳信息处理费',
  other: '其他',
};

/** The pause kinds in the order they are offered. */
export const PAUSE_KIND_CODES = Object.keys(PAUSE_KIND_NAMES) as readonly PauseKind[];

export function isPauseKind(v: unknown): v is PauseKind {
  return typeof v === 'string' && Object.hasOwn(PAUSE_KIND_NAMES, v);
}

/** 'clock.start' | 'clock.resume' | 'clock.restart' | 'clock.pause:<kind>'. */
export function isEffect(v: unknown): v is Effect {
  if (v === 'clock.start' || v === 'clock.resume' || v === 'clock.restart') return true;
  return typeof v === 'string' && v.startsWith('clock.pause:') && isPauseKind(v.slice('clock.pause:'.length));
}

/** Step and action keys: a letter, then letters, digits, '_' or '-'; at most 40 characters. */
export const STEP_KEY_RE = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;
/** A wait step's signal, e.g. 'applicant.resubmitted', 'fee.paid'. */
export const SIGNAL_RE = /^[a-z][a-zA-Z0-9_.-]{0,62}$/;
/** An end step's outcome code, e.g. 'approved', 'denied'. */
export const OUTCOME_RE = /^[a-z][a-z0-9_]{0,39}$/;
/** A process's code, e.g. 'licence.food-business'. */
export const PROCESS_CODE_RE = /^[a-z][a-z0-9_.-]{1,62}$/;

/** Edges a token can follow: forward moves, fork branches, join exits (rejectTo included), wait exits. */
export function forwardTargets(s: StepDef): string[] {
  switch (s.type) {
    case 'task':
      return (s.actions ?? [])
        .filter((a) => (a.kind ?? 'forward') === 'forward' && a.to)
        .map((a) => a.to as string);
    case 'fork':
    case 'wait':
      return s.next ?? [];
    case 'join':
      return [...(s.next ?? []), ...(s.rejectTo ? [s.rejectTo] : [])];
    default:
      return [];
  }
}

/**
 * The steps of each fork's branches and the join they lead to. Used by validation, by the engine
 * (a fork instance records its join) and by the designer (steps inside a branch may carry 会签意见).
 * Only fully meaningful for a valid definition.
 */
export function analyseForks(def: ProcessDefinition): Map<string, { join: string; branches: Set<string>[] }> {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  const out = new Map<string, { join: string; branches: Set<string>[] }>();
  for (const fork of def.steps) {
    if (fork.type !== 'fork') continue;
    const branches: Set<string>[] = [];
    const joins = new Set<string>();
    for (const first of fork.next ?? []) {
      const seen = new Set<string>();
      const stack = [first];
      while (stack.length) {
        const k = stack.pop() as string;
        const s = byKey.get(k);
        if (!s || seen.has(k)) continue;
        if (s.type === 'join') {
          joins.add(k);
          continue;
        }
        seen.add(k);
        if (s.type === 'fork' || s.type === 'end') continue;
        stack.push(...forwardTargets(s));
      }
      branches.push(seen);
    }
    out.set(fork.key, { join: [...joins][0] ?? '', branches });
  }
  return out;
}
