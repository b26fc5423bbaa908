// Browser journey of site health in the staff console: the cluster administrator reads the overview
// (青田县 不合格, the city portal checked), opens 青田县's findings grouped by severity with the
// indicator, the page and a link to fix each, and asks for a new check that the page picks up when
// the job has run; a county administrator cannot open the city portal's health. axe-core checks each
// page. Needs the console routes /health and /health/:siteId (features/health/HealthPage.tsx).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { queueHealthCheck } from '../../apps/server/src/modules/cms/health/index.ts';
import { HEALTH_USERS, healthSetup } from '../../apps/server/src/modules/cms/health/testing.ts';
import { TEST_PASSWORD } from '../../apps/server/src/modules/identity/testing.ts';
import { systemActor } from '../../apps/server/src/platform/audit/audit.ts';
import { fixedClock } from '../../apps/server/src/platform/db/clock.ts';
import {
  browserSkip,
  buildConsoleIfStale,
  consoleSignedIn,
  launchChromium,
  settledViolations,
} from './browser.ts';

const skip = browserSkip();

if (!skip) await buildConsoleIfStale();

const clock = fixedClock('2026-11-24T02:00:00Z');
const t = skip ? null : await healthSetup({ clock, listen: true });

async function seed() {
  if (!t) throw new Error('no app');
  // 青田县: 政务动态 20 days old (home page veto, stale column), an article with a missing internal link.
  for (const c of ['gkxx', 'jgzn', 'fzrxx']) {
    await t.publish(t.qingtian, c, 30);
    await t.publish(t.city, c, 30);
  }
  await t.publish(
    t.qingtian,
    'zwdt',
    20,
    '<p>详见<a href="/sites/qingtian/articles/01900000-0000-7000-8000-00000000beef">相关报道</a>。</p>',
    '青田县召开侨乡发展大会',
  );
  await t.publish(t.city, 'wjzl', 10);
  await t.publish(t.city, 'zwdt', 1);
  for (const s of [t.qingtian, t.city]) await queueHealthCheck(t.ctx, s.id, 'schedule', systemActor);
  await t.ctx.jobs.drain();
}
if (t) await seed();

describe('site health in the staff console', { skip }, () => {
  let browser: Browser;
  const base = t?.url ?? '';

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());
  const signIn = (username: string) => consoleSignedIn(browser, base, username, TEST_PASSWORD);
  const axe = settledViolations;

  test('overview, a site’s findings by severity with fix links, and a new check on demand', async () => {
    assert.ok(t);
    const { page, errors } = await signIn(HEALTH_USERS.clusterAdmin);
    await page.goto(`${base}/console/health`);
    await page.getByRole('heading', { name: '网站健康检查', level: 1 }).waitFor();
    const qtRow = page.getByRole('row').filter({ hasText: '青田县人民政府' });
    await qtRow.getByText('不合格（单项否决）').waitFor();
    const cityRow = page.getByRole('row').filter({ hasText: '丽水市人民政府' });
    await cityRow.waitFor();
    assert.doesNotMatch((await cityRow.textContent()) ?? '', /尚未检查|不合格/);
    assert.deepEqual(await axe(page), []);

    await qtRow.getByRole('link', { name: '青田县人民政府' }).click();
    await page.getByRole('heading', { name: '网站健康检查：青田县人民政府', level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`/console/health/${t.qingtian.id}$`));
    const veto = page.getByRole('list', { name: '单项否决问题' });
    await veto.getByText('首页不更新').waitFor();
    await veto.getByText('首页已 20 天没有更新信息（监测 2 周首页无信息更新即单项否决）').waitFor();
    const deductions = page.getByRole('list', { name: '扣分问题' });
    const link = deductions.getByRole('listitem').filter({ hasText: '01900000-0000-7000-8000-00000000beef' });
    await link.getByText('网站可用性（链接可用性）').waitFor();
    assert.match((await link.textContent()) ?? '', /栏目：政务动态/);
    const fix = link.getByRole('link', { name: '去整改' });
    assert.match((await fix.getAttribute('href')) ?? '', /^\/console\/articles\/[0-9a-f-]{36}$/);
    const stale = deductions.getByRole('listitem').filter({ hasText: '政务动态”已 20 天未更新' });
    assert.match(
      (await stale.getByRole('link', { name: '去整改' }).getAttribute('href')) ?? '',
      /^\/console\/sites\?siteId=/,
    );
    // Groups come in severity order.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    const order = headings
      .map((h) => ['单项否决', '扣分', '预警'].findIndex((w) => h.startsWith(w)))
      .filter((i) => i >= 0);
    assert.deepEqual(order, [...order].sort());
    assert.deepEqual(await axe(page), []);

    // A fresh article fixes the home page; a new check is queued, run by the job, and shown.
    await t.publish(t.qingtian, 'zwdt', 0, '<p>今日动态</p>', '青田县今日动态');
    await page.getByRole('button', { name: '立即检查' }).click();
    await page.getByText('检查已排队，完成后本页自动更新').waitFor();
    assert.deepEqual(await axe(page), []);
    await t.ctx.jobs.drain();
    // The page polls while the check is queued or running, then shows the new result.
    await page.getByText(/^检查(已排队|进行中)，完成后本页自动更新$/).waitFor({ state: 'detached' });
    await page.getByRole('list', { name: '单项否决问题' }).waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: '扣分问题' })
      .getByText('01900000-0000-7000-8000-00000000beef', { exact: false })
      .waitFor();
    assert.deepEqual(errors, []);
  });

  test('a county administrator cannot open the city portal’s health', async () => {
    assert.ok(t);
    const { page } = await signIn(HEALTH_USERS.qtAdmin);
    await page.goto(`${base}/console/health`);
    await page.getByRole('row').filter({ hasText: '青田县人民政府' }).waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: '丽水市人民政府' }).count(), 0);
    await page.goto(`${base}/console/health/${t.city.id}`);
    await page
      .getByRole('alert')
      .getByText(/不在您的管理范围内/)
      .waitFor();
    assert.equal(await page.getByText('首页不更新').count(), 0);
    assert.deepEqual(await axe(page), []);
  });
});
