import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import { test } from 'node:test';
import { createPiiCipher, PiiTokenError } from './pii.ts';

const master = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const pii = createPiiCipher(master);

test('the runtime provides the national algorithms with their standard test vectors', () => {
  // GB/T 32905-2016 example 1: SM3("abc").
  assert.equal(
    createHash('sm3').update('abc').digest('hex'),
    '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  );
  // GB/T 32907-2016 example: SM4 single block, key = plaintext = 0123456789abcdeffedcba9876543210.
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  assert.equal(
    Buffer.concat([ecb.update(key), ecb.final()]).toString('hex'),
    '681edf34d206965e86b3e94f536e4246',
  );
});

test('round trip, including Chinese text, empty strings and long values', () => {
  for (const plain of ['11010519491231002X', '浙江省丽水市莲都区紫金街道 人民街1号', '', '😀'.repeat(500)]) {
    const token = pii.encrypt(plain);
    assert.equal(pii.decrypt(token), plain);
  }
});

test('token format is v1.<iv>.<ct>.<mac> in base64url and hides the plaintext', () => {
  const token = pii.encrypt('13812345678');
  const parts = token.split('.');
  assert.equal(parts.length, 4);
  assert.equal(parts[0], 'v1');
  assert.equal(Buffer.from(parts[1]!, 'base64url').length, 16);
  assert.equal(Buffer.from(parts[2]!, 'base64url').length, 11, 'CTR keeps the plaintext length');
  assert.equal(Buffer.from(parts[3]!, 'base64url').length, 32);
  for (const p of parts) assert.match(p, /^[A-Za-z0-9_-]*$/);
  assert.ok(!token.includes('13812345678'));
});

test('the ciphertext is SM4-CTR under the HKDF-derived key and the MAC is HMAC-SM3', () => {
  // Recompute independently from the documented construction.
  const salt = Buffer.from('zhengtong/pii');
  const encKey = Buffer.from(hkdfSync('sha256', master, salt, 'zhengtong pii v1 sm4-ctr encryption', 16));
  const macKey = Buffer.from(
    hkdfSync('sha256', master, salt, 'zhengtong pii v1 hmac-sm3 authentication', 32),
  );
  const [, ivB64, ctB64, macB64] = pii.encrypt('身份证号').split('.') as [string, string, string, string];
  const iv = Buffer.from(ivB64, 'base64url');
  const ct = Buffer.from(ctB64, 'base64url');
  const c = createCipheriv('sm4-ctr', encKey, iv);
  assert.deepEqual(Buffer.concat([c.update('身份证号', 'utf8'), c.final()]), ct);
  const expectedMac = createHmac('sm3', macKey).update('v1').update(iv).update(ct).digest('base64url');
  assert.equal(macB64, expectedMac);
});

test('every call uses a fresh IV, so equal plaintexts give different tokens', () => {
  const tokens = new Set(Array.from({ length: 50 }, () => pii.encrypt('same value')));
  assert.equal(tokens.size, 50);
  const ivs = new Set([...tokens].map((t) => t.split('.')[1]));
  assert.equal(ivs.size, 50);
});

test('tampering with any part is detected', () => {
  const token = pii.encrypt('33110219850315123X');
  const [v, iv, ct, mac] = token.split('.') as [string, string, string, string];
  const flip = (b64: string, index = 0): string => {
    const buf = Buffer.from(b64, 'base64url');
    buf[index] = buf[index]! ^ 0x01;
    return buf.toString('base64url');
  };
  const bad = [
    [v, flip(iv), ct, mac],
    [v, iv, flip(ct), mac],
    [v, iv, flip(ct, 17), mac],
    [v, iv, ct, flip(mac)],
    [v, iv, ct.slice(0, -2), mac],
    [v, iv, ct, mac.slice(0, -1)],
    ['v2', iv, ct, mac],
    [v, iv, ct],
    [v, iv, `${ct}!`, mac],
    [v, iv, ct, mac, 'extra'],
  ];
  for (const parts of bad) {
    assert.throws(() => pii.decrypt(parts.join('.')), PiiTokenError, parts.join('.'));
  }
  assert.throws(() => pii.decrypt(''), PiiTokenError);
  assert.throws(() => pii.decrypt('garbage'), /个人信息密文无效/);
  // The untouched token still decrypts.
  assert.equal(pii.decrypt(token), '33110219850315123X');
});

test('a token from another master key does not decrypt', () => {
  const other = createPiiCipher(Buffer.alloc(32, 7));
  assert.throws(() => other.decrypt(pii.encrypt('secret')), PiiTokenError);
});

test('blind index: stable, kind-separated, key-dependent, HMAC-SM3 hex', () => {
  const a = pii.blindIndex('id_number', '11010519491231002X');
  assert.equal(a, pii.blindIndex('id_number', '11010519491231002X'));
  assert.equal(a, createPiiCipher(Buffer.from(master)).blindIndex('id_number', '11010519491231002X'));
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, pii.blindIndex('mobile', '11010519491231002X'));
  assert.notEqual(a, pii.blindIndex('id_number', '11010519491231003X'));
  assert.notEqual(a, createPiiCipher(Buffer.alloc(32, 7)).blindIndex('id_number', '11010519491231002X'));
  const indexKey = Buffer.from(
    hkdfSync('sha256', master, Buffer.from('zhengtong/pii'), 'zhengtong pii v1 hmac-sm3 blind index', 32),
  );
  assert.equal(a, createHmac('sm3', indexKey).update('id_number:11010519491231002X').digest('hex'));
  assert.throws(() => pii.blindIndex('a:b', 'c'), RangeError);
  assert.throws(() => pii.blindIndex('', 'c'), RangeError);
});

test('the master key must be 32 bytes', () => {
  assert.throws(() => createPiiCipher(Buffer.alloc(16)), /32字节/);
  assert.throws(() => createPiiCipher(Buffer.alloc(33)), RangeError);
});
