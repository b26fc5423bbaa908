// 年度报告 (国办公开办函〔2021〕30号 template, DOMAIN §1.4) of one unit and year. Table 1 (第二项)
// counts 规章 and 行政规范性文件 from the catalogue; its other rows (许可, 处罚, 强制, 收费) and table 3
// (第四项, 复议与诉讼) come from systems the platform does not hold and are entered. Table 2 (第三项) is
// computed from the requests, plus requests handled offline when entered, and must pass the template's
// cross-check 第一项 + 第二项 = 第三项 + 第四项 in every column before the report can be published.
import type {
  AnnualReport,
  EnteredTable1,
  InformationFees,
  Narrative,
  ReportInput,
  Table1,
  Table2Row,
  Table3,
} from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, withTx } from '../../../platform/db/pool.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, reachOf } from '../../../platform/http/principal.ts';
import { getOrg } from '../../identity/index.ts';
import { cleanText, Problems, type Unchecked, unitInReach } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { APPLICANT_CATEGORIES, OUTCOME_GROUPS, OUTCOMES } from '../disclosure.model.ts';

export const REPORT_PERMISSION = 'disclosure.report.edit';

/** Table 2 columns: the six categories and 总计. */
export const TABLE2_COLUMNS = [...APPLICANT_CATEGORIES, '总计'] as const;
type Counts = number[]; // one per TABLE2_COLUMNS entry

// The report's shapes are the ones the console reads (apps/shared/disclosure.ts).
export type { AnnualReport };

async function computeInformationFees(
  ctx: AppContext,
  orgId: string,
  year: number,
): Promise<InformationFees> {
  const r = await maybeOne<InformationFees>(
    ctx.pool,
    `SELECT count(*) FILTER (WHERE fee_noticed_on BETWEEN $2 AND $3)::int AS notices,
            count(*) FILTER (WHERE fee_paid_on BETWEEN $2 AND $3)::int AS paid,
            count(*) FILTER (WHERE fee_waived_on BETWEEN $2 AND $3)::int AS waived,
            count(*) FILTER (WHERE outcome = 'OTHER_FEE_UNPAID' AND replied_on BETWEEN $2 AND $3)::int AS lapsed,
            COALESCE(sum(fee_amount_yuan) FILTER (WHERE fee_paid_on BETWEEN $2 AND $3), 0)::int AS "amountYuan"
     FROM dsc_request WHERE org_id = $1 AND fee_method IS NOT NULL`,
    [orgId, `${year}-01-01`, `${year}-12-31`],
  );
  return r ?? { notices: 0, paid: 0, waived: 0, lapsed: 0, amountYuan: 0 };
}

const GROUP_KEYS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
const GROUP_FIELDS = ['maintained', 'corrected', 'other', 'pending'] as const;

interface Entered {
  table1?: Partial<EnteredTable1>;
  table3?: Partial<
    Record<(typeof GROUP_KEYS)[number], Partial<Record<(typeof GROUP_FIELDS)[number], number>>>
  >;
  /** Requests handled outside the platform: counts per row key, each six numbers (no 总计). */
  offline?: Record<string, number[]>;
}

interface ReportRow {
  id: string;
  org_id: string;
  year: number;
  narrative: Partial<Narrative>;
  entered: Entered;
  status: 'draft' | 'published';
  published_tables:
    | (Pick<AnnualReport, 'table1' | 'table2' | 'table3'> & { informationFees?: InformationFees })
    | null;
  published_at: Date | null;
}

const zeros = (): Counts => TABLE2_COLUMNS.map(() => 0);

