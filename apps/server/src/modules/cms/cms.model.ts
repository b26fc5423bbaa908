// Words of the website cluster: column kinds, the nationally required columns (国办发〔2017〕47号), article
// states and policy-document validity.
import {
  ARTICLE_STATUS_NAMES,
  ARTICLE_STATUSES,
  type ArticleStatus,
  COLUMN_KIND_NAMES,
  COLUMN_KINDS,
  type ColumnKind,
  VALIDITIES,
  VALIDITY_NAMES,
  type Validity,
} from '../../../../shared/cms.ts';

// The words server and console share live in apps/shared/cms.ts.
export {
  ARTICLE_STATUS_NAMES,
  ARTICLE_STATUSES,
  type ArticleStatus,
  COLUMN_KIND_NAMES,
  COLUMN_KINDS,
  type ColumnKind,
  VALIDITIES,
  VALIDITY_NAMES,
  type Validity,
};

export const REQUIRED_AS = [
  '概况信息',
  '机构职能',
  '负责人信息',
  '文件资料',
  '政务动态',
  '政府信息公开',
  '办事服务',
  '互动交流',
] as const;
export type RequiredAs = (typeof REQUIRED_AS)[number];

/** In a column template's link: the id of the new site's owning unit. */
export const SITE_ORG_ID = '{orgId}';

export interface ColumnTemplate {
  code: string;
  name: string;
  kind: ColumnKind;
  updateDays: number | null;
  reviewLevels: 0 | 1 | 2;
  /** Address of a link column; `SITE_ORG_ID` in it becomes the site's owning unit. */
  linkUrl: string | null;
  requiredAs: RequiredAs | null;
}

/**
 * The columns every new site gets (发展指引 信息发布 items 1–5, 信息公开目录, 办事服务, 互动交流). Intervals
 * follow the inspection index: 动态 2 weeks, 政策文件 6 months; pages have none. Policy documents pass
 * two review levels, news one.
 */
export const REQUIRED_COLUMNS: readonly ColumnTemplate[] = [
  {
    code: 'gkxx',
    name: '概况信息',
    kind: 'page',
    updateDays: null,
    reviewLevels: 1,
    linkUrl: null,
    requiredAs: '概况信息',
  },
  {
    code: 'jgzn',
    name: '机构职能',
    kind: 'page',
    updateDays: null,
    reviewLevels: 1,
    linkUrl: null,
    requiredAs: '机构职能',
  },
  {
    code: 'fzrxx',
    name: '负责人信息',
    kind: 'page',
    updateDays: null,
    reviewLevels: 1,
    linkUrl: null,
    requiredAs: '负责人信息',
  },
  {
    code: 'wjzl',
    name: '文件资料',
    kind: 'policy',
    updateDays: 180,
    reviewLevels: 2,
    linkUrl: null,
    requiredAs: '文件资料',
  },
  {
    code: 'zwdt',
    name: '政务动态',
    kind: 'news',
    updateDays: 14,
    reviewLevels: 1,
    linkUrl: null,
    requiredAs: '政务动态',
  },
  {
    code: 'zfxxgk',
    name: '政府信息公开',
    kind: 'link',
    // Its content (公开指南, 公开目录, 年度报告) is kept by the disclosure module per unit; the column
    // leads to the pages of the site's owning unit, whose update intervals that module watches.
    updateDays: null,
    reviewLevels: 1,
    linkUrl: `/disclosure/${SITE_ORG_ID}`,
    requiredAs: '政府信息公开',
  },
  {
    code: 'bsfw',
    name: '办事服务',
    kind: 'link',
    updateDays: null,
    reviewLevels: 1,
    linkUrl: '/hall',
    requiredAs: '办事服务',
  },
  {
    code: 'hdjl',
    name: '互动交流',
    kind: 'interaction',
    updateDays: null,
    reviewLevels: 1,
    linkUrl: null,
    requiredAs: '互动交流',
  },
];

/** Content kinds that carry articles (a push or subscription lands only in one of these). */
export const ARTICLE_COLUMN_KINDS: readonly ColumnKind[] = ['news', 'notice', 'policy', 'disclosure', 'page'];

