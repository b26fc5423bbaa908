import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createTestDb } from '../../testing/db.ts';
import { createPool, one, withTx } from '../db/pool.ts';
import { createPiiCipher } from './pii.ts';
import {
  generateSm2KeyPair,
  platformPublicKey,
  platformSign,
  platformVerify,
  rotatePlatformKey,
  SM2_DEFAULT_USER_ID,
  sm2Sign,
  sm2SignatureToDer,
  sm2Verify,
} from './sm2.ts';

// ---- An independent SM2 verifier (GB/T 32918.2 §7), written from the standard with Node's SM3 and
// BigInt arithmetic, so the tests check the scheme itself and not only the library against itself.
const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');
type Pt = [bigint, bigint] | null;
const mod = (x: bigint, m = P) => ((x % m) + m) % m;
function inv(x: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(x), P, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0);
}
function add(p: Pt, q: Pt): Pt {
  if (!p) return q;
  if (!q) return p;
  if (p[0] === q[0] && mod(p[1] + q[1]) === 0n) return null;
  const l =
    p[0] === q[0] && p[1] === q[1]
      ? mod((3n * p[0] * p[0] + A) * inv(2n * p[1]))
      : mod((q[1] - p[1]) * inv(q[0] - p[0]));
  const x = mod(l * l - p[0] - q[0]);
  return [x, mod(l * (p[0] - x) - p[1])];
}
function mul(k: bigint, p: Pt): Pt {
  let r: Pt = null;
  let q = p;
  while (k > 0n) {
    if (k & 1n) r = add(r, q);
    q = add(q, q);
    k >>= 1n;
  }
  return r;
}
const hex32 = (x: bigint) => x.toString(16).padStart(64, '0');
function independentVerify(publicKey: string, msg: string, sig: string, id = SM2_DEFAULT_USER_ID): boolean {
  const px = BigInt(`0x${publicKey.slice(2, 66)}`);
  const py = BigInt(`0x${publicKey.slice(66)}`);
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  const z = createHash('sm3')
    .update(
      Buffer.concat([
        entl,
        idBytes,
        Buffer.from(hex32(A) + hex32(B) + hex32(GX) + hex32(GY) + hex32(px) + hex32(py), 'hex'),
      ]),
    )
    .digest();
  const e = BigInt(
    `0x${createHash('sm3')
      .update(Buffer.concat([z, Buffer.from(msg, 'utf8')]))
      .digest('hex')}`,
  );
  const r = BigInt(`0x${sig.slice(0, 64)}`);
  const s = BigInt(`0x${sig.slice(64)}`);
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const pt = add(mul(s, [GX, GY]), mul(t, [px, py]));
  return pt !== null && mod(e + pt[0], N) === r;
}

const LICENCE =
  '{"holderName":"丽水市莲都区好味道餐饮有限公司","number":"XK3311022026000012","validUntil":"2031-11-23"}';

test('sign and verify round trip; the signature follows GB/T 32918 with the default user ID', () => {
  const kp = generateSm2KeyPair();
  assert.match(kp.publicKey, /^04[0-9a-f]{128}$/);
  assert.match(kp.privateKey, /^[0-9a-f]{64}$/);
  const sig = sm2Sign(kp.privateKey, LICENCE);
  assert.match(sig, /^[0-9a-f]{128}$/);
  // A fresh random k each time: a repeated k would give away the private key.
  assert.notEqual(sm2Sign(kp.privateKey, LICENCE), sig);
  assert.equal(sm2Verify(kp.publicKey, LICENCE, sig), true);
  assert.equal(independentVerify(kp.publicKey, LICENCE, sig), true, 'independent SM2 verifier accepts it');
  // Z_A covers the user ID: the same signature does not verify under another ID.
  assert.equal(independentVerify(kp.publicKey, LICENCE, sig, 'ALICE123@YAHOO.COM'), false);
  assert.equal(sm2Verify(kp.publicKey, LICENCE, sig, 'ALICE123@YAHOO.COM'), false);
  // Bytes and the same text as a string are the same message.
  assert.equal(sm2Verify(kp.publicKey, new TextEncoder().encode(LICENCE), sig), true);
});

