// SQL of the 好差评 module.
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import { many, maybeOne, one, type Queryable, type Tx } from '../../platform/db/pool.ts';
import type { Reach } from '../../platform/http/principal.ts';
import { reachSql } from '../../platform/http/principal.ts';
import { BAD_SCORES, type RectificationStatus } from './ratings.model.ts';

export interface RatingRow {
  id: string;
  case_id: string;
  case_number: string;
  case_type: string;
  subject: string;
  org_id: string;
  org_path: string;
  org_name?: string;
  rater_user_id: string;
  channel: 'online' | 'onsite';
  score: number;
  comment: string;
  efficiency: number | null;
  guide_accuracy: number | null;
  convenience: number | null;
  usability: number | null;
  rated_on: string;
  created_at: Date;
  rectification_case_id: string | null;
  rectification_case_number?: string | null;
  rectification_deadline?: string | null;
  rectification_status: RectificationStatus;
  rectification_note: string | null;
  followup_note: string | null;
  rectified_at: Date | null;
}

const SELECT = `SELECT r.*, o.name AS org_name, rc.number AS rectification_case_number,
                       rc.legal_deadline AS rectification_deadline
                FROM rtg_rating r
                JOIN idn_org o ON o.id = r.org_id
                LEFT JOIN wf_case rc ON rc.id = r.rectification_case_id`;

export async function insertRating(
  tx: Tx,
  r: Omit<
    RatingRow,
    | 'created_at'
    | 'org_name'
    | 'rectification_case_number'
    | 'rectification_deadline'
    | 'rectified_at'
    | 'followup_note'
    | 'rectification_note'
  > & { created_at: Date },
): Promise<boolean> {
  const res = await tx.query(
    `INSERT INTO rtg_rating (id, case_id, case_number, case_type, subject, org_id, org_path, rater_user_id, channel,
       score, comment, efficiency, guide_accuracy, convenience, usability, rated_on, created_at,
       rectification_case_id, rectification_status)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
     ON CONFLICT (case_id) DO NOTHING`,
    [
      r.id,
      r.case_id,
      r.case_number,
      r.case_type,
      r.subject,
      r.org_id,
      r.org_path,
      r.rater_user_id,
      r.channel,
      r.score,
      r.comment,
      r.efficiency,
      r.guide_accuracy,
      r.convenience,
      r.usability,
      r.rated_on,
      r.created_at,
      r.rectification_case_id,
      r.rectification_status,
    ],
  );
  return (res.rowCount ?? 0) === 1;
}

export async function linkRectification(tx: Tx, ratingId: string, caseId: string): Promise<void> {
  await tx.query('UPDATE rtg_rating SET rectification_case_id = $2 WHERE id = $1', [ratingId, caseId]);
}

export function findRating(db: Queryable, id: string): Promise<RatingRow | null> {
  return maybeOne<RatingRow>(db, `${SELECT} WHERE r.id = $1`, [id]);
}

export function findRatingOfCase(db: Queryable, caseId: string): Promise<RatingRow | null> {
  return maybeOne<RatingRow>(db, `${SELECT} WHERE r.case_id = $1`, [caseId]);
}

export function findRatingByRectification(
  db: Queryable,
  rectificationCaseId: string,
): Promise<RatingRow | null> {
  return maybeOne<RatingRow>(db, `${SELECT} WHERE r.rectification_case_id = $1`, [rectificationCaseId]);
}

export async function setRectificationNote(tx: Tx, rectificationCaseId: string, note: string): Promise<void> {
  await tx.query('UPDATE rtg_rating SET rectification_note = $2 WHERE rectification_case_id = $1', [
    rectificationCaseId,
    note,
  ]);
}

/** Marks the rectification done; false when it already was (the hook may run once per transition). */
export async function markRectified(
  tx: Tx,
  rectificationCaseId: string,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE rtg_rating SET rectification_status = 'rectified', followup_note = $2, rectified_at = $3
     WHERE rectification_case_id = $1 AND rectification_status = 'open'`,
    [rectificationCaseId, note, at],
  );
  return (r.rowCount ?? 0) === 1;
}

export interface RatingFilter {
  from: string | null;
  to: string | null;
  orgPath: string | null;
  bad?: boolean;
  score?: number;
  /** Case number or subject contains. */
  q?: string;
  rectification?: RectificationStatus;
  offset: number;
  limit: number;
}

export async function listRatings(
  db: Queryable,
  reach: Reach,
  f: RatingFilter,
): Promise<{ rows: RatingRow[]; total: number }> {
  const [reachClause, params] = reachSql(reach, 'r.org_path', 1) as [string, unknown[]];
  const where = [reachClause];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.from) where.push(`r.rated_on >= ${p(f.from)}`);
  if (f.to) where.push(`r.rated_on < ${p(f.to)}`);
  if (f.orgPath) where.push(`r.org_path LIKE ${p(prefixPattern(f.orgPath))}`);
  if (f.bad !== undefined) where.push(`${f.bad ? '' : 'NOT '}r.score = ANY(${p(BAD_SCORES)}::int[])`);
  if (f.score) where.push(`r.score = ${p(f.score)}`);
  if (f.q) {
    const like = p(containsPattern(f.q));
    where.push(`(r.case_number ILIKE ${like} OR r.subject ILIKE ${like})`);
  }
  if (f.rectification) where.push(`r.rectification_status = ${p(f.rectification)}`);
  const w = where.join(' AND ');
  const { total } = await one<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM rtg_rating r WHERE ${w}`,
    [...params],
  );
  const rows = await many<RatingRow>(
    db,
    `${SELECT} WHERE ${w} ORDER BY r.created_at DESC, r.id DESC LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    params,
  );
  return { rows, total };
}

export interface UnitResultRow {
  org_id: string;
  org_name: string;
  count: number;
  satisfied: number;
  bad: number;
  rectified: number;
  score_sum: number;
}

/** Per-unit results for a period [from, to). */
export function unitResults(db: Queryable, from: string, to: string): Promise<UnitResultRow[]> {
  return many<UnitResultRow>(
    db,
    `SELECT r.org_id, o.name AS org_name,
            count(*)::int AS count,
            (count(*) FILTER (WHERE NOT r.score = ANY($3::int[])))::int AS satisfied,
            (count(*) FILTER (WHERE r.score = ANY($3::int[])))::int AS bad,
            (count(*) FILTER (WHERE r.score = ANY($3::int[]) AND r.rectification_status = 'rectified'))::int AS rectified,
            sum(r.score)::int AS score_sum
     FROM rtg_rating r JOIN idn_org o ON o.id = r.org_id
     WHERE r.rated_on >= $1 AND r.rated_on < $2
     GROUP BY r.org_id, o.name
     ORDER BY o.name`,
    [from, to, BAD_SCORES],
  );
}
