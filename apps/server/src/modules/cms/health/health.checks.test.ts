// The content checks against the inspection index, each with a fixture shaped to trigger it and one
// shaped not to: home page updates (veto at 14 days, warning from 10), a column against its own
// interval (deduction when overdue, warning 3 days before), empty columns (warning from 2, veto at 5),
// 动态/政策 columns lapsed (veto at 5), and the footer identity.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedClock } from '../../../platform/db/clock.ts';
import type { SiteView } from '../cms.views.ts';
import type { Finding } from './health.model.ts';
import { healthSite } from './health.queries.ts';
import { checkSite } from './run-health.ts';
import { type HealthSetup, healthSetup } from './testing.ts';

const clock = fixedClock('2026-11-24T02:00:00Z');

async function findings(t: HealthSetup, site: SiteView): Promise<{ verdict: string; findings: Finding[] }> {
  const s = await healthSite(t.ctx.pool, site.id);
  return checkSite(t.ctx, s!, { fetcher: null });
}

const of = (fs: Finding[], kind: Finding['kind'], severity?: Finding['severity']) =>
  fs.filter((f) => f.kind === kind && (!severity || f.severity === severity));

/** Fills the site's required content columns so that only what a test changes is found. */
async function fill(t: HealthSetup, site: SiteView, newsDaysAgo = 1) {
  for (const c of ['gkxx', 'jgzn', 'fzrxx']) await t.publish(site, c, 30);
  await t.publish(site, 'wjzl', 20);
  await t.publish(site, 'zwdt', newsDaysAgo);
}

