// Process definitions of the demo items. The standard and parallel licence flows are the case engine's
// standard definitions; the others are built from the same blocks: an on-the-spot registration by the
// window (即办件), a card made by the window, and a registration that waits for the fee after the
// decision before the certificate is issued.
import {
  acceptStep,
  awaitCorrectionStep,
  endSteps,
  feeWaitStep,
  type Limit,
  type ProcessDefinition,
  parallelLicenceDefinition,
  type StepDef,
  standardLicenceDefinition,
} from '../../workflow/index.ts';

export type DemoProcessKind = 'standard' | 'parallel' | 'register' | 'card' | 'fee';

const oneDay: Limit = { days: 1, unit: 'working' };
/** Registrations and cards end in 办结, not in a licence granted or refused. */
const ends = () => endSteps({ approved: '办结（准予）', denied: '办结（不予）' });

/** A single window task after 受理 that approves or refuses (with reasons). */
function windowStep(key: string, name: string, limit: Limit, approve: string, deny: string): StepDef {
  return {
    key,
    name,
    type: 'task',
    assignee: { type: 'role', role: 'window' },
    limit,
    actions: [
      { key: 'approve', label: approve, to: 'approved' },
      { key: 'deny', label: deny, to: 'denied', commentRequired: true },
    ],
    position: { x: 480, y: 200 },
  };
}

/** 受理 → 核准登记, both at the window: material complete means registered on the spot. */
function registerDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('register', { limit: oneDay }),
      awaitCorrectionStep(),
      windowStep('register', '核准登记', oneDay, '准予登记', '不予登记'),
      ...ends(),
    ],
  };
}

/** 受理 → 制卡发卡 at the window. */
function cardDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('make_card', { limit: oneDay }),
      awaitCorrectionStep(),
      windowStep('make_card', '制卡发卡', { days: 8, unit: 'working' }, '制卡完成', '不予办理'),
      ...ends(),
    ],
  };
}

/** 受理 → 审核 → 登簿 → 等待缴费 (fee.paid) → 缮证发证. */
function feeDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('review', { limit: oneDay }),
      awaitCorrectionStep(),
      {
        key: 'review',
        name: '审核',
        type: 'task',
        assignee: { type: 'role', role: 'reviewer' },
        limit: { days: 2, unit: 'working' },
        actions: [
          { key: 'approve', label: '审核通过', to: 'decide' },
          { key: 'return', label: '退回受理', kind: 'return', to: 'accept', commentRequired: true },
        ],
        position: { x: 320, y: 200 },
      },
      {
        key: 'decide',
        name: '登簿',
        type: 'task',
        assignee: { type: 'role', role: 'approver' },
        limit: oneDay,
        actions: [
          { key: 'approve', label: '准予登记', to: 'await_fee' },
          { key: 'deny', label: '不予登记', to: 'denied', commentRequired: true },
          { key: 'return', label: '退回审核', kind: 'return', to: 'review', commentRequired: true },
        ],
        position: { x: 520, y: 200 },
      },
      { ...feeWaitStep('issue', { key: 'await_fee', name: '等待缴纳登记费' }), position: { x: 700, y: 200 } },
      {
        key: 'issue',
        name: '缮证发证',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        limit: oneDay,
        actions: [{ key: 'issue', label: '缮证发证', to: 'approved' }],
        position: { x: 820, y: 200 },
      },
      ...ends(),
    ],
  };
}

/** The definition for a demo item. `orgs` gives the two departments of a parallel review. */
export function demoProcessDefinition(
  kind: DemoProcessKind,
  orgs?: { lead: string; partner: string },
): ProcessDefinition {
  switch (kind) {
    case 'standard':
      return standardLicenceDefinition();
    case 'parallel':
      if (!orgs) throw new Error('a parallel review needs its two departments');
      // The branches are named after the departments, as the timeline shows them.
      return parallelLicenceDefinition(orgs.lead, orgs.partner, 'all', [
        '市场监管部门审查',
        '卫生健康部门卫生学审查',
      ]);
    case 'register':
      return registerDefinition();
    case 'card':
      return cardDefinition();
    case 'fee':
      return feeDefinition();
  }
}
