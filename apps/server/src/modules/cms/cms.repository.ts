// SQL of the website cluster. Functions take the pool or a transaction first (CONVENTIONS habit 4).
import { newId } from '../../platform/db/ids.ts';
import { many, maybeOne, type Queryable, type Tx } from '../../platform/db/pool.ts';
import type { ArticleRow, ColumnRow, RevisionFields, RevisionRow, SiteRow } from './cms.model.ts';

const SITE_TABLE = 'cms_site';
const COLUMN_TABLE = 'cms_column';
const ARTICLE_TABLE = 'cms_article';

/** Sets the given columns of one row; keys are column names written by this module only. */
async function patchRow(
  tx: Tx,
  table: typeof SITE_TABLE | typeof COLUMN_TABLE | typeof ARTICLE_TABLE,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const keys = Object.keys(patch);
  if (keys.length === 0) return;
  for (const k of keys) if (!/^[a-z_0-9]+$/.test(k)) throw new Error(`bad column ${k}`);
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  const values = keys.map((k) => {
    const v = patch[k];
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? JSON.stringify(v)
      : k === 'attachments'
        ? JSON.stringify(v)
        : v;
  });
  await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, [id, ...values]);
}

// Sites ------------------------------------------------------------------------------------------

export async function insertSite(tx: Tx, s: Omit<SiteRow, 'created_at' | 'updated_at'>, now: Date) {
  await tx.query(
    `INSERT INTO cms_site (id, code, name, site_code, domains, org_id, org_path, theme, footer, is_default, status, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12)`,
    [
      s.id,
      s.code,
      s.name,
      s.site_code,
      s.domains,
      s.org_id,
      s.org_path,
      s.theme,
      JSON.stringify(s.footer),
      s.is_default,
      s.status,
      now,
    ],
  );
}

export const patchSite = (tx: Tx, id: string, patch: Partial<SiteRow>) => patchRow(tx, SITE_TABLE, id, patch);

export function findSite(db: Queryable, id: string, lock = false): Promise<SiteRow | null> {
  return maybeOne<SiteRow>(db, `SELECT * FROM cms_site WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
}

export function findSiteByCode(db: Queryable, code: string): Promise<SiteRow | null> {
  return maybeOne<SiteRow>(db, 'SELECT * FROM cms_site WHERE code = $1', [code]);
}

export function findSiteByDomain(db: Queryable, host: string): Promise<SiteRow | null> {
  return maybeOne<SiteRow>(db, 'SELECT * FROM cms_site WHERE domains @> ARRAY[$1]::text[] LIMIT 1', [host]);
}

export function findDefaultSite(db: Queryable): Promise<SiteRow | null> {
  return maybeOne<SiteRow>(db, 'SELECT * FROM cms_site WHERE is_default');
}

export function listSiteRows(db: Queryable, opts: { openOnly: boolean }): Promise<SiteRow[]> {
  return many<SiteRow>(
    db,
    `SELECT * FROM cms_site ${opts.openOnly ? "WHERE status = 'open'" : ''} ORDER BY is_default DESC, created_at, code`,
  );
}

/** A site (other than `exceptId`) already using the code, site code or one of the domains. */
export function findSiteClash(
  db: Queryable,
  v: { code?: string; siteCode?: string; domains?: string[] },
  exceptId: string | null,
): Promise<{ id: string } | null> {
  return maybeOne(
    db,
    `SELECT id FROM cms_site WHERE id IS DISTINCT FROM $1::uuid
       AND (code = $2 OR site_code = $3 OR domains && $4::text[]) LIMIT 1`,
    [exceptId, v.code ?? null, v.siteCode ?? null, v.domains ?? []],
  );
}

// Columns ----------------------------------------------------------------------------------------

export async function insertColumn(
  tx: Tx,
  c: Omit<ColumnRow, 'created_at' | 'updated_at' | 'last_published_at'>,
  now: Date,
) {
  await tx.query(
    `INSERT INTO cms_column (id, site_id, parent_id, code, name, kind, sort, update_days, review_levels, link_url, required_as, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12)`,
    [
      c.id,
      c.site_id,
      c.parent_id,
      c.code,
      c.name,
      c.kind,
      c.sort,
      c.update_days,
      c.review_levels,
      c.link_url,
      c.required_as,
      now,
    ],
  );
}

export const patchColumn = (tx: Tx, id: string, patch: Partial<ColumnRow>) =>
  patchRow(tx, COLUMN_TABLE, id, patch);

export function findColumn(db: Queryable, id: string): Promise<ColumnRow | null> {
  return maybeOne<ColumnRow>(db, 'SELECT * FROM cms_column WHERE id = $1', [id]);
}

export function findColumnByCode(db: Queryable, siteId: string, code: string): Promise<ColumnRow | null> {
  return maybeOne<ColumnRow>(db, 'SELECT * FROM cms_column WHERE site_id = $1 AND code = $2', [siteId, code]);
}

export function listColumnRows(db: Queryable, siteId: string): Promise<ColumnRow[]> {
  return many<ColumnRow>(
    db,
    'SELECT * FROM cms_column WHERE site_id = $1 ORDER BY parent_id NULLS FIRST, sort, created_at',
    [siteId],
  );
}

export async function columnHasContent(db: Queryable, id: string): Promise<boolean> {
  return !!(await maybeOne(
    db,
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM cms_column WHERE parent_id = $1)
        OR EXISTS (SELECT 1 FROM cms_article WHERE column_id = $1)
        OR EXISTS (SELECT 1 FROM cms_subscription WHERE column_id = $1 OR source_column_id = $1)
        OR EXISTS (SELECT 1 FROM cms_push WHERE target_column_id = $1)`,
    [id],
  ));
}

