// Test fixtures of the case engine: handling staff over the scope fixture. The standard process
// definitions the tests run on live in standard-definitions.ts (also used by the demo seed and the
// bench) and are re-exported here for the tests that import them from this file.
import type { AppContext } from '../../platform/context.ts';
import { makeStaff, principalOf, type ScopeFixture, seedScopeFixture } from '../identity/testing.ts';

export {
  acceptDecideDefinition,
  parallelLicenceDefinition,
  standardLicenceDefinition,
} from './standard-definitions.ts';

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
