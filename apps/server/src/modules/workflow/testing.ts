// Sample process definitions for tests and demo seeds: a licence handled by one unit, and one
// reviewed in parallel by two departments (并联审批). Realistic enough for the demo to reuse.
import type { AppContext } from '../../platform/context.ts';
import { makeStaff, principalOf, type ScopeFixture, seedScopeFixture } from '../identity/testing.ts';
import type { ActionDef, ProcessDefinition, StepDef } from './workflow.definition.ts';

function acceptStep(next: string): StepDef {
  return {
    key: 'accept',
    name: '受理',
    type: 'task',
    assignee: { type: 'role', role: 'window' },
    limit: { days: 5, unit: 'working' },
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

function decideStep(returnTo: string): StepDef {
  const actions: ActionDef[] = [
    { key: 'approve', label: '准予许可', to: 'approved' },
    { key: 'deny', label: '不予许可', to: 'denied', commentRequired: true },
    { key: 'return', label: '退回重审', kind: 'return', to: returnTo, commentRequired: true },
  ];
  return {
    key: 'decide',
    name: '审批决定',
    type: 'task',
    assignee: { type: 'role', role: 'approver' },
    limit: { days: 3, unit: 'working' },
    actions,
    position: { x: 720, y: 200 },
  };
}

const ends: StepDef[] = [
  { key: 'approved', name: '准予许可', type: 'end', outcome: 'approved', position: { x: 900, y: 120 } },
  { key: 'denied', name: '不予许可', type: 'end', outcome: 'denied', position: { x: 900, y: 280 } },
  {
    key: 'not_accepted',
    name: '不予受理',
    type: 'end',
    outcome: 'not_accepted',
    position: { x: 260, y: 40 },
  },
];

/**
 * 受理 (window) → 审查 (reviewer) → 审批决定 (approver). 受理 may refuse or ask for correction, which
 * pauses the clock until the applicant resubmits; 审查 may return to 受理 or transfer.
 */
export function standardLicenceDefinition(): ProcessDefinition {
  return {
    start: 'accept',
    steps: [
      acceptStep('review'),
      awaitCorrection,
      {
        key: 'review',
        name: '审查',
        type: 'task',
        assignee: { type: 'role', role: 'reviewer' },
        limit: { days: 10, unit: 'working' },
        actions: [
          { key: 'approve', label: '审查通过', to: 'decide' },
          { key: 'return', label: '退回受理', kind: 'return', to: 'accept', commentRequired: true },
          { key: 'transfer', label: '转办', kind: 'transfer' },
        ],
        position: { x: 400, y: 200 },
      },
      decideStep('review'),
      ...ends,
    ],
  };
}

/**
 * 受理 → 并联审查 by a reviewer of `orgA` and a reviewer of `orgB` (会签: both must agree; a
 * disagreement goes straight to the decision with the opinions on the timeline) → 审批决定.
 */
export function parallelLicenceDefinition(
  orgA: string,
  orgB: string,
  mode: 'all' | 'any' = 'all',
): ProcessDefinition {
  const review = (key: string, name: string, orgId: string, y: number): StepDef => ({
    key,
    name,
    type: 'task',
    assignee: { type: 'role', role: 'reviewer', orgId },
    limit: { days: 7, unit: 'working' },
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
      awaitCorrection,
      {
        key: 'parallel',
        name: '并联审查',
        type: 'fork',
        next: ['review_a', 'review_b'],
        position: { x: 240, y: 200 },
      },
      review('review_a', '主办部门审查', orgA, 120),
      review('review_b', '协办部门审查', orgB, 280),
      {
        key: 'join',
        name: '汇总审查意见',
        type: 'join',
        mode,
        next: ['decide'],
        rejectTo: 'decide',
        position: { x: 560, y: 200 },
      },
      decideStep('accept'),
      ...ends,
    ],
  };
}

export interface CaseFixture extends ScopeFixture {
  /** window role over 青田县市场监督管理局 (the owning unit of the fixture's cases). */
  clerk: { id: string; username: string };
  /** reviewer over 青田县市场监督管理局. */
  reviewerA: { id: string; username: string };
  /** reviewer over 莲都区民政局 (the second department of parallel reviews). */
  reviewerB: { id: string; username: string };
  /** approver (审批负责人, may approve extensions) over 青田县市场监督管理局. */
  chief: { id: string; username: string };
  /** service_admin (process.manage) over 青田县. */
  processAdmin: { id: string; username: string };
}

/**
 * seedScopeFixture plus handling staff: a window clerk, two reviewers in two departments, an
 * approver and a process administrator. Password TEST_PASSWORD for everyone.
 */
export async function seedCaseFixture(ctx: AppContext): Promise<CaseFixture> {
  const f = await seedScopeFixture(ctx);
  const root = await principalOf(ctx, f.platformAdmin.id);
  const unit = f.qingtianDept.id;
  const clerk = await makeStaff(ctx, root, {
    username: 'qt.clerk',
    displayName: '王窗口',
    orgId: unit,
    roles: [{ code: 'window', scope: 'org', scopeOrgId: unit }],
  });
  const reviewerA = await makeStaff(ctx, root, {
    username: 'qt.reviewer',
    displayName: '李审查',
    orgId: unit,
    roles: [{ code: 'reviewer', scope: 'org', scopeOrgId: unit }],
  });
  const reviewerB = await makeStaff(ctx, root, {
    username: 'ld.reviewer',
    displayName: '赵协办',
    orgId: f.lianduDept.id,
    roles: [{ code: 'reviewer', scope: 'org', scopeOrgId: f.lianduDept.id }],
  });
  const chief = await makeStaff(ctx, root, {
    username: 'qt.chief',
    displayName: '陈局长',
    orgId: unit,
    roles: [{ code: 'approver', scope: 'org', scopeOrgId: unit }],
  });
  const processAdmin = await makeStaff(ctx, root, {
    username: 'qt.process',
    displayName: '周事项',
    orgId: unit,
    roles: [{ code: 'service_admin', scope: 'org', scopeOrgId: f.qingtian.id }],
  });
  return { ...f, clerk, reviewerA, reviewerB, chief, processAdmin };
}