test('tampered data, a different key or a damaged signature fail', () => {
  const kp = generateSm2KeyPair();
  const other = generateSm2KeyPair();
  const sig = sm2Sign(kp.privateKey, LICENCE);
  assert.equal(sm2Verify(kp.publicKey, LICENCE.replace('2031', '2036'), sig), false);
  assert.equal(independentVerify(kp.publicKey, LICENCE.replace('2031', '2036'), sig), false);
  assert.equal(sm2Verify(other.publicKey, LICENCE, sig), false);
  assert.equal(sm2Verify(kp.publicKey, LICENCE, sm2Sign(other.privateKey, LICENCE)), false);
  const flipped = sig.slice(0, 127) + (sig[127] === '0' ? '1' : '0');
  assert.equal(sm2Verify(kp.publicKey, LICENCE, flipped), false);
  // Garbage never throws.
  assert.equal(sm2Verify(kp.publicKey, LICENCE, 'zz'), false);
  assert.equal(sm2Verify('04' + '00'.repeat(64), LICENCE, sig), false);
  assert.equal(sm2Verify(kp.publicKey, LICENCE, '0'.repeat(128)), false);
  assert.throws(() => sm2Sign('not a key', LICENCE), RangeError);
});

test('DER form of a signature', () => {
  const sig = `${'80'.padEnd(64, '1')}${'00'.repeat(4)}${'7f'.padEnd(56, '2')}`;
  const der = sm2SignatureToDer(sig);
  // r has its top bit set → a leading zero byte; s has leading zero bytes stripped.
  assert.equal(der, `3041022100${'80'.padEnd(64, '1')}021c${'7f'.padEnd(56, '2')}`);
});

test('the platform key is created once, encrypted at rest, shared, and survives rotation', async () => {
  const pool = createPool(await createTestDb(), 4);
  const pii = createPiiCipher(Buffer.alloc(32, 7));
  try {
    // Concurrent first uses agree on one key.
    const sigs = await Promise.all(
      Array.from({ length: 4 }, () => withTx(pool, (tx) => platformSign(tx, pii, LICENCE))),
    );
    assert.equal(new Set(sigs.map((s) => s.keyId)).size, 1);
    const { n } = await one<{ n: number }>(pool, 'SELECT count(*) AS n FROM lic_signing_key');
    assert.equal(n, 1);
    const first = sigs[0]!;
    assert.equal(await platformVerify(pool, LICENCE, first), true);
    const publicKey = (await platformPublicKey(pool, first.keyId))!;
    assert.equal(independentVerify(publicKey, LICENCE, first.signature), true);
    // The private key is not in the table in clear.
    const row = await one<{ private_key_enc: string }>(pool, 'SELECT private_key_enc FROM lic_signing_key');
    assert.ok(!/^[0-9a-f]{64}$/.test(row.private_key_enc));
    assert.match(pii.decrypt(row.private_key_enc), /^[0-9a-f]{64}$/);

    const rotated = await withTx(pool, (tx) => rotatePlatformKey(tx, pii));
    assert.notEqual(rotated.keyId, first.keyId);
    const next = await withTx(pool, (tx) => platformSign(tx, pii, LICENCE));
    assert.equal(next.keyId, rotated.keyId);
    // Old signatures still verify by their key id; a signature checked against the wrong key fails.
    assert.equal(await platformVerify(pool, LICENCE, first), true);
    assert.equal(await platformVerify(pool, LICENCE, next), true);
    assert.equal(
      await platformVerify(pool, LICENCE, { keyId: rotated.keyId, signature: first.signature }),
      false,
    );
    assert.equal(
      await platformVerify(pool, LICENCE, {
        keyId: '01900000-0000-7000-8000-0000000000ff',
        signature: first.signature,
      }),
      false,
    );
  } finally {
    await pool.end();
  }
});
