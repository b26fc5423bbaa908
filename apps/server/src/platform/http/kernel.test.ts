import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, json } from '../../testing/harness.ts';

test('health, readiness and the OpenAPI 3.1 document', async () => {
  const { app } = await createTestApp();
  assert.equal((await app.inject('/healthz')).statusCode, 200);
  const ready = await app.inject('/readyz');
  assert.equal(ready.statusCode, 200);
  const doc = json<{ openapi: string; paths: Record<string, unknown> }>(
    await app.inject('/api/v1/openapi.json'),
  );
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/calendar/working-days/add'], 'routes are documented');
  const docs = await app.inject('/api/v1/docs/');
  assert.equal(docs.statusCode, 200);
  assert.match(docs.headers['content-type'] as string, /html/);
});

test('every error has the one shape with a Chinese message and the field named', async () => {
  const { app } = await createTestApp({ config: { bodyLimitBytes: 2048 } });
  const bad = await app.inject({
    method: 'GET',
    url: '/api/v1/calendar/working-days/add?from=2026-13-45x&days=abc',
  });
  assert.equal(bad.statusCode, 400);
  const b = json<{ error: { code: string; message: string; details: { field: string; message: string }[] } }>(
    bad,
  );
  assert.equal(b.error.code, 'VALIDATION_FAILED');
  assert.match(b.error.message, /[\u4e00-\u9fa5]/);
  assert.ok(b.error.details.some((d) => d.field === 'from'));
  assert.ok(b.error.details.some((d) => d.field === 'days'));

  const notFound = await app.inject('/api/v1/no-such-thing');
  assert.equal(notFound.statusCode, 404);
  assert.equal(json<{ error: { code: string } }>(notFound).error.code, 'NOT_FOUND');

  const malformed = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { 'content-type': 'application/json' },
    payload: '{"kind": "citizen",',
  });
  assert.equal(malformed.statusCode, 400);
  assert.equal(json<{ error: { code: string } }>(malformed).error.code, 'INVALID_JSON');

  const huge = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ kind: 'citizen', username: 'x'.repeat(5000) }),
  });
  assert.equal(huge.statusCode, 413);
  assert.equal(json<{ error: { code: string } }>(huge).error.code, 'PAYLOAD_TOO_LARGE');
});

test('security headers and request ids on every answer', async () => {
  const { app } = await createTestApp();
  const r = await app.inject('/healthz');
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.ok(r.headers['x-frame-options']);
  assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('deadline arithmetic through the public calendar API, across the 2026 holidays', async () => {
  const { app } = await createTestApp();
  const add = async (from: string, days: number) =>
    json<{ date: string }>(await app.inject(`/api/v1/calendar/working-days/add?from=${from}&days=${days}`))
      .date;
  assert.equal(await add('2026-09-30', 1), '2026-10-08'); // 国庆 10-01..07 off
  assert.equal(await add('2026-10-08', 1), '2026-10-09');
  assert.equal(await add('2026-10-09', 1), '2026-10-10'); // Saturday 调休上班
  assert.equal(await add('2026-02-13', 1), '2026-02-14'); // Saturday 调休上班 before 春节
  assert.equal(await add('2026-02-14', 1), '2026-02-24'); // 春节 02-15..23 off
  assert.equal(await add('2026-02-24', 4), '2026-02-28'); // Saturday 02-28 works
  const count = json<{ days: number }>(
    await app.inject('/api/v1/calendar/working-days/count?from=2026-09-30&to=2026-10-10'),
  );
  assert.equal(count.days, 3); // 10-08, 10-09, 10-10
  const natural = json<{ date: string }>(
    await app.inject('/api/v1/calendar/natural-days/add?from=2026-09-26&days=5'),
  );
  assert.equal(natural.date, '2026-10-08'); // ends 10-01 inside 国庆: moves past the holiday

  // 2027 has no published notice yet: the answer uses the provisional calendar and says so.
  const provisional = json<{ date: string; provisional: boolean }>(
    await app.inject('/api/v1/calendar/working-days/add?from=2026-12-20&days=30'),
  );
  assert.equal(provisional.provisional, true);
  assert.ok(provisional.date > '2027-01-01');

  const missing = await app.inject('/api/v1/calendar/working-days/add?from=2028-12-20&days=30');
  assert.equal(missing.statusCode, 422);
  const m = json<{ error: { code: string; message: string } }>(missing);
  assert.equal(m.error.code, 'CALENDAR_YEAR_MISSING');
  assert.match(m.error.message, /2029年/);
});
