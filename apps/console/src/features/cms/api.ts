// Website cluster API (cms module, issue 4): sites and column trees, articles and their editorial
// workflow, revisions and diff, push between sites (信息报送) with statistics, column subscriptions
// and the theme templates of a site.
import type {
  ArticleInput,
  ArticleStatus,
  ArticleView,
  ColumnKind,
  ColumnView,
  PushStats,
  PushStatus,
  PushView,
  RevisionDiff,
  RevisionView,
  SiteFooter,
  SiteView,
  SubscriptionView,
  ThemePreviewPage,
  ThemeTemplateDetail,
  ThemeTemplateSummary,
} from '../../../../shared/cms.ts';
import { API_BASE, ApiError, http } from '../../api/client.ts';
import type { Items, Page } from '../../api/types.ts';

export type * from '../../../../shared/cms.ts';
export {
  ARTICLE_COLUMN_KINDS,
  ARTICLE_STATUS_NAMES,
  ARTICLE_STATUSES,
  AWAITING_REVIEW,
  COLUMN_KIND_NAMES,
  COLUMN_KINDS,
  columnTree,
  PUSH_STATUS_NAMES,
  REVISION_FIELD_NAMES,
  THEME_PREVIEW_PAGE_NAMES,
  THEME_PREVIEW_PAGES,
  VALIDITIES,
  VALIDITY_NAMES,
} from '../../../../shared/cms.ts';

const id = (value: string) => encodeURIComponent(value);
/** Template names are paths ("pages/home"): each segment is encoded, the slashes kept. */
const templatePath = (name: string) => name.split('/').map(encodeURIComponent).join('/');

/**
 * POST with the session's CSRF token, answered with HTML. The shared client speaks JSON only; errors
 * still come as the API's JSON error shape and become ApiError.
 */
