// 信息报送: an editor offers a published article of their site to a column of another site; that site's
// reviewers accept it (publishing a linked copy that credits the sending site) or return it with a
// reason. Column subscriptions copy every newly published article of a source column. Adoption
// statistics count pushes per sending unit per month (Asia/Shanghai).
import type { Actor } from '../../../platform/audit/audit.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, type Tx, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { getOrg } from '../../identity/index.ts';
import { cmsErrors } from '../cms.errors.ts';
import {
  ARTICLE_COLUMN_KINDS,
  type ArticleRow,
  type ColumnRow,
  isListed,
  type SiteRow,
} from '../cms.model.ts';
import { CMS_ARTICLE_EDIT, CMS_ARTICLE_REVIEW, CMS_SITE_MANAGE } from '../cms.permissions.ts';
import {
  findArticle,
  findColumn,
  findRevision,
  findSite,
  freshArticleState,
  insertNewArticle,
} from '../cms.repository.ts';
import {
  type Caller,
  callerUserId,
  isSystem,
  mayInSite,
  mayReadInSite,
  requireInSite,
} from '../cms.scope.ts';
import { goLive } from './article-workflow.ts';

interface PushRow {
  id: string;
  article_id: string;
  source_site_id: string;
  source_org_id: string;
  target_site_id: string;
  target_column_id: string;
  status: 'pending' | 'accepted' | 'returned';
  reason: string | null;
  copy_article_id: string | null;
  pushed_by: string | null;
  pushed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

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
  status: PushRow['status'];
  reason: string | null;
  copyArticleId: string | null;
  pushedAt: string;
  decidedAt: string | null;
}

async function pushView(db: Tx | AppContext['pool'], id: string): Promise<PushView> {
  const r = await maybeOne<
    PushRow & {
      title: string;
      source_site_name: string;
      target_site_name: string;
      target_column_name: string;
    }
  >(
    db,
    `SELECT p.*, a.title, ss.name AS source_site_name, ts.name AS target_site_name, c.name AS target_column_name
     FROM cms_push p JOIN cms_article a ON a.id = p.article_id JOIN cms_site ss ON ss.id = p.source_site_id
     JOIN cms_site ts ON ts.id = p.target_site_id JOIN cms_column c ON c.id = p.target_column_id WHERE p.id = $1`,
    [id],
  );
  if (!r) throw cmsErrors.PUSH_NOT_FOUND();
  return {
    id: r.id,
    articleId: r.article_id,
    title: r.title,
    sourceSiteId: r.source_site_id,
    sourceSiteName: r.source_site_name,
    sourceOrgId: r.source_org_id,
    targetSiteId: r.target_site_id,
    targetSiteName: r.target_site_name,
    targetColumnId: r.target_column_id,
    targetColumnName: r.target_column_name,
    status: r.status,
    reason: r.reason,
    copyArticleId: r.copy_article_id,
    pushedAt: r.pushed_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  };
}

/** A target column for a copy: exists, carries articles, belongs to another site. */
async function targetColumn(
  db: Tx | AppContext['pool'],
  columnId: string,
  sourceSiteId: string,
): Promise<{ column: ColumnRow; site: SiteRow }> {
  const column = UUID_RE.test(columnId) ? await findColumn(db, columnId) : null;
  const site = column ? await findSite(db, column.site_id) : null;
  if (!column || !site) throw cmsErrors.COLUMN_INVALID('targetColumnId', '目标栏目不存在');
  if (site.id === sourceSiteId) throw cmsErrors.COLUMN_INVALID('targetColumnId', '目标栏目应属于其他网站');
  if (!ARTICLE_COLUMN_KINDS.includes(column.kind))
    throw cmsErrors.COLUMN_INVALID('targetColumnId', '目标栏目不能接收稿件');
  if (site.status !== 'open') throw cmsErrors.COLUMN_INVALID('targetColumnId', '目标网站已关闭');
  return { column, site };
}

