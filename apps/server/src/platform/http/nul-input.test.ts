// A NUL (U+0000) cannot be stored or compared by PostgreSQL: the kernel refuses it in any query,
// path or body with 400 naming where it is, instead of letting a query fail as a server error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, json } from '../../testing/harness.ts';
import { nulPath } from './kernel.ts';

test('nulPath names the string or key holding a NUL, however deep', () => {
  assert.equal(nulPath({ a: 'x', b: ['y', { c: 'z' }] }), null);
  assert.equal(nulPath('a\u0000b'), '');
  assert.equal(nulPath({ a: { b: ['ok', 'n\u0000'] } }), 'a.b[1]');
  assert.equal(nulPath({ 'k\u0000': 1 }), 'k\u0000');
  assert.equal(nulPath([{ name: '\u0000' }]), '[0].name');
  assert.equal(nulPath(Buffer.from([0, 0])), null, 'binary uploads are not text');
  let deep: unknown = 'end\u0000';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(nulPath(deep)?.length, '[0]'.length * 100_000, 'no stack overflow on deep nesting');
});

test('a NUL in a body or a query answers 400 naming the field, not 500', async () => {
  const { app } = await createTestApp();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username: 'admin\u0000', password: 'x' },
  });
  assert.equal(login.statusCode, 400, login.body);
  const body = json<{ error: { code: string; details: { field: string; message: string }[] } }>(login);
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.deepEqual(body.error.details, [{ field: 'username', message: '不能包含空字符（U+0000）' }]);

  const query = await app.inject({ method: 'GET', url: '/api/v1/service-items?q=%00' });
  assert.equal(query.statusCode, 400);
  assert.equal(json<{ error: { details: { field: string }[] } }>(query).error.details[0]?.field, 'q');
});
