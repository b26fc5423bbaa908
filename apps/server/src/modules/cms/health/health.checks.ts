// The content checks of site health, as pure functions of the site's columns and footer: home page and
// column updates, empty columns, the footer identity. The crawler (crawler.ts) adds links and pages.
import { columnUrl, siteBase } from '../cms.model.ts';
import { daysBetween, type Finding, fixPaths, INDICATORS, HEALTH_RULES as R } from './health.model.ts';
import type { HealthColumn, HealthSite } from './health.queries.ts';

/** Kinds whose content is articles of the column. Disclosure, interaction and link columns are fed elsewhere. */
const CONTENT_KINDS = new Set(['news', 'notice', 'policy', 'page']);
/** Kinds whose articles appear in the home page blocks (政务动态, 通知公告, 政策文件). */
const HOME_KINDS = new Set(['news', 'notice', 'policy']);

const fmtDays = (n: number) => `${n} 天`;

export function contentFindings(site: HealthSite, columns: readonly HealthColumn[], now: Date): Finding[] {
  const out: Finding[] = [];
  const base = siteBase(site);
  const colFinding = (
    c: HealthColumn,
    f: Pick<Finding, 'kind' | 'indicator' | 'severity' | 'detail'>,
  ): Finding => ({
    ...f,
    url: columnUrl(site, c),
    columnId: c.id,
    columnName: c.name,
    fixPath: fixPaths.column(site.id, c.id),
  });

  // 首页不更新: the newest article in the columns the home page shows.
  const homeCols = columns.filter((c) => HOME_KINDS.has(c.kind));
  const homeLatest = homeCols.reduce<Date | null>(
    (m, c) => (c.latest_at && (!m || c.latest_at > m) ? c.latest_at : m),
    null,
  );
  if (!homeLatest) {
    out.push({
      kind: 'home-stale',
      indicator: INDICATORS.homeStale,
      severity: 'veto',
      url: base,
      columnId: null,
      columnName: null,
      detail: '首页各信息栏目（动态、通知公告、政策文件）没有任何已发布的信息',
      fixPath: fixPaths.site(site.id),
    });
  } else {
    const days = daysBetween(homeLatest, now);
    if (days >= R.homeVetoDays)
      out.push({
        kind: 'home-stale',
        indicator: INDICATORS.homeStale,
        severity: 'veto',
        url: base,
        columnId: null,
        columnName: null,
        detail: `首页已 ${fmtDays(days)}没有更新信息（监测 2 周首页无信息更新即单项否决）`,
        fixPath: fixPaths.site(site.id),
      });
    else if (days >= R.homeWarnDays)
      out.push({
        kind: 'home-stale',
        indicator: INDICATORS.homeStale,
        severity: 'warning',
        url: base,
        columnId: null,
        columnName: null,
        detail: `首页已 ${fmtDays(days)}没有更新信息，再过 ${fmtDays(R.homeVetoDays - days)}将构成单项否决`,
        fixPath: fixPaths.site(site.id),
      });
  }

  // Empty and stale columns. A column that only groups child columns is judged through its children.
  const content = columns.filter((c) => CONTENT_KINDS.has(c.kind) && !c.has_children);
  const empty = content.filter((c) => c.listed === 0);
  for (const c of empty)
    out.push(
      colFinding(c, {
        kind: 'column-empty',
        indicator: INDICATORS.columnsStale,
        severity: 'warning',
        detail: `栏目“${c.name}”没有任何已发布的内容（空白栏目），空白栏目达到 ${R.emptyVetoCount} 个即单项否决`,
      }),
    );
  if (empty.length >= R.emptyVetoCount)
    out.push({
      kind: 'columns-empty',
      indicator: INDICATORS.columnsStale,
      severity: 'veto',
      url: base,
      columnId: null,
      columnName: null,
      detail: `空白栏目 ${empty.length} 个：${names(empty)}（空白栏目数量超过（含）${R.emptyVetoCount} 个即单项否决）`,
      fixPath: fixPaths.site(site.id),
    });
  else if (empty.length >= R.emptyWarnCount)
    out.push({
      kind: 'columns-empty',
      indicator: INDICATORS.columnsStale,
      severity: 'warning',
      url: base,
      columnId: null,
      columnName: null,
      detail: `已有空白栏目 ${empty.length} 个：${names(empty)}；再有 ${R.emptyVetoCount - empty.length} 个即构成单项否决`,
      fixPath: fixPaths.site(site.id),
    });

  // Each column against its own interval (deduction when overdue, warning shortly before).
  const overdue: HealthColumn[] = [];
  for (const c of content) {
    if (!c.update_days || !c.latest_at) continue;
    const days = daysBetween(c.latest_at, now);
    if (days > c.update_days) {
      overdue.push(c);
      out.push(
        colFinding(c, {
          kind: 'column-stale',
          indicator: INDICATORS.columnUpdate,
          severity: 'deduction',
          detail: `栏目“${c.name}”已 ${fmtDays(days)}未更新，超过其更新周期 ${fmtDays(c.update_days)}`,
        }),
      );
    } else if (days >= c.update_days - R.columnWarnDays) {
      const left = c.update_days - days;
      out.push(
        colFinding(c, {
          kind: 'column-stale',
          indicator: INDICATORS.columnUpdate,
          severity: 'warning',
          detail:
            left === 0
              ? `栏目“${c.name}”今天是更新周期（${fmtDays(c.update_days)}）的最后一天，请及时更新`
              : `栏目“${c.name}”已 ${fmtDays(days)}未更新，${fmtDays(left)}后超过更新周期（${fmtDays(c.update_days)}）`,
        }),
      );
    }
  }

  // 栏目不更新 ①: 动态/要闻 columns not updated in 2 weeks and first-level 通知公告/政策文件 columns not
  // in 6 months (empty ones included: they were not updated either).
  const lapsed = (c: HealthColumn, limit: number) => !c.latest_at || daysBetween(c.latest_at, now) > limit;
  const nationalStale = content.filter(
    (c) =>
      (c.kind === 'news' && lapsed(c, R.newsDays)) ||
      ((c.kind === 'notice' || c.kind === 'policy') && c.parent_id === null && lapsed(c, R.noticePolicyDays)),
  );
  if (nationalStale.length >= R.staleVetoCount)
    out.push(
      siteFinding(
        site,
        'veto',
        `动态、要闻类栏目（2 周）及通知公告、政策文件类一级栏目（6 个月）未更新 ${nationalStale.length} 个：${names(nationalStale)}（累计超过（含）${R.staleVetoCount} 个即单项否决）`,
      ),
    );
  else if (nationalStale.length >= R.staleWarnCount)
    out.push(
      siteFinding(
        site,
        'warning',
        `动态、要闻类及通知公告、政策文件类栏目已有 ${nationalStale.length} 个未按时更新：${names(nationalStale)}；达到 ${R.staleVetoCount} 个即构成单项否决`,
      ),
    );

  // 栏目不更新 ②: columns that should be updated and are not, empty ones included.
  const longStale = [...overdue, ...empty.filter((c) => !overdue.includes(c))];
  if (longStale.length >= R.longStaleVetoCount)
    out.push(
      siteFinding(
        site,
        'veto',
        `应更新但未按时更新的栏目（含空白栏目）${longStale.length} 个（超过（含）${R.longStaleVetoCount} 个即单项否决）`,
      ),
    );
  else if (longStale.length >= R.longStaleWarnCount)
    out.push(
      siteFinding(
        site,
        'warning',
        `应更新但未按时更新的栏目（含空白栏目）已有 ${longStale.length} 个；达到 ${R.longStaleVetoCount} 个即构成单项否决`,
      ),
    );

  out.push(...footerFindings(site));
  return out;
}

