// SM2 digital signatures (GB/T 32918, GM/T 0003) for documents the platform issues, above all
// electronic licences (电子证照): anyone holding the platform's public key can check that a licence's
// fields were signed by the platform and not changed since.
//
// Signature scheme: SM2 with SM3, e = SM3(Z_A ‖ M) where Z_A covers the signer's user ID; the ID is
// the default '1234567812345678' of GM/T 0009-2012 §10 (what other verifiers assume when none is
// agreed). Signatures are the raw r ‖ s, 64 bytes as 128 lowercase hex characters (fixed length, easy
// to embed; DER-encode with `sm2SignatureToDer` for tools that want GM/T 0009's ASN.1 form).
//
// Keys: one platform signing key pair, generated once and kept in `lic_signing_key` with the private
// key encrypted by the PII cipher (SM4 + HMAC-SM3 under the master key), so every process signs with
// the same key. Rotation marks a new key active and keeps the old public keys, so signatures made
// before the rotation stay verifiable by their key id.

import { sm2 } from 'sm-crypto-v2';
import type { PiiCipher } from '../context.ts';
import { newId } from '../db/ids.ts';
import { maybeOne, one, type Queryable, type Tx } from '../db/pool.ts';

export const SM2_DEFAULT_USER_ID = '1234567812345678';

const PUBLIC_KEY = /^04[0-9a-f]{128}$/;
const PRIVATE_KEY = /^[0-9a-f]{64}$/;
const SIGNATURE = /^[0-9a-f]{128}$/;

export interface Sm2KeyPair {
  /** Uncompressed point, '04' ‖ x ‖ y, 130 hex characters. */
  publicKey: string;
  /** 64 hex characters. */
  privateKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const kp = sm2.generateKeyPairHex();
  return { publicKey: kp.publicKey.toLowerCase(), privateKey: kp.privateKey.toLowerCase() };
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** Signs `data` (a string is signed as its UTF-8 bytes). Returns r ‖ s as 128 hex characters. */
export function sm2Sign(privateKey: string, data: string | Uint8Array, userId = SM2_DEFAULT_USER_ID): string {
  if (!PRIVATE_KEY.test(privateKey)) throw new RangeError('SM2 私钥格式不正确');
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKey);
  return sm2
    .doSignature(bytesOf(data), privateKey, { hash: true, der: false, publicKey, userId })
    .toLowerCase();
}

/** True only for a well-formed signature by the key's owner over exactly these bytes. */
export function sm2Verify(
  publicKey: string,
  data: string | Uint8Array,
  signature: string,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  if (!PUBLIC_KEY.test(publicKey) || !SIGNATURE.test(signature)) return false;
  try {
    return sm2.doVerifySignature(bytesOf(data), signature, publicKey, { hash: true, der: false, userId });
  } catch {
    // Points off the curve and similar garbage: not a valid signature, not a server error.
    return false;
  }
}

/** r ‖ s hex → DER SEQUENCE { r INTEGER, s INTEGER } hex (GM/T 0009 SM2Signature). */
export function sm2SignatureToDer(signature: string): string {
  if (!SIGNATURE.test(signature)) throw new RangeError('SM2 签名格式不正确');
  const int = (hex: string): string => {
    let h = hex.replace(/^(00)+/, '') || '00';
    if (Number.parseInt(h.slice(0, 2), 16) >= 0x80) h = `00${h}`;
    return `02${(h.length / 2).toString(16).padStart(2, '0')}${h}`;
  };
  const body = int(signature.slice(0, 64)) + int(signature.slice(64));
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
}

// ---------------------------------------------------------------------------------------------
// The platform signing key

export interface PlatformSignature {
  keyId: string;
  signature: string;
}

interface KeyRow {
  id: string;
  public_key: string;
  private_key_enc: string;
}

const ADVISORY_LOCK_KEY = 'zhengtong:lic_signing_key';

async function createKey(db: Queryable, pii: PiiCipher): Promise<KeyRow> {
  const kp = generateSm2KeyPair();
  return one<KeyRow>(
    db,
    `INSERT INTO lic_signing_key (id, public_key, private_key_enc, active)
     VALUES ($1, $2, $3, true) RETURNING id, public_key, private_key_enc`,
    [newId(), kp.publicKey, pii.encrypt(kp.privateKey)],
  );
}

/** The active key; created on first use. Concurrent first uses agree on one key (advisory lock). */
async function activeKey(tx: Tx, pii: PiiCipher): Promise<KeyRow> {
  const sql = 'SELECT id, public_key, private_key_enc FROM lic_signing_key WHERE active';
  const found = await maybeOne<KeyRow>(tx, sql);
  if (found) return found;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ADVISORY_LOCK_KEY]);
  return (await maybeOne<KeyRow>(tx, sql)) ?? createKey(tx, pii);
}

/** Signs with the platform's active SM2 key (created on first use). */
export async function platformSign(
  tx: Tx,
  pii: PiiCipher,
  data: string | Uint8Array,
): Promise<PlatformSignature> {
  const key = await activeKey(tx, pii);
  const privateKey = pii.decrypt(key.private_key_enc);
  return { keyId: key.id, signature: sm2Sign(privateKey, data) };
}

/** The public key of a signing key, active or retired; null for an unknown id. */
export async function platformPublicKey(db: Queryable, keyId: string): Promise<string | null> {
  const row = await maybeOne<{ public_key: string }>(
    db,
    'SELECT public_key FROM lic_signing_key WHERE id = $1',
    [keyId],
  );
  return row?.public_key ?? null;
}

/** Checks a platform signature against the key it names. Unknown key → false. */
export async function platformVerify(
  db: Queryable,
  data: string | Uint8Array,
  sig: PlatformSignature,
): Promise<boolean> {
  const publicKey = await platformPublicKey(db, sig.keyId);
  return publicKey !== null && sm2Verify(publicKey, data, sig.signature);
}

/**
 * Makes a new key the active one; the previous keys stay for verification. Returns the new key's id
 * and public key (to publish).
 */
export async function rotatePlatformKey(
  tx: Tx,
  pii: PiiCipher,
): Promise<{ keyId: string; publicKey: string }> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ADVISORY_LOCK_KEY]);
  await tx.query('UPDATE lic_signing_key SET active = false, retired_at = now() WHERE active');
  const key = await createKey(tx, pii);
  return { keyId: key.id, publicKey: key.public_key };
}