/** Row keys of table 2 in template order: new, carried over, each outcome with its group, total, carried forward. */
function table2Skeleton(): Table2Row[] {
  const rows: Table2Row[] = [
    { key: 'new', label: '一、本年新收政府信息公开申请数量', level: 0, counts: zeros() },
    { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', level: 0, counts: zeros() },
    { key: 'results', label: '三、本年度办理结果', level: 0, counts: zeros() },
  ];
  for (const group of OUTCOME_GROUPS) {
    const members = OUTCOMES.filter((o) => o.group === group);
    if (members.length === 1) {
      rows.push({ key: members[0]?.code as string, label: group, level: 1, counts: zeros() });
      continue;
    }
    rows.push({ key: `group:${group}`, label: group, level: 1, counts: zeros() });
    members.forEach((m, i) => {
      rows.push({ key: m.code, label: `${i + 1}.${m.name}`, level: 2, counts: zeros() });
    });
  }
  rows.push({ key: 'resultsTotal', label: '（七）总计', level: 1, counts: zeros() });
  rows.push({ key: 'carriedForward', label: '四、结转下年度继续办理', level: 0, counts: zeros() });
  return rows;
}

function add(row: Table2Row | undefined, category: string, n: number): void {
  if (!row) return;
  const i = APPLICANT_CATEGORIES.indexOf(category as (typeof APPLICANT_CATEGORIES)[number]);
  if (i < 0) return;
  row.counts[i] = (row.counts[i] ?? 0) + n;
  row.counts[TABLE2_COLUMNS.length - 1] = (row.counts[TABLE2_COLUMNS.length - 1] ?? 0) + n;
}

async function computeTable2(
  ctx: AppContext,
  orgId: string,
  year: number,
  entered: Entered,
): Promise<Table2Row[]> {
  const rows = table2Skeleton();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const counted = await many<{ k: string; category: string; n: number }>(
    ctx.pool,
    `SELECT 'new' AS k, applicant_category AS category, count(*)::int AS n FROM dsc_request
       WHERE org_id = $1 AND received_on BETWEEN $2 AND $3 GROUP BY applicant_category
     UNION ALL
     SELECT 'carriedOver', applicant_category, count(*)::int FROM dsc_request
       WHERE org_id = $1 AND received_on < $2 AND (replied_on IS NULL OR replied_on >= $2) GROUP BY applicant_category
     UNION ALL
     SELECT outcome, applicant_category, count(*)::int FROM dsc_request
       WHERE org_id = $1 AND replied_on BETWEEN $2 AND $3 AND outcome IS NOT NULL GROUP BY outcome, applicant_category
     UNION ALL
     SELECT 'carriedForward', applicant_category, count(*)::int FROM dsc_request
       WHERE org_id = $1 AND received_on <= $3 AND (replied_on IS NULL OR replied_on > $3) GROUP BY applicant_category`,
    [orgId, start, end],
  );
  for (const c of counted) add(byKey.get(c.k), c.category, c.n);
  for (const [key, values] of Object.entries(entered.offline ?? {})) {
    const row = byKey.get(key);
    if (!row || row.key.startsWith('group:') || row.key === 'results' || row.key === 'resultsTotal') continue;
    APPLICANT_CATEGORIES.forEach((cat, i) => {
      add(row, cat, values[i] ?? 0);
    });
  }
  // Group rows and the total of results are sums of their members.
  const total = byKey.get('resultsTotal') as Table2Row;
  for (const o of OUTCOMES) {
    const member = byKey.get(o.code) as Table2Row;
    const group = byKey.get(`group:${o.group}`);
    member.counts.forEach((n, i) => {
      if (group) group.counts[i] = (group.counts[i] ?? 0) + n;
      total.counts[i] = (total.counts[i] ?? 0) + n;
    });
  }
  return rows;
}

/** 第一项 + 第二项 = 第三项 + 第四项, column by column. */
export function crossCheck(rows: Table2Row[]): { ok: boolean; problems: ErrorDetail[] } {
  const get = (k: string) => rows.find((r) => r.key === k)?.counts ?? zeros();
  const [a, b, c, d] = [get('new'), get('carriedOver'), get('resultsTotal'), get('carriedForward')];
  const problems: ErrorDetail[] = [];
  TABLE2_COLUMNS.forEach((col, i) => {
    const left = (a[i] ?? 0) + (b[i] ?? 0);
    const right = (c[i] ?? 0) + (d[i] ?? 0);
    if (left !== right)
      problems.push({
        field: `table2.${col}`,
        message: `“${col}”列：本年新收 ${a[i]} + 上年结转 ${b[i]} = ${left}，办理结果总计 ${c[i]} + 结转下年 ${d[i]} = ${right}，两者不等`,
      });
  });
  return { ok: problems.length === 0, problems };
}

async function computeTable1(
  ctx: AppContext,
  orgId: string,
  year: number,
  entered: Entered,
): Promise<Table1> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = await many<{ genre: string; issued: number; repealed: number; in_force: number }>(
    ctx.pool,
    `SELECT genre,
            count(*) FILTER (WHERE written_on BETWEEN $2 AND $3)::int AS issued,
            count(*) FILTER (WHERE repealed_on BETWEEN $2 AND $3)::int AS repealed,
            count(*) FILTER (WHERE written_on <= $3 AND (repealed_on IS NULL OR repealed_on > $3)
                             AND validity = '有效')::int AS in_force
     FROM dsc_catalogue_entry WHERE org_id = $1 AND status = 'published' AND genre IN ('规章', '行政规范性文件')
     GROUP BY genre`,
    [orgId, start, end],
  );
  const of = (g: string) => {
    const r = rows.find((x) => x.genre === g);
    return { issued: r?.issued ?? 0, repealed: r?.repealed ?? 0, inForce: r?.in_force ?? 0 };
  };
  const t = entered.table1 ?? {};
  return {
    regulations: of('规章'),
    normativeDocuments: of('行政规范性文件'),
    licensingDecisions: t.licensingDecisions ?? 0,
    penaltyDecisions: t.penaltyDecisions ?? 0,
    coercionDecisions: t.coercionDecisions ?? 0,
    feesTenThousandYuan: t.feesTenThousandYuan ?? 0,
  };
}