function siteFinding(site: HealthSite, severity: 'veto' | 'warning', detail: string): Finding {
  return {
    kind: 'columns-stale',
    indicator: INDICATORS.columnsStale,
    severity,
    url: siteBase(site),
    columnId: null,
    columnName: null,
    detail,
    fixPath: fixPaths.site(site.id),
  };
}

function names(cols: readonly HealthColumn[]): string {
  const shown = cols.slice(0, 8).map((c) => `“${c.name}”`);
  return shown.join('、') + (cols.length > 8 ? ` 等 ${cols.length} 个` : '');
}

const ICP_RE = /ICP备\s*\d{5,}号/;
const PSB_RE = /公网安备\s*\d{10,}号/;

/** The site's footer identity as configured (what every page's footer is rendered from). */
export function footerFindings(site: HealthSite): Finding[] {
  const f = site.footer ?? {};
  const missing: string[] = [];
  const malformed: string[] = [];
  if (!f.sponsor?.trim()) missing.push('主办单位');
  if (!/^([0-9]{10}|bm[0-9]{8})$/.test(site.site_code)) malformed.push('网站标识码');
  if (!f.icp?.trim()) missing.push('ICP备案编号');
  else if (!ICP_RE.test(f.icp)) malformed.push('ICP备案编号');
  if (!f.psb?.trim()) missing.push('公安机关备案号');
  else if (!PSB_RE.test(f.psb)) malformed.push('公安机关备案号');
  if (!f.phone?.trim() && !f.email?.trim()) missing.push('联系方式（电话或电子邮箱）');
  const out: Finding[] = [];
  const common = {
    kind: 'footer-missing' as const,
    indicator: INDICATORS.identity,
    url: siteBase(site),
    columnId: null,
    columnName: null,
    fixPath: fixPaths.site(site.id),
  };
  if (missing.length)
    out.push({
      ...common,
      severity: 'deduction',
      detail: `网站页脚缺少${missing.join('、')}（页面底部功能区应列明主办单位、联系方式、网站标识码、ICP备案编号和公安机关备案标识）`,
    });
  if (malformed.length)
    out.push({
      ...common,
      severity: 'warning',
      detail: `网站页脚的${malformed.join('、')}格式不规范（ICP备案编号形如“浙ICP备05012345号”，公安备案号形如“浙公网安备 33110002000001号”）`,
    });
  return out;
}

/** What a rendered page's footer must show, for the crawler to look for. */
export function footerMarks(site: HealthSite): { label: string; text: string }[] {
  const f = site.footer ?? {};
  const marks = [{ label: '网站标识码', text: site.site_code }];
  if (f.sponsor?.trim()) marks.push({ label: '主办单位', text: f.sponsor.trim() });
  if (f.icp?.trim()) marks.push({ label: 'ICP备案编号', text: f.icp.trim() });
  if (f.psb?.trim()) marks.push({ label: '公安机关备案号', text: f.psb.trim() });
  const contact = f.phone?.trim() || f.email?.trim();
  if (contact) marks.push({ label: '联系方式', text: contact });
  return marks;
}