// Articles ---------------------------------------------------------------------------------------

export type ArticleInsert = Omit<
  ArticleRow,
  | 'created_at'
  | 'updated_at'
  | 'public_revision'
  | 'reviews_done'
  | 'level1_reviewer_id'
  | 'return_reason'
  | 'withdraw_reason'
  | 'withdrawn_at'
  | 'expired_at'
  | 'first_published_at'
  | 'published_at'
>;

export async function insertArticle(tx: Tx, a: ArticleInsert, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO cms_article (id, site_id, column_id, org_path, status, title, subtitle, source, author, tags, body,
       cover_file_id, video_file_id, attachments, doc_number, written_on, validity, interpretation_ids, publish_at,
       expires_at, revision, review_levels, copy_of, copy_kind, credit, created_by, updated_by, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$28)`,
    [
      a.id,
      a.site_id,
      a.column_id,
      a.org_path,
      a.status,
      a.title,
      a.subtitle,
      a.source,
      a.author,
      a.tags,
      a.body,
      a.cover_file_id,
      a.video_file_id,
      JSON.stringify(a.attachments),
      a.doc_number,
      a.written_on,
      a.validity,
      a.interpretation_ids,
      a.publish_at,
      a.expires_at,
      a.revision,
      a.review_levels,
      a.copy_of,
      a.copy_kind,
      a.credit,
      a.created_by,
      a.updated_by,
      now,
    ],
  );
}

export const patchArticle = (tx: Tx, id: string, patch: Partial<ArticleRow>) =>
  patchRow(tx, ARTICLE_TABLE, id, patch);

export function findArticle(db: Queryable, id: string, lock = false): Promise<ArticleRow | null> {
  return maybeOne<ArticleRow>(db, `SELECT * FROM cms_article WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
}

export async function insertRevision(
  tx: Tx,
  r: {
    id: string;
    articleId: string;
    number: number;
    title: string;
    body: string;
    fields: RevisionFields;
    fileIds: string[];
    note: string;
    createdBy: string | null;
  },
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO cms_article_revision (id, article_id, number, title, body, fields, file_ids, note, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      r.id,
      r.articleId,
      r.number,
      r.title,
      r.body,
      JSON.stringify(r.fields),
      r.fileIds,
      r.note,
      r.createdBy,
      now,
    ],
  );
}

export function findRevision(db: Queryable, articleId: string, number: number): Promise<RevisionRow | null> {
  return maybeOne<RevisionRow>(
    db,
    'SELECT * FROM cms_article_revision WHERE article_id = $1 AND number = $2',
    [articleId, number],
  );
}

export function listRevisionRows(db: Queryable, articleId: string): Promise<RevisionRow[]> {
  return many<RevisionRow>(
    db,
    'SELECT * FROM cms_article_revision WHERE article_id = $1 ORDER BY number DESC',
    [articleId],
  );
}

/** Linked copies of an article (accepted pushes and subscription copies). */
export function listCopies(db: Queryable, articleId: string): Promise<ArticleRow[]> {
  return many<ArticleRow>(db, 'SELECT * FROM cms_article WHERE copy_of = $1 ORDER BY created_at', [
    articleId,
  ]);
}

/** Whether a file is shown by some publicly reachable article version (the public file route). */
export async function fileIsPublic(db: Queryable, fileId: string): Promise<boolean> {
  return !!(await maybeOne(
    db,
    `SELECT 1 FROM cms_article_revision r JOIN cms_article a ON a.id = r.article_id AND r.number = a.public_revision
     WHERE r.file_ids @> ARRAY[$1]::uuid[] AND a.expired_at IS NULL AND a.withdrawn_at IS NULL LIMIT 1`,
    [fileId],
  ));
}

/** The state of an article that has just been made: revision 1, never reviewed, published or withdrawn. */
export function freshArticleState(userId: string | null, now: Date) {
  return {
    revision: 1,
    public_revision: null,
    reviews_done: 0,
    level1_reviewer_id: null,
    return_reason: null,
    withdraw_reason: null,
    withdrawn_at: null,
    expired_at: null,
    first_published_at: null,
    published_at: null,
    created_by: userId,
    updated_by: userId,
    created_at: now,
    updated_at: now,
  } as const;
}

/** Inserts a new article with its first revision (its title and body, these fields and files). */
export async function insertNewArticle(
  tx: Tx,
  row: ArticleRow,
  first: { fields: RevisionFields; fileIds: string[]; note: string },
  now: Date,
): Promise<void> {
  await insertArticle(tx, row, now);
  await insertRevision(
    tx,
    {
      id: newId(),
      articleId: row.id,
      number: 1,
      title: row.title,
      body: row.body,
      fields: first.fields,
      fileIds: first.fileIds,
      note: first.note,
      createdBy: row.created_by,
    },
    now,
  );
}
