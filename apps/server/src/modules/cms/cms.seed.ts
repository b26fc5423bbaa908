// Demo content of the website cluster (first start, after the identity seed): the city portal as the
// default site, the nine county portals and three department sites, each with the required columns,
// a 通知公告 column and real-looking articles published through the same use cases staff use. Publication
// times are then spread over past weeks. Planted for site health: 云和县's 政务动态 is stale (last update
// 40 days ago against 14) and one city article links to an article that does not exist.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maybeOne, withTx } from '../../platform/db/pool.ts';
import { findColumnByCode } from './cms.repository.ts';
import { SYSTEM_CALLER } from './cms.scope.ts';
import { CITY_ARTICLES, DEMO_SITES, type DemoArticle, genericArticles } from './seed/demo-content.ts';
import { demoAttachment, demoPng } from './seed/demo-media.ts';
import { approveArticle, submitArticle } from './use-cases/article-workflow.ts';
import { createArticle } from './use-cases/edit-article.ts';
import { createColumn, createSite } from './use-cases/manage-sites.ts';
import {
  acceptPush,
  copyToSubscribers,
  pushArticle,
  returnPush,
  subscribeColumn,
} from './use-cases/push-articles.ts';

const actor: Actor = { ...systemActor, name: '演示数据初始化' };
const DAY = 86_400_000;

async function orgByName(ctx: AppContext, name: string) {
  return maybeOne<{ id: string }>(ctx.pool, 'SELECT id FROM idn_org WHERE name = $1', [name]);
}