/** A linked copy of the source's public revision in `column`, published at once. */
export async function publishCopy(
  tx: Tx,
  ctx: AppContext,
  source: ArticleRow,
  column: ColumnRow,
  site: SiteRow,
  kind: 'push' | 'subscription',
  actor: Actor,
  userId: string | null,
): Promise<string | null> {
  if (source.public_revision === null) return null;
  const rev = await findRevision(tx, source.id, source.public_revision);
  const sourceSite = await findSite(tx, source.site_id);
  if (!rev || !sourceSite) return null;
  const existing = await maybeOne<{ id: string }>(
    tx,
    'SELECT id FROM cms_article WHERE copy_of = $1 AND column_id = $2',
    [source.id, column.id],
  );
  if (existing) return existing.id;
  const now = ctx.clock.now();
  const sourceOrg = await getOrg(tx, sourceSite.org_id);
  const credit = `来源：${sourceSite.name}${sourceOrg && sourceOrg.name !== sourceSite.name ? `（${sourceOrg.name}）` : ''}`;
  const id = newId();
  const f = rev.fields;
  const row: ArticleRow = {
    id,
    site_id: site.id,
    column_id: column.id,
    org_path: site.org_path,
    status: 'draft',
    title: rev.title,
    subtitle: f.subtitle,
    source: f.source || sourceSite.name,
    author: f.author,
    tags: f.tags,
    body: rev.body,
    cover_file_id: f.coverFileId,
    video_file_id: f.videoFileId,
    attachments: f.attachments,
    doc_number: f.docNumber,
    written_on: f.writtenOn,
    validity: f.validity,
    interpretation_ids: f.interpretationIds,
    publish_at: null,
    expires_at: f.expiresAt ? new Date(f.expiresAt) : null,
    review_levels: 0,
    copy_of: source.id,
    copy_kind: kind,
    credit,
    ...freshArticleState(userId, now),
  };
  await insertNewArticle(
    tx,
    row,
    {
      fields: { ...f, credit },
      fileIds: rev.file_ids,
      note: kind === 'push' ? '采用报送信息' : '栏目订阅转载',
    },
    now,
  );
  await goLive(tx, ctx, row, actor, userId);
  return id;
}

export async function pushArticle(
  ctx: AppContext,
  caller: Caller,
  articleId: string,
  targetColumnId: string,
  actor: Actor,
): Promise<PushView> {
  const a = UUID_RE.test(articleId) ? await findArticle(ctx.pool, articleId) : null;
  const site = a ? await findSite(ctx.pool, a.site_id) : null;
  if (!a || !site || !mayReadInSite(caller, site)) throw cmsErrors.ARTICLE_NOT_FOUND();
  requireInSite(caller, CMS_ARTICLE_EDIT, site);
  if (!isListed(a)) throw cmsErrors.WRONG_STATE(undefined, '只有已发布的稿件可以报送');
  if (a.copy_of) throw cmsErrors.WRONG_STATE(undefined, '转载的稿件不能再次报送');
  const target = await targetColumn(ctx.pool, targetColumnId, site.id);
  const id = newId();
  const now = ctx.clock.now();
  await withTx(ctx.pool, async (tx) => {
    if (
      await maybeOne(tx, 'SELECT 1 FROM cms_article WHERE copy_of = $1 AND column_id = $2', [
        a.id,
        target.column.id,
      ])
    )
      throw cmsErrors.PUSH_DUPLICATE(undefined, '该稿件已被此栏目采用');
    const inserted = await tx.query(
      `INSERT INTO cms_push (id, article_id, source_site_id, source_org_id, target_site_id, target_column_id, pushed_by, pushed_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING`,
      [id, a.id, site.id, site.org_id, target.site.id, target.column.id, callerUserId(caller), now],
    );
    if (!inserted.rowCount) throw cmsErrors.PUSH_DUPLICATE();
    await ctx.audit.record(tx, actor, {
      action: 'cms.push.create',
      objectType: 'cms-push',
      objectId: id,
      summary: `将“${site.name}”稿件“${a.title}”报送至“${target.site.name}”栏目“${target.column.name}”`,
    });
    await ctx.events.emit(tx, {
      type: 'cms.push.created',
      aggregateType: 'cms-push',
      aggregateId: id,
      payload: {
        pushId: id,
        articleId: a.id,
        targetSiteId: target.site.id,
        targetColumnId: target.column.id,
      },
      actorId: callerUserId(caller),
    });
  });
  return pushView(ctx.pool, id);
}

