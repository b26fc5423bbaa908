// Deadlines recomputed after a calendar change move levels at once, both ways: a published notice with a
// 调休 working Saturday brings a deadline forward (the level rises before any sweep), a correction adding
// holidays pushes it back (the level comes down, which the sweep never does). The same for a step whose
// case has no deadline yet (its clock has not started), where only the step's due date moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CalendarDayRow } from '../../platform/calendar/calendar-service.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, withTx } from '../../platform/db/pool.ts';
import { createTestApp } from '../../testing/harness.ts';
import { createPublishedProcess, openCase, standardLicenceDefinition } from '../workflow/index.ts';
import { seedCaseFixture } from '../workflow/testing.ts';
import { runSupervisionSweep } from './index.ts';

test('a recomputed deadline raises or lowers the levels of the case and its step at once', async () => {
  // 2027 has no published notice yet: its deadlines are provisional (weekends and 元旦 01-01 only).
  const clock = fixedClock('2026-12-28T09:00:00+08:00');
  const t = await createTestApp({ clock });
  const f = await seedCaseFixture(t.ctx);
  await withTx(t.ctx.pool, (tx) =>
    createPublishedProcess(tx, {
      code: 'sup.recompute',
      name: '期限重算',
      caseType: 'sup_recompute',
      definition: standardLicenceDefinition(),
    }),
  );
  const open = (clockStartsOn: string | null) =>
    withTx(t.ctx.pool, async (tx) => {
      const { case: c } = await openCase(tx, t.ctx, {
        caseType: 'sup_recompute',
        processCode: 'sup.recompute',
        orgId: f.qingtianDept.id,
        subject: '期限重算',
        promised: { days: 10, unit: 'working' },
        legal: { days: 20, unit: 'working' },
        clockStartsOn,
        actorUserId: null,
      });
      return c;
    });
  // Clock from 12-21: 10 working days end on 2027-01-05 (provisional), yellow from 12-31.
  const running = await open('2026-12-21');
  assert.equal(running.promisedDeadline, '2027-01-05');
  assert.equal(running.warnOn, '2026-12-31');
  // Not accepted yet: no case deadline; its 受理 step (5 working days from 12-28) is due 01-05.
  const waiting = await open(null);
  assert.equal(waiting.promisedDeadline, null);
  await t.ctx.jobs.drain();

  const levels = async () => {
    const rows = await many<{ id: string; level: string; step: string }>(
      t.ctx.pool,
      `SELECT c.id, c.level, t.level AS step FROM wf_case c JOIN wf_task t ON t.case_id = c.id AND t.status = 'open'
       WHERE c.id = ANY($1)`,
      [[running.id, waiting.id]],
    );
    const of = (id: string) => rows.find((r) => r.id === id);
    return { running: of(running.id)?.level, waitingStep: of(waiting.id)?.step };
  };
  const publish = async (days: CalendarDayRow[]) => {
    await withTx(t.ctx.pool, (tx) =>
      t.ctx.calendar.saveYear(tx, 2027, '国务院办公厅关于2027年部分节假日安排的通知（测试）', days, {
        events: t.ctx.events,
      }),
    );
    await t.ctx.jobs.drain();
  };

  clock.set('2027-01-05T09:00:00+08:00');
  await runSupervisionSweep(t.ctx);
  await t.ctx.jobs.drain();
  assert.deepEqual(await levels(), { running: 'yellow', waitingStep: 'yellow' }, 'due today');

  // The notice makes Saturday 01-02 a working day: both deadlines come a day forward, to 01-04.
  await publish([
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'workday', name: '元旦调休上班' },
  ]);
  assert.deepEqual(await levels(), { running: 'red', waitingStep: 'red' }, 'raised without a sweep');

  // A correction adds 01-04 and 01-05 as holidays: the deadlines go back to 01-06, not yet passed.
  await publish([
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'workday', name: '元旦调休上班' },
    { date: '2027-01-04', kind: 'holiday', name: '测试假日' },
    { date: '2027-01-05', kind: 'holiday', name: '测试假日' },
  ]);
  assert.deepEqual(await levels(), { running: 'yellow', waitingStep: 'yellow' }, 'lowered');

  const history = await many<{
    case_id: string;
    task_id: string | null;
    change: string;
    alert_state: string;
  }>(
    t.ctx.pool,
    `SELECT case_id, task_id, from_level || '>' || to_level AS change, alert_state FROM sup_level_change
     WHERE case_id = ANY($1) ORDER BY id`,
    [[running.id, waiting.id]],
  );
  const of = (id: string, step: boolean) =>
    history
      .filter((h) => h.case_id === id && (h.task_id !== null) === step)
      .map((h) => `${h.change}:${h.alert_state}`);
  // Rises were alerted; the fall was not.
  assert.deepEqual(of(running.id, false), ['green>yellow:sent', 'yellow>red:sent', 'red>yellow:none']);
  assert.deepEqual(of(waiting.id, true), ['green>yellow:sent', 'yellow>red:sent', 'red>yellow:none']);
});
