import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDb, TEST_SECRET_KEY } from '../../testing/db.ts';
import { fixedClock } from '../db/clock.ts';
import { createPool, withTx } from '../db/pool.ts';
import { type Actor, AuditLog, diffFields } from './audit.ts';

const actor: Actor = {
  userId: null,
  name: '测试员',
  orgId: null,
  ip: '127.0.0.1',
  userAgent: 'test',
  requestId: 'r1',
};
const key = Buffer.from(TEST_SECRET_KEY, 'hex');

async function setup(clock = fixedClock('2026-03-01T08:00:00Z')) {
  const pool = createPool(await createTestDb(), 4);
  const audit = new AuditLog(key, clock);
  for (let i = 1; i <= 5; i++) {
    await withTx(pool, (tx) =>
      audit.record(tx, actor, {
        action: 'thing.update',
        objectType: 'thing',
        objectId: `t${i}`,
        changes: diffFields({ name: '旧' }, { name: `新${i}` }),
      }),
    );
  }
  return { pool, audit, clock };
}

test('an untouched chain verifies', async (t) => {
  const { pool, audit } = await setup();
  t.after(() => pool.end());
  assert.deepEqual(await audit.verify(pool), { ok: true, checked: 5 });
});

test('the log refuses UPDATE and DELETE from the application', async (t) => {
  const { pool } = await setup();
  t.after(() => pool.end());
  await assert.rejects(pool.query(`UPDATE aud_entry SET summary = 'x'`), /append-only/);
  await assert.rejects(pool.query(`DELETE FROM aud_entry`), /append-only/);
});

test('editing, deleting or forging an entry is detected at the first broken entry', async (t) => {
  const { pool, audit } = await setup();
  t.after(() => pool.end());
  assert.equal(await audit.seal(pool), 5);
  const rows = (await pool.query<{ id: string; seq: number }>('SELECT id, seq FROM aud_entry ORDER BY seq'))
    .rows;
  // A database administrator bypasses the trigger and edits entry 3's changes.
  await pool.query('ALTER TABLE aud_entry DISABLE TRIGGER aud_entry_no_update');
  await pool.query(`UPDATE aud_entry SET changes = '{"name":{"before":"旧","after":"改"}}' WHERE seq = 3`);
  let r = await audit.verify(pool);
  assert.equal(r.ok, false);
  assert.equal(r.ok === false && r.firstBrokenId, rows[2]?.id);

  // Recomputing the hash without the key does not help: a plain SHA-256 is not the keyed HMAC.
  await pool.query(
    `UPDATE aud_entry SET hash = encode(sha256(convert_to(prev_hash || changes::text, 'UTF8')), 'hex') WHERE seq = 3`,
  );
  r = await audit.verify(pool);
  assert.equal(r.ok === false && r.firstBrokenSeq, 3);

  // Deleting an entry breaks the chain at the entry after the gap.
  await pool.query(`UPDATE aud_entry SET changes = '{"name":{"before":"旧","after":"新3"}}' WHERE seq = 3`);
  await pool.query('DELETE FROM aud_entry WHERE seq = 2');
  r = await audit.verify(pool);
  assert.equal(r.ok === false && r.firstBrokenSeq, 3);
  await pool.query('ALTER TABLE aud_entry ENABLE TRIGGER aud_entry_no_update');
});

test('retention purges old entries, never younger than 180 days, and the rest still verifies', async (t) => {
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const { pool, audit } = await setup(clock);
  t.after(() => pool.end());
  clock.set('2026-06-01T00:00:00Z'); // 151 days later: nothing may go yet, even if asked for 30 days
  assert.equal(await withTx(pool, (tx) => audit.purge(tx, 30)), 0);
  await withTx(pool, (tx) => audit.record(tx, actor, { action: 'later', objectType: 'thing' }));
  clock.set('2026-07-15T00:00:00Z'); // 195 days after the first five
  await audit.seal(pool);
  assert.equal(await withTx(pool, (tx) => audit.purge(tx, 180)), 5);
  await withTx(pool, (tx) => audit.record(tx, actor, { action: 'after-purge', objectType: 'thing' }));
  assert.deepEqual(await audit.verify(pool), { ok: true, checked: 2 });
});

test('entries are written unsealed and sealed once, in order, after their transactions commit', async (t) => {
  const { pool, audit } = await setup();
  t.after(() => pool.end());
  const unsealed = await pool.query('SELECT count(*)::int AS n FROM aud_entry WHERE chain_pos IS NULL');
  assert.equal(unsealed.rows[0].n, 5, 'recording takes no lock and chains nothing');
  // Concurrent writers, one of which rolls back: its entry never exists, the others are all chained.
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      withTx(pool, async (tx) => {
        await audit.record(tx, actor, { action: 'thing.concurrent', objectType: 'thing', objectId: `c${i}` });
        if (i === 3) throw new Error('rolled back');
      }).catch(() => null),
    ),
  );
  assert.equal(await audit.seal(pool), 12);
  assert.equal(await audit.seal(pool), 0, 'nothing is sealed twice');
  const rows = await pool.query<{ chain_pos: string; object_id: string }>(
    'SELECT chain_pos, object_id FROM aud_entry ORDER BY chain_pos',
  );
  assert.deepEqual(
    rows.rows.map((r) => Number(r.chain_pos)),
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  assert.ok(!rows.rows.some((r) => r.object_id === 'c3'));
  assert.deepEqual(await audit.verify(pool), { ok: true, checked: 12 });
  // Sealing is the only update allowed, once: a sealed entry cannot be re-sealed or edited.
  await assert.rejects(
    pool.query(`UPDATE aud_entry SET chain_pos = chain_pos + 100 WHERE chain_pos = 1`),
    /append-only/,
  );
  // An unsealed entry cannot be edited on the way to being sealed either.
  await withTx(pool, (tx) => audit.record(tx, actor, { action: 'late', objectType: 'thing' }));
  await assert.rejects(
    pool.query(
      `UPDATE aud_entry SET chain_pos = 99, prev_hash = 'x', hash = 'y', summary = '改过' WHERE chain_pos IS NULL`,
    ),
    /append-only/,
  );
});

test('diffFields keeps only changed fields and masks personal data', () => {
  const d = diffFields(
    { name: '张三', phone: '13800001234', city: '丽水' },
    { name: '张三', phone: '13900005678', city: '青田' },
    { phone: (v) => `${v.slice(0, 3)}****${v.slice(-4)}` },
  );
  assert.deepEqual(d, {
    phone: { before: '138****1234', after: '139****5678' },
    city: { before: '丽水', after: '青田' },
  });
});
