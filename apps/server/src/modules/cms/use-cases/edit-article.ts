// Editors write articles: create (revision 1) and edit (a new revision each save; editing a published
// article leaves the public page on its published revision until the new one passes review). Bodies
// are sanitised; files must be ones the editor may read (no publishing someone else's upload); policy
// fields are checked (文号 per GB/T 9704).

import type { ArticleInput } from '../../../../../shared/cms.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { type Queryable, withTx } from '../../../platform/db/pool.ts';
import { mayReadFile } from '../../../platform/files/file-routes.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import { validateDocNumber } from '../../../platform/ids/doc-number.ts';
import { cmsErrors } from '../cms.errors.ts';
import {
  ARTICLE_COLUMN_KINDS,
  type ArticleRow,
  type Attachment,
  type ColumnRow,
  fieldsOf,
  type SiteRow,
  VALIDITIES,
} from '../cms.model.ts';
import { CMS_ARTICLE_EDIT } from '../cms.permissions.ts';
import {
  findArticle,
  findColumn,
  findSite,
  freshArticleState,
  insertNewArticle,
  insertRevision,
  patchArticle,
} from '../cms.repository.ts';
import { captionIdsInBody, fileIdsInBody, sanitizeArticleHtml, videoIdsInBody } from '../cms.sanitize.ts';
import { type Caller, callerUserId, isSystem, mayReadInSite, requireInSite } from '../cms.scope.ts';
import { type ArticleView, toArticleView } from '../cms.views.ts';

/** What an editor sends (the console's ArticleInput, apps/shared/cms.ts), less the site. */
export type ArticleContentInput = Omit<ArticleInput, 'siteId'>;

export interface CreateArticleInput extends ArticleContentInput {
  siteId: string;
  columnId: string;
  title: string;
  body: string;
}

class Problems {
  readonly list: ErrorDetail[] = [];
  add(field: string, message: string) {
    this.list.push({ field, message });
  }
  throwIfAny() {
    if (this.list.length) throw cmsErrors.ARTICLE_INVALID(this.list);
  }
}

/** Drops C0 control characters other than tab, line feed and carriage return, and DEL. */
function stripControls(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) continue;
    out += ch;
  }
  return out;
}

function plain(p: Problems, field: string, label: string, v: string, max: number, required = false): string {
  const s = stripControls(v).replace(/\s+/g, ' ').trim();
  if (required && !s) p.add(field, `${label}不能为空`);
  if ([...s].length > max) p.add(field, `${label}不能超过 ${max} 字`);
  return s;
}

function instant(p: Problems, field: string, label: string, v: string | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime())) {
    p.add(field, `${label}应为 ISO 8601 时间`);
    return null;
  }
  return d;
}

/** The file records behind ids, refusing files the caller may not read (they would become public). */
async function checkFiles(
  ctx: AppContext,
  caller: Caller,
  p: Problems,
  refs: { field: string; id: string; kind?: 'image' | 'video' | 'captions' }[],
): Promise<Map<string, Attachment>> {
  const out = new Map<string, Attachment>();
  for (const ref of refs) {
    if (!UUID_RE.test(ref.id)) {
      p.add(ref.field, '文件标识无效');
      continue;
    }
    const f = await ctx.files.get(ctx.pool, ref.id);
    const readable = f && (isSystem(caller) || (caller && (await mayReadFile(ctx.pool, caller, f))));
    if (!f || !readable) {
      p.add(ref.field, '文件不存在或您无权使用该文件');
      continue;
    }
    if (ref.kind === 'image' && !f.mime.startsWith('image/')) p.add(ref.field, '封面应为图片文件');
    if (ref.kind === 'video' && !f.mime.startsWith('video/'))
      p.add(ref.field, '视频应为 MP4 或 WebM 视频文件');
    if (ref.kind === 'captions' && f.mime !== 'text/vtt') p.add(ref.field, '视频字幕应为 WebVTT（.vtt）文件');
    out.set(f.id, { fileId: f.id, name: f.name, mime: f.mime, size: f.size });
  }
  return out;
}

interface Resolved {
  row: Omit<
    ArticleRow,
    | 'id'
    | 'site_id'
    | 'org_path'
    | 'status'
    | 'revision'
    | 'review_levels'
    | 'created_at'
    | 'updated_at'
    | 'created_by'
    | 'updated_by'
    | 'public_revision'
    | 'reviews_done'
    | 'level1_reviewer_id'
    | 'return_reason'
    | 'withdraw_reason'
    | 'withdrawn_at'
    | 'expired_at'
    | 'first_published_at'
    | 'published_at'
    | 'copy_of'
    | 'copy_kind'
    | 'credit'
  >;
  fileIds: string[];
  column: ColumnRow;
}

