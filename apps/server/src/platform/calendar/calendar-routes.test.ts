import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedScopeFixture, TEST_PASSWORD } from '../../modules/identity/testing.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { fixedClock } from '../db/clock.ts';
import { CN_CALENDAR_SEED } from './cn-calendar-data.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };

const { app, ctx } = await createTestApp({ clock: fixedClock('2026-11-24T02:00:00Z') });
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

type YearItem = {
  year: number;
  status: string;
  holidays: number;
  workdays: number;
  updatedAt: string | null;
};

test('signed-in staff read the published and provisional years; anonymous callers cannot', async () => {
  assert.equal((await app.inject('/api/v1/calendar/years')).statusCode, 401);
  const years = json<{ items: YearItem[] }>(await staff('GET', '/api/v1/calendar/years')).items;
  assert.deepEqual(
    years.map((y) => [y.year, y.status, y.holidays, y.workdays]),
    [
      [2025, 'published', 28, 5],
      [2026, 'published', 33, 6],
      [2027, 'provisional', 13, 0],
      [2028, 'provisional', 12, 0],
    ],
  );
  assert.equal(years[2]?.updatedAt, null);
  const y2026 = json<{ days: { date: string; kind: string; name: string }[] }>(
    await staff('GET', '/api/v1/calendar/years/2026'),
  );
  assert.deepEqual(
    y2026.days.find((d) => d.date === '2026-10-10'),
    { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  );
  const y2027 = json<{ status: string; source: string; days: { date: string; kind: string }[] }>(
    await staff('GET', '/api/v1/calendar/years/2027'),
  );
  assert.equal(y2027.status, 'provisional');
  assert.match(y2027.source, /暂定/);
  assert.deepEqual(
    y2027.days.filter((d) => d.date.startsWith('2027-02')).map((d) => d.date),
    ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  );
  assert.ok(y2027.days.every((d) => d.kind === 'holiday'));
  assert.equal((await staff('GET', '/api/v1/calendar/years/2029')).statusCode, 404);
});

test('public arithmetic says when it relied on a provisional year, and still refuses years beyond', async () => {
  const inside = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-11-02&days=5'),
  );
  assert.deepEqual(inside, { date: '2026-11-09', provisional: false });
  const across = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-12-20&days=20'),
  );
  assert.deepEqual(across, { date: '2027-01-18', provisional: true }, '2027-01-01 元旦 is skipped');
  const natural = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/natural-days/add?from=2027-01-05&days=31'),
  );
  assert.deepEqual(natural, { date: '2027-02-09', provisional: true }, '02-05 (春节) moves past 02-08');
  const count = json<{ days: number; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/count?from=2027-02-01&to=2027-02-12'),
  );
  assert.deepEqual(count, { days: 7, provisional: true });
  const beyond = await app.inject('/api/v1/calendar/working-days/add?from=2028-12-29&days=1');
  assert.equal(beyond.statusCode, 422);
  assert.equal(json<ErrorBody>(beyond).error.code, 'CALENDAR_YEAR_MISSING');
  assert.match(json<ErrorBody>(beyond).error.message, /2029年/);
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
  const still = json<{ status: string }>(await admin('GET', '/api/v1/calendar/years/2027'));
  assert.equal(still.status, 'provisional', 'nothing was written');
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

  const copied = await admin('PUT', '/api/v1/calendar/years/2027', {
    source: json<{ source: string }>(await admin('GET', '/api/v1/calendar/years/2027')).source,
    days: [],
  });
  assert.equal(copied.statusCode, 422, 'the provisional arrangement is not a notice');
  assert.deepEqual(
    json<ErrorBody>(copied).error.details.map((d) => d.field),
    ['source'],
  );

  const wrongType = await admin('PUT', '/api/v1/calendar/years/2027', {
    source: '通知',
    days: 'all',
    extra: 1,
  });
  assert.equal(wrongType.statusCode, 400);
  const d = json<ErrorBody>(wrongType).error.details.map((x) => x.field);
  assert.ok(d.includes('days') && d.includes('extra'));

  assert.equal(
    json<{ status: string }>(await admin('GET', '/api/v1/calendar/years/2027')).status,
    'provisional',
  );
  const still = json<{ provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-12-31&days=1'),
  );
  assert.equal(still.provisional, true);
});

