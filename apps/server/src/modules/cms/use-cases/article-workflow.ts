// The editorial workflow: draft → submitted → (reviewed, when the column asks for two levels) →
// scheduled or published; returned with a reason at any review step; withdrawn with a reason (the page
// stays and says so). Publishing puts the article in search, stamps the column's last update and
// announces cms.article.published; all in one transaction with the audit entry.
import type { Actor } from '../../../platform/audit/audit.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { type Tx, withTx } from '../../../platform/db/pool.ts';
import { enqueueJob } from '../../../platform/jobs/jobs.ts';
import { cmsErrors } from '../cms.errors.ts';
import { type ArticleRow, isListed, type SiteRow } from '../cms.model.ts';
import { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW } from '../cms.permissions.ts';
import {
  findArticle,
  findColumn,
  findRevision,
  findSite,
  listCopies,
  patchArticle,
  patchColumn,
} from '../cms.repository.ts';
import { type Caller, callerUserId, mayReadInSite, requireInSite } from '../cms.scope.ts';
import { indexArticle, unindexArticle } from '../cms.search.ts';
import { type ArticleView, toArticleView } from '../cms.views.ts';

export const PUBLISH_SCHEDULED_QUEUE = 'cms.publish-scheduled';

function reasonOf(reason: unknown, field = 'reason'): string {
  const r = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (!r) throw cmsErrors.ARTICLE_INVALID(field, '请填写理由');
  if ([...r].length > 500) throw cmsErrors.ARTICLE_INVALID(field, '理由不能超过 500 字');
  return r;
}

/** Loads an article the caller may see (404 otherwise) and checks `permission` over its site. */
async function articleInScope(
  ctx: AppContext,
  caller: Caller,
  id: string,
  permission: string,
): Promise<{ a: ArticleRow; site: SiteRow }> {
  const a = UUID_RE.test(id) ? await findArticle(ctx.pool, id) : null;
  const site = a ? await findSite(ctx.pool, a.site_id) : null;
  if (!a || !site || !mayReadInSite(caller, site)) throw cmsErrors.ARTICLE_NOT_FOUND();
  requireInSite(caller, permission, site);
  return { a, site };
}

/** Makes the working copy the public revision, in the caller's transaction. */
export async function goLive(
  tx: Tx,
  ctx: AppContext,
  a: ArticleRow,
  actor: Actor,
  byUserId: string | null,
): Promise<ArticleRow> {
  const now = ctx.clock.now();
  const site = (await findSite(tx, a.site_id)) as SiteRow;
  const patch: Partial<ArticleRow> = {
    status: 'published',
    public_revision: a.revision,
    published_at: now,
    first_published_at: a.first_published_at ?? now,
    withdrawn_at: null,
    withdraw_reason: null,
    expired_at: null,
    return_reason: null,
    updated_at: now,
  };
  await patchArticle(tx, a.id, patch);
  await patchColumn(tx, a.column_id, { last_published_at: now });
  const next = { ...a, ...patch } as ArticleRow;
  const rev = await findRevision(tx, a.id, a.revision);
  if (!rev) throw new Error(`revision ${a.revision} of ${a.id} missing`);
  await indexArticle(tx, site, next, rev);
  await ctx.audit.record(tx, actor, {
    action: 'cms.article.publish',
    objectType: 'cms-article',
    objectId: a.id,
    summary: `发布“${site.name}”稿件“${a.title}”第 ${a.revision} 版`,
    changes: {
      status: { before: a.status, after: 'published' },
      publicRevision: { before: a.public_revision, after: a.revision },
    },
  });
  await ctx.events.emit(tx, {
    type: 'cms.article.published',
    aggregateType: 'cms-article',
    aggregateId: a.id,
    payload: {
      articleId: a.id,
      siteId: site.id,
      columnId: a.column_id,
      revision: a.revision,
      copyOf: a.copy_of,
    },
    actorId: byUserId,
  });
  return next;
}

/** After the last review level: publish now, or at the requested time through a job. */
async function release(
  tx: Tx,
  ctx: AppContext,
  a: ArticleRow,
  actor: Actor,
  userId: string | null,
): Promise<ArticleRow> {
  const now = ctx.clock.now();
  if (a.publish_at && a.publish_at > now) {
    const patch: Partial<ArticleRow> = { status: 'scheduled', return_reason: null, updated_at: now };
    await patchArticle(tx, a.id, patch);
    await enqueueJob(
      tx,
      PUBLISH_SCHEDULED_QUEUE,
      { articleId: a.id, revision: a.revision },
      { runAt: a.publish_at },
    );
    await ctx.audit.record(tx, actor, {
      action: 'cms.article.schedule',
      objectType: 'cms-article',
      objectId: a.id,
      summary: `稿件“${a.title}”审核通过，定于 ${a.publish_at.toISOString()} 发布`,
      changes: { status: { before: a.status, after: 'scheduled' } },
    });
    return { ...a, ...patch };
  }
  return goLive(tx, ctx, a, actor, userId);
}

