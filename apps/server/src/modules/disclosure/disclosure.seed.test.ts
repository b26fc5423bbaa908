// The disclosure demo seed: guides, catalogue entries (one late, with its alert), requests in every
// state driven through the engine at simulated past times, and a 2026 report of 丽水市人民政府办公室
// whose tables have numbers and pass the cross-check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../../platform/db/clock.ts';
import { createTestApp, json } from '../../testing/harness.ts';
import { seedIdentityDemo } from '../identity/identity.seed.ts';
import { NO_2FA } from '../identity/testing.ts';
import { seedDisclosureDemo } from './disclosure.seed.ts';

test('the demo seed fills the catalogue, requests in several states and the 2026 report', async () => {
  const clock = fixedClock('2026-11-24T03:00:00Z');
  const { app, ctx } = await createTestApp({ config: NO_2FA, clock });
  await seedIdentityDemo(ctx, () => {});
  await seedDisclosureDemo(ctx, () => {});
  const office = (
    await ctx.pool.query<{ id: string }>(`SELECT id FROM idn_org WHERE name = '丽水市人民政府办公室'`)
  ).rows[0]!.id;
  const entries = await ctx.pool.query('SELECT count(*)::int AS n FROM dsc_catalogue_entry');
  assert.ok(entries.rows[0].n >= 10);
  const alerts = await ctx.pool.query('SELECT working_days FROM dsc_alert');
  assert.deepEqual(
    alerts.rows.map((r) => r.working_days),
    [46],
  );
  const states = await ctx.pool.query<{ status: string; step: string | null; outcome: string | null }>(
    `SELECT c.status, (SELECT string_agg(t.step_key, ',') FROM wf_task t WHERE t.case_id = c.id AND t.status = 'open') AS step,
            r.outcome
     FROM dsc_request r JOIN wf_case c ON c.id = r.case_id`,
  );
  const outcomes = new Set(states.rows.map((r) => r.outcome).filter(Boolean));
  for (const o of [
    'GRANTED',
    'PARTIAL',
    'UNABLE_NOT_HELD',
    'DENIED_PROCESS_INFO',
    'NOT_PROCESSED_PETITION',
    'OTHER_NO_CORRECTION',
  ])
    assert.ok(outcomes.has(o), o);
  const steps = states.rows.map((r) => r.step);
  assert.ok(steps.includes('await_correction'), 'one waits for a correction');
  assert.ok(
    steps.filter((s) => s === 'handle').length >= 3,
    'new, extended and corrected ones are being handled',
  );
  const ext = await ctx.pool.query(
    'SELECT count(*)::int AS n FROM dsc_request WHERE extension_approved_on IS NOT NULL',
  );
  assert.equal(ext.rows[0].n, 1);
  const report = json<{ crossCheck: { ok: boolean }; table2: { rows: { key: string; counts: number[] }[] } }>(
    await app.inject({ method: 'GET', url: `/api/v1/disclosure/annual-report?orgId=${office}&year=2026` }),
  );
  const row = (k: string) => report.table2.rows.find((r) => r.key === k)?.counts.at(-1);
  assert.equal(row('carriedOver'), 1);
  assert.equal(row('new'), 11);
  assert.equal(row('PARTIAL'), 1);
  assert.equal(report.crossCheck.ok, true);
});
