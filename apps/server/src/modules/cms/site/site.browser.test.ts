// The public site pages in Debian's chromium: the city portal's home, a column list, a policy
// document with 文号 and a repealed one, a withdrawn article, an article with video, and search on a
// county site, each
// checked with axe-core (no serious or critical violations) at desktop width and at 375 px (no
// horizontal scrolling), with JavaScript off for the pages a reader needs. Skipped without
// /usr/bin/chromium unless ZT_REQUIRE_BROWSER=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserSkip, launchChromium, seriousViolations } from '../../../../../../tests/e2e/browser.ts';
import { systemActor } from '../../../platform/audit/audit.ts';
import { fixedClock } from '../../../platform/db/clock.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { CAPTION_TYPES, VIDEO_TYPES } from '../../../platform/files/file-store.ts';
import { mp4Sample } from '../../../platform/files/video-samples.ts';
import { createTestApp } from '../../../testing/harness.ts';
import { seedScopeFixture } from '../../identity/testing.ts';
import { SYSTEM_CALLER } from '../cms.scope.ts';
import { demoPng } from '../seed/demo-media.ts';
import { approveArticle, submitArticle, withdrawArticle } from '../use-cases/article-workflow.ts';
import { createArticle } from '../use-cases/edit-article.ts';
import { createColumn, createSite } from '../use-cases/manage-sites.ts';

const skip = browserSkip();

/** The text of an element as the DOM holds it, trimmed. */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}
const clock = fixedClock('2026-11-24T02:00:00Z');
const actor = { ...systemActor, name: '测试' };

