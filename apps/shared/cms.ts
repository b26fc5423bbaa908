// The website cluster's vocabulary (column kinds, article states, policy-document validity) and the
// shapes of the cms API answers the console reads (sites, columns, articles, revisions and their diff,
// pushes between sites and their statistics, column subscriptions, theme templates). The server's
// modules/cms/cms.model.ts declares the same words; its views (cms.views.ts, cms.schemas.ts) are the
// source of these shapes.

export const COLUMN_KINDS = [
  'news',
  'notice',
  'policy',
  'disclosure',
  'interaction',
  'link',
  'page',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const COLUMN_KIND_NAMES: Record<ColumnKind, string> = {
  news: '新闻动态',
  notice: '通知公告',
  policy: '政策文件',
  disclosure: '信息公开',
  interaction: '互动交流',
  link: '服务链接',
  page: '单页',
};

/** Column kinds that carry articles (interaction and link columns do not). */
export const ARTICLE_COLUMN_KINDS: readonly ColumnKind[] = ['news', 'notice', 'policy', 'disclosure', 'page'];

export const ARTICLE_STATUSES = [
  'draft',
  'submitted',
  'reviewed',
  'returned',
  'scheduled',
  'published',
  'withdrawn',
  'expired',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_STATUS_NAMES: Record<ArticleStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  reviewed: '待二审',
  returned: '已退回',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤稿',
  expired: '已过期',
};

/** States in which the working copy waits for a reviewer. */
export const AWAITING_REVIEW: readonly ArticleStatus[] = ['submitted', 'reviewed'];

export const VALIDITIES = ['valid', 'invalid', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_NAMES: Record<Validity, string> = { valid: '有效', invalid: '失效', repealed: '废止' };

export const PUSH_STATUS_NAMES: Record<'pending' | 'accepted' | 'returned', string> = {
  pending: '待处理',
  accepted: '已采用',
  returned: '已退回',
};
export type PushStatus = keyof typeof PUSH_STATUS_NAMES;

export interface SiteFooter {
  sponsor?: string;
  organiser?: string;
  icp?: string;
  psb?: string;
  phone?: string;
  address?: string;
  email?: string;
}

export interface SiteView {
  id: string;
  code: string;
  name: string;
  /** 网站标识码: 6-digit region code + 4-digit sequence, or bm + 8 digits. */
  siteCode: string;
  domain?: string;
  domains: string[];
  url: string;
  orgId: string;
  theme: string;
  footer: SiteFooter;
  isDefault: boolean;
  status: 'open' | 'closed';
}

export interface ColumnView {
  id: string;
  siteId: string;
  parentId: string | null;
  code: string;
  name: string;
  type: ColumnKind;
  typeName: string;
  sort: number;
  updateDays: number | null;
  reviewLevels: number;
  linkUrl: string | null;
  requiredAs: string | null;
  lastPublishedAt: string | null;
  url: string;
}

export interface ArticleAttachment {
  fileId: string;
  name: string;
  mime: string;
  size: number;
}

/** The working copy as staff in scope see it (GET /api/v1/articles/{id}). */
export interface ArticleView {
  id: string;
  siteId: string;
  siteName: string;
  columnId: string;
  columnName: string;
  status: ArticleStatus;
  statusName: string;
  title: string;
  subtitle: string;
  source: string;
  author: string;
  tags: string[];
  body: string;
  coverFileId: string | null;
  videoFileId: string | null;
  attachments: ArticleAttachment[];
  docNumber: string | null;
  writtenOn: string | null;
  validity: Validity | null;
  validityName: string | null;
  interpretationIds: string[];
  publishAt: string | null;
  expiresAt: string | null;
  revision: number;
  publicRevision: number | null;
  reviewLevels: number;
  reviewsDone: number;
  returnReason: string | null;
  withdrawReason: string | null;
  withdrawnAt: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  copyOf: string | null;
  copyKind: 'push' | 'subscription' | null;
  credit: string | null;
  createdAt: string;
  updatedAt: string;
  url?: string;
}

/** What POST /api/v1/articles and PATCH /api/v1/articles/{id} take. */
export interface ArticleInput {
  siteId?: string;
  columnId?: string;
  title?: string;
  subtitle?: string;
  source?: string;
  author?: string;
  tags?: string[];
  body?: string;
  coverFileId?: string | null;
  videoFileId?: string | null;
  attachmentIds?: string[];
  docNumber?: string | null;
  writtenOn?: string | null;
  validity?: Validity | null;
  interpretationIds?: string[];
  publishAt?: string | null;
  expiresAt?: string | null;
  note?: string;
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

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface RevisionDiff {
  from: number;
  to: number;
  title: DiffPart[];
  body: DiffPart[];
  fields: { field: string; before: unknown; after: unknown }[];
}

/** Names of the revision fields the diff lists besides title and body. */
export const REVISION_FIELD_NAMES: Record<string, string> = {
  subtitle: '副标题',
  source: '来源',
  author: '作者',
  tags: '标签',
  coverFileId: '封面图片',
  videoFileId: '视频',
  attachments: '附件',
  docNumber: '文号',
  writtenOn: '成文日期',
  validity: '有效性',
  interpretationIds: '政策解读',
  expiresAt: '失效时间',
  credit: '来源说明',
};

export interface PushView {
  id: string;
  articleId: string;
  title: string;
  sourceSiteId: string;
  sourceSiteName: string;
  sourceOrgId: string;
  targetSiteId: string;
  targetSiteName: string;
  targetColumnId: string;
  targetColumnName: string;
  status: PushStatus;
  reason: string | null;
  copyArticleId: string | null;
  pushedAt: string;
  decidedAt: string | null;
}

export interface PushStatLine {
  sent: number;
  accepted: number;
  returned: number;
  pending: number;
  /** Share of decided or sent pushes that were accepted, 0–1. */
  adoptionRate: number;
}

export interface PushStats {
  siteId: string;
  month: string;
  items: (PushStatLine & { orgId: string; orgName: string })[];
  total: PushStatLine;
}

export interface SubscriptionView {
  id: string;
  columnId: string;
  sourceColumnId: string;
  sourceColumnName: string;
  sourceSiteName: string;
  createdAt: string;
}

export interface ThemeTemplateSummary {
  name: string;
  /** The site has its own version (otherwise the theme's file is used). */
  overridden: boolean;
  updatedAt: string | null;
}

export interface ThemeTemplateDetail extends ThemeTemplateSummary {
  source: string;
  themeSource: string;
}

export const THEME_PREVIEW_PAGES = ['home', 'column', 'article'] as const;
export type ThemePreviewPage = (typeof THEME_PREVIEW_PAGES)[number];
export const THEME_PREVIEW_PAGE_NAMES: Record<ThemePreviewPage, string> = {
  home: '首页',
  column: '栏目页',
  article: '文章页',
};

/** Columns as a tree (by parentId), each level sorted by `sort` then name. */
export interface ColumnNode extends ColumnView {
  children: ColumnNode[];
}

export function columnTree(columns: readonly ColumnView[]): ColumnNode[] {
  const byId = new Map<string, ColumnNode>();
  for (const c of columns) byId.set(c.id, { ...c, children: [] });
  const roots: ColumnNode[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (nodes: ColumnNode[]) => {
    nodes.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}
