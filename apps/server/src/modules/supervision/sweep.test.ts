// The set-based sweep: it changes only rows whose level changes, a second run changes nothing, and an
// approved extension brings a red case back down (on the event at once; the sweep agrees afterwards).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, one, withTx } from '../../platform/db/pool.ts';
import { createTestApp } from '../../testing/harness.ts';
import {
  actOnTaskAsSystem,
  createPublishedProcess,
  decideExtension,
  openCase,
  openTasksOf,
  requestExtension,
  standardLicenceDefinition,
} from '../workflow/index.ts';
import { seedCaseFixture } from '../workflow/testing.ts';
import { runSupervisionSweep } from './index.ts';
import { levelOn } from './supervision.rules.ts';

const clock = fixedClock('2026-11-03T09:00:00+08:00');
const t = await createTestApp({ clock });
const f = await seedCaseFixture(t.ctx);
await withTx(t.ctx.pool, (tx) =>
  createPublishedProcess(tx, {
    code: 'sweep.test',
    name: '监察测试',
    caseType: 'sweep_test',
    definition: standardLicenceDefinition(),
  }),
);

async function openAccepted(subject: string): Promise<string> {
  return withTx(t.ctx.pool, async (tx) => {
    const { case: c } = await openCase(tx, t.ctx, {
      caseType: 'sweep_test',
      processCode: 'sweep.test',
      orgId: f.qingtianDept.id,
      subject,
      legal: { days: 20, unit: 'working' },
      promised: { days: 10, unit: 'working' },
      actorUserId: null,
    });
    const [task] = await openTasksOf(tx, c.id);
    await actOnTaskAsSystem(tx, t.ctx, (task as { id: string }).id, { action: 'accept' });
    return c.id;
  });
}

const levels = async (ids: string[]) =>
  (
    await many<{ id: string; level: string }>(
      t.ctx.pool,
      'SELECT id, level FROM wf_case WHERE id = ANY($1)',
      [ids],
    )
  )
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((r) => r.level);

test('levelOn: red after the due day, yellow from the warning day', () => {
  assert.equal(levelOn('2026-11-17', '2026-11-13', '2026-11-12'), 'green');
  assert.equal(levelOn('2026-11-17', '2026-11-13', '2026-11-13'), 'yellow');
  assert.equal(levelOn('2026-11-17', '2026-11-13', '2026-11-17'), 'yellow');
  assert.equal(levelOn('2026-11-17', '2026-11-13', '2026-11-18'), 'red');
  assert.equal(levelOn(null, null, '2030-01-01'), 'green');
});

test('the sweep touches only changing rows; a repeat changes nothing; an extension brings a case down', async () => {
  const ids = [await openAccepted('第一件'), await openAccepted('第二件')];
  await t.ctx.jobs.drain();

  clock.set('2026-11-18T00:00:30+08:00');
  const first = await runSupervisionSweep(t.ctx);
  // Both cases red (deadline 11-17) and both 审查 steps red (10 working days, due 11-17 too).
  assert.deepEqual(
    { cases: first.cases, tasks: first.tasks, alerts: first.alerts },
    { cases: 2, tasks: 2, alerts: 4 },
  );
  assert.deepEqual(await levels(ids), ['red', 'red']);
  const again = await runSupervisionSweep(t.ctx);
  assert.deepEqual(
    { cases: again.cases, tasks: again.tasks, anomalies: again.anomalies },
    { cases: 0, tasks: 0, anomalies: 0 },
  );

  // 10 more working days approved for the first case: deadline 12-01, warning from 11-25 (80 % of 20
  // working days), so on 11-18 it is green again.
  await withTx(t.ctx.pool, async (tx) => {
    const { extension } = await requestExtension(tx, t.ctx, ids[0] as string, {
      days: 10,
      reason: '需现场核查',
      actorUserId: f.chief.id,
    });
    await decideExtension(tx, t.ctx, ids[0] as string, extension.id, {
      approve: true,
      actorUserId: f.chief.id,
    });
  });
  await t.ctx.jobs.drain();
  const [down] = await levels(ids);
  assert.equal(down, 'green');
  const last = await one<{ from_level: string; to_level: string; alert_state: string }>(
    t.ctx.pool,
    'SELECT from_level, to_level, alert_state FROM sup_level_change WHERE case_id = $1 AND task_id IS NULL ORDER BY id DESC LIMIT 1',
    [ids[0]],
  );
  assert.deepEqual(last, { from_level: 'red', to_level: down, alert_state: 'none' });
  const after = await runSupervisionSweep(t.ctx);
  assert.equal(after.cases, 0, 'the sweep agrees with the event');
  assert.deepEqual(await levels(ids), [down, 'red']);

  // Alerts went out once per rise and nothing is left pending.
  const pending = await many(t.ctx.pool, `SELECT 1 FROM sup_level_change WHERE alert_state = 'pending'`);
  assert.equal(pending.length, 0);
});