export interface SiteFooter {
  sponsor?: string;
  organiser?: string;
  icp?: string;
  psb?: string;
  phone?: string;
  address?: string;
  email?: string;
}

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  site_code: string;
  domains: string[];
  org_id: string;
  org_path: string;
  theme: string;
  footer: SiteFooter;
  is_default: boolean;
  status: 'open' | 'closed';
  created_at: Date;
  updated_at: Date;
}

export interface ColumnRow {
  id: string;
  site_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: ColumnKind;
  sort: number;
  update_days: number | null;
  review_levels: number;
  link_url: string | null;
  required_as: RequiredAs | null;
  last_published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface Attachment {
  fileId: string;
  name: string;
  mime: string;
  size: number;
}

export interface ArticleRow {
  id: string;
  site_id: string;
  column_id: string;
  org_path: string;
  status: ArticleStatus;
  title: string;
  subtitle: string;
  source: string;
  author: string;
  tags: string[];
  body: string;
  cover_file_id: string | null;
  video_file_id: string | null;
  attachments: Attachment[];
  doc_number: string | null;
  written_on: string | null;
  validity: Validity | null;
  interpretation_ids: string[];
  publish_at: Date | null;
  expires_at: Date | null;
  revision: number;
  public_revision: number | null;
  review_levels: number;
  reviews_done: number;
  level1_reviewer_id: string | null;
  return_reason: string | null;
  withdraw_reason: string | null;
  withdrawn_at: Date | null;
  expired_at: Date | null;
  first_published_at: Date | null;
  published_at: Date | null;
  copy_of: string | null;
  copy_kind: 'push' | 'subscription' | null;
  credit: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The fields of a revision besides title and body (what the public page of that version shows). */
export interface RevisionFields {
  subtitle: string;
  source: string;
  author: string;
  tags: string[];
  coverFileId: string | null;
  videoFileId: string | null;
  attachments: Attachment[];
  docNumber: string | null;
  writtenOn: string | null;
  validity: Validity | null;
  interpretationIds: string[];
  expiresAt: string | null;
  credit: string | null;
}

export interface RevisionRow {
  id: string;
  article_id: string;
  number: number;
  title: string;
  body: string;
  fields: RevisionFields;
  file_ids: string[];
  note: string;
  created_by: string | null;
  created_at: Date;
}

export function fieldsOf(a: ArticleRow): RevisionFields {
  return {
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    tags: a.tags,
    coverFileId: a.cover_file_id,
    videoFileId: a.video_file_id,
    attachments: a.attachments,
    docNumber: a.doc_number,
    writtenOn: a.written_on,
    validity: a.validity,
    interpretationIds: a.interpretation_ids,
    expiresAt: a.expires_at ? a.expires_at.toISOString() : null,
    credit: a.credit,
  };
}

type Visibility = Pick<ArticleRow, 'public_revision' | 'withdrawn_at' | 'expired_at'>;

/** Publicly reachable: published once and not expired. A withdrawn article stays reachable and says so. */
export function isPublic(a: Visibility): boolean {
  return a.public_revision !== null && a.expired_at === null;
}

/** Listed on column pages and searchable: public and not withdrawn. */
export function isListed(a: Visibility): boolean {
  return isPublic(a) && a.withdrawn_at === null;
}

/** The same rules in SQL, for an article aliased `a`. */
export const PUBLIC_SQL = 'a.public_revision IS NOT NULL AND a.expired_at IS NULL';
export const LISTED_SQL = `${PUBLIC_SQL} AND a.withdrawn_at IS NULL`;

/** Public base path of a site: / for the default site, /sites/{code}/ otherwise. */
export function siteBase(site: Pick<SiteRow, 'code' | 'is_default'>, viaDomain?: string | null): string {
  if (viaDomain) return `https://${viaDomain}/`;
  return site.is_default ? '/' : `/sites/${site.code}/`;
}

/** Public page of an article, e.g. /sites/qingtian/articles/{id}. */
export function articleUrl(
  site: Pick<SiteRow, 'code' | 'is_default'>,
  article: { id: string },
  viaDomain?: string | null,
): string {
  return `${siteBase(site, viaDomain)}articles/${article.id}`;
}

export function columnUrl(site: Pick<SiteRow, 'code' | 'is_default'>, column: { code: string }): string {
  return `${siteBase(site)}columns/${column.code}`;
}