describe('site health content checks', async () => {
  const t = await healthSetup({ clock });

  test('a site whose columns are all current passes with no findings', async () => {
    await fill(t, t.city);
    const r = await findings(t, t.city);
    assert.deepEqual(
      r.findings.map((f) => `${f.kind}/${f.severity}`),
      [],
    );
    assert.equal(r.verdict, 'pass');
  });

  test('the home page: no update for 14 days is a veto, 10 days a warning, 9 days nothing', async () => {
    const s = t.qingtian;
    for (const c of ['gkxx', 'jgzn', 'fzrxx']) await t.publish(s, c, 30);
    // 文件资料 and 政务动态 are both home page blocks; the newest of them counts.
    await t.publish(s, 'wjzl', 40);
    const zwdt = await t.publish(s, 'zwdt', 15);
    let r = await findings(t, s);
    const home = of(r.findings, 'home-stale');
    assert.equal(home.length, 1);
    assert.equal(home[0]!.severity, 'veto');
    assert.equal(home[0]!.indicator, '首页不更新');
    assert.match(home[0]!.detail, /15 天/);
    assert.equal(home[0]!.url, '/sites/qingtian/');
    assert.equal(r.verdict, 'fail');

    const at = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);
    await t.ctx.pool.query('UPDATE cms_article SET published_at = $2 WHERE id = $1', [zwdt, at(10)]);
    r = await findings(t, s);
    assert.deepEqual(
      of(r.findings, 'home-stale').map((f) => f.severity),
      ['warning'],
    );
    assert.match(of(r.findings, 'home-stale')[0]!.detail, /再过 4 天/);

    await t.ctx.pool.query('UPDATE cms_article SET published_at = $2 WHERE id = $1', [zwdt, at(9)]);
    r = await findings(t, s);
    assert.equal(of(r.findings, 'home-stale').length, 0);
    // A withdrawn article is no update: withdrawing the only recent one brings the veto back.
    await t.ctx.pool.query(
      `UPDATE cms_article SET withdrawn_at = now(), status = 'withdrawn' WHERE id = $1`,
      [zwdt],
    );
    r = await findings(t, s);
    assert.deepEqual(
      of(r.findings, 'home-stale').map((f) => f.severity),
      ['veto'],
    );
    await t.ctx.pool.query(`UPDATE cms_article SET withdrawn_at = NULL, status = 'published' WHERE id = $1`, [
      zwdt,
    ]);
  });

  test('a column past its interval is a deduction, 3 days before it a warning, earlier nothing', async () => {
    const s = t.city;
    const news = await t.column(s, 'bmdt', 'news', 10);
    const id = await t.publish(s, 'bmdt', 11, undefined, '部门动态稿件');
    let r = await findings(t, s);
    let stale = of(r.findings, 'column-stale');
    assert.equal(stale.length, 1);
    assert.equal(stale[0]!.severity, 'deduction');
    assert.equal(stale[0]!.columnId, news);
    assert.equal(stale[0]!.columnName, '测试栏目bmdt');
    assert.equal(stale[0]!.url, '/columns/bmdt');
    assert.equal(stale[0]!.fixPath, `/console/sites?siteId=${s.id}&columnId=${news}`);
    assert.match(stale[0]!.detail, /11 天未更新，超过其更新周期 10 天/);
    assert.equal(r.verdict, 'rectify');

    const at = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);
    await t.ctx.pool.query('UPDATE cms_article SET published_at = $2 WHERE id = $1', [id, at(7)]);
    r = await findings(t, s);
    stale = of(r.findings, 'column-stale');
    assert.deepEqual(
      stale.map((f) => f.severity),
      ['warning'],
    );
    assert.match(stale[0]!.detail, /3 天后超过更新周期/);
    assert.equal(r.verdict, 'pass');

    await t.ctx.pool.query('UPDATE cms_article SET published_at = $2 WHERE id = $1', [id, at(6)]);
    r = await findings(t, s);
    assert.equal(of(r.findings, 'column-stale').length, 0);
  });

  test('empty columns: each is listed, 2 to 4 warn, 5 are a veto; a column with content in a child is not empty', async () => {
    const s = t.city;
    const empties: string[] = [];
    for (const code of ['kla', 'klb']) empties.push(await t.column(s, code, 'page', null));
    let r = await findings(t, s);
    assert.equal(of(r.findings, 'column-empty').length, 2);
    assert.deepEqual(
      of(r.findings, 'columns-empty').map((f) => f.severity),
      ['warning'],
    );
    assert.match(of(r.findings, 'columns-empty')[0]!.detail, /再有 3 个即构成单项否决/);
    for (const code of ['klc', 'kld']) empties.push(await t.column(s, code, 'notice', 180));
    r = await findings(t, s);
    assert.deepEqual(
      of(r.findings, 'columns-empty').map((f) => f.severity),
      ['warning'],
    );
    assert.notEqual(r.verdict, 'fail');
    // A parent column whose child has content is not empty; the child is what is judged.
    const parent = await t.column(s, 'kle', 'page', null);
    const child = await t.column(s, 'klf', 'page', null);
    await t.ctx.pool.query('UPDATE cms_column SET parent_id = $2 WHERE id = $1', [child, parent]);
    await t.publish(s, 'klf', 3);
    r = await findings(t, s);
    assert.equal(of(r.findings, 'column-empty').length, 4);
    // The fifth empty column: veto.
    await t.column(s, 'klg', 'news', 14);
    r = await findings(t, s);
    assert.equal(of(r.findings, 'column-empty').length, 5);
    const veto = of(r.findings, 'columns-empty', 'veto');
    assert.equal(veto.length, 1);
    assert.equal(veto[0]!.indicator, '栏目不更新');
    assert.match(veto[0]!.detail, /空白栏目 5 个/);
    assert.equal(r.verdict, 'fail');
    // Findings come veto first, then deductions, then warnings.
    const order = r.findings.map((f) => ['veto', 'deduction', 'warning'].indexOf(f.severity));
    assert.deepEqual(order, [...order].sort());
    // Content in them again: no empty-column findings.
    for (const code of ['kla', 'klb', 'klc', 'kld', 'klg']) await t.publish(s, code, 1);
    r = await findings(t, s);
    assert.equal(of(r.findings, 'column-empty').length + of(r.findings, 'columns-empty').length, 0);
  });

  test('5 动态 columns not updated in 2 weeks are a veto (栏目不更新), 3 a warning', async () => {
    const s = t.city;
    for (const code of ['dta', 'dtb', 'dtc']) {
      await t.column(s, code, 'news', 30);
      await t.publish(s, code, 20);
    }
    let r = await findings(t, s);
    // Within their own 30-day interval, but past the national 2 weeks for 动态 columns.
    assert.equal(of(r.findings, 'column-stale', 'deduction').length, 0);
    assert.deepEqual(
      of(r.findings, 'columns-stale').map((f) => f.severity),
      ['warning'],
    );
    for (const code of ['dtd', 'dte']) {
      await t.column(s, code, 'news', 30);
      await t.publish(s, code, 20);
    }
    r = await findings(t, s);
    const veto = of(r.findings, 'columns-stale', 'veto');
    assert.equal(veto.length, 1);
    assert.match(veto[0]!.detail, /未更新 5 个/);
    assert.equal(r.verdict, 'fail');
    await t.ctx.pool.query(
      `UPDATE cms_article a SET published_at = $2 FROM cms_column c
       WHERE c.id = a.column_id AND c.site_id = $1 AND c.code LIKE 'dt%'`,
      [s.id, clock.now()],
    );
  });

  test('the footer identity: missing record numbers are a deduction, malformed ones a warning', async () => {
    const s = t.qingtian;
    await t.ctx.pool.query(
      `UPDATE cms_site SET footer = footer - 'icp' - 'psb' - 'phone' - 'email' WHERE id = $1`,
      [s.id],
    );
    let r = await findings(t, s);
    const missing = of(r.findings, 'footer-missing');
    assert.equal(missing.length, 1);
    assert.equal(missing[0]!.severity, 'deduction');
    assert.match(missing[0]!.detail, /ICP备案编号、公安机关备案号、联系方式/);
    assert.equal(missing[0]!.fixPath, `/console/sites?siteId=${s.id}`);
    await t.ctx.pool.query(
      `UPDATE cms_site SET footer = footer || '{"icp":"<script>alert(1)</script>","psb":"浙公网安备 33112102000001号","phone":"0578-6822000"}'::jsonb WHERE id = $1`,
      [s.id],
    );
    r = await findings(t, s);
    assert.deepEqual(
      of(r.findings, 'footer-missing').map((f) => f.severity),
      ['warning'],
    );
    assert.match(of(r.findings, 'footer-missing')[0]!.detail, /ICP备案编号格式不规范/);
    await t.ctx.pool.query(
      `UPDATE cms_site SET footer = footer || '{"icp":"浙ICP备05012345号"}'::jsonb WHERE id = $1`,
      [s.id],
    );
    r = await findings(t, s);
    assert.equal(of(r.findings, 'footer-missing').length, 0);
  });
});
