import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createTestDb } from '../../testing/db.ts';
import { systemClock } from '../db/clock.ts';
import { createPool, withTx } from '../db/pool.ts';
import { EventBus, nextSequence } from '../events/events.ts';
import { deleteOldJobs, enqueueJob, JobRunner } from './jobs.ts';

const log = pino({ level: 'silent' }) as never;

test('a job enqueued in a transaction that rolls back never runs; a committed one runs once', async (t) => {
  const pool = createPool(await createTestDb(), 4);
  t.after(() => pool.end());
  const runner = new JobRunner(pool, log, systemClock);
  const seen: unknown[] = [];
  runner.register('demo', async (p) => {
    seen.push(p.n);
  });
  await assert.rejects(
    withTx(pool, async (tx) => {
      await enqueueJob(tx, 'demo', { n: 1 });
      throw new Error('change failed');
    }),
  );
  await withTx(pool, (tx) => enqueueJob(tx, 'demo', { n: 2 }));
  await runner.drain();
  assert.deepEqual(seen, [2]);
  const r = await pool.query(`SELECT state, attempts FROM platform_job`);
  assert.deepEqual(r.rows, [{ state: 'done', attempts: 1 }]);
});

test('a failing job is retried with backoff and marked failed after its last attempt', async (t) => {
  const pool = createPool(await createTestDb(), 4);
  t.after(() => pool.end());
  const runner = new JobRunner(pool, log, systemClock);
  let calls = 0;
  runner.register('flaky', async () => {
    calls++;
    throw new Error(`boom ${calls}`);
  });
  await enqueueJob(pool, 'flaky', {}, { maxAttempts: 3 });
  for (let i = 0; i < 3; i++) {
    await runner.runOnce();
    // Skip the backoff wait instead of sleeping.
    await pool.query(`UPDATE platform_job SET run_at = now() WHERE state = 'queued'`);
  }
  await runner.runOnce();
  assert.equal(calls, 3);
  const r = await pool.query(`SELECT state, attempts, last_error FROM platform_job`);
  assert.equal(r.rows[0]?.state, 'failed');
  assert.equal(r.rows[0]?.attempts, 3);
  assert.match(String(r.rows[0]?.last_error), /boom 3/);
});

test('two runners never run the same job twice (SKIP LOCKED)', async (t) => {
  const pool = createPool(await createTestDb(), 8);
  t.after(() => pool.end());
  const runs = new Map<number, number>();
  const make = () => {
    const r = new JobRunner(pool, log, systemClock, { batchSize: 5 });
    r.register('count', async (p) => {
      runs.set(p.n as number, (runs.get(p.n as number) ?? 0) + 1);
    });
    return r;
  };
  const a = make();
  const b = make();
  for (let n = 0; n < 60; n++) await enqueueJob(pool, 'count', { n });
  await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
  assert.equal(runs.size, 60);
  assert.ok([...runs.values()].every((v) => v === 1));
});

test('domain events reach every subscriber as its own job; sequences count per org and year', async (t) => {
  const pool = createPool(await createTestDb(), 4);
  t.after(() => pool.end());
  const runner = new JobRunner(pool, log, systemClock);
  const bus = new EventBus(runner, pool);
  const got: string[] = [];
  bus.subscribe('thing.created', 'a', async (e) => {
    got.push(`a:${e.aggregateId}`);
  });
  bus.subscribe('thing.created', 'b', async (e) => {
    got.push(`b:${e.payload.name}`);
  });
  await withTx(pool, (tx) =>
    bus.emit(tx, {
      type: 'thing.created',
      aggregateType: 'thing',
      aggregateId: 'x1',
      payload: { name: '甲' },
    }),
  );
  await runner.drain();
  assert.deepEqual(got.sort(), ['a:x1', 'b:甲']);

  const seq = await withTx(pool, async (tx) => [
    await nextSequence(tx, 'case', 'org1', 2026),
    await nextSequence(tx, 'case', 'org1', 2026),
    await nextSequence(tx, 'case', 'org2', 2026),
    await nextSequence(tx, 'case', 'org1', 2027),
  ]);
  assert.deepEqual(seq, [1, 2, 1, 1]);
});