const setup = skip
  ? null
  : await (async () => {
      const t = await createTestApp({ listen: true, clock });
      const { ctx } = t;
      const f = await seedScopeFixture(ctx);
      const footer = {
        sponsor: '丽水市人民政府办公室',
        organiser: '丽水市大数据发展管理局',
        icp: '浙ICP备05012345号',
        psb: '浙公网安备 33110202000001号',
        phone: '0578-2121000',
        address: '浙江省丽水市莲都区花园路 1 号',
        email: 'webmaster@lishui.gov.cn',
      };
      const city = await createSite(
        ctx,
        SYSTEM_CALLER,
        {
          code: 'lishui',
          name: '丽水市人民政府',
          siteCode: '3311000001',
          orgId: f.city.id,
          isDefault: true,
          footer,
        },
        actor,
      );
      const qingtian = await createSite(
        ctx,
        SYSTEM_CALLER,
        {
          code: 'qingtian',
          name: '青田县人民政府',
          siteCode: '3311210001',
          orgId: f.qingtian.id,
          footer: { ...footer, sponsor: '青田县人民政府办公室', organiser: '青田县人民政府办公室' },
        },
        actor,
      );
      for (const site of [city, qingtian])
        await createColumn(
          ctx,
          SYSTEM_CALLER,
          site.id,
          { code: 'tzgg', name: '通知公告', type: 'notice', sort: 55, updateDays: 180, reviewLevels: 1 },
          actor,
        );
      const col = async (siteId: string, code: string) =>
        (
          await ctx.pool.query<{ id: string }>('SELECT id FROM cms_column WHERE site_id = $1 AND code = $2', [
            siteId,
            code,
          ])
        ).rows[0]?.id as string;
      const publish = async (
        siteId: string,
        column: string,
        fields: Record<string, unknown> & { title: string },
      ) => {
        const a = await createArticle(
          ctx,
          SYSTEM_CALLER,
          {
            siteId,
            columnId: await col(siteId, column),
            body: `<p>${fields.title}。本文为测试内容，介绍有关工作安排和办理方式。</p>`,
            ...fields,
          } as never,
          actor,
        );
        let v = await submitArticle(ctx, SYSTEM_CALLER, a.id, actor);
        while (v.status !== 'published') v = await approveArticle(ctx, SYSTEM_CALLER, a.id, actor);
        return a.id;
      };
      const cover = await withTx(ctx.pool, (tx) =>
        ctx.files.put(tx, {
          data: demoPng(1),
          name: 'photo.png',
          purpose: 'cms',
          orgId: f.city.id,
          allowedTypes: ['image/png'],
        }),
      );
      await publish(city.id, 'zwdt', {
        title: '全市数字政府建设推进会召开',
        coverFileId: cover.id,
        body: `<p><img src="/api/v1/cms/files/${cover.id}" alt="推进会现场"></p><p>会议部署下一阶段工作。</p>`,
      });
      for (let i = 1; i <= 6; i += 1)
        await publish(city.id, 'zwdt', { title: `丽水市政务动态第${i}条：城市更新项目进展` });
      await publish(city.id, 'tzgg', { title: '关于元旦假期政务服务中心办公时间的通知' });
      const policy = await publish(city.id, 'wjzl', {
        title: '丽水市人民政府关于印发丽水市数字政府建设实施方案的通知',
        docNumber: '丽政发〔2026〕3号',
        writtenOn: '2026-11-20',
        validity: 'valid',
        source: '丽水市人民政府办公室',
      });
      const repealed = await publish(city.id, 'wjzl', {
        title: '丽水市人民政府关于印发旧版网站管理办法的通知',
        docNumber: '丽政发〔2018〕12号',
        writtenOn: '2018-03-01',
        validity: 'repealed',
      });
      const withdrawn = await publish(city.id, 'zwdt', { title: '一篇后来撤下的稿件' });
      await withdrawArticle(ctx, SYSTEM_CALLER, withdrawn, '信息有误，已核实更正', actor);
      await publish(qingtian.id, 'zwdt', { title: '青田石雕文化节在县城开幕' });
      const clip = await withTx(ctx.pool, (tx) =>
        ctx.files.put(tx, {
          data: mp4Sample('isom', ['isom', 'avc1'], 4096),
          name: '宣传片.mp4',
          purpose: 'cms-video',
          orgId: f.city.id,
          allowedTypes: VIDEO_TYPES,
        }),
      );
      const clipSrc = `/api/v1/cms/files/${clip.id}`;
      const subtitles = await withTx(ctx.pool, (tx) =>
        ctx.files.put(tx, {
          data: Buffer.from('WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n秀山丽水，诗画田园\n'),
          name: '宣传片字幕.vtt',
          purpose: 'cms-captions',
          orgId: f.city.id,
          allowedTypes: CAPTION_TYPES,
        }),
      );
      const video = await publish(city.id, 'zwdt', {
        title: '丽水城市宣传片发布',
        videoFileId: clip.id,
        body: `<p>宣传片如下。</p><figure class="cms-video-figure"><video src="${clipSrc}" aria-label="视频：丽水城市宣传片"><track kind="captions" src="/api/v1/cms/files/${subtitles.id}" default>您的浏览器不能播放视频，请<a href="${clipSrc}">下载视频</a>观看。</video><figcaption>丽水城市宣传片（时长 3 分钟）</figcaption></figure>`,
      });
      await ctx.jobs.drain();
      return { base: t.url, policy, repealed, withdrawn, video, clipSrc };
    })();

