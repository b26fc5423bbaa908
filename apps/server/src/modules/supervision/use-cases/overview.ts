// The dashboard figures: running cases by level (overall, by unit, by item, by case type) and, for
// cases completed in a period, the on-time rate and average handling days against the promised limit.
import { addCalendarDays, shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { many, one } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { caseTypeName } from '../../workflow/index.ts';
import { supervisionErrors } from '../supervision.errors.ts';
import type { Level } from '../supervision.rules.ts';
import { SqlParams, supervisionScope } from '../supervision.scope.ts';

export interface OverviewQuery {
  orgId?: string;
  from?: string;
  to?: string;
}

export interface BreakdownRow {
  key: string;
  name: string;
  green: number;
  yellow: number;
  red: number;
  open: number;
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  avgHandlingDays: number | null;
  avgLimitDays: number | null;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : null);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function emptyRow(key: string, name: string): BreakdownRow {
  return {
    key,
    name,
    green: 0,
    yellow: 0,
    red: 0,
    open: 0,
    completed: 0,
    onTime: 0,
    onTimeRate: null,
    avgHandlingDays: null,
    avgLimitDays: null,
  };
}

/** Statistics period: the given dates, by default the current month up to today. */
export function statsRange(ctx: AppContext, q: { from?: string; to?: string }): { from: string; to: string } {
  const today = shanghaiDate(ctx.clock.now());
  const from = q.from ?? `${today.slice(0, 7)}-01`;
  const to = q.to ?? today;
  if (from > to || addCalendarDays(from, 366) < to) throw supervisionErrors.RANGE_INVALID('from');
  return { from, to };
}

export async function getOverview(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: OverviewQuery,
) {
  const scope = await supervisionScope(ctx, principal, q.orgId);
  const { from, to } = statsRange(ctx, q);

  // Running cases, one pass over the table for every breakdown.
  const p = new SqlParams();
  const open = await many<{
    org_id: string | null;
    subject: string | null;
    case_type: string | null;
    level: Level | null;
    status: string | null;
    g_org: number;
    g_subject: number;
    g_type: number;
    g_status: number;
    n: number;
  }>(
    ctx.pool,
    `SELECT c.org_id, c.subject, c.case_type, c.level, c.status,
            GROUPING(c.org_id) AS g_org, GROUPING(c.subject) AS g_subject, GROUPING(c.case_type) AS g_type,
            GROUPING(c.status) AS g_status, count(*)::int AS n
     FROM wf_case c
     WHERE c.status IN ('open', 'paused') AND ${p.scope(scope, 'c.org_path')}
     GROUP BY GROUPING SETS ((c.level, c.status), (c.org_id, c.level), (c.subject, c.level), (c.case_type, c.level))`,
    p.values,
  );

  // Completed in the period, from the verdicts written at completion.
  const d = new SqlParams();
  const done = await many<{
    org_id: string | null;
    subject: string | null;
    case_type: string | null;
    g_org: number;
    g_subject: number;
    g_type: number;
    n: number;
    timed: number;
    on_time: number;
    legal_timed: number;
    legal_on_time: number;
    avg_days: number | null;
    avg_limit: number | null;
  }>(
    ctx.pool,
    `SELECT r.org_id, r.subject, r.case_type,
            GROUPING(r.org_id) AS g_org, GROUPING(r.subject) AS g_subject, GROUPING(r.case_type) AS g_type,
            count(*)::int AS n,
            count(r.on_time)::int AS timed, count(*) FILTER (WHERE r.on_time)::int AS on_time,
            count(r.legal_on_time)::int AS legal_timed, count(*) FILTER (WHERE r.legal_on_time)::int AS legal_on_time,
            avg(r.handling_days)::float8 AS avg_days, avg(r.limit_days)::float8 AS avg_limit
     FROM sup_case_result r
     WHERE r.completed_on BETWEEN ${d.add(from)}::date AND ${d.add(to)}::date AND ${d.scope(scope, 'r.org_path')}
     GROUP BY GROUPING SETS ((), (r.org_id), (r.subject), (r.case_type))`,
    d.values,
  );

  const units = new Map<string, BreakdownRow>();
  const items = new Map<string, BreakdownRow>();
  const types = new Map<string, BreakdownRow>();
  const rowOf = (m: Map<string, BreakdownRow>, key: string) => {
    let r = m.get(key);
    if (!r) {
      r = emptyRow(key, key);
      m.set(key, r);
    }
    return r;
  };
  const levels = { green: 0, yellow: 0, red: 0 };
  let openCount = 0;
  let paused = 0;
  for (const r of open) {
    if (!r.level) continue;
    if (r.g_status === 0) {
      levels[r.level] += r.n;
      if (r.status === 'paused') paused += r.n;
      else openCount += r.n;
      continue;
    }
    const target =
      r.g_org === 0
        ? rowOf(units, r.org_id as string)
        : r.g_subject === 0
          ? rowOf(items, r.subject as string)
          : rowOf(types, r.case_type as string);
    target[r.level] += r.n;
    target.open += r.n;
  }
  let total = {
    n: 0,
    timed: 0,
    onTime: 0,
    legalTimed: 0,
    legalOnTime: 0,
    avgDays: null as number | null,
    avgLimit: null as number | null,
  };
  for (const r of done) {
    if (r.g_org === 1 && r.g_subject === 1 && r.g_type === 1) {
      total = {
        n: r.n,
        timed: r.timed,
        onTime: r.on_time,
        legalTimed: r.legal_timed,
        legalOnTime: r.legal_on_time,
        avgDays: r.avg_days,
        avgLimit: r.avg_limit,
      };
      continue;
    }
    const target =
      r.g_org === 0
        ? rowOf(units, r.org_id as string)
        : r.g_subject === 0
          ? rowOf(items, r.subject as string)
          : rowOf(types, r.case_type as string);
    target.completed = r.n;
    target.onTime = r.on_time;
    target.onTimeRate = rate(r.on_time, r.timed);
    target.avgHandlingDays = round1(r.avg_days);
    target.avgLimitDays = round1(r.avg_limit);
  }

  const orgNames = await many<{ id: string; name: string }>(
    ctx.pool,
    'SELECT id, name FROM idn_org WHERE id = ANY($1)',
    [[...units.keys()]],
  );
  for (const o of orgNames) {
    const u = units.get(o.id);
    if (u) u.name = o.name;
  }
  for (const t of types.values()) t.name = caseTypeName(t.key);

  const urgent = (a: BreakdownRow, b: BreakdownRow) =>
    b.red - a.red ||
    b.yellow - a.yellow ||
    b.open - a.open ||
    b.completed - a.completed ||
    a.name.localeCompare(b.name, 'zh');
  const a = new SqlParams();
  const anomalies = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*)::int AS n FROM sup_anomaly an JOIN wf_case c ON c.id = an.case_id
     WHERE NOT an.resolved AND ${a.scope(scope, 'c.org_path')}`,
    a.values,
  );
  const o = new SqlParams();
  const orders = await one<{ n: number }>(
    ctx.pool,
    `SELECT count(*)::int AS n FROM sup_order so WHERE so.status <> 'closed' AND ${o.scope(scope, 'so.org_path')}`,
    o.values,
  );
  return {
    asOf: shanghaiDate(ctx.clock.now()),
    from,
    to,
    levels,
    open: openCount,
    paused,
    completed: total.n,
    onTime: total.onTime,
    onTimeRate: rate(total.onTime, total.timed),
    legalOnTimeRate: rate(total.legalOnTime, total.legalTimed),
    avgHandlingDays: round1(total.avgDays),
    avgLimitDays: round1(total.avgLimit),
    openAnomalies: anomalies.n,
    openOrders: orders.n,
    byUnit: [...units.values()].sort(urgent),
    byItem: [...items.values()].sort(urgent).slice(0, 50),
    byCaseType: [...types.values()].sort(urgent),
  };
}