export async function submitArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
  actor: Actor,
): Promise<ArticleView> {
  await articleInScope(ctx, caller, id, CMS_ARTICLE_EDIT);
  const userId = callerUserId(caller);
  return withTx(ctx.pool, async (tx) => {
    const a = (await findArticle(tx, id, true)) as ArticleRow;
    if (a.status !== 'draft' && a.status !== 'returned')
      throw cmsErrors.WRONG_STATE(undefined, '只有草稿或退回的稿件可以提交审核');
    const column = await findColumn(tx, a.column_id);
    const levels = column?.review_levels ?? 1;
    const now = ctx.clock.now();
    const patch: Partial<ArticleRow> = {
      status: 'submitted',
      review_levels: levels,
      reviews_done: 0,
      level1_reviewer_id: null,
      updated_by: userId,
      updated_at: now,
    };
    await patchArticle(tx, id, patch);
    await ctx.audit.record(tx, actor, {
      action: 'cms.article.submit',
      objectType: 'cms-article',
      objectId: id,
      summary: `提交稿件“${a.title}”第 ${a.revision} 版${levels === 0 ? '（栏目免审，直接发布）' : `送审（${levels} 级审核）`}`,
      changes: { status: { before: a.status, after: 'submitted' } },
    });
    let next = { ...a, ...patch } as ArticleRow;
    // A column without review publishes what its editors submit.
    if (levels === 0) next = await release(tx, ctx, next, actor, userId);
    return toArticleView(tx, next);
  });
}

/** A reviewer passes the next review level; the last level publishes (or schedules) the article. */
export async function approveArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
  actor: Actor,
): Promise<ArticleView> {
  await articleInScope(ctx, caller, id, CMS_ARTICLE_REVIEW);
  const userId = callerUserId(caller);
  return withTx(ctx.pool, async (tx) => {
    const a = (await findArticle(tx, id, true)) as ArticleRow;
    if (a.status !== 'submitted' && a.status !== 'reviewed')
      throw cmsErrors.WRONG_STATE(undefined, '只有待审核的稿件可以审核发布，请编辑先提交审核');
    if (a.status === 'reviewed' && userId !== null && a.level1_reviewer_id === userId)
      throw cmsErrors.SAME_REVIEWER();
    const done = a.reviews_done + 1;
    const now = ctx.clock.now();
    if (done < a.review_levels) {
      const patch: Partial<ArticleRow> = {
        status: 'reviewed',
        reviews_done: done,
        level1_reviewer_id: userId,
        updated_at: now,
      };
      await patchArticle(tx, id, patch);
      await ctx.audit.record(tx, actor, {
        action: 'cms.article.review',
        objectType: 'cms-article',
        objectId: id,
        summary: `稿件“${a.title}”通过第 ${done} 级审核，等待第 ${done + 1} 级审核`,
        changes: { status: { before: a.status, after: 'reviewed' } },
      });
      return toArticleView(tx, { ...a, ...patch });
    }
    const patch: Partial<ArticleRow> = { reviews_done: done, updated_at: now };
    await patchArticle(tx, id, patch);
    const next = await release(tx, ctx, { ...a, ...patch }, actor, userId);
    return toArticleView(tx, next);
  });
}

export async function returnArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
  reason: unknown,
  actor: Actor,
): Promise<ArticleView> {
  const r = reasonOf(reason);
  await articleInScope(ctx, caller, id, CMS_ARTICLE_REVIEW);
  return withTx(ctx.pool, async (tx) => {
    const a = (await findArticle(tx, id, true)) as ArticleRow;
    if (!['submitted', 'reviewed', 'scheduled'].includes(a.status))
      throw cmsErrors.WRONG_STATE(undefined, '只有待审核或定时发布的稿件可以退回');
    const patch: Partial<ArticleRow> = {
      status: 'returned',
      return_reason: r,
      reviews_done: 0,
      level1_reviewer_id: null,
      updated_at: ctx.clock.now(),
    };
    await patchArticle(tx, id, patch);
    await ctx.audit.record(tx, actor, {
      action: 'cms.article.return',
      objectType: 'cms-article',
      objectId: id,
      summary: `退回稿件“${a.title}”：${r}`,
      changes: { status: { before: a.status, after: 'returned' } },
    });
    return toArticleView(tx, { ...a, ...patch });
  });
}