function table3Of(entered: Entered): Table3 {
  const out = {} as Table3;
  for (const g of GROUP_KEYS) {
    const e = entered.table3?.[g] ?? {};
    const v = {
      maintained: e.maintained ?? 0,
      corrected: e.corrected ?? 0,
      other: e.other ?? 0,
      pending: e.pending ?? 0,
    };
    out[g] = { ...v, total: v.maintained + v.corrected + v.other + v.pending };
  }
  return out;
}

async function findReport(ctx: AppContext, orgId: string, year: number): Promise<ReportRow | null> {
  return maybeOne<ReportRow>(ctx.pool, 'SELECT * FROM dsc_annual_report WHERE org_id = $1 AND year = $2', [
    orgId,
    year,
  ]);
}

function checkYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2008 || year > 2100)
    throw disclosureErrors.REPORT_INVALID('year', '年度应为 2008–2100 的整数');
  return year;
}

/**
 * The report of a unit and year: the published snapshot once published, else computed from today's
 * data. Narratives are shown once published, and to the unit's report editors before.
 */
export async function getAnnualReport(
  ctx: AppContext,
  principal: Principal | null | undefined,
  orgIdRaw: unknown,
  yearRaw: unknown,
): Promise<AnnualReport> {
  const year = checkYear(yearRaw);
  const org =
    typeof orgIdRaw === 'string' && UUID_RE.test(orgIdRaw) ? await getOrg(ctx.pool, orgIdRaw) : null;
  if (!org) throw disclosureErrors.UNIT_NOT_FOUND('orgId');
  const row = await findReport(ctx, org.id, year);
  const reach = principal ? reachOf(principal, REPORT_PERMISSION) : null;
  const editor = !!reach && orgInReach(reach, org.path);
  const narrative: Narrative = {
    overview: row?.narrative.overview ?? '',
    problems: row?.narrative.problems ?? '',
    other: row?.narrative.other ?? '',
  };
  if (row?.status === 'published' && row.published_tables) {
    const t = row.published_tables;
    return {
      orgId: org.id,
      orgName: org.name,
      year,
      status: 'published',
      publishedAt: row.published_at?.toISOString() ?? null,
      table1: t.table1,
      table2: t.table2,
      table3: t.table3,
      crossCheck: crossCheck(t.table2.rows),
      narrative,
      informationFees: t.informationFees ?? (await computeInformationFees(ctx, org.id, year)),
    };
  }
  const entered = row?.entered ?? {};
  const rows = await computeTable2(ctx, org.id, year, entered);
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    status: 'draft',
    publishedAt: null,
    table1: await computeTable1(ctx, org.id, year, entered),
    table2: { columns: [...TABLE2_COLUMNS], rows },
    table3: table3Of(entered),
    crossCheck: crossCheck(rows),
    narrative: editor ? narrative : null,
    informationFees: await computeInformationFees(ctx, org.id, year),
  };
}

