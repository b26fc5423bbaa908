// SQL of the electronic licence module.
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import { many, maybeOne, one, type Queryable, type Tx } from '../../platform/db/pool.ts';
import type { Reach } from '../../platform/http/principal.ts';
import { reachSql } from '../../platform/http/principal.ts';

export interface LicenceRow {
  id: string;
  number: string;
  case_id: string;
  case_number: string;
  licence_name: string;
  holder_name: string;
  holder_kind: 'person' | 'enterprise';
  holder_code_enc: string;
  holder_code_hash: string;
  holder_code_masked: string;
  holder_user_id: string | null;
  org_id: string;
  org_path: string;
  org_name: string;
  valid_from: string;
  valid_until: string | null;
  scope: string;
  data: Record<string, string>;
  issued_on: string;
  issued_at: Date;
  status: 'valid' | 'revoked';
  revoked_reason: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name?: string | null;
  signed_payload: string;
  signature: string;
  key_id: string;
  created_at: Date;
}

const COLUMNS = `l.*, ru.display_name AS revoked_by_name`;
const FROM = `lic_licence l LEFT JOIN idn_user ru ON ru.id = l.revoked_by`;

export async function insertLicence(
  tx: Tx,
  row: Omit<LicenceRow, 'created_at' | 'revoked_by_name'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO lic_licence (id, number, case_id, case_number, licence_name, holder_name, holder_kind,
       holder_code_enc, holder_code_hash, holder_code_masked, holder_user_id, org_id, org_path, org_name,
       valid_from, valid_until, scope, data, issued_on, issued_at, status, revoked_reason, revoked_at,
       revoked_by, signed_payload, signature, key_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)`,
    [
      row.id,
      row.number,
      row.case_id,
      row.case_number,
      row.licence_name,
      row.holder_name,
      row.holder_kind,
      row.holder_code_enc,
      row.holder_code_hash,
      row.holder_code_masked,
      row.holder_user_id,
      row.org_id,
      row.org_path,
      row.org_name,
      row.valid_from,
      row.valid_until,
      row.scope,
      JSON.stringify(row.data),
      row.issued_on,
      row.issued_at,
      row.status,
      row.revoked_reason,
      row.revoked_at,
      row.revoked_by,
      row.signed_payload,
      row.signature,
      row.key_id,
    ],
  );
}

export function findLicence(db: Queryable, id: string): Promise<LicenceRow | null> {
  return maybeOne<LicenceRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE l.id = $1`, [id]);
}

export function findLicenceForUpdate(tx: Tx, id: string): Promise<LicenceRow | null> {
  return maybeOne<LicenceRow>(tx, 'SELECT l.* FROM lic_licence l WHERE l.id = $1 FOR UPDATE', [id]);
}

export function findLicenceByNumber(db: Queryable, number: string): Promise<LicenceRow | null> {
  return maybeOne<LicenceRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE l.number = $1`, [number]);
}

export function findLicenceForCase(
  db: Queryable,
  caseId: string,
  licenceName: string,
): Promise<LicenceRow | null> {
  return maybeOne<LicenceRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE l.case_id = $1 AND l.licence_name = $2 ORDER BY l.issued_at LIMIT 1`,
    [caseId, licenceName],
  );
}

export function licencesOfCase(db: Queryable, caseId: string): Promise<LicenceRow[]> {
  return many<LicenceRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE l.case_id = $1 ORDER BY l.issued_at`, [
    caseId,
  ]);
}

export interface LicenceFilter {
  q?: string;
  /** Blind index of the holder code, when q looks like an ID number or credit code. */
  holderCodeHash?: string | null;
  status?: 'valid' | 'revoked' | 'expired';
  orgPath?: string | null;
  today: string;
  offset: number;
  limit: number;
}

export async function listLicences(
  db: Queryable,
  reach: Reach,
  f: LicenceFilter,
): Promise<{ rows: LicenceRow[]; total: number }> {
  const [reachClause, reachParams] = reachSql(reach, 'l.org_path', 1);
  const params: unknown[] = [...reachParams];
  const where = [reachClause];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.orgPath) where.push(`l.org_path LIKE ${p(prefixPattern(f.orgPath))}`);
  if (f.status) {
    // The same judgement as plainStatus() in licences.model.ts, which labels each row of the answer.
    const today = p(f.today);
    where.push(`(CASE WHEN l.status = 'revoked' THEN 'revoked'
                      WHEN l.valid_until < ${today}::date THEN 'expired'
                      WHEN l.valid_from > ${today}::date THEN 'not_yet_valid'
                      ELSE 'valid' END) = ${p(f.status)}`);
  }
  if (f.q) {
    const like = p(containsPattern(f.q));
    const alts = [`l.number ILIKE ${like}`, `l.holder_name ILIKE ${like}`, `l.case_number ILIKE ${like}`];
    if (f.holderCodeHash) alts.push(`l.holder_code_hash = ${p(f.holderCodeHash)}`);
    where.push(`(${alts.join(' OR ')})`);
  }
  const sqlWhere = where.join(' AND ');
  const { total } = await one<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM lic_licence l WHERE ${sqlWhere}`,
    params,
  );
  const rows = await many<LicenceRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${sqlWhere} ORDER BY l.issued_at DESC, l.id DESC
     LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  return { rows, total };
}

export function listLicencesOfHolder(db: Queryable, userId: string): Promise<LicenceRow[]> {
  return many<LicenceRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE l.holder_user_id = $1 ORDER BY l.issued_at DESC LIMIT 500`,
    [userId],
  );
}

export async function markRevoked(
  tx: Tx,
  id: string,
  p: { reason: string; at: Date; by: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE lic_licence SET status = 'revoked', revoked_reason = $2, revoked_at = $3, revoked_by = $4 WHERE id = $1`,
    [id, p.reason, p.at, p.by],
  );
}
