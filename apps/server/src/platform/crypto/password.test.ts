import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as argon2 from 'argon2';
import { checkPasswordPolicy, hashPassword, needsRehash, verifyPassword } from './password.ts';

test('hash and verify with argon2id at the OWASP minimum parameters', async () => {
  const hash = await hashPassword('Demo@2026');
  const params = /^\$argon2id\$v=19\$([^$]+)\$/.exec(hash)?.[1]?.split(',').sort();
  assert.deepEqual(params, ['m=19456', 'p=1', 't=2']);
  assert.equal(await verifyPassword(hash, 'Demo@2026'), true);
  assert.equal(await verifyPassword(hash, 'demo@2026'), false);
  assert.equal(await verifyPassword(hash, ''), false);
  // Salted: the same password hashes differently each time.
  assert.notEqual(await hashPassword('Demo@2026'), hash);
});

test('Chinese passwords work', async () => {
  const hash = await hashPassword('政通平台Ab1');
  assert.equal(await verifyPassword(hash, '政通平台Ab1'), true);
  assert.equal(await verifyPassword(hash, '政通平台Ab2'), false);
});

test('verifyPassword fails closed on values that are not argon2 hashes', async () => {
  assert.equal(await verifyPassword('', 'x'), false);
  assert.equal(await verifyPassword('!disabled', 'x'), false);
  assert.equal(await verifyPassword('$argon2id$garbage', 'x'), false);
});

test('needsRehash flags other variants and parameters', async () => {
  assert.equal(needsRehash(await hashPassword('Demo@2026')), false);
  const stronger = await argon2.hash('Demo@2026', {
    type: argon2.argon2id,
    memoryCost: 65_536,
    timeCost: 3,
    parallelism: 4,
  });
  assert.equal(needsRehash(stronger), true);
  const argon2i = await argon2.hash('Demo@2026', {
    type: argon2.argon2i,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  assert.equal(needsRehash(argon2i), true);
  assert.equal(needsRehash('$2b$10$abcdefghijklmnopqrstuv'), true);
});

test('policy: Demo@2026 (the demo accounts) passes', () => {
  assert.deepEqual(checkPasswordPolicy('Demo@2026', { username: 'admin' }), []);
  assert.deepEqual(checkPasswordPolicy('Demo@2026'), []);
});

test('policy: length', () => {
  const codes = (p: string, o = {}): string[] => checkPasswordPolicy(p, o).map((v) => v.code);
  assert.deepEqual(codes('Ab1@xyz'), ['too-short']);
  assert.deepEqual(codes('Ab1@wxyz'), []);
  assert.deepEqual(codes('Ab1@wxyz', { minLength: 12 }), ['too-short']);
  assert.deepEqual(codes('Ab1@wxyz', { minLength: 6 }), [], 'cannot go below 8, but 8 passes');
  assert.deepEqual(codes('Ab1@xyz', { minLength: 6 }), ['too-short']);
  assert.equal(checkPasswordPolicy('Ab1@xyz')[0]?.message, '密码长度至少为8位');
  assert.deepEqual(codes(`Ab1@${'x'.repeat(200)}`), ['too-long']);
});

test('policy: at least 3 of 4 character classes', () => {
  const codes = (p: string): string[] => checkPasswordPolicy(p).map((v) => v.code);
  assert.deepEqual(codes('abcdefgh'), ['too-few-classes']);
  assert.deepEqual(codes('abcd1357'), ['too-few-classes']);
  assert.deepEqual(codes('ABCD!@#$'), ['too-few-classes']);
  assert.deepEqual(codes('abcd123!'), []);
  assert.deepEqual(codes('ABCD123!'), []);
  assert.deepEqual(codes('Abcdefg!'), []);
  assert.deepEqual(codes('Abcd1234x'), []);
  assert.match(checkPasswordPolicy('abcdefgh')[0]!.message, /至少三类/);
});

test('policy: must not contain the username (case-insensitive, also reversed)', () => {
  const codes = (p: string, username: string): string[] =>
    checkPasswordPolicy(p, { username }).map((v) => v.code);
  assert.deepEqual(codes('Zhangsan@2026', 'zhangsan'), ['contains-username']);
  assert.deepEqual(codes('X!ZHANGSAN9', 'zhangsan'), ['contains-username']);
  assert.deepEqual(codes('nasgnahz@2026X', 'zhangsan'), ['contains-username']);
  assert.deepEqual(codes('Demo@2026', 'zhangsan'), []);
  assert.deepEqual(codes('Demo@2026', 'de'), [], 'usernames under 3 characters are not checked');
  assert.equal(
    checkPasswordPolicy('Zhangsan@2026', { username: 'zhangsan' })[0]?.message,
    '密码不能包含用户名',
  );
});

test('policy: common passwords are refused even though they meet the class rule', () => {
  for (const p of ['Password1!', 'Admin@123', '12345678Aa', 'P@ssw0rd', 'ADMIN@123', '1qaz@WSX']) {
    const codes = checkPasswordPolicy(p).map((v) => v.code);
    assert.ok(codes.includes('common'), p);
  }
  assert.match(checkPasswordPolicy('Admin@123').at(-1)!.message, /过于常见/);
});

test('policy: several violations are reported together', () => {
  const v = checkPasswordPolicy('admin', { username: 'admin' });
  assert.deepEqual(
    v.map((x) => x.code),
    ['too-short', 'too-few-classes', 'contains-username'],
  );
});