function count(p: Problems, field: string, v: unknown, decimals = false): number {
  if (v === undefined || v === null) return 0;
  const ok =
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e9 && (decimals || Number.isInteger(v));
  if (!ok) p.add(field, decimals ? '应为不小于 0 的数字' : '应为不小于 0 的整数');
  return ok ? (v as number) : 0;
}

/** Saves the narrative and the entered data of a draft report. */
export async function saveAnnualReport(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: Unchecked<ReportInput>,
  actor: Actor,
): Promise<AnnualReport> {
  const org = await unitInReach(ctx, principal, REPORT_PERMISSION, input.orgId);
  const year = checkYear(input.year);
  const existing = await findReport(ctx, org.id, year);
  if (existing?.status === 'published') throw disclosureErrors.REPORT_PUBLISHED();
  const p = new Problems();
  const n = input.narrative ?? {};
  const narrative: Narrative = {
    overview: cleanText(p, 'narrative.overview', '总体情况', n.overview ?? existing?.narrative.overview, {
      max: 20000,
      multiline: true,
    }),
    problems: cleanText(
      p,
      'narrative.problems',
      '存在的主要问题及改进情况',
      n.problems ?? existing?.narrative.problems,
      {
        max: 20000,
        multiline: true,
      },
    ),
    other: cleanText(p, 'narrative.other', '其他需要报告的事项', n.other ?? existing?.narrative.other, {
      max: 20000,
      multiline: true,
    }),
  };
  const entered: Entered = existing?.entered ?? {};
  const e = input.entered;
  if (e?.table1) {
    const t = e.table1;
    entered.table1 = {
      licensingDecisions: count(p, 'entered.table1.licensingDecisions', t.licensingDecisions),
      penaltyDecisions: count(p, 'entered.table1.penaltyDecisions', t.penaltyDecisions),
      coercionDecisions: count(p, 'entered.table1.coercionDecisions', t.coercionDecisions),
      feesTenThousandYuan: count(p, 'entered.table1.feesTenThousandYuan', t.feesTenThousandYuan, true),
    };
  }
  if (e?.table3) {
    entered.table3 = {};
    for (const g of GROUP_KEYS) {
      const src = e.table3[g] ?? {};
      entered.table3[g] = Object.fromEntries(
        GROUP_FIELDS.map((f) => [f, count(p, `entered.table3.${g}.${f}`, src[f])]),
      );
    }
  }
  if (e?.offline) {
    const keys = new Set(['new', 'carriedOver', 'carriedForward', ...OUTCOMES.map((o) => o.code)]);
    entered.offline = {};
    for (const [k, v] of Object.entries(e.offline)) {
      if (!keys.has(k)) {
        p.add(`entered.offline.${k.slice(0, 40)}`, '不是年度报告表格中的行');
        continue;
      }
      if (!Array.isArray(v) || v.length !== APPLICANT_CATEGORIES.length) {
        p.add(
          `entered.offline.${k}`,
          `应为 ${APPLICANT_CATEGORIES.length} 个数字（${APPLICANT_CATEGORIES.join('、')}）`,
        );
        continue;
      }
      entered.offline[k] = v.map((x, i) => count(p, `entered.offline.${k}[${i}]`, x));
    }
  }
  p.throwIf((d) => disclosureErrors.REPORT_INVALID(d));
  await withTx(ctx.pool, async (tx) => {
    await tx.query(
      `INSERT INTO dsc_annual_report (id, org_id, org_path, year, narrative, entered, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (org_id, year) DO UPDATE SET narrative = $5, entered = $6, updated_at = $7,
         row_version = dsc_annual_report.row_version + 1
       WHERE dsc_annual_report.status = 'draft'`,
      [newId(), org.id, org.path, year, JSON.stringify(narrative), JSON.stringify(entered), ctx.clock.now()],
    );
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.report.save',
      objectType: 'disclosure_report',
      objectId: org.id,
      summary: `保存${org.name}${year}年政府信息公开工作年度报告草稿`,
    });
  });
  return getAnnualReport(ctx, principal, org.id, year);
}