async function decide(
  ctx: AppContext,
  caller: Caller,
  pushId: string,
  actor: Actor,
  fn: (tx: Tx, p: PushRow, site: SiteRow) => Promise<void>,
): Promise<PushView> {
  const peek = UUID_RE.test(pushId)
    ? await maybeOne<PushRow>(ctx.pool, 'SELECT * FROM cms_push WHERE id = $1', [pushId])
    : null;
  const target = peek ? await findSite(ctx.pool, peek.target_site_id) : null;
  if (!peek || !target) throw cmsErrors.PUSH_NOT_FOUND();
  if (!mayReadInSite(caller, target) && !isSystem(caller)) {
    const source = await findSite(ctx.pool, peek.source_site_id);
    if (!source || !mayReadInSite(caller, source)) throw cmsErrors.PUSH_NOT_FOUND();
  }
  requireInSite(caller, CMS_ARTICLE_REVIEW, target, '只有目标网站的审核人员可以处理报送信息');
  await withTx(ctx.pool, async (tx) => {
    const p = (await maybeOne<PushRow>(tx, 'SELECT * FROM cms_push WHERE id = $1 FOR UPDATE', [
      pushId,
    ])) as PushRow;
    if (p.status !== 'pending') throw cmsErrors.PUSH_DECIDED();
    await fn(tx, p, target);
  });
  void actor;
  return pushView(ctx.pool, pushId);
}

export function acceptPush(ctx: AppContext, caller: Caller, pushId: string, actor: Actor): Promise<PushView> {
  return decide(ctx, caller, pushId, actor, async (tx, p, site) => {
    const source = await findArticle(tx, p.article_id, true);
    if (!source || !isListed(source)) throw cmsErrors.WRONG_STATE(undefined, '原稿已撤下或过期，不能采用');
    const column = (await findColumn(tx, p.target_column_id)) as ColumnRow;
    const userId = callerUserId(caller);
    const copyId = await publishCopy(tx, ctx, source, column, site, 'push', actor, userId);
    await tx.query(
      `UPDATE cms_push SET status = 'accepted', copy_article_id = $2, decided_by = $3, decided_at = $4 WHERE id = $1`,
      [p.id, copyId, userId, ctx.clock.now()],
    );
    await ctx.audit.record(tx, actor, {
      action: 'cms.push.accept',
      objectType: 'cms-push',
      objectId: p.id,
      summary: `“${site.name}”采用报送稿件“${source.title}”`,
      changes: { status: { before: 'pending', after: 'accepted' } },
    });
  });
}

export function returnPush(
  ctx: AppContext,
  caller: Caller,
  pushId: string,
  reason: unknown,
  actor: Actor,
): Promise<PushView> {
  const r = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (!r || [...r].length > 500) throw cmsErrors.ARTICLE_INVALID('reason', '请填写不超过 500 字的退回理由');
  return decide(ctx, caller, pushId, actor, async (tx, p, site) => {
    await tx.query(
      `UPDATE cms_push SET status = 'returned', reason = $2, decided_by = $3, decided_at = $4 WHERE id = $1`,
      [p.id, r, callerUserId(caller), ctx.clock.now()],
    );
    await ctx.audit.record(tx, actor, {
      action: 'cms.push.return',
      objectType: 'cms-push',
      objectId: p.id,
      summary: `“${site.name}”退回报送稿件：${r}`,
      changes: { status: { before: 'pending', after: 'returned' } },
    });
  });
}

/** Pushes into (incoming) or out of (outgoing) a site the caller works on. */
export async function listPushes(
  ctx: AppContext,
  caller: Caller,
  q: { siteId: string; direction: 'incoming' | 'outgoing'; status?: PushRow['status'] },
): Promise<{ items: PushView[] }> {
  const site = UUID_RE.test(q.siteId) ? await findSite(ctx.pool, q.siteId) : null;
  if (!site) throw cmsErrors.SITE_NOT_FOUND('siteId');
  if (!mayReadInSite(caller, site) && !mayInSite(caller, CMS_SITE_MANAGE, site)) {
    if (!caller) throw platformErrors.UNAUTHENTICATED();
    throw platformErrors.FORBIDDEN(undefined, '该网站不在您的管理范围内');
  }
  const col = q.direction === 'incoming' ? 'target_site_id' : 'source_site_id';
  const rows = await many<{ id: string }>(
    ctx.pool,
    `SELECT id FROM cms_push WHERE ${col} = $1 AND ($2::text IS NULL OR status = $2) ORDER BY pushed_at DESC LIMIT 200`,
    [site.id, q.status ?? null],
  );
  const items: PushView[] = [];
  for (const r of rows) items.push(await pushView(ctx.pool, r.id));
  return { items };
}

