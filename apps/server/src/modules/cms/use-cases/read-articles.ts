// Reading articles: the console (working copies in the caller's sites), the public (published
// revisions only), revisions and their diff.
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many, one, type Queryable } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { type Reach, reachOf, reachSql } from '../../../platform/http/principal.ts';
import { searchText } from '../../../platform/search/index.ts';
import { type DiffPart, diffText } from '../cms.diff.ts';
import { cmsErrors } from '../cms.errors.ts';
import {
  ARTICLE_STATUSES,
  type ArticleRow,
  type ArticleStatus,
  LISTED_SQL,
  type RevisionRow,
} from '../cms.model.ts';
import { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW } from '../cms.permissions.ts';
import { findArticle, findRevision, findSite, listRevisionRows } from '../cms.repository.ts';
import { type Caller, isSystem, mayReadInSite } from '../cms.scope.ts';
import { type ArticleView, type PublishedArticle, publishedArticleOf, toArticleView } from '../cms.views.ts';

/** Staff in scope get the working copy; anyone else the published page's data, or 404. */
export async function readArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
): Promise<{ staff: ArticleView } | { published: PublishedArticle }> {
  const a = UUID_RE.test(id) ? await findArticle(ctx.pool, id) : null;
  if (!a) throw cmsErrors.ARTICLE_NOT_FOUND();
  const site = await findSite(ctx.pool, a.site_id);
  if (site && mayReadInSite(caller, site)) return { staff: await toArticleView(ctx.pool, a) };
  const pub = await publishedArticleOf(ctx.pool, a);
  if (!pub) throw cmsErrors.ARTICLE_NOT_FOUND();
  return { published: pub };
}

function staffReach(caller: Caller): Reach {
  if (isSystem(caller)) return { all: true };
  if (!caller) throw platformErrors.UNAUTHENTICATED();
  const edit = reachOf(caller, CMS_ARTICLE_EDIT);
  const review = reachOf(caller, CMS_ARTICLE_REVIEW);
  if (!edit && !review) throw platformErrors.FORBIDDEN();
  if (edit?.all || review?.all) return { all: true };
  return {
    all: false,
    orgPaths: [
      ...(edit && !edit.all ? edit.orgPaths : []),
      ...(review && !review.all ? review.orgPaths : []),
    ],
    own: false,
  };
}

export interface ArticleListQuery {
  siteId?: string;
  columnId?: string;
  status?: ArticleStatus;
  q?: string;
  docNumber?: string;
  page?: number;
  pageSize?: number;
}

