// Tamper evidence for the audit log (等保 安全审计 c, 密评 §8.4 g; DOMAIN §8.1/8.2): each entry's
// hash covers the previous hash, so deleting or editing any row breaks every hash after it. Keyed
// (HMAC-SM3) so that someone with database write access alone cannot rebuild a consistent chain.
//
// The entry must be serialised identically on write and on verification, years apart and possibly by
// another Node version, hence a canonical JSON: sorted keys, no whitespace, and refusal of values
// that JSON.stringify would silently drop or distort.

import { createHmac } from 'node:crypto';

/** prevHash of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function chainHash(key: Buffer, prevHash: string, canonicalEntry: string): string {
  if (key.length < 16) throw new RangeError('审计链密钥长度至少为16字节');
  if (!HASH_PATTERN.test(prevHash)) throw new RangeError('前一条审计记录的哈希值格式不正确');
  // prevHash has a fixed length, so the concatenation is unambiguous; the newline is for readability.
  return createHmac('sm3', key).update(`${prevHash}\n${canonicalEntry}`, 'utf8').digest('hex');
}

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units at every level, Dates as ISO strings,
 * `undefined` object properties omitted (as JSON does). Throws on values with no faithful JSON form
 * (NaN, Infinity, BigInt, functions, symbols, Map, Set, class instances, invalid dates, cycles).
 * The output matches RFC 8785 (JCS) for the values it accepts.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, new Set());
}

function serialize(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`规范化 JSON 不支持数值 ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`规范化 JSON 不支持 ${typeof value} 类型的值`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('规范化 JSON 不支持无效日期');
    return JSON.stringify(value.toISOString());
  }
  if (ancestors.has(value)) throw new TypeError('规范化 JSON 不支持循环引用');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // JSON turns holes and undefined into null inside arrays; do the same so positions are kept.
      const items = Array.from(value, (item) => (item === undefined ? 'null' : serialize(item, ancestors)));
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`规范化 JSON 只接受普通对象，不支持 ${name}`);
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${serialize(member, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
