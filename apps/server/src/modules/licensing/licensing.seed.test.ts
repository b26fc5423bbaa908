// The demo seed drives real cases through the engine at simulated past times: every state appears,
// licences are issued for approvals, and old cases have deadlines already passed (red) or close (yellow).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { createTestApp } from '../../testing/harness.ts';
import { seedIdentityDemo } from '../identity/identity.seed.ts';
import { NO_2FA } from '../identity/testing.ts';
import { demoProcessDefinition } from '../services/seed/demo-processes.ts';
import { makePublishedItem } from '../services/testing.ts';
import type { ProcessDefinition } from '../workflow/index.ts';
import { seedLicensingDemo } from './licensing.seed.ts';
import { runAutoAcceptance } from './use-cases/auto-accept.ts';

test('the demo seed leaves cases in every state, driven through the engine', async () => {
  const clock = fixedClock('2026-11-24T03:00:00Z');
  const { ctx } = await createTestApp({ config: NO_2FA, clock });
  await seedIdentityDemo(ctx, () => {});
  const org = async (name: string) =>
    (await ctx.pool.query<{ id: string }>('SELECT id FROM idn_org WHERE name = $1', [name])).rows[0]!.id;
  const scjg = await org('丽水市市场监督管理局');
  const wsj = await org('丽水市卫生健康委员会');
  const defs: [ProcessDefinition, Parameters<typeof makePublishedItem>[2]][] = [
    [demoProcessDefinition('standard'), { name: '食品经营许可' }],
    [
      demoProcessDefinition('parallel', { lead: scjg, partner: wsj }),
      { name: '公共场所卫生许可', promisedLimitDays: 8 },
    ],
    [
      demoProcessDefinition('fee'),
      {
        name: '特种设备使用登记',
        fees: [
          {
            name: '登记费',
            standard: '每件 80 元',
            basis: '浙价费〔2020〕101号',
            rule: { mode: 'fixed', amountFen: 8000 },
          },
        ],
      },
    ],
  ];
  for (const [definition, over] of defs) await makePublishedItem(ctx, scjg, over, definition);

  const lines: string[] = [];
  await seedLicensingDemo(ctx, (m) => lines.push(m));
  assert.ok(!lines.some((l) => l.includes('无法自动填写')), lines.join('\n'));

  const statuses = await ctx.pool.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM lic_application GROUP BY status',
  );
  const seen = new Set(statuses.rows.map((r) => r.status));
  for (const s of [
    'submitted',
    'correction',
    'processing',
    'fee_due',
    'approved',
    'denied',
    'not_accepted',
    'withdrawn',
  ]) {
    assert.ok(seen.has(s), `${s} in ${[...seen].join(', ')}`);
  }
  // Approvals issued licences; every application has its receipt.
  const approved = statuses.rows.find((r) => r.status === 'approved')!.n;
  const licences = await ctx.pool.query('SELECT count(*)::int AS n FROM lic_licence');
  assert.equal(licences.rows[0].n, approved);
  const receipts = await ctx.pool.query(
    `SELECT count(*)::int AS n FROM lic_application a WHERE NOT EXISTS
       (SELECT 1 FROM lic_document d WHERE d.application_id = a.id AND d.kind = 'receipt')`,
  );
  assert.equal(receipts.rows[0].n, 0);

  // Open cases whose promised deadline has passed (red) and one due today or tomorrow (yellow).
  const open = await ctx.pool.query<{ promised_deadline: string }>(
    `SELECT promised_deadline FROM wf_case WHERE status = 'open' AND promised_deadline IS NOT NULL`,
  );
  assert.ok(
    open.rows.some((r) => r.promised_deadline < '2026-11-24'),
    'some cases are overdue',
  );
  assert.ok(
    open.rows.some((r) => r.promised_deadline >= '2026-11-24'),
    'some are still on time',
  );
  // Timelines were written at the simulated times, before now.
  const future = await ctx.pool.query(`SELECT count(*)::int AS n FROM wf_case_event WHERE at > $1`, [
    clock.now(),
  ]);
  assert.equal(future.rows[0].n, 0);

  // The case left untouched for 7 working days is accepted by the Art. 32 job.
  assert.ok((await runAutoAcceptance(ctx)).length >= 1);

  const again: string[] = [];
  await seedLicensingDemo(ctx, (m) => again.push(m));
  assert.match(again.join(), /已存在/);
});