export interface PushStats {
  siteId: string;
  month: string;
  items: {
    orgId: string;
    orgName: string;
    sent: number;
    accepted: number;
    returned: number;
    pending: number;
    adoptionRate: number;
  }[];
  total: { sent: number; accepted: number; returned: number; pending: number; adoptionRate: number };
}

/** Adoption per sending unit for pushes into a site sent in a month (Asia/Shanghai). */
export async function pushStats(
  ctx: AppContext,
  caller: Caller,
  siteId: string,
  month: string,
): Promise<PushStats> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw cmsErrors.MONTH_INVALID('month');
  const site = UUID_RE.test(siteId) ? await findSite(ctx.pool, siteId) : null;
  if (!site) throw cmsErrors.SITE_NOT_FOUND('siteId');
  if (!mayReadInSite(caller, site) && !mayInSite(caller, CMS_SITE_MANAGE, site)) {
    if (!caller) throw platformErrors.UNAUTHENTICATED();
    throw platformErrors.FORBIDDEN(undefined, '该网站不在您的管理范围内');
  }
  const rows = await many<{
    org_id: string;
    org_name: string;
    sent: number;
    accepted: number;
    returned: number;
    pending: number;
  }>(
    ctx.pool,
    `SELECT p.source_org_id AS org_id, o.name AS org_name, count(*) AS sent,
            count(*) FILTER (WHERE p.status = 'accepted') AS accepted,
            count(*) FILTER (WHERE p.status = 'returned') AS returned,
            count(*) FILTER (WHERE p.status = 'pending') AS pending
     FROM cms_push p JOIN idn_org o ON o.id = p.source_org_id
     WHERE p.target_site_id = $1 AND to_char(p.pushed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $2
     GROUP BY p.source_org_id, o.name ORDER BY count(*) FILTER (WHERE p.status = 'accepted') DESC, o.name`,
    [site.id, month],
  );
  const rate = (acc: number, sent: number) => (sent ? Math.round((acc / sent) * 1000) / 10 : 0);
  const items = rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    sent: r.sent,
    accepted: r.accepted,
    returned: r.returned,
    pending: r.pending,
    adoptionRate: rate(r.accepted, r.sent),
  }));
  const sum = (k: 'sent' | 'accepted' | 'returned' | 'pending') => items.reduce((s, i) => s + i[k], 0);
  return {
    siteId: site.id,
    month,
    items,
    total: {
      sent: sum('sent'),
      accepted: sum('accepted'),
      returned: sum('returned'),
      pending: sum('pending'),
      adoptionRate: rate(sum('accepted'), sum('sent')),
    },
  };
}

// Column subscriptions ---------------------------------------------------------------------------

export interface SubscriptionView {
  id: string;
  columnId: string;
  sourceColumnId: string;
  sourceColumnName: string;
  sourceSiteName: string;
  createdAt: string;
}