test('publishing a year replaces its provisional arrangement at once, is audited and emits calendar.changed', async () => {
  const r = await admin('PUT', '/api/v1/calendar/years/2027', notice2027);
  assert.equal(r.statusCode, 200);
  assert.equal(json<{ status: string }>(r).status, 'published');
  // 2026-12-31 (Thu) + 1 working day: 01-01..03 are off, so Monday 01-04 — no longer provisional.
  const next = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-12-31&days=1'),
  );
  assert.deepEqual(next, { date: '2027-01-04', provisional: false });
  // The notice has no 春节 days: the provisional 02-05..08 are gone with the provisional year.
  const feb = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2027-02-04&days=1'),
  );
  assert.deepEqual(feb, { date: '2027-02-05', provisional: false });
  const years = json<{ items: YearItem[] }>(await staff('GET', '/api/v1/calendar/years')).items;
  assert.deepEqual(
    years.map((y) => [y.year, y.status]),
    [
      [2025, 'published'],
      [2026, 'published'],
      [2027, 'published'],
      [2028, 'provisional'],
    ],
  );
  const entry = await ctx.pool.query<{ action: string; actor_id: string }>(
    `SELECT action, actor_id FROM aud_entry WHERE object_type = 'calendar_year' AND object_id = '2027'`,
  );
  assert.deepEqual(entry.rows, [{ action: 'calendar.publish', actor_id: f.platformAdmin.id }]);
  const events = await ctx.pool.query<{ payload: unknown; actor_id: string }>(
    `SELECT payload, actor_id FROM platform_event WHERE type = 'calendar.changed' ORDER BY occurred_at`,
  );
  assert.deepEqual(events.rows, [
    { payload: { year: 2027, change: 'published' }, actor_id: f.platformAdmin.id },
  ]);
  // Correcting the notice is an update.
  assert.equal((await admin('PUT', '/api/v1/calendar/years/2027', notice2027)).statusCode, 200);
  const changes = await ctx.pool.query<{ payload: { change: string } }>(
    `SELECT payload FROM platform_event WHERE type = 'calendar.changed' ORDER BY occurred_at, id`,
  );
  assert.deepEqual(changes.rows.map((e) => e.payload.change).sort(), ['published', 'updated']);
});

test('withdrawing a published year restores its provisional arrangement (platform administrators only)', async () => {
  assert.equal((await countyAdmin('DELETE', '/api/v1/calendar/years/2027')).statusCode, 403);
  assert.equal((await admin('DELETE', '/api/v1/calendar/years/2029')).statusCode, 404);
  const current = await admin('DELETE', '/api/v1/calendar/years/2026');
  assert.equal(current.statusCode, 409, 'the current year has dated real deadlines');
  assert.equal(json<ErrorBody>(current).error.code, 'CALENDAR_YEAR_IN_USE');
  assert.equal((await admin('DELETE', '/api/v1/calendar/years/2027')).statusCode, 204);
  assert.equal(
    json<{ status: string }>(await admin('GET', '/api/v1/calendar/years/2027')).status,
    'provisional',
  );
  const next = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2027-02-04&days=1'),
  );
  assert.deepEqual(next, { date: '2027-02-09', provisional: true });
  const entry = await ctx.pool.query<{ action: string }>(
    `SELECT action FROM aud_entry WHERE object_type = 'calendar_year' AND object_id = '2027' ORDER BY seq`,
  );
  assert.deepEqual(
    entry.rows.map((e) => e.action),
    ['calendar.publish', 'calendar.update', 'calendar.withdraw'],
  );
  const last = await ctx.pool.query<{ payload: unknown }>(
    `SELECT payload FROM platform_event WHERE type = 'calendar.changed' AND payload->>'change' = 'withdrawn'`,
  );
  assert.deepEqual(last.rows, [{ payload: { year: 2027, change: 'withdrawn' } }]);
});
