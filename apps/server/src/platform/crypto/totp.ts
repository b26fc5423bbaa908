// TOTP second factor for privileged accounts (RFC 6238: HMAC-SHA-1, 6 digits, 30 s), the parameters
// every authenticator app supports. Written on node:crypto rather than otplib v13 because otplib's
// default API is asynchronous and its synchronous path needs extra plugins; the algorithm is short.
//
// SHA-1 here is the HOTP PRF that authenticator apps implement, not a collision-resistance use.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Accept the previous and next 30-second step to absorb clock drift on phones. */
const WINDOW = 1;

function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(secret: string): Buffer {
  const clean = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean === '' || !/^[A-Z2-7]+$/.test(clean)) {
    throw new RangeError('TOTP 密钥格式不正确，应为 Base32 编码');
  }
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = ((value << 5) | BASE32_ALPHABET.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with dynamic truncation. */
function hotp(key: Buffer, counter: number, digits = DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function stepAt(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('无效的时间');
  return Math.floor(ms / 1000 / PERIOD_SECONDS);
}

/** 160 random bits (RFC 4226 §4 recommends at least that), as 32 Base32 characters. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** otpauth:// URI for the enrolment QR code (Google Authenticator key-URI format). */
export function totpUri(secret: string, account: string, issuer = '政通'): string {
  base32Decode(secret);
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: secret.replace(/[\s=-]/g, '').toUpperCase(),
    issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: String(PERIOD_SECONDS),
  });
  // URLSearchParams encodes spaces as '+', which some authenticator apps show literally.
  return `otpauth://totp/${label}?${params.toString().replaceAll('+', '%20')}`;
}

export function generateTotp(secret: string, at: Date = new Date()): string {
  return hotp(base32Decode(secret), stepAt(at));
}

/**
 * The time step the token belongs to (within ±1 step of `at`), or null. Store the step of each
 * accepted login and pass it as `lastUsedStep`: RFC 6238 §5.2 requires that a code is accepted once.
 */
export function matchTotpStep(
  secret: string,
  token: string,
  at: Date = new Date(),
  lastUsedStep?: number,
): number | null {
  const code = token.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const now = stepAt(at);
  const given = Buffer.from(code);
  let matched: number | null = null;
  // Check every candidate step rather than returning early, so timing does not reveal which matched.
  for (let step = now - WINDOW; step <= now + WINDOW; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), given) && matched === null) matched = step;
  }
  if (matched !== null && lastUsedStep !== undefined && matched <= lastUsedStep) return null;
  return matched;
}

export function verifyTotp(secret: string, token: string, at: Date = new Date()): boolean {
  return matchTotpStep(secret, token, at) !== null;
}
