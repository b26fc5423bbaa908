// The standard shapes of a licensing process (行政许可法 Ch. IV), written once for the demo seed, the
// test helpers of every module and the bench: 受理 at the window — accept (the clock starts), refuse
// with reasons, or 一次性告知补正 (the clock pauses until the applicant resubmits) — then a review by
// one reviewer or by two departments in parallel (会签/或签), an optional wait for the fee, and the
// decision. Blocks are exported for processes of the same family (registration at the window …).
import type { ActionDef, Limit, ProcessDefinition, StepDef } from './workflow.definition.ts';

/** The signal that releases the correction wait: the applicant resubmitted the corrected materials. */
export const SIGNAL_RESUBMITTED = 'applicant.resubmitted';
/** The signal that releases a fee wait: the payment notice is settled. */
export const SIGNAL_FEE_PAID = 'fee.paid';

const working = (days: number): Limit => ({ days, unit: 'working' });

/**
 * 受理 (window role): accept → `next` (starts the clock), refuse with reasons → 不予受理, and unless
 * `correction: false`, 一次性告知补正 → the correction wait (pauses the clock).
 */
export function acceptStep(next: string, opts: { limit?: Limit; correction?: boolean } = {}): StepDef {
  const actions: ActionDef[] = [
    { key: 'accept', label: '受理', to: next, effects: ['clock.start'] },
    { key: 'reject', label: '不予受理', to: 'not_accepted', commentRequired: true },
  ];
  if (opts.correction !== false) {
    actions.push({
      key: 'request-correction',
      label: '一次性告知补正',
      to: 'await_correction',
      commentRequired: true,
      effects: ['clock.pause:correction'],
    });
  }
  return {
    key: 'accept',
    name: '受理',
    type: 'task',
    assignee: { type: 'role', role: 'window' },
    limit: opts.limit ?? working(5),
    actions,
    position: { x: 80, y: 200 },
  };
}

/** Waits for the applicant's corrected materials, resumes the clock and returns to 受理. */
export function awaitCorrectionStep(): StepDef {
  return {
    key: 'await_correction',
    name: '等待申请人补正',
    type: 'wait',
    signal: SIGNAL_RESUBMITTED,
    effects: ['clock.resume'],
    next: ['accept'],
    position: { x: 80, y: 360 },
  };
}

/** 审查 (reviewer role): approve → `to`, return to 受理 with reasons, or transfer to a colleague. */
export function reviewStep(to: string, opts: { limit?: Limit } = {}): StepDef {
  return {
    key: 'review',
    name: '审查',
    type: 'task',
    assignee: { type: 'role', role: 'reviewer' },
    limit: opts.limit ?? working(10),
    actions: [
      { key: 'approve', label: '审查通过', to },
      { key: 'return', label: '退回受理', kind: 'return', to: 'accept', commentRequired: true },
      { key: 'transfer', label: '转办', kind: 'transfer' },
    ],
    position: { x: 400, y: 200 },
  };
}

/**
 * 审批决定 (approver role): grant → `approveTo` (default the approved end), refuse with reasons, and
 * with `returnTo` send it back for another review.
 */
export function decideStep(opts: { returnTo?: string; approveTo?: string; limit?: Limit } = {}): StepDef {
  const actions: ActionDef[] = [
    { key: 'approve', label: '准予许可', to: opts.approveTo ?? 'approved' },
    { key: 'deny', label: '不予许可', to: 'denied', commentRequired: true },
  ];
  if (opts.returnTo)
    actions.push({
      key: 'return',
      label: '退回重审',
      kind: 'return',
      to: opts.returnTo,
      commentRequired: true,
    });
  return {
    key: 'decide',
    name: '审批决定',
    type: 'task',
    assignee: { type: 'role', role: 'approver' },
    limit: opts.limit ?? working(3),
    actions,
    position: { x: 720, y: 200 },
  };
}

/** Waits until the payment notice is settled (一单式收费), then goes on to `next`. */
export function feeWaitStep(next: string, opts: { key?: string; name?: string } = {}): StepDef {
  return {
    key: opts.key ?? 'fee',
    name: opts.name ?? '缴纳费用',
    type: 'wait',
    signal: SIGNAL_FEE_PAID,
    next: [next],
    position: { x: 560, y: 360 },
  };
}

/** The three ends: approved, denied, not accepted. `names` renames the first two (e.g. 办结（准予）). */
export function endSteps(names: { approved?: string; denied?: string } = {}): StepDef[] {
  return [
    {
      key: 'approved',
      name: names.approved ?? '准予许可',
      type: 'end',
      outcome: 'approved',
      position: { x: 900, y: 120 },
    },
    {
      key: 'denied',
      name: names.denied ?? '不予许可',
      type: 'end',
      outcome: 'denied',
      position: { x: 900, y: 280 },
    },
    {
      key: 'not_accepted',
      name: '不予受理',
      type: 'end',
      outcome: 'not_accepted',
      position: { x: 260, y: 40 },
    },
  ];
}

/**
 * 受理 (window) → 审查 (reviewer) → 审批决定 (approver). With `fee`, the case waits after 审查 for the
 * fee to be paid before the decision.
 */
export function standardLicenceDefinition(opts: { fee?: boolean } = {}): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('review'),
      awaitCorrectionStep(),
      reviewStep(opts.fee ? 'fee' : 'decide'),
      ...(opts.fee ? [feeWaitStep('decide')] : []),
      decideStep({ returnTo: 'review' }),
      ...endSteps(),
    ],
  };
}

/**
 * 受理 → 并联审查 by a reviewer of `orgA` and a reviewer of `orgB` (`all`, 会签: both must agree; `any`,
 * 或签: one agreeing suffices; a failed join goes straight to the decision with the opinions on the
 * timeline) → 审批决定. `names` names the two branches (default 主办/协办部门审查).
 */
export function parallelLicenceDefinition(
  orgA: string,
  orgB: string,
  mode: 'all' | 'any' = 'all',
  names: [string, string] = ['主办部门审查', '协办部门审查'],
): ProcessDefinition {
  const review = (key: string, name: string, orgId: string, y: number): StepDef => ({
    key,
    name,
    type: 'task',
    assignee: { type: 'role', role: 'reviewer', orgId },
    limit: working(7),
    actions: [
      { key: 'approve', label: '同意', to: 'join', outcome: 'agree' },
      { key: 'deny', label: '不同意', to: 'join', outcome: 'disagree', commentRequired: true },
      { key: 'transfer', label: '转办', kind: 'transfer' },
    ],
    position: { x: 400, y },
  });
  return {
    start: 'accept',
    steps: [
      acceptStep('parallel'),
      awaitCorrectionStep(),
      {
        key: 'parallel',
        name: '并联审查',
        type: 'fork',
        next: ['review_a', 'review_b'],
        position: { x: 240, y: 200 },
      },
      review('review_a', names[0], orgA, 120),
      review('review_b', names[1], orgB, 280),
      {
        key: 'join',
        name: '汇总审查意见',
        type: 'join',
        mode,
        next: ['decide'],
        rejectTo: 'decide',
        position: { x: 560, y: 200 },
      },
      decideStep({ returnTo: 'accept' }),
      ...endSteps(),
    ],
  };
}

/** 受理 (window) → 审批决定 (approver), no review in between: the shortest licensing process. */
export function acceptDecideDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [acceptStep('decide'), awaitCorrectionStep(), decideStep(), ...endSteps()],
  };
}