export async function seedCmsDemo(ctx: AppContext, progress: (msg: string) => void): Promise<void> {
  if (await maybeOne(ctx.pool, 'SELECT 1 FROM cms_site LIMIT 1')) {
    progress('演示数据：网站群已存在，跳过');
    return;
  }
  const now = ctx.clock.now();
  let seq = 0;
  const sites = new Map<string, { id: string; name: string; orgId: string }>();
  for (const d of DEMO_SITES) {
    const org = await orgByName(ctx, d.orgName);
    if (!org) {
      progress(`演示数据：缺少机构“${d.orgName}”，跳过网站“${d.name}”`);
      continue;
    }
    const site = await createSite(
      ctx,
      SYSTEM_CALLER,
      {
        code: d.code,
        name: d.name,
        siteCode: d.siteCode,
        orgId: org.id,
        domains: [d.domain],
        isDefault: d.code === 'lishui',
        footer: {
          sponsor: d.name.endsWith('人民政府') ? `${d.name}办公室` : d.name,
          organiser: d.code === 'lishui' ? '丽水市大数据发展管理局' : d.orgName,
          icp: '浙ICP备05012345号',
          psb: `浙公网安备 ${d.siteCode.slice(0, 6)}02000${d.siteCode.slice(-3)}号`,
          phone: '0578-2121000',
          address: `浙江省${d.region === '丽水市' ? '' : '丽水市'}${d.region}`,
          email: `webmaster@${d.domain.replace(/^www\./, '')}`,
        },
      },
      actor,
    );
    await createColumn(
      ctx,
      SYSTEM_CALLER,
      site.id,
      { code: 'tzgg', name: '通知公告', type: 'notice', sort: 55, updateDays: 180, reviewLevels: 1 },
      actor,
    );
    if (d.code === 'lishui') {
      await createColumn(
        ctx,
        SYSTEM_CALLER,
        site.id,
        { code: 'zcjd', name: '政策解读', type: 'policy', sort: 45, updateDays: 180, reviewLevels: 1 },
        actor,
      );
      await createColumn(
        ctx,
        SYSTEM_CALLER,
        site.id,
        { code: 'xqdt', name: '县区动态', type: 'news', sort: 52, updateDays: 14, reviewLevels: 1 },
        actor,
      );
    }
    sites.set(d.code, { id: site.id, name: site.name, orgId: org.id });
  }

  const published = new Map<string, string>();
  const backdated: [string, Date][] = [];
  const publishOne = async (siteCode: string, a: DemoArticle, interpretationIds: string[] = []) => {
    const site = sites.get(siteCode);
    if (!site) return null;
    const column = await findColumnByCode(ctx.pool, site.id, a.column);
    if (!column) return null;
    seq += 1;
    let body = a.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
    let coverFileId: string | null = null;
    const attachmentIds: string[] = [];
    if (a.image || a.attachment) {
      await withTx(ctx.pool, async (tx) => {
        if (a.image) {
          const f = await ctx.files.put(tx, {
            data: demoPng(seq),
            name: `photo-${seq}.png`,
            purpose: 'cms',
            orgId: site.orgId,
            allowedTypes: ['image/png'],
          });
          coverFileId = f.id;
          body = `<p><img src="/api/v1/cms/files/${f.id}" alt="${a.title}配图"></p>\n${body}`;
        }
        if (a.attachment) {
          const f = await ctx.files.put(tx, {
            data: demoAttachment(a.title, a.paragraphs),
            name: a.attachment,
            purpose: 'cms',
            orgId: site.orgId,
            allowedTypes: ['text/plain'],
          });
          attachmentIds.push(f.id);
        }
      });
    }
    const created = await createArticle(
      ctx,
      SYSTEM_CALLER,
      {
        siteId: site.id,
        columnId: column.id,
        title: a.title,
        body,
        source: a.source ?? site.name,
        author: a.author ?? '',
        tags: a.tags ?? [],
        coverFileId,
        attachmentIds,
        docNumber: a.docNumber ?? null,
        writtenOn: a.writtenOn ?? null,
        validity: a.validity ?? null,
        interpretationIds,
      },
      actor,
    );
    await submitArticle(ctx, SYSTEM_CALLER, created.id, actor);
    for (let i = 0; i < Math.max(1, column.review_levels); i++)
      await approveArticle(ctx, SYSTEM_CALLER, created.id, actor);
    const at = new Date(now.getTime() - a.daysAgo * DAY - seq * 60_000);
    backdated.push([created.id, at]);
    if (a.key) published.set(`${siteCode}:${a.key}`, created.id);
    return created.id;
  };

  // Interpretations first, so the documents can link to them.
  const city = CITY_ARTICLES.filter((a) => !a.interpretedBy);
  for (const a of city) await publishOne('lishui', a);
  for (const a of CITY_ARTICLES.filter((x) => x.interpretedBy)) {
    const interp = published.get(`lishui:${a.interpretedBy}`);
    await publishOne('lishui', a, interp ? [interp] : []);
  }
  progress('演示数据：城市门户稿件已发布');

  const qingtian = sites.get('qingtian');
  const cityCols = sites.get('lishui')
    ? await findColumnByCode(ctx.pool, sites.get('lishui')!.id, 'xqdt')
    : null;
  const qtNews = qingtian ? await findColumnByCode(ctx.pool, qingtian.id, 'zwdt') : null;
  // The city's 县区动态 subscribes to 青田县 政务动态 before the county publishes (copies arrive by event).
  if (cityCols && qtNews) await subscribeColumn(ctx, SYSTEM_CALLER, cityCols.id, qtNews.id, actor);

  const pushes: string[] = [];
  const subscribed: string[] = [];
  for (const d of DEMO_SITES.filter((s) => s.code !== 'lishui')) {
    const place = d.name.replace(/人民政府$/, '');
    const list = genericArticles(place, d.name);
    if (d.code === 'yunhe') for (const a of list) if (a.column === 'zwdt') a.daysAgo += 40;
    for (const a of list) {
      const id = await publishOne(d.code, a);
      if (id && d.code === 'qingtian' && a.column === 'zwdt') subscribed.push(id);
      if (
        id &&
        a.column === 'zwdt' &&
        cityCols &&
        ['liandu', 'longquan', 'jinyun', 'songyang'].includes(d.code)
      )
        pushes.push(id);
    }
  }
  progress('演示数据：县区和部门网站稿件已发布');

  // 信息报送 to the city portal: some adopted, one returned, the rest waiting.
  if (cityCols) {
    for (const [i, id] of pushes.entries()) {
      const p = await pushArticle(ctx, SYSTEM_CALLER, id, cityCols.id, actor);
      if (i % 3 === 0) await acceptPush(ctx, SYSTEM_CALLER, p.id, actor);
      else if (i % 3 === 1)
        await returnPush(ctx, SYSTEM_CALLER, p.id, '与近期已发布信息重复，请报送更具特色的工作亮点', actor);
    }
  }
  // Subscription copies are made by the event subscriber's job; make them now so the demo shows them at
  // once (the job finds them there and does nothing).
  for (const id of subscribed) await copyToSubscribers(ctx, id);
  // Publication times spread over past weeks (one statement for all articles and their revisions).
  const ids = backdated.map(([id]) => id);
  const times = backdated.map(([, at]) => at);
  await ctx.pool.query(
    `UPDATE cms_article a SET published_at = v.at, first_published_at = v.at, created_at = v.at, updated_at = v.at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE a.id = v.id OR a.copy_of = v.id`,
    [ids, times],
  );
  await ctx.pool.query(
    `UPDATE cms_article_revision r SET created_at = v.at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE r.article_id = v.id`,
    [ids, times],
  );
  // The stale column: stamp 云和县 政务动态 with its (backdated) last article.
  await ctx.pool.query(
    `UPDATE cms_column c SET last_published_at = sub.latest
     FROM (SELECT column_id, max(first_published_at) AS latest FROM cms_article WHERE public_revision IS NOT NULL GROUP BY column_id) sub
     WHERE sub.column_id = c.id`,
  );
  progress(`演示数据：网站 ${sites.size} 个，稿件 ${seq} 篇（含政策文件、解读、报送与订阅转载）`);
}