/** Publishes the report: refused unless table 2 passes the cross-check; the tables are frozen. */
export async function publishAnnualReport(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: { orgId?: unknown; year?: unknown },
  actor: Actor,
): Promise<AnnualReport> {
  const org = await unitInReach(ctx, principal, REPORT_PERMISSION, input.orgId);
  const year = checkYear(input.year);
  const report = await getAnnualReport(ctx, principal, org.id, year);
  if (report.status === 'published') throw disclosureErrors.REPORT_PUBLISHED();
  if (!report.crossCheck.ok) throw disclosureErrors.REPORT_CROSS_CHECK_FAILED(report.crossCheck.problems);
  if (!report.narrative?.overview)
    throw disclosureErrors.REPORT_INVALID('narrative.overview', '发布前请填写“一、总体情况”');
  await withTx(ctx.pool, async (tx) => {
    const snapshot = {
      table1: report.table1,
      table2: report.table2,
      table3: report.table3,
      informationFees: report.informationFees,
    };
    await tx.query(
      `INSERT INTO dsc_annual_report (id, org_id, org_path, year, narrative, entered, status, published_tables,
         published_at, published_by, updated_at)
       VALUES ($1,$2,$3,$4,$5,'{}','published',$6,$7,$8,$7)
       ON CONFLICT (org_id, year) DO UPDATE SET status = 'published', published_tables = $6, published_at = $7,
         published_by = $8, updated_at = $7, row_version = dsc_annual_report.row_version + 1
       WHERE dsc_annual_report.status = 'draft'`,
      [
        newId(),
        org.id,
        org.path,
        year,
        JSON.stringify(report.narrative),
        JSON.stringify(snapshot),
        ctx.clock.now(),
        principal?.userId ?? null,
      ],
    );
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.report.publish',
      objectType: 'disclosure_report',
      objectId: org.id,
      summary: `发布${org.name}${year}年政府信息公开工作年度报告`,
    });
    await ctx.events.emit(tx, {
      type: 'disclosure.report.published',
      aggregateType: 'disclosure_report',
      aggregateId: org.id,
      payload: { orgId: org.id, year },
      actorId: principal?.userId ?? null,
    });
  });
  return getAnnualReport(ctx, principal, org.id, year);
}

/** Published years of a unit, newest first (public pages). */
export async function publishedReportYears(ctx: AppContext, orgId: string): Promise<number[]> {
  if (!UUID_RE.test(orgId)) return [];
  return (
    await many<{ year: number }>(
      ctx.pool,
      `SELECT year FROM dsc_annual_report WHERE org_id = $1 AND status = 'published' ORDER BY year DESC`,
      [orgId],
    )
  ).map((r) => r.year);
}