test('a subscriber that reads the aggregate gets one job per transaction and aggregate', async (t) => {
  const pool = createPool(await createTestDb(), 4);
  t.after(() => pool.end());
  const runner = new JobRunner(pool, log, systemClock);
  const bus = new EventBus(runner, pool);
  const seen: string[] = [];
  const every: string[] = [];
  bus.subscribe(
    ['thing.moved', 'thing.stamped'],
    'state-reader',
    async (e) => {
      seen.push(`${e.aggregateId}:${e.type}`);
    },
    { oncePerTransaction: true },
  );
  bus.subscribe(['thing.moved', 'thing.stamped'], 'event-reader', async (e) => {
    every.push(`${e.aggregateId}:${e.type}`);
  });
  const emit = (tx: Parameters<typeof bus.emit>[0], id: string, type: string) =>
    bus.emit(tx, { type, aggregateType: 'thing', aggregateId: id });
  await withTx(pool, async (tx) => {
    await emit(tx, 'a', 'thing.moved');
    await emit(tx, 'a', 'thing.stamped');
    await emit(tx, 'a', 'thing.moved');
    await emit(tx, 'b', 'thing.stamped');
  });
  await withTx(pool, (tx) => emit(tx, 'a', 'thing.stamped'));
  await runner.drain();
  assert.deepEqual(seen.sort(), ['a:thing.moved', 'a:thing.stamped', 'b:thing.stamped']);
  assert.equal(every.length, 5, 'a subscriber to events themselves still gets every one');
});

test('counters never wait for another transaction, never repeat, and continue from the old counter row', async (t) => {
  const pool = createPool(await createTestDb(), 12);
  t.after(() => pool.end());
  // A counter that existed before counters moved to sequences: it goes on after its last value.
  await pool.query(
    `INSERT INTO platform_sequence (scope, org_key, year, value) VALUES ('doc', 'org9', 2026, 41)`,
  );
  assert.equal(await withTx(pool, (tx) => nextSequence(tx, 'doc', 'org9', 2026)), 42);
  // One transaction holds a number and stays open; ten others still get theirs at once.
  const held = await pool.connect();
  await held.query('BEGIN');
  await held.query(`SELECT zt_next_sequence('doc', 'org9', 2026)`);
  await held.query('SET LOCAL lock_timeout = 0');
  const others = await Promise.all(
    Array.from({ length: 10 }, () =>
      withTx(pool, async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '2s'`);
        return nextSequence(tx, 'doc', 'org9', 2026);
      }),
    ),
  );
  await held.query('ROLLBACK'); // its number (43) is a gap
  held.release();
  assert.equal(new Set(others).size, 10);
  assert.ok(others.every((n) => n > 43 && n <= 53));
  // Ten first uses of a new counter at once: one creates it, all get distinct numbers from 1.
  const fresh = await Promise.all(
    Array.from({ length: 10 }, () => withTx(pool, (tx) => nextSequence(tx, 'doc', 'org10', 2027))),
  );
  assert.deepEqual(
    [...fresh].sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
});

test('a due schedule enqueues exactly one run even when two processes tick together', async (t) => {
  const pool = createPool(await createTestDb(), 8);
  t.after(() => pool.end());
  let runs = 0;
  const make = () => {
    const r = new JobRunner(pool, log, systemClock);
    r.register('tick', async () => {
      runs++;
    });
    r.schedule('every-hour', 'tick', 3600);
    return r;
  };
  const a = make();
  const b = make();
  // start() records the schedules; make the schedule due now, then let both runners tick.
  await pool.query(
    `INSERT INTO platform_schedule (name, queue, every_seconds, next_run_at) VALUES ('every-hour','tick',3600, now() - interval '1 second')`,
  );
  await Promise.all([a.runOnce(), b.runOnce()]);
  await a.drain();
  await b.drain();
  assert.equal(runs, 1);
  const s = await pool.query(
    `SELECT next_run_at > now() + interval '59 minutes' AS later FROM platform_schedule`,
  );
  assert.equal(s.rows[0]?.later, true);
});

test('finished jobs are deleted after a week, failed ones after a month; live ones never', async (t) => {
  const pool = createPool(await createTestDb(), 2);
  t.after(() => pool.end());
  const add = (queue: string, state: string, daysAgo: number | null) =>
    pool.query(
      `INSERT INTO platform_job (id, queue, payload, run_at, state, finished_at)
       VALUES (gen_random_uuid(), $1, '{}', now(), $2, CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)`,
      [queue, state, daysAgo],
    );
  await add('old-done', 'done', 8);
  await add('new-done', 'done', 6);
  await add('old-failed', 'failed', 31);
  await add('recent-failed', 'failed', 8);
  await add('queued', 'queued', null);
  assert.equal(await deleteOldJobs(pool, 1), 2);
  const left = await pool.query<{ queue: string }>('SELECT queue FROM platform_job ORDER BY queue');
  assert.deepEqual(
    left.rows.map((r) => r.queue),
    ['new-done', 'queued', 'recent-failed'],
  );
});
