// The staff list's status filter judges each licence as its row is labelled: a licence whose validity
// has not started is 尚未生效, so it is neither "valid" nor "expired" until its first day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { withTx } from '../../platform/db/pool.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { registerAccount } from '../identity/index.ts';
import { NO_2FA, TEST_PASSWORD } from '../identity/testing.ts';
import { createPublishedProcess, openCase } from '../workflow/index.ts';
import { seedCaseFixture, standardLicenceDefinition } from '../workflow/testing.ts';
import { issueLicence } from './index.ts';

test('status=valid lists exactly the licences shown as 有效; later ones join on their first day', async () => {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock });
  const f = await seedCaseFixture(ctx);
  const holders = [
    ['王小明', 'wang.xm', makeIdNumber('331121', '19800615', '041'), '2026-11-24', '2031-11-23'],
    ['李晓红', 'li.xh', makeIdNumber('331121', '19850301', '062'), '2026-12-01', '2031-11-30'],
    ['赵大伟', 'zhao.dw', makeIdNumber('331121', '19700101', '013'), '2020-01-01', '2025-12-31'],
  ] as const;
  await withTx(ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'test.food-licence',
      name: '食品经营许可',
      caseType: 'licence',
      definition: standardLicenceDefinition(),
      orgId: f.qingtianDept.id,
    });
  });
  for (const [i, [name, username, id, from, until]] of holders.entries()) {
    const { userId } = await registerAccount(
      ctx,
      {
        kind: 'citizen',
        username,
        password: TEST_PASSWORD,
        realName: name,
        idNumber: id,
        phone: `1385781003${i}`,
      },
      systemActor,
      null,
    );
    await withTx(ctx.pool, async (tx) => {
      const { case: c } = await openCase(tx, ctx, {
        caseType: 'licence',
        processCode: 'test.food-licence',
        orgId: f.qingtianDept.id,
        subject: `食品经营许可（${name}）`,
        applicantUserId: userId,
        applicantName: name,
        actorUserId: userId,
      });
      await issueLicence(tx, ctx, {
        caseId: c.id,
        caseNumber: c.number,
        licenceName: '食品经营许可证',
        holderName: name,
        holderKind: 'person',
        holderCode: id,
        orgId: f.qingtianDept.id,
        validFrom: from,
        validUntil: until,
      });
    });
  }
  let chief = as(app, await login(app, 'qt.chief', TEST_PASSWORD));
  type Page = { items: { holderName: string; status: string }[]; total: number };
  const byStatus = async (status: string) =>
    json<Page>(await chief('GET', `/api/v1/licences?status=${status}`)).items.map((i) => [
      i.holderName,
      i.status,
    ]);

  const all = json<Page>(await chief('GET', '/api/v1/licences'));
  assert.deepEqual(Object.fromEntries(all.items.map((i) => [i.holderName, i.status])), {
    王小明: 'valid',
    李晓红: 'not_yet_valid',
    赵大伟: 'expired',
  });
  assert.deepEqual(await byStatus('valid'), [['王小明', 'valid']]);
  assert.deepEqual(await byStatus('expired'), [['赵大伟', 'expired']]);
  assert.deepEqual(await byStatus('revoked'), []);

  clock.set(new Date('2026-12-01T02:00:00Z'));
  chief = as(app, await login(app, 'qt.chief', TEST_PASSWORD));
  assert.deepEqual((await byStatus('valid')).sort(), [
    ['李晓红', 'valid'],
    ['王小明', 'valid'],
  ]);
});