export async function subscribeColumn(
  ctx: AppContext,
  caller: Caller,
  columnId: string,
  sourceColumnId: string,
  actor: Actor,
): Promise<SubscriptionView> {
  const column = UUID_RE.test(columnId) ? await findColumn(ctx.pool, columnId) : null;
  const site = column ? await findSite(ctx.pool, column.site_id) : null;
  if (!column || !site) throw cmsErrors.COLUMN_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  if (!ARTICLE_COLUMN_KINDS.includes(column.kind))
    throw cmsErrors.COLUMN_INVALID('columnId', '该栏目不能接收稿件');
  const source = UUID_RE.test(sourceColumnId) ? await findColumn(ctx.pool, sourceColumnId) : null;
  if (!source) throw cmsErrors.COLUMN_INVALID('sourceColumnId', '来源栏目不存在');
  if (source.site_id === site.id) throw cmsErrors.COLUMN_INVALID('sourceColumnId', '来源栏目应属于其他网站');
  const id = newId();
  await withTx(ctx.pool, async (tx) => {
    const r = await tx.query(
      `INSERT INTO cms_subscription (id, column_id, source_column_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
      [id, column.id, source.id, callerUserId(caller), ctx.clock.now()],
    );
    if (!r.rowCount) throw cmsErrors.SUBSCRIPTION_EXISTS();
    await ctx.audit.record(tx, actor, {
      action: 'cms.subscription.create',
      objectType: 'cms-subscription',
      objectId: id,
      summary: `“${site.name}”栏目“${column.name}”订阅栏目“${source.name}”`,
    });
  });
  return (await listSubscriptions(ctx, caller, column.id)).items.find((s) => s.id === id) as SubscriptionView;
}

export async function listSubscriptions(
  ctx: AppContext,
  caller: Caller,
  columnId: string,
): Promise<{ items: SubscriptionView[] }> {
  const column = UUID_RE.test(columnId) ? await findColumn(ctx.pool, columnId) : null;
  const site = column ? await findSite(ctx.pool, column.site_id) : null;
  if (!column || !site) throw cmsErrors.COLUMN_NOT_FOUND();
  if (!mayInSite(caller, CMS_SITE_MANAGE, site) && !mayReadInSite(caller, site))
    requireInSite(caller, CMS_SITE_MANAGE, site);
  const rows = await many<{
    id: string;
    column_id: string;
    source_column_id: string;
    name: string;
    site_name: string;
    created_at: Date;
  }>(
    ctx.pool,
    `SELECT s.id, s.column_id, s.source_column_id, c.name, st.name AS site_name, s.created_at
     FROM cms_subscription s JOIN cms_column c ON c.id = s.source_column_id JOIN cms_site st ON st.id = c.site_id
     WHERE s.column_id = $1 ORDER BY s.created_at`,
    [column.id],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      columnId: r.column_id,
      sourceColumnId: r.source_column_id,
      sourceColumnName: r.name,
      sourceSiteName: r.site_name,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function unsubscribeColumn(
  ctx: AppContext,
  caller: Caller,
  subscriptionId: string,
  actor: Actor,
): Promise<void> {
  const sub = UUID_RE.test(subscriptionId)
    ? await maybeOne<{ id: string; column_id: string }>(
        ctx.pool,
        'SELECT id, column_id FROM cms_subscription WHERE id = $1',
        [subscriptionId],
      )
    : null;
  const column = sub ? await findColumn(ctx.pool, sub.column_id) : null;
  const site = column ? await findSite(ctx.pool, column.site_id) : null;
  if (!sub || !column || !site) throw cmsErrors.SUBSCRIPTION_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  await withTx(ctx.pool, async (tx) => {
    await tx.query('DELETE FROM cms_subscription WHERE id = $1', [sub.id]);
    await ctx.audit.record(tx, actor, {
      action: 'cms.subscription.delete',
      objectType: 'cms-subscription',
      objectId: sub.id,
      summary: `“${site.name}”栏目“${column.name}”取消订阅`,
    });
  });
}

const subscriptionActor: Actor = { ...systemActor, name: '栏目订阅' };

/** Event subscriber of cms.article.published: copies an original article into subscribing columns. */
export async function copyToSubscribers(ctx: AppContext, articleId: string): Promise<number> {
  const subs = await many<{ column_id: string }>(
    ctx.pool,
    `SELECT s.column_id FROM cms_subscription s JOIN cms_article a ON a.column_id = s.source_column_id
     WHERE a.id = $1 AND a.copy_of IS NULL`,
    [articleId],
  );
  let made = 0;
  for (const s of subs) {
    await withTx(ctx.pool, async (tx) => {
      const source = await findArticle(tx, articleId, true);
      if (!source || !isListed(source)) return;
      const column = await findColumn(tx, s.column_id);
      const site = column ? await findSite(tx, column.site_id) : null;
      if (!column || !site || site.status !== 'open') return;
      const before = await maybeOne(tx, 'SELECT 1 FROM cms_article WHERE copy_of = $1 AND column_id = $2', [
        source.id,
        column.id,
      ]);
      if (before) return;
      await publishCopy(tx, ctx, source, column, site, 'subscription', subscriptionActor, null);
      made++;
    });
  }
  return made;
}