export async function listArticles(ctx: AppContext, caller: Caller, q: ArticleListQuery) {
  const reach = staffReach(caller);
  const { page, pageSize, offset } = pageWindow(q);
  const [scopeSql, scopeParams] = reachSql(reach, 'a.org_path', 1);
  const params: unknown[] = [...scopeParams];
  const where = [scopeSql];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    where.push(sql(params.length));
  };
  if (q.siteId) add((n) => `a.site_id = $${n}`, q.siteId);
  if (q.columnId) add((n) => `a.column_id = $${n}`, q.columnId);
  if (q.status) {
    if (!ARTICLE_STATUSES.includes(q.status)) throw cmsErrors.ARTICLE_INVALID('status', '状态不正确');
    add((n) => `a.status = $${n}`, q.status);
  }
  if (q.q) add((n) => `a.title ILIKE $${n}`, containsPattern(q.q));
  if (q.docNumber) add((n) => `a.doc_number ILIKE $${n}`, containsPattern(q.docNumber));
  const w = where.join(' AND ');
  const total = (
    await one<{ n: number }>(ctx.pool, `SELECT count(*) AS n FROM cms_article a WHERE ${w}`, params)
  ).n;
  const rows = await many<ArticleRow>(
    ctx.pool,
    `SELECT a.* FROM cms_article a WHERE ${w} ORDER BY a.updated_at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  const items = [];
  for (const r of rows) items.push(await toArticleView(ctx.pool, r));
  return { items, total, page, pageSize };
}

async function articleForStaff(ctx: AppContext, caller: Caller, id: string): Promise<ArticleRow> {
  staffReach(caller);
  const a = UUID_RE.test(id) ? await findArticle(ctx.pool, id) : null;
  const site = a ? await findSite(ctx.pool, a.site_id) : null;
  if (!a || !site || !mayReadInSite(caller, site)) throw cmsErrors.ARTICLE_NOT_FOUND();
  return a;
}

export interface RevisionView {
  number: number;
  title: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
  isPublic: boolean;
  isCurrent: boolean;
}

export async function listRevisions(
  ctx: AppContext,
  caller: Caller,
  id: string,
): Promise<{ items: RevisionView[] }> {
  const a = await articleForStaff(ctx, caller, id);
  const rows = await listRevisionRows(ctx.pool, a.id);
  return {
    items: rows.map((r: RevisionRow) => ({
      number: r.number,
      title: r.title,
      note: r.note,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      isPublic: r.number === a.public_revision,
      isCurrent: r.number === a.revision,
    })),
  };
}

export interface RevisionDiff {
  from: number;
  to: number;
  title: DiffPart[];
  body: DiffPart[];
  fields: { field: string; before: unknown; after: unknown }[];
}

/** Word diff of title and text (HTML reduced to text) between two revisions, plus changed fields. */
export async function diffRevisions(
  ctx: AppContext,
  caller: Caller,
  id: string,
  from: number | undefined,
  to: number | undefined,
): Promise<RevisionDiff> {
  const a = await articleForStaff(ctx, caller, id);
  const toN = to ?? a.revision;
  const fromN = from ?? Math.max(1, toN - 1);
  const [ra, rb] = await Promise.all([
    findRevision(ctx.pool, a.id, fromN),
    findRevision(ctx.pool, a.id, toN),
  ]);
  if (!ra) throw cmsErrors.ARTICLE_INVALID('from', `第 ${fromN} 版不存在`);
  if (!rb) throw cmsErrors.ARTICLE_INVALID('to', `第 ${toN} 版不存在`);
  const fields: RevisionDiff['fields'] = [];
  for (const k of Object.keys({ ...ra.fields, ...rb.fields }) as (keyof typeof ra.fields)[]) {
    if (JSON.stringify(ra.fields[k] ?? null) !== JSON.stringify(rb.fields[k] ?? null))
      fields.push({ field: k, before: ra.fields[k] ?? null, after: rb.fields[k] ?? null });
  }
  return {
    from: fromN,
    to: toN,
    title: diffText(ra.title, rb.title),
    body: diffText(textOf(ra.body), textOf(rb.body)),
    fields,
  };
}

/** Paragraph-preserving text of stored HTML, for the diff. */
function textOf(html: string): string {
  return html
    .split(/<\/(?:p|div|h[1-6]|li|tr|table|figure)>|<br\s*\/?>/i)
    .map((part) => searchText(part))
    .filter(Boolean)
    .join('\n');
}

// Public reads (exported for other modules through index.ts) ------------------------------------

export async function getPublishedArticle(db: Queryable, id: string): Promise<PublishedArticle | null> {
  if (!UUID_RE.test(id)) return null;
  const a = await findArticle(db, id);
  return a ? publishedArticleOf(db, a) : null;
}

export interface PublishedListItem {
  id: string;
  title: string;
  url: string;
  columnId: string;
  publishedAt: string;
  docNumber: string | null;
  validity: string | null;
  credit: string | null;
}

/** Listed articles of a site (or one column), newest first. */
export async function listPublishedArticles(
  db: Queryable,
  q: { siteId: string; columnId?: string | null; page?: number; pageSize?: number },
): Promise<{ items: PublishedListItem[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize, offset } = pageWindow(q);
  if (!UUID_RE.test(q.siteId) || (q.columnId && !UUID_RE.test(q.columnId)))
    return { items: [], total: 0, page, pageSize };
  const params: unknown[] = [q.siteId];
  let w = `a.site_id = $1 AND ${LISTED_SQL}`;
  if (q.columnId) {
    params.push(q.columnId);
    w += ` AND a.column_id = $2`;
  }
  const total = (await one<{ n: number }>(db, `SELECT count(*) AS n FROM cms_article a WHERE ${w}`, params))
    .n;
  const rows = await many<{
    id: string;
    title: string;
    column_id: string;
    published_at: Date;
    first_published_at: Date;
    fields: { docNumber: string | null; validity: string | null; credit: string | null };
    code: string;
    is_default: boolean;
  }>(
    db,
    `SELECT a.id, r.title, a.column_id, a.published_at, a.first_published_at, r.fields, s.code, s.is_default
     FROM cms_article a JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
     JOIN cms_site s ON s.id = a.site_id
     WHERE ${w} ORDER BY a.first_published_at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      url: `${r.is_default ? '/' : `/sites/${r.code}/`}articles/${r.id}`,
      columnId: r.column_id,
      publishedAt: r.first_published_at.toISOString(),
      docNumber: r.fields.docNumber ?? null,
      validity: r.fields.validity ?? null,
      credit: r.fields.credit ?? null,
    })),
    total,
    page,
    pageSize,
  };
}
