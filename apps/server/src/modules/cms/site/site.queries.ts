// Reads the public site pages need beyond what modules/cms/index.ts exports (pictures, feed items,
// sitemap entries), and the site's stored template overrides (cms_theme_template, this folder's
// table). Only listed articles (public, not withdrawn, not expired) are ever returned.
import { UUID_RE } from '../../../platform/db/ids.ts';
import { many, type Queryable } from '../../../platform/db/pool.ts';
import { searchText } from '../../../platform/search/index.ts';
import { LISTED_SQL } from '../cms.model.ts';

export interface PictureItem {
  id: string;
  title: string;
  coverFileId: string;
  publishedAt: string;
}

/** Newest listed articles of a site with a cover image, for the home page's picture block. */
export async function listPictureArticles(
  db: Queryable,
  siteId: string,
  limit: number,
): Promise<PictureItem[]> {
  if (!UUID_RE.test(siteId)) return [];
  const rows = await many<{ id: string; title: string; cover: string; first_published_at: Date }>(
    db,
    `SELECT a.id, r.title, r.fields->>'coverFileId' AS cover, a.first_published_at
     FROM cms_article a JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
     WHERE a.site_id = $1 AND ${LISTED_SQL} AND r.fields->>'coverFileId' IS NOT NULL
     ORDER BY a.first_published_at DESC, a.id DESC LIMIT $2`,
    [siteId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    coverFileId: r.cover,
    publishedAt: r.first_published_at.toISOString(),
  }));
}

export interface FeedItem {
  id: string;
  title: string;
  summary: string;
  columnId: string;
  author: string;
  source: string;
  firstPublishedAt: Date;
  publishedAt: Date;
}

const SUMMARY_CHARS = 200;

/** Newest listed articles of a site or one of its columns, with a plain-text summary. */
export async function listFeedItems(
  db: Queryable,
  q: { siteId: string; columnId?: string | null; limit: number },
): Promise<FeedItem[]> {
  if (!UUID_RE.test(q.siteId) || (q.columnId && !UUID_RE.test(q.columnId))) return [];
  const params: unknown[] = [q.siteId, q.limit];
  let w = `a.site_id = $1 AND ${LISTED_SQL}`;
  if (q.columnId) {
    params.push(q.columnId);
    w += ' AND a.column_id = $3';
  }
  const rows = await many<{
    id: string;
    title: string;
    body: string;
    column_id: string;
    fields: { author?: string; source?: string };
    first_published_at: Date;
    published_at: Date;
  }>(
    db,
    `SELECT a.id, r.title, left(r.body, 4000) AS body, a.column_id, r.fields, a.first_published_at, a.published_at
     FROM cms_article a JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
     WHERE ${w} ORDER BY a.first_published_at DESC, a.id DESC LIMIT $2`,
    params,
  );
  return rows.map((r) => {
    const text = searchText(r.body);
    return {
      id: r.id,
      title: r.title,
      summary: text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text,
      columnId: r.column_id,
      author: r.fields.author ?? '',
      source: r.fields.source ?? '',
      firstPublishedAt: r.first_published_at,
      publishedAt: r.published_at,
    };
  });
}

/** Every listed article of a site with its last change, for sitemap.xml (at most `limit`). */
export function listSitemapArticles(
  db: Queryable,
  siteId: string,
  limit: number,
): Promise<{ id: string; updated: Date }[]> {
  if (!UUID_RE.test(siteId)) return Promise.resolve([]);
  return many<{ id: string; updated: Date }>(
    db,
    `SELECT a.id, a.published_at AS updated FROM cms_article a
     WHERE a.site_id = $1 AND ${LISTED_SQL} ORDER BY a.first_published_at DESC, a.id DESC LIMIT $2`,
    [siteId, limit],
  );
}

// Template overrides ------------------------------------------------------------------------------

export interface TemplateOverrideRow {
  site_id: string;
  name: string;
  source: string;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function listTemplateOverrides(db: Queryable, siteId: string): Promise<TemplateOverrideRow[]> {
  return many<TemplateOverrideRow>(db, 'SELECT * FROM cms_theme_template WHERE site_id = $1 ORDER BY name', [
    siteId,
  ]);
}

/** A short fingerprint of a site's overrides: when it changes, the site's renderer is rebuilt. */
export async function overridesVersion(db: Queryable, siteId: string): Promise<string> {
  const r = await db.query<{ n: number; at: Date | null }>(
    'SELECT count(*)::int AS n, max(updated_at) AS at FROM cms_theme_template WHERE site_id = $1',
    [siteId],
  );
  const row = r.rows[0];
  return `${row?.n ?? 0}:${row?.at ? row.at.getTime() : 0}`;
}

export interface ColumnHeadline {
  id: string;
  columnId: string;
  title: string;
  firstPublishedAt: Date;
  docNumber: string | null;
  validity: string | null;
}

/**
 * The newest `perColumn` listed articles of each of `columnIds` in one query (the home page's
 * blocks), newest first within each column.
 */
export async function listColumnHeadlines(
  db: Queryable,
  siteId: string,
  columnIds: string[],
  perColumn: number,
): Promise<ColumnHeadline[]> {
  const ids = columnIds.filter((id) => UUID_RE.test(id));
  if (!UUID_RE.test(siteId) || ids.length === 0) return [];
  const rows = await many<{
    id: string;
    column_id: string;
    title: string;
    first_published_at: Date;
    fields: { docNumber?: string | null; validity?: string | null };
  }>(
    db,
    `SELECT x.* FROM unnest($2::uuid[]) AS c(id)
     CROSS JOIN LATERAL (
       SELECT a.id, a.column_id, r.title, a.first_published_at, r.fields
       FROM cms_article a JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
       WHERE a.site_id = $1 AND a.column_id = c.id AND ${LISTED_SQL}
       ORDER BY a.first_published_at DESC, a.id DESC LIMIT $3
     ) x`,
    [siteId, ids, perColumn],
  );
  return rows.map((r) => ({
    id: r.id,
    columnId: r.column_id,
    title: r.title,
    firstPublishedAt: r.first_published_at,
    docNumber: r.fields.docNumber ?? null,
    validity: r.fields.validity ?? null,
  }));
}
