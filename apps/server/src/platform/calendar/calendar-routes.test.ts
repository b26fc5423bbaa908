import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedScopeFixture, TEST_PASSWORD } from '../../modules/identity/testing.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { CN_CALENDAR_SEED } from './cn-calendar-data.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

const { app, ctx } = await createTestApp();
const f = await seedScopeFixture(ctx);
const admin = as(app, await login(app, f.platformAdmin.username, TEST_PASSWORD));
const countyAdmin = as(app, await login(app, f.qingtianAdmin.username, TEST_PASSWORD));
const staff = as(app, await login(app, f.qingtianStaff.username, TEST_PASSWORD));

const notice2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  ],
};

test('signed-in staff read the published years; anonymous callers cannot', async () => {
  assert.equal((await app.inject('/api/v1/calendar/years')).statusCode, 401);
  const years = json<{ items: { year: number; holidays: number; workdays: number }[] }>(
    await staff('GET', '/api/v1/calendar/years'),
  ).items;
  assert.deepEqual(
    years.map((y) => [y.year, y.holidays, y.workdays]),
    [
      [2025, 28, 5],
      [2026, 33, 6],
    ],
  );
  const y2026 = json<{ days: { date: string; kind: string; name: string }[] }>(
    await staff('GET', '/api/v1/calendar/years/2026'),
  );
  assert.deepEqual(
    y2026.days.find((d) => d.date === '2026-10-10'),
    { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  );
  assert.equal((await staff('GET', '/api/v1/calendar/years/2027')).statusCode, 404);
});

test('the seeded calendar is exactly the notices in cn-calendar-data.ts (the migration was generated from it)', async () => {
  for (const notice of CN_CALENDAR_SEED) {
    const stored = await ctx.calendar.getYear(ctx.pool, notice.year);
    const expected = [
      ...notice.holidays.map((d) => ({ date: d.date, kind: 'holiday', name: d.name })),
      ...notice.makeupWorkdays.map((d) => ({ date: d.date, kind: 'workday', name: d.name })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    assert.deepEqual(stored?.days, expected, `${notice.year}`);
  }
});

test('only a platform-wide calendar administrator may publish a year', async () => {
  assert.equal((await staff('PUT', '/api/v1/calendar/years/2027', notice2027)).statusCode, 403);
  const county = await countyAdmin('PUT', '/api/v1/calendar/years/2027', notice2027);
  assert.equal(county.statusCode, 403);
  assert.match(json<ErrorBody>(county).error.message, /全平台/);
  // The cookie alone is not enough: the CSRF token must come with it.
  const noCsrf = await app.inject({
    method: 'PUT',
    url: '/api/v1/calendar/years/2027',
    headers: { cookie: (await login(app, f.platformAdmin.username, TEST_PASSWORD)).cookie },
    payload: notice2027,
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(json<ErrorBody>(noCsrf).error.code, 'CSRF_FAILED');
  assert.equal((await admin('GET', '/api/v1/calendar/years/2027')).statusCode, 404, 'nothing was written');
});

test('bad calendar data is refused field by field and nothing is written', async () => {
  const bad = await admin('PUT', '/api/v1/calendar/years/2027', {
    source: '通知',
    days: [
      { date: '2027-01-05', kind: 'workday', name: '调休上班' }, // a Tuesday cannot be a make-up day
      { date: '2026-12-31', kind: 'holiday', name: '元旦' }, // not in 2027
      { date: '2027-02-30', kind: 'holiday', name: '春节' }, // no such date
      { date: '2027-01-01', kind: 'holiday', name: '<script>alert(1)</script>' },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, // duplicate
    ],
  });
  assert.equal(bad.statusCode, 422);
  const fields = json<ErrorBody>(bad)
    .error.details.map((d) => d.field)
    .sort();
  assert.deepEqual(fields, ['days.0.kind', 'days.1.date', 'days.2.date', 'days.3.name', 'days.4.date']);

  const wrongType = await admin('PUT', '/api/v1/calendar/years/2027', {
    source: '通知',
    days: 'all',
    extra: 1,
  });
  assert.equal(wrongType.statusCode, 400);
  const d = json<ErrorBody>(wrongType).error.details.map((x) => x.field);
  assert.ok(d.includes('days') && d.includes('extra'));

  assert.equal((await admin('GET', '/api/v1/calendar/years/2027')).statusCode, 404);
  const blocked = await app.inject('/api/v1/calendar/working-days/add?from=2026-12-31&days=1');
  assert.equal(json<ErrorBody>(blocked).error.code, 'CALENDAR_YEAR_MISSING');
});

test('publishing a year makes its deadlines computable at once and is audited', async () => {
  const r = await admin('PUT', '/api/v1/calendar/years/2027', notice2027);
  assert.equal(r.statusCode, 200);
  // 2026-12-31 (Thu) + 1 working day: 01-01..03 are off, so Monday 01-04.
  const next = json<{ date: string }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-12-31&days=1'),
  );
  assert.equal(next.date, '2027-01-04');
  const entry = await ctx.pool.query<{ action: string; actor_id: string }>(
    `SELECT action, actor_id FROM aud_entry WHERE object_type = 'calendar_year' AND object_id = '2027'`,
  );
  assert.deepEqual(entry.rows, [{ action: 'calendar.publish', actor_id: f.platformAdmin.id }]);
});
