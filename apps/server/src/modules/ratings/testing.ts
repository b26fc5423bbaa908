// Test set-up for the 好差评 tests written after the module: the case fixture, three citizens, a
// one-step process, an approver of the other county, and a helper that opens (and completes) a case.
import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { withTx } from '../../platform/db/pool.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { registerAccount } from '../identity/index.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../identity/testing.ts';
import {
  actOnTaskAsSystem,
  createPublishedProcess,
  openCase,
  openTasksOf,
  type ProcessDefinition,
} from '../workflow/index.ts';
import { seedCaseFixture } from '../workflow/testing.ts';

const INSTANT: ProcessDefinition = {
  start: 'handle',
  steps: [
    {
      key: 'handle',
      name: '即办',
      type: 'task',
      assignee: { type: 'role', role: 'window' },
      actions: [{ key: 'approve', label: '办结', to: 'done' }],
    },
    { key: 'done', name: '办结', type: 'end', outcome: 'approved' },
  ],
};

export type RatingSetup = TestApp & {
  f: Awaited<ReturnType<typeof seedCaseFixture>>;
  /** User ids of citizen1…citizen3. */
  citizens: string[];
  /** Opens a case for citizen i (0-based) at 青田县市场监督管理局 (or `orgId`) and completes it unless told not to. */
  newCase(i: number, opts?: { complete?: boolean; orgId?: string }): Promise<{ id: string; number: string }>;
};

/** Staff: qt.clerk, qt.reviewer, qt.chief (青田县) and ld.chief (approver of 莲都区). */
export async function ratingSetup(config: Record<string, unknown> = {}): Promise<RatingSetup> {
  const t = await createTestApp({
    config: { ...NO_2FA, ...config },
    clock: fixedClock('2026-11-24T02:00:00Z'),
  });
  const f = await seedCaseFixture(t.ctx);
  const root = await principalOf(t.ctx, f.platformAdmin.id);
  await makeStaff(t.ctx, root, {
    username: 'ld.chief',
    orgId: f.lianduDept.id,
    roles: [{ code: 'approver', scope: 'org', scopeOrgId: f.lianduDept.id }],
  });
  const citizens: string[] = [];
  for (const [i, name] of ['张晓燕', '刘建国', '陈静'].entries()) {
    const { userId } = await registerAccount(
      t.ctx,
      {
        kind: 'citizen',
        username: `citizen${i + 1}`,
        password: TEST_PASSWORD,
        realName: name,
        idNumber: makeIdNumber('331121', `1988010${i + 1}`, String(100 + i)),
        phone: `1385781010${i}`,
      },
      systemActor,
      null,
    );
    citizens.push(userId);
  }
  await withTx(t.ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'test.instant',
      name: '即办事项',
      caseType: 'licence',
      definition: INSTANT,
    }),
  );
  const newCase: RatingSetup['newCase'] = async (i, opts = {}) =>
    withTx(t.ctx.pool, async (tx) => {
      const { case: c } = await openCase(tx, t.ctx, {
        caseType: 'licence',
        processCode: 'test.instant',
        orgId: opts.orgId ?? f.qingtianDept.id,
        subject: '个体工商户设立登记',
        applicantUserId: citizens[i]!,
        applicantName: '申请人',
        actorUserId: citizens[i]!,
      });
      if (opts.complete !== false) {
        const [task] = await openTasksOf(tx, c.id);
        await actOnTaskAsSystem(tx, t.ctx, task!.id, { action: 'approve' });
      }
      return { id: c.id, number: c.number };
    });
  return { ...t, f, citizens, newCase };
}