describe('cms site pages in a browser', { skip }, () => {
  let browser: Browser;
  const base = setup?.base ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function open(width: number, javaScript = true): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width, height: 900 },
      javaScriptEnabled: javaScript,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function check(page: Page, label: string, problems: string[]): Promise<void> {
    for (const v of await seriousViolations(page)) problems.push(`${label}: ${v}`);
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    if (scroll > width) problems.push(`${label}: ${scroll}px wide at ${width}px`);
    const h1 = await page.locator('h1').count();
    if (h1 !== 1) problems.push(`${label}: ${h1} h1 elements`);
  }

  test('home, column, policy document, repealed, withdrawn and video articles pass axe at 1280 px and 375 px, standard and 关怀模式', async () => {
    assert.ok(setup);
    const problems: string[] = [];
    const pages: [string, string][] = [
      ['home', '/'],
      ['column', '/columns/zwdt'],
      ['policy', `/articles/${setup.policy}`],
      ['repealed', `/articles/${setup.repealed}`],
      ['withdrawn', `/articles/${setup.withdrawn}`],
      ['print', `/articles/${setup.policy}?print=1`],
      ['video', `/articles/${setup.video}`],
      ['county home', '/sites/qingtian/'],
    ];
    for (const [width, care] of [
      [1280, false],
      [375, false],
      [1280, true],
      [375, true],
    ] as const) {
      const page = await open(width);
      if (care) await page.goto(`${base}/?mode=care`);
      for (const [label, path] of pages) {
        const res = await page.goto(base + path);
        assert.equal(res?.status(), 200, path);
        if (care) assert.equal(await page.locator('html.mode-care').count(), 1, `${label} in 关怀模式`);
        await check(page, `${label} @${width}${care ? ' 关怀模式' : ''}`, problems);
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  test('a reader without JavaScript goes from the home page to a policy document and sees its 文号 and validity', async () => {
    assert.ok(setup);
    const page = await open(1280, false);
    await page.goto(`${base}/`);
    assert.equal(await text(page.locator('h1')), '丽水市人民政府');
    assert.ok(await page.locator('.cms-pictures img').count(), 'picture block');
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('link', { name: /数字政府建设实施方案/ })
        .first()
        .click(),
    ]);
    assert.match(await text(page.locator('h1')), /数字政府建设实施方案/);
    assert.equal(await text(page.getByRole('row', { name: /文号/ }).locator('td')), '丽政发〔2026〕3号');
    assert.equal(await text(page.getByRole('row', { name: /有效性/ }).locator('td')), '有效');
    assert.match(await text(page.locator('footer.site-footer')), /网站标识码：3311000001/);
    assert.match(await page.locator('#cms-share-url').inputValue(), /^http:\/\/127\.0\.0\.1:\d+\/articles\//);

    await page.goto(`${base}/articles/${setup.repealed}`);
    assert.match(await text(page.locator('.cms-stale')), /本文件已废止/);
    await page.goto(`${base}/articles/${setup.withdrawn}`);
    assert.match(await text(page.locator('.cms-withdrawn')), /撤稿原因：信息有误，已核实更正/);
    await page.context().close();
  });

  test('an article’s videos have controls and captions, never autoplay, and the player can seek by ranges', async () => {
    assert.ok(setup);
    const page = await open(375);
    await page.goto(`${base}/articles/${setup.video}`);
    const videos = page.locator('main video');
    assert.equal(await videos.count(), 2, 'the body video and the article video');
    for (const v of await videos.all()) {
      assert.equal(await v.getAttribute('src'), setup.clipSrc);
      assert.equal(await v.evaluate((el) => (el as HTMLVideoElement).controls), true);
      assert.equal(await v.evaluate((el) => (el as HTMLVideoElement).autoplay), false);
      assert.match((await v.getAttribute('aria-label')) ?? '', /^视频：/);
    }
    assert.equal(await text(page.locator('.cms-body figcaption')), '丽水城市宣传片（时长 3 分钟）');
    // The body video's captions load in the browser (served as text/vtt under the page's CSP).
    const cue = await page.locator('.cms-body video').evaluate(async (el) => {
      const track = (el as HTMLVideoElement).querySelector('track') as HTMLTrackElement;
      track.track.mode = 'hidden';
      for (let i = 0; i < 100 && track.readyState !== 2 && track.readyState !== 3; i++)
        await new Promise((r) => setTimeout(r, 50));
      const first = track.track.cues?.[0] as VTTCue | undefined;
      return { kind: track.kind, label: track.label, state: track.readyState, text: first?.text ?? null };
    });
    assert.deepEqual(cue, { kind: 'captions', label: '中文字幕', state: 2, text: '秀山丽水，诗画田园' });
    const ranged = await page.request.get(base + setup.clipSrc, { headers: { range: 'bytes=0-31' } });
    assert.equal(ranged.status(), 206);
    assert.equal((await ranged.body()).length, 32);
    await page.context().close();
  });

  test('searching on a county site finds its article in the county frame, at 375 px', async () => {
    const page = await open(375);
    await page.goto(`${base}/sites/qingtian/`);
    await page.getByLabel('本站搜索').fill('石雕');
    await Promise.all([page.waitForNavigation(), page.getByLabel('本站搜索').press('Enter')]);
    assert.match(page.url(), /\/sites\/qingtian\/search\?q=/);
    assert.match(await text(page.locator('main')), /青田石雕文化节在县城开幕/);
    assert.match(await text(page.locator('footer.site-footer')), /网站标识码：3311210001/);
    const problems: string[] = [];
    await check(page, 'county search @375', problems);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
