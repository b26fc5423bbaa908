// What the API returns for sites, columns and articles.

import type { ArticleView, ColumnView, SiteView } from '../../../../shared/cms.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import {
  ARTICLE_STATUS_NAMES,
  type ArticleRow,
  type Attachment,
  articleUrl,
  COLUMN_KIND_NAMES,
  type ColumnRow,
  columnUrl,
  isPublic,
  type RevisionRow,
  type SiteRow,
  siteBase,
  VALIDITY_NAMES,
  type Validity,
} from './cms.model.ts';
import { findColumn, findRevision, findSite } from './cms.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The API's shapes are the ones the console reads (apps/shared/cms.ts).
export type { ArticleView, ColumnView, SiteView };

export function toSiteView(s: SiteRow): SiteView {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    siteCode: s.site_code,
    ...(s.domains[0] ? { domain: s.domains[0] } : {}),
    domains: s.domains,
    url: siteBase(s),
    orgId: s.org_id,
    theme: s.theme,
    footer: s.footer,
    isDefault: s.is_default,
    status: s.status,
  };
}

export function toColumnView(site: SiteRow, c: ColumnRow): ColumnView {
  return {
    id: c.id,
    siteId: c.site_id,
    parentId: c.parent_id,
    code: c.code,
    name: c.name,
    type: c.kind,
    typeName: COLUMN_KIND_NAMES[c.kind],
    sort: c.sort,
    updateDays: c.update_days,
    reviewLevels: c.review_levels,
    linkUrl: c.link_url,
    requiredAs: c.required_as,
    lastPublishedAt: iso(c.last_published_at),
    url: c.kind === 'link' && c.link_url ? c.link_url : columnUrl(site, c),
  };
}

/** The console's view of the working copy. */
export async function toArticleView(db: Queryable, a: ArticleRow): Promise<ArticleView> {
  const [site, column] = await Promise.all([findSite(db, a.site_id), findColumn(db, a.column_id)]);
  return {
    id: a.id,
    siteId: a.site_id,
    siteName: site?.name ?? '',
    columnId: a.column_id,
    columnName: column?.name ?? '',
    status: a.status,
    statusName: ARTICLE_STATUS_NAMES[a.status],
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    tags: a.tags,
    body: a.body,
    coverFileId: a.cover_file_id,
    videoFileId: a.video_file_id,
    attachments: a.attachments,
    docNumber: a.doc_number,
    writtenOn: a.written_on,
    validity: a.validity,
    validityName: a.validity ? VALIDITY_NAMES[a.validity] : null,
    interpretationIds: a.interpretation_ids,
    publishAt: iso(a.publish_at),
    expiresAt: iso(a.expires_at),
    revision: a.revision,
    publicRevision: a.public_revision,
    reviewLevels: a.review_levels,
    reviewsDone: a.reviews_done,
    returnReason: a.return_reason,
    withdrawReason: a.withdraw_reason,
    withdrawnAt: iso(a.withdrawn_at),
    firstPublishedAt: iso(a.first_published_at),
    publishedAt: iso(a.published_at),
    copyOf: a.copy_of,
    copyKind: a.copy_kind,
    credit: a.credit,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    ...(site && isPublic(a) ? { url: articleUrl(site, a) } : {}),
  };
}

/** A published article as the public page shows it: the public revision, never the working copy. */
export interface PublishedArticle {
  id: string;
  siteId: string;
  siteName: string;
  columnId: string;
  columnName: string;
  columnCode: string;
  title: string;
  subtitle: string;
  source: string;
  author: string;
  tags: string[];
  body: string;
  coverFileId: string | null;
  videoFileId: string | null;
  attachments: Attachment[];
  docNumber: string | null;
  writtenOn: string | null;
  validity: Validity | null;
  validityName: string | null;
  /** 政策解读 of this document, and the documents this article interprets. */
  interpretations: { id: string; title: string; url: string }[];
  interprets: { id: string; title: string; url: string }[];
  revision: number;
  firstPublishedAt: string;
  publishedAt: string;
  withdrawn: { reason: string; at: string } | null;
  copyOf: string | null;
  credit: string | null;
  url: string;
}

export async function toPublishedArticle(
  db: Queryable,
  a: ArticleRow,
  site: SiteRow,
  column: ColumnRow,
  rev: RevisionRow,
): Promise<PublishedArticle> {
  const f = rev.fields;
  const links = async (sql: string, param: unknown) =>
    (await db.query<{ id: string; title: string; code: string; is_default: boolean }>(sql, [param])).rows.map(
      (r) => ({ id: r.id, title: r.title, url: articleUrl(r, r) }),
    );
  const listed = `a.public_revision IS NOT NULL AND a.expired_at IS NULL AND a.withdrawn_at IS NULL`;
  const [interpretations, interprets] = await Promise.all([
    f.interpretationIds.length
      ? links(
          `SELECT a.id, r.title, s.code, s.is_default FROM cms_article a
           JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
           JOIN cms_site s ON s.id = a.site_id WHERE a.id = ANY($1::uuid[]) AND ${listed} ORDER BY a.first_published_at`,
          f.interpretationIds,
        )
      : [],
    links(
      `SELECT a.id, r.title, s.code, s.is_default FROM cms_article a
       JOIN cms_article_revision r ON r.article_id = a.id AND r.number = a.public_revision
       JOIN cms_site s ON s.id = a.site_id
       WHERE r.fields -> 'interpretationIds' ? $1 AND ${listed} ORDER BY a.first_published_at`,
      a.id,
    ),
  ]);
  return {
    id: a.id,
    siteId: site.id,
    siteName: site.name,
    columnId: column.id,
    columnName: column.name,
    columnCode: column.code,
    title: rev.title,
    subtitle: f.subtitle,
    source: f.source,
    author: f.author,
    tags: f.tags,
    body: rev.body,
    coverFileId: f.coverFileId,
    videoFileId: f.videoFileId,
    attachments: f.attachments,
    docNumber: f.docNumber,
    writtenOn: f.writtenOn,
    validity: f.validity,
    validityName: f.validity ? VALIDITY_NAMES[f.validity] : null,
    interpretations,
    interprets,
    revision: rev.number,
    firstPublishedAt: (a.first_published_at ?? a.published_at ?? rev.created_at).toISOString(),
    publishedAt: (a.published_at ?? rev.created_at).toISOString(),
    withdrawn: a.withdrawn_at ? { reason: a.withdraw_reason ?? '', at: a.withdrawn_at.toISOString() } : null,
    copyOf: a.copy_of,
    credit: f.credit,
    url: articleUrl(site, a),
  };
}

export async function publishedArticleOf(db: Queryable, a: ArticleRow): Promise<PublishedArticle | null> {
  if (!isPublic(a) || a.public_revision === null) return null;
  const [site, column, rev] = await Promise.all([
    findSite(db, a.site_id),
    findColumn(db, a.column_id),
    findRevision(db, a.id, a.public_revision),
  ]);
  if (!site || !column || !rev) return null;
  return toPublishedArticle(db, a, site, column, rev);
}