/** Takes a public article off lists and search; its page stays and shows the reason. Copies follow. */
export async function withdrawInTx(
  tx: Tx,
  ctx: AppContext,
  a: ArticleRow,
  reason: string,
  actor: Actor,
  userId: string | null,
): Promise<ArticleRow> {
  const now = ctx.clock.now();
  const patch: Partial<ArticleRow> = {
    status: 'withdrawn',
    withdrawn_at: now,
    withdraw_reason: reason,
    updated_at: now,
  };
  await patchArticle(tx, a.id, patch);
  await unindexArticle(tx, a.id);
  await ctx.audit.record(tx, actor, {
    action: 'cms.article.withdraw',
    objectType: 'cms-article',
    objectId: a.id,
    summary: `撤下稿件“${a.title}”：${reason}`,
    changes: { status: { before: a.status, after: 'withdrawn' } },
  });
  await ctx.events.emit(tx, {
    type: 'cms.article.withdrawn',
    aggregateType: 'cms-article',
    aggregateId: a.id,
    payload: { articleId: a.id, siteId: a.site_id, columnId: a.column_id, reason },
    actorId: userId,
  });
  for (const copy of await listCopies(tx, a.id)) {
    const locked = (await findArticle(tx, copy.id, true)) as ArticleRow;
    if (isListed(locked))
      await withdrawInTx(tx, ctx, locked, `原稿已撤下：${reason}`.slice(0, 500), actor, userId);
  }
  return { ...a, ...patch };
}

export async function withdrawArticle(
  ctx: AppContext,
  caller: Caller,
  id: string,
  reason: unknown,
  actor: Actor,
): Promise<ArticleView> {
  const r = reasonOf(reason);
  await articleInScope(ctx, caller, id, CMS_ARTICLE_REVIEW);
  return withTx(ctx.pool, async (tx) => {
    const a = (await findArticle(tx, id, true)) as ArticleRow;
    if (!isListed(a)) throw cmsErrors.WRONG_STATE(undefined, '只有已发布的稿件可以撤稿');
    return toArticleView(tx, await withdrawInTx(tx, ctx, a, r, actor, callerUserId(caller)));
  });
}

const jobActor: Actor = { ...systemActor, name: '定时发布' };

/** Job: publishes a scheduled article when its time has come (a stale job for an older revision does nothing). */
export async function publishScheduled(
  ctx: AppContext,
  articleId: string,
  revision: number | null,
): Promise<boolean> {
  return withTx(ctx.pool, async (tx) => {
    const a = await findArticle(tx, articleId, true);
    if (a?.status !== 'scheduled') return false;
    if (revision !== null && a.revision !== revision) return false;
    if (a.publish_at && a.publish_at > ctx.clock.now()) return false;
    await goLive(tx, ctx, a, jobActor, null);
    return true;
  });
}

/** Sweep (safety net for missed jobs, and expiry): due scheduled articles go live, expired ones go off. */
export async function sweepArticles(ctx: AppContext): Promise<{ published: number; expired: number }> {
  const now = ctx.clock.now();
  const due = await ctx.pool.query<{ id: string }>(
    `SELECT id FROM cms_article WHERE status = 'scheduled' AND publish_at <= $1 ORDER BY publish_at LIMIT 200`,
    [now],
  );
  let published = 0;
  for (const r of due.rows) if (await publishScheduled(ctx, r.id, null)) published++;
  const expiring = await ctx.pool.query<{ id: string }>(
    `SELECT id FROM cms_article WHERE expires_at <= $1 AND public_revision IS NOT NULL AND expired_at IS NULL LIMIT 200`,
    [now],
  );
  let expired = 0;
  for (const r of expiring.rows) {
    await withTx(ctx.pool, async (tx) => {
      const a = await findArticle(tx, r.id, true);
      if (!a || a.expired_at || a.public_revision === null || !a.expires_at || a.expires_at > now) return;
      await patchArticle(tx, a.id, { status: 'expired', expired_at: now, updated_at: now });
      await unindexArticle(tx, a.id);
      await ctx.audit.record(
        tx,
        { ...systemActor, name: '到期下线' },
        {
          action: 'cms.article.expire',
          objectType: 'cms-article',
          objectId: a.id,
          summary: `稿件“${a.title}”已过有效期，自动下线`,
          changes: { status: { before: a.status, after: 'expired' } },
        },
      );
      await ctx.events.emit(tx, {
        type: 'cms.article.expired',
        aggregateType: 'cms-article',
        aggregateId: a.id,
        payload: { articleId: a.id, siteId: a.site_id, columnId: a.column_id },
      });
      expired++;
    });
  }
  return { published, expired };
}