async function postForHtml(path: string, body: unknown): Promise<string> {
  const session = await http.get<{ csrfToken?: string }>('/session');
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'text/html, application/json',
        'Content-Type': 'application/json',
        ...(session.csrfToken ? { 'X-CSRF-Token': session.csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试');
  }
  if (res.ok) return res.text();
  let err: { code?: string; message?: string; details?: { field: string; message: string }[] } | undefined;
  try {
    err = ((await res.json()) as { error?: typeof err }).error;
  } catch {
    // not JSON: the status decides the message below
  }
  throw new ApiError(
    res.status,
    err?.code ?? `HTTP_${res.status}`,
    err?.message || '预览失败',
    err?.details ?? [],
  );
}

export interface ArticleQuery {
  siteId?: string;
  columnId?: string;
  status?: ArticleStatus;
  q?: string;
  docNumber?: string;
  page: number;
  pageSize: number;
}

export interface SiteUpdate {
  code?: string;
  name?: string;
  siteCode?: string;
  domains?: string[];
  theme?: string;
  footer?: SiteFooter;
  isDefault?: boolean;
  status?: 'open' | 'closed';
}

export interface ColumnInput {
  parentId?: string | null;
  code?: string;
  name?: string;
  type?: ColumnKind;
  sort?: number;
  updateDays?: number | null;
  reviewLevels?: number;
  linkUrl?: string | null;
}

/** What GET /sites/managed says the user may do in a site. */
export type ManagedSitePermission = 'cms.article.edit' | 'cms.article.review' | 'cms.site.manage';

/** A site the signed-in user can edit, review or administer, with their permissions and roles there. */
export interface ManagedSiteView extends SiteView {
  permissions: ManagedSitePermission[];
  roles: { code: string; name: string }[];
}

export const cmsApi = {
  sites: (signal?: AbortSignal) => http.get<Items<SiteView>>('/sites', undefined, { signal }),
  /** The sites the signed-in user manages, scoped by the server (closed sites included). */
  managedSites: (signal?: AbortSignal) =>
    http.get<Items<ManagedSiteView>>('/sites/managed', undefined, { signal }),
  site: (siteId: string, signal?: AbortSignal) =>
    http.get<SiteView>(`/sites/${id(siteId)}`, undefined, { signal }),
  updateSite: (siteId: string, body: SiteUpdate) => http.patch<SiteView>(`/sites/${id(siteId)}`, body),
  columns: (siteId: string, signal?: AbortSignal) =>
    http.get<Items<ColumnView>>(`/sites/${id(siteId)}/columns`, undefined, { signal }),
  createColumn: (siteId: string, body: ColumnInput) =>
    http.post<ColumnView>(`/sites/${id(siteId)}/columns`, body),
  updateColumn: (columnId: string, body: ColumnInput) =>
    http.patch<ColumnView>(`/columns/${id(columnId)}`, body),
  deleteColumn: (columnId: string) => http.delete(`/columns/${id(columnId)}`),
  subscriptions: (columnId: string, signal?: AbortSignal) =>
    http.get<Items<SubscriptionView>>(`/columns/${id(columnId)}/subscriptions`, undefined, { signal }),
  subscribe: (columnId: string, sourceColumnId: string) =>
    http.post<SubscriptionView>(`/columns/${id(columnId)}/subscriptions`, { sourceColumnId }),
  unsubscribe: (subscriptionId: string) => http.delete(`/subscriptions/${id(subscriptionId)}`),

  articles: (query: ArticleQuery, signal?: AbortSignal) =>
    http.get<Page<ArticleView>>('/articles', { ...query }, { signal }),
  article: (articleId: string, signal?: AbortSignal) =>
    http.get<ArticleView>(`/articles/${id(articleId)}`, undefined, { signal }),
  createArticle: (body: ArticleInput & { siteId: string; columnId: string; title: string; body: string }) =>
    http.post<ArticleView>('/articles', body),
  updateArticle: (articleId: string, body: ArticleInput) =>
    http.patch<ArticleView>(`/articles/${id(articleId)}`, body),
  submit: (articleId: string) => http.post<ArticleView>(`/articles/${id(articleId)}/submit`),
  publish: (articleId: string) => http.post<ArticleView>(`/articles/${id(articleId)}/publish`),
  returnArticle: (articleId: string, reason: string) =>
    http.post<ArticleView>(`/articles/${id(articleId)}/return`, { reason }),
  withdraw: (articleId: string, reason: string) =>
    http.post<ArticleView>(`/articles/${id(articleId)}/withdraw`, { reason }),
  revisions: (articleId: string, signal?: AbortSignal) =>
    http.get<Items<RevisionView>>(`/articles/${id(articleId)}/revisions`, undefined, { signal }),
  diff: (articleId: string, from: number, to: number, signal?: AbortSignal) =>
    http.get<RevisionDiff>(`/articles/${id(articleId)}/diff`, { from, to }, { signal }),

  push: (articleId: string, targetColumnId: string) =>
    http.post<PushView>(`/articles/${id(articleId)}/push`, { targetColumnId }),
  pushes: (
    query: { siteId: string; direction: 'incoming' | 'outgoing'; status?: PushStatus },
    signal?: AbortSignal,
  ) => http.get<Items<PushView>>('/pushes', { ...query }, { signal }),
  acceptPush: (pushId: string) => http.post<PushView>(`/pushes/${id(pushId)}/accept`),
  returnPush: (pushId: string, reason: string) =>
    http.post<PushView>(`/pushes/${id(pushId)}/return`, { reason }),
  pushStats: (siteId: string, month: string, signal?: AbortSignal) =>
    http.get<PushStats>('/pushes/stats', { siteId, month }, { signal }),

  templates: (siteId: string, signal?: AbortSignal) =>
    http.get<{ theme: string; items: ThemeTemplateSummary[] }>(
      `/sites/${id(siteId)}/theme/templates`,
      undefined,
      { signal },
    ),
  template: (siteId: string, name: string, signal?: AbortSignal) =>
    http.get<ThemeTemplateDetail>(`/sites/${id(siteId)}/theme/templates/${templatePath(name)}`, undefined, {
      signal,
    }),
  saveTemplate: (siteId: string, name: string, source: string) =>
    http.put<ThemeTemplateDetail>(`/sites/${id(siteId)}/theme/templates/${templatePath(name)}`, { source }),
  resetTemplate: (siteId: string, name: string) =>
    http.delete<ThemeTemplateDetail>(`/sites/${id(siteId)}/theme/templates/${templatePath(name)}`),
  /** The page rendered with unsaved templates, as HTML (the route answers text/html). */
  preview: (siteId: string, page: ThemePreviewPage, templates: Record<string, string>) =>
    postForHtml(`/sites/${id(siteId)}/theme/preview`, { page, templates }),
};

/** A file the server stored (POST /api/v1/cms/videos or /api/v1/cms/captions). */
export interface UploadedVideo {
  id: string;
  name: string;
  mime: string;
  size: number;
}

const MEDIA_REFUSALS = {
  videos: { 413: '视频文件过大', 415: '只能上传 MP4 或 WebM 视频' },
  captions: { 413: '字幕文件过大', 415: '只能上传 WebVTT（.vtt）字幕文件' },
} as const;

/**
 * Uploads article media to POST /api/v1/cms/{kind}, reporting progress from 0 to 1: videos are large,
 * so XMLHttpRequest (which reports upload progress) is used instead of fetch.
 */
function uploadMedia(
  kind: keyof typeof MEDIA_REFUSALS,
  file: File,
  onProgress?: (share: number) => void,
): Promise<UploadedVideo> {
  return http.get<{ csrfToken?: string }>('/session').then(
    (session) =>
      new Promise<UploadedVideo>((resolve, reject) => {
        const body = new FormData();
        body.append('file', file);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${API_BASE}/cms/${kind}`);
        xhr.withCredentials = true;
        xhr.setRequestHeader('Accept', 'application/json');
        if (session.csrfToken) xhr.setRequestHeader('X-CSRF-Token', session.csrfToken);
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) onProgress?.(e.loaded / e.total);
        };
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试'));
        xhr.onload = () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(xhr.responseText);
          } catch {
            // not JSON: the status decides the message below
          }
          if (xhr.status === 201) {
            resolve(parsed as UploadedVideo);
            return;
          }
          const err = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
          const refusals: Record<number, string> = MEDIA_REFUSALS[kind];
          const fallback = refusals[xhr.status] ?? '上传失败';
          reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message || fallback));
        };
        xhr.send(body);
      }),
  );
}

/** Uploads an article video (MP4 or WebM). */
export function uploadVideo(file: File, onProgress?: (share: number) => void): Promise<UploadedVideo> {
  return uploadMedia('videos', file, onProgress);
}

/** Uploads the captions of an article video (WebVTT). */
export function uploadCaptions(file: File): Promise<UploadedVideo> {
  return uploadMedia('captions', file);
}

/** Address of a stored file for staff (the uploader and people in scope may read it). */
export function staffFileUrl(fileId: string): string {
  return `/api/v1/files/${id(fileId)}`;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const STAFF_FILE_RE = new RegExp(`/api/v1/files/(${UUID})`, 'g');
const PUBLIC_FILE_RE = new RegExp(`/api/v1/cms/files/(${UUID})`, 'g');

/**
 * Images in the body point at the public cms file route, which serves a file only once a published
 * revision shows it; while editing they are shown through the staff file route instead.
 */
export function bodyForEditing(html: string): string {
  return html.replace(PUBLIC_FILE_RE, '/api/v1/files/$1');
}

export function bodyForSaving(html: string): string {
  return html.replace(STAFF_FILE_RE, '/api/v1/cms/files/$1');
}
