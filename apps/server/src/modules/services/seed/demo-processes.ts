// Process definitions of the demo items. The standard and parallel licence flows come from the case
// engine's samples; the others are written here in the same shape: an on-the-spot registration by the
// window (即办件), a card made by the window, and a registration that waits for the fee after the
// decision before the certificate is issued.
import type { ProcessDefinition, StepDef } from '../../workflow/index.ts';
import { parallelLicenceDefinition, standardLicenceDefinition } from '../../workflow/testing.ts';

export type DemoProcessKind = 'standard' | 'parallel' | 'register' | 'card' | 'fee';

function acceptStep(next: string): StepDef {
  return {
    key: 'accept',
    name: '受理',
    type: 'task',
    assignee: { type: 'role', role: 'window' },
    limit: { days: 1, unit: 'working' },
    actions: [
      { key: 'accept', label: '受理', to: next, effects: ['clock.start'] },
      { key: 'reject', label: '不予受理', to: 'not_accepted', commentRequired: true },
      {
        key: 'request-correction',
        label: '一次性告知补正',
        to: 'await_correction',
        commentRequired: true,
        effects: ['clock.pause:correction'],
      },
    ],
    position: { x: 80, y: 200 },
  };
}

const awaitCorrection: StepDef = {
  key: 'await_correction',
  name: '等待申请人补正',
  type: 'wait',
  signal: 'applicant.resubmitted',
  effects: ['clock.resume'],
  next: ['accept'],
  position: { x: 80, y: 360 },
};

const ends: StepDef[] = [
  { key: 'approved', name: '办结（准予）', type: 'end', outcome: 'approved', position: { x: 900, y: 120 } },
  { key: 'denied', name: '办结（不予）', type: 'end', outcome: 'denied', position: { x: 900, y: 280 } },
  {
    key: 'not_accepted',
    name: '不予受理',
    type: 'end',
    outcome: 'not_accepted',
    position: { x: 260, y: 40 },
  },
];

/** 受理 → 核准登记, both at the window: material complete means registered on the spot. */
function registerDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('register'),
      awaitCorrection,
      {
        key: 'register',
        name: '核准登记',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        limit: { days: 1, unit: 'working' },
        actions: [
          { key: 'approve', label: '准予登记', to: 'approved' },
          { key: 'deny', label: '不予登记', to: 'denied', commentRequired: true },
        ],
        position: { x: 480, y: 200 },
      },
      ...ends,
    ],
  };
}

/** 受理 → 制卡发卡 at the window. */
function cardDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('make_card'),
      awaitCorrection,
      {
        key: 'make_card',
        name: '制卡发卡',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        limit: { days: 8, unit: 'working' },
        actions: [
          { key: 'approve', label: '制卡完成', to: 'approved' },
          { key: 'deny', label: '不予办理', to: 'denied', commentRequired: true },
        ],
        position: { x: 480, y: 200 },
      },
      ...ends,
    ],
  };
}

/** 受理 → 审核 → 登簿 → 等待缴费 (fee.paid) → 缮证发证. */
function feeDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('review'),
      awaitCorrection,
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
        limit: { days: 1, unit: 'working' },
        actions: [
          { key: 'approve', label: '准予登记', to: 'await_fee' },
          { key: 'deny', label: '不予登记', to: 'denied', commentRequired: true },
          { key: 'return', label: '退回审核', kind: 'return', to: 'review', commentRequired: true },
        ],
        position: { x: 520, y: 200 },
      },
      {
        key: 'await_fee',
        name: '等待缴纳登记费',
        type: 'wait',
        signal: 'fee.paid',
        next: ['issue'],
        position: { x: 700, y: 200 },
      },
      {
        key: 'issue',
        name: '缮证发证',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        limit: { days: 1, unit: 'working' },
        actions: [{ key: 'issue', label: '缮证发证', to: 'approved' }],
        position: { x: 820, y: 200 },
      },
      ...ends,
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
    case 'parallel': {
      if (!orgs) throw new Error('a parallel review needs its two departments');
      const def = parallelLicenceDefinition(orgs.lead, orgs.partner, 'all');
      // Name the branches after the departments, as the timeline shows them.
      for (const s of def.steps) {
        if (s.key === 'review_a') s.name = '市场监管部门审查';
        if (s.key === 'review_b') s.name = '卫生健康部门卫生学审查';
      }
      return def;
    }
    case 'register':
      return registerDefinition();
    case 'card':
      return cardDefinition();
    case 'fee':
      return feeDefinition();
  }
}
