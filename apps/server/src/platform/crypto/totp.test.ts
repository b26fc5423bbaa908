import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate as otplibGenerate } from 'otplib';
import { generateTotp, generateTotpSecret, matchTotpStep, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B, SHA-1 seed "12345678901234567890" in Base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
// 8-digit values from the RFC; a 6-digit code is the same number mod 10^6.
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('RFC 6238 SHA-1 test vectors', () => {
  for (const [seconds, expected8] of RFC_VECTORS) {
    assert.equal(generateTotp(RFC_SECRET, new Date(seconds * 1000)), expected8.slice(-6), String(seconds));
  }
});

test('agrees with otplib for random secrets and times', async () => {
  for (let i = 0; i < 20; i += 1) {
    const secret = generateTotpSecret();
    const epoch = 1_700_000_000 + i * 7_919;
    const theirs = await otplibGenerate({ secret, epoch });
    assert.equal(generateTotp(secret, new Date(epoch * 1000)), theirs);
  }
});

test('verifyTotp accepts the current step and one step either side, nothing further', () => {
  const at = new Date(1111111111 * 1000);
  const token = generateTotp(RFC_SECRET, at);
  assert.equal(verifyTotp(RFC_SECRET, token, at), true);
  assert.equal(verifyTotp(RFC_SECRET, token, new Date(at.getTime() + 30_000)), true);
  assert.equal(verifyTotp(RFC_SECRET, token, new Date(at.getTime() - 30_000)), true);
  assert.equal(verifyTotp(RFC_SECRET, token, new Date(at.getTime() + 61_000)), false);
  assert.equal(verifyTotp(RFC_SECRET, token, new Date(at.getTime() - 61_000)), false);
  assert.equal(verifyTotp(RFC_SECRET, `${token.slice(0, 3)} ${token.slice(3)}`, at), true, 'spaces ignored');
  assert.equal(verifyTotp(RFC_SECRET, token.slice(1), at), false);
  assert.equal(verifyTotp(RFC_SECRET, 'abcdef', at), false);
  assert.equal(verifyTotp(generateTotpSecret(), token, at), false, 'other secret');
});

test('matchTotpStep returns the step and refuses replays', () => {
  const at = new Date(1234567890 * 1000);
  const step = Math.floor(1234567890 / 30);
  const token = generateTotp(RFC_SECRET, at);
  assert.equal(matchTotpStep(RFC_SECRET, token, at), step);
  assert.equal(matchTotpStep(RFC_SECRET, token, new Date(at.getTime() + 30_000)), step);
  assert.equal(matchTotpStep(RFC_SECRET, token, at, step), null, 'same code twice');
  assert.equal(matchTotpStep(RFC_SECRET, token, at, step - 1), step);
  const next = generateTotp(RFC_SECRET, new Date(at.getTime() + 30_000));
  assert.equal(matchTotpStep(RFC_SECRET, next, at, step), step + 1, 'the next code is still fine');
});

test('generateTotpSecret: 32 Base32 characters, different each time', () => {
  const a = generateTotpSecret();
  assert.match(a, /^[A-Z2-7]{32}$/);
  assert.notEqual(a, generateTotpSecret());
  // Lower case and spaces in a hand-typed secret are tolerated.
  const at = new Date(59_000);
  assert.equal(generateTotp(RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '), at), '287082');
  assert.throws(() => generateTotp('not base32!', at), /Base32/);
  assert.throws(() => generateTotp('', at), RangeError);
});

test('totpUri', () => {
  const uri = totpUri(RFC_SECRET, 'zhangsan@lishui');
  const url = new URL(uri);
  assert.equal(url.protocol, 'otpauth:');
  assert.equal(url.host, 'totp');
  assert.equal(decodeURIComponent(url.pathname.slice(1)), '政通:zhangsan@lishui');
  assert.equal(url.searchParams.get('secret'), RFC_SECRET);
  assert.equal(url.searchParams.get('issuer'), '政通');
  assert.equal(url.searchParams.get('algorithm'), 'SHA1');
  assert.equal(url.searchParams.get('digits'), '6');
  assert.equal(url.searchParams.get('period'), '30');
  assert.ok(!totpUri(RFC_SECRET, 'a b', 'My Org').includes('+'));
  assert.ok(totpUri(RFC_SECRET, 'x', 'My Org').includes('issuer=My%20Org'));
  assert.throws(() => totpUri('bad!', 'x'), RangeError);
});