/** Validates the merged content (previous values + changes) of an article in `site`. */
async function resolveContent(
  ctx: AppContext,
  caller: Caller,
  db: Queryable,
  site: SiteRow,
  prev: ArticleRow | null,
  input: ArticleContentInput,
  selfId: string,
): Promise<Resolved> {
  const p = new Problems();
  const columnId = input.columnId ?? prev?.column_id ?? '';
  const column = UUID_RE.test(columnId) ? await findColumn(db, columnId) : null;
  if (!column || column.site_id !== site.id) p.add('columnId', '栏目不存在或不属于该网站');
  else if (!ARTICLE_COLUMN_KINDS.includes(column.kind))
    p.add('columnId', '该栏目为链接或互动栏目，不能发布稿件');

  const title = plain(p, 'title', '标题', input.title ?? prev?.title ?? '', 200, true);
  const subtitle = plain(p, 'subtitle', '副标题', input.subtitle ?? prev?.subtitle ?? '', 200);
  const source = plain(p, 'source', '来源', input.source ?? prev?.source ?? '', 100);
  const author = plain(p, 'author', '作者', input.author ?? prev?.author ?? '', 100);
  const rawTags = input.tags ?? prev?.tags ?? [];
  if (rawTags.length > 10) p.add('tags', '标签不能超过 10 个');
  const tags = [...new Set(rawTags.map((t, i) => plain(p, `tags[${i}]`, '标签', t, 20)).filter(Boolean))];

  let body = prev?.body ?? '';
  if (input.body !== undefined) {
    if (input.body.length > 500_000) p.add('body', '正文过长（不超过 50 万字符）');
    else body = sanitizeArticleHtml(stripControls(input.body));
  }
  if (!body.replace(/<[^>]*>/g, '').trim() && !/<(img|video|table)/i.test(body))
    p.add('body', '正文不能为空');

  const coverFileId = input.coverFileId !== undefined ? input.coverFileId : (prev?.cover_file_id ?? null);
  const videoFileId = input.videoFileId !== undefined ? input.videoFileId : (prev?.video_file_id ?? null);
  const attachmentIds = input.attachmentIds ?? prev?.attachments.map((a) => a.fileId) ?? [];
  if (attachmentIds.length > 30) p.add('attachmentIds', '附件不能超过 30 个');
  const bodyFiles = fileIdsInBody(body);
  const bodyVideos = new Set(videoIdsInBody(body));
  const bodyCaptions = new Set(captionIdsInBody(body));
  const files = await checkFiles(ctx, caller, p, [
    ...(coverFileId ? [{ field: 'coverFileId', id: coverFileId, kind: 'image' as const }] : []),
    ...(videoFileId ? [{ field: 'videoFileId', id: videoFileId, kind: 'video' as const }] : []),
    ...attachmentIds.slice(0, 30).map((id, i) => ({ field: `attachmentIds[${i}]`, id })),
    ...bodyFiles.flatMap((id) => [
      ...(bodyVideos.has(id) ? [{ field: 'body', id, kind: 'video' as const }] : []),
      ...(bodyCaptions.has(id) ? [{ field: 'body', id, kind: 'captions' as const }] : []),
      ...(bodyVideos.has(id) || bodyCaptions.has(id) ? [] : [{ field: 'body', id }]),
    ]),
  ]);
  const attachments = attachmentIds.flatMap((id) => files.get(id.toLowerCase()) ?? files.get(id) ?? []);

  const docInput = input.docNumber !== undefined ? input.docNumber : (prev?.doc_number ?? null);
  let docNumber: string | null = null;
  if (docInput !== null && docInput.trim() !== '') {
    const check = validateDocNumber(docInput, { maxYear: ctx.clock.now().getUTCFullYear() + 1 });
    if (check.ok) docNumber = check.value;
    else p.add('docNumber', check.reason);
  }
  const writtenOn = input.writtenOn !== undefined ? input.writtenOn : (prev?.written_on ?? null);
  if (writtenOn !== null) {
    const d = new Date(`${writtenOn}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(writtenOn) ||
      Number.isNaN(d.getTime()) ||
      d.toISOString().slice(0, 10) !== writtenOn
    )
      p.add('writtenOn', '成文日期应为 YYYY-MM-DD');
  }
  let validity = input.validity !== undefined ? input.validity : (prev?.validity ?? null);
  if (validity !== null && !VALIDITIES.includes(validity))
    p.add('validity', '有效性应为 valid、invalid 或 repealed');
  if (docNumber && !writtenOn) p.add('writtenOn', '有文号的文件须填写成文日期');
  if (docNumber && validity === null) validity = 'valid';

  const interpretationIds = [...new Set(input.interpretationIds ?? prev?.interpretation_ids ?? [])];
  if (interpretationIds.length > 20) p.add('interpretationIds', '政策解读不能超过 20 篇');
  for (const [i, id] of interpretationIds.slice(0, 20).entries()) {
    if (!UUID_RE.test(id) || id === selfId || !(await findArticle(db, id)))
      p.add(`interpretationIds[${i}]`, '政策解读稿件不存在');
  }

  const publishAt =
    input.publishAt !== undefined
      ? instant(p, 'publishAt', '发布时间', input.publishAt)
      : (prev?.publish_at ?? null);
  const expiresAt =
    input.expiresAt !== undefined
      ? instant(p, 'expiresAt', '过期时间', input.expiresAt)
      : (prev?.expires_at ?? null);
  if (expiresAt && expiresAt <= (publishAt ?? ctx.clock.now())) p.add('expiresAt', '过期时间应晚于发布时间');
  p.throwIfAny();

  return {
    column: column as ColumnRow,
    fileIds: [
      ...new Set([
        ...(coverFileId ? [coverFileId] : []),
        ...(videoFileId ? [videoFileId] : []),
        ...attachments.map((a) => a.fileId),
        ...bodyFiles,
      ]),
    ],
    row: {
      column_id: (column as ColumnRow).id,
      title,
      subtitle,
      source,
      author,
      tags,
      body,
      cover_file_id: coverFileId,
      video_file_id: videoFileId,
      attachments,
      doc_number: docNumber,
      written_on: writtenOn,
      validity,
      interpretation_ids: interpretationIds,
      publish_at: publishAt,
      expires_at: expiresAt,
    },
  };
}

export async function createArticle(
  ctx: AppContext,
  caller: Caller,
  input: CreateArticleInput,
  actor: Actor,
): Promise<ArticleView> {
  const site = UUID_RE.test(input.siteId) ? await findSite(ctx.pool, input.siteId) : null;
  if (!site) throw cmsErrors.SITE_NOT_FOUND('siteId');
  requireInSite(caller, CMS_ARTICLE_EDIT, site);
  const id = newId();
  const resolved = await resolveContent(ctx, caller, ctx.pool, site, null, input, id);
  const now = ctx.clock.now();
  const userId = callerUserId(caller);
  return withTx(ctx.pool, async (tx) => {
    const row: ArticleRow = {
      ...resolved.row,
      id,
      site_id: site.id,
      org_path: site.org_path,
      status: 'draft',
      review_levels: resolved.column.review_levels,
      copy_of: null,
      copy_kind: null,
      credit: null,
      ...freshArticleState(userId, now),
    };
    await insertNewArticle(
      tx,
      row,
      {
        fields: fieldsOf(row),
        fileIds: resolved.fileIds,
        note: (input.note ?? '').slice(0, 200) || '新建稿件',
      },
      now,
    );
    await ctx.audit.record(tx, actor, {
      action: 'cms.article.create',
      objectType: 'cms-article',
      objectId: id,
      summary: `在“${site.name}”栏目“${resolved.column.name}”新建稿件“${row.title}”`,
    });
    return toArticleView(tx, row);
  });
}

/** States in which the working copy may be edited (submitted and reviewed copies are with the reviewer). */
const EDITABLE = new Set(['draft', 'returned', 'scheduled', 'published', 'withdrawn', 'expired']);

export async function updateArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: ArticleContentInput,
  actor: Actor,
): Promise<ArticleView> {
  const peek = UUID_RE.test(id) ? await findArticle(ctx.pool, id) : null;
  const site = peek ? await findSite(ctx.pool, peek.site_id) : null;
  if (!peek || !site || !mayReadInSite(caller, site)) throw cmsErrors.ARTICLE_NOT_FOUND();
  requireInSite(caller, CMS_ARTICLE_EDIT, site);
  if (peek.copy_of) throw cmsErrors.WRONG_STATE(undefined, '转载的稿件不能修改，请修改原稿或撤下后重新报送');
  const resolved = await resolveContent(ctx, caller, ctx.pool, site, peek, input, id);
  const now = ctx.clock.now();
  const userId = callerUserId(caller);
  return withTx(ctx.pool, async (tx) => {
    const a = (await findArticle(tx, id, true)) as ArticleRow;
    if (!EDITABLE.has(a.status)) throw cmsErrors.WRONG_STATE(undefined, '稿件正在审核中，请先退回后再修改');
    const revision = a.revision + 1;
    const patch: Partial<ArticleRow> = {
      ...resolved.row,
      revision,
      review_levels: resolved.column.review_levels,
      reviews_done: 0,
      level1_reviewer_id: null,
      // A withdrawn or expired article stays so on the public side until a new revision is published.
      status: 'draft',
      updated_by: userId,
      updated_at: now,
    };
    await patchArticle(tx, id, patch);
    const next = { ...a, ...patch } as ArticleRow;
    await insertRevision(
      tx,
      {
        id: newId(),
        articleId: id,
        number: revision,
        title: next.title,
        body: next.body,
        fields: fieldsOf(next),
        fileIds: resolved.fileIds,
        note: (input.note ?? '').slice(0, 200) || (a.public_revision ? '修改已发布的稿件' : '修改稿件'),
        createdBy: userId,
      },
      now,
    );
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const k of ['title', 'column_id', 'doc_number', 'validity', 'publish_at', 'expires_at'] as const)
      if (String(a[k]) !== String(next[k])) changes[k] = { before: a[k], after: next[k] };
    if (a.status !== 'draft') changes.status = { before: a.status, after: 'draft' };
    await ctx.audit.record(tx, actor, {
      action: 'cms.article.update',
      objectType: 'cms-article',
      objectId: id,
      summary: `修改稿件“${next.title}”，生成第 ${revision} 版`,
      changes,
    });
    return toArticleView(tx, next);
  });
}
