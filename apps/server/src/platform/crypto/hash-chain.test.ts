import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson, chainHash, GENESIS_HASH } from './hash-chain.ts';

const key = Buffer.from('audit-chain-test-key-0123456789ab');

test('canonicalJson sorts keys recursively and drops whitespace', () => {
  const a = { b: 1, a: { d: [3, { z: true, y: null }], c: '政通' } };
  const b = { a: { c: '政通', d: [3, { y: null, z: true }] }, b: 1 };
  assert.equal(canonicalJson(a), '{"a":{"c":"政通","d":[3,{"y":null,"z":true}]},"b":1}');
  assert.equal(canonicalJson(a), canonicalJson(b));
});

test('canonicalJson: Dates as ISO strings, undefined handled like JSON', () => {
  const at = new Date('2026-10-08T01:02:03.004Z');
  assert.equal(canonicalJson({ at }), '{"at":"2026-10-08T01:02:03.004Z"}');
  assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
  assert.equal(canonicalJson([1, undefined, 3]), '[1,null,3]');
  assert.equal(canonicalJson(Object.assign(Object.create(null), { x: 1 })), '{"x":1}');
});

test('canonicalJson: keys sort by UTF-16 code units (RFC 8785)', () => {
  // RFC 8785 §3.2.3 ordering example (subset): "\r" < "1" < "\u0080" < "ö" < "€" < "😀" < "ﬂ".
  const obj = { ﬂ: 7, '😀': 6, '€': 5, ö: 4, '\u0080': 3, '1': 2, '\r': 1 };
  assert.equal(canonicalJson(obj), '{"\\r":1,"1":2,"\u0080":3,"ö":4,"€":5,"😀":6,"ﬂ":7}');
});

test('canonicalJson: numbers and strings use the ECMAScript forms', () => {
  assert.equal(canonicalJson([1.5, -0, 1e21, 0.000001, 1e-7]), '[1.5,0,1e+21,0.000001,1e-7]');
  assert.equal(canonicalJson('line\nbreak "quoted" \u2028'), '"line\\nbreak \\"quoted\\" \u2028"');
});

test('canonicalJson refuses values JSON would lose or distort', () => {
  for (const bad of [
    Number.NaN,
    Number.POSITIVE_INFINITY,
    10n,
    () => 1,
    Symbol('x'),
    undefined,
    new Map([[1, 2]]),
    new Set([1]),
    new Date('invalid'),
    { nested: { n: Number.NaN } },
    Buffer.from('x'),
  ]) {
    assert.throws(() => canonicalJson(bad), TypeError);
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => canonicalJson(cyclic), /循环引用/);
  // A shared (non-cyclic) reference is fine.
  const shared = { x: 1 };
  assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
});

test('chainHash is HMAC-SM3 over prevHash, a newline and the entry', () => {
  const entry = canonicalJson({ action: 'application.accept', actor: 'u1', at: new Date(0) });
  const h = chainHash(key, GENESIS_HASH, entry);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(h, createHmac('sm3', key).update(`${GENESIS_HASH}\n${entry}`).digest('hex'));
  assert.equal(h, chainHash(key, GENESIS_HASH, entry), 'deterministic');
});

test('a chain detects edits, deletions and reordering', () => {
  const entries = [1, 2, 3, 4].map((n) => canonicalJson({ seq: n, action: 'x' }));
  const build = (list: string[]): string[] => {
    const out: string[] = [];
    let prev = GENESIS_HASH;
    for (const e of list) {
      prev = chainHash(key, prev, e);
      out.push(prev);
    }
    return out;
  };
  const original = build(entries);
  const edited = build([entries[0]!, canonicalJson({ seq: 2, action: 'y' }), entries[2]!, entries[3]!]);
  assert.equal(edited[0], original[0]);
  assert.notEqual(edited[1], original[1]);
  assert.notEqual(edited[3], original[3], 'an edit changes every later hash');
  const deleted = build([entries[0]!, entries[2]!, entries[3]!]);
  assert.notEqual(deleted.at(-1), original.at(-1));
  const swapped = build([entries[1]!, entries[0]!, entries[2]!, entries[3]!]);
  assert.notEqual(swapped.at(-1), original.at(-1));
  // Without the key the chain cannot be reproduced.
  const otherKey = Buffer.from('another-key-0123456789abcdefghij');
  assert.notEqual(chainHash(otherKey, GENESIS_HASH, entries[0]!), original[0]);
});

test('chainHash validates its inputs', () => {
  assert.throws(() => chainHash(key, 'abc', '{}'), RangeError);
  assert.throws(() => chainHash(key, GENESIS_HASH.toUpperCase().replace(/0/g, 'A'), '{}'), RangeError);
  assert.throws(() => chainHash(Buffer.alloc(8), GENESIS_HASH, '{}'), /至少为16字节/);
});
