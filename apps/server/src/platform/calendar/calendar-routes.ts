// Calendar API: public deadline arithmetic (the calendar is public information and the portal shows
// deadlines), staff read access, and editing by a platform-wide calendar administrator. Years without a
// published notice are computed provisionally where possible (working-days.ts); answers that relied on
// such a year say `provisional: true`.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { diffFields } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { withTx } from '../db/pool.ts';
import { actorOf } from '../http/actor.ts';
import { defineErrors, platformErrors } from '../http/errors.ts';
import { errorResponses } from '../http/pagination.ts';
import { requireReach } from '../http/principal.ts';
import {
  addNaturalDays,
  addWorkingDays,
  type CalendarData,
  CalendarYearMissingError,
  countWorkingDays,
  dayOfWeek,
  isProvisional,
  PROVISIONAL_SOURCE,
  shanghaiDate,
} from './working-days.ts';

export const calendarErrors = defineErrors({
  CALENDAR_YEAR_MISSING: { status: 422, message: '该年度的节假日安排尚未发布，无法计算期限' },
  CALENDAR_INVALID: { status: 422, message: '日历数据不符合要求' },
  CALENDAR_YEAR_IN_USE: {
    status: 409,
    message: '本年度及以前年度的节假日安排已用于计算办理期限，不能撤回；如有错误请修改',
  },
});

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' });
const DayRow = Type.Object(
  {
    date: DateStr,
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
    name: Type.String({ minLength: 1, maxLength: 30 }),
  },
  { additionalProperties: false },
);
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const YearBody = Type.Object(
  { source: Type.String({ minLength: 2, maxLength: 200 }), days: Type.Array(DayRow, { maxItems: 200 }) },
  { additionalProperties: false },
);
const YearStatus = Type.Union([Type.Literal('published'), Type.Literal('provisional')], {
  description:
    'published：已发布通知；provisional：通知尚未发布，按法定节假日暂定（无调休），发布后以通知为准',
});
const YearOut = Type.Object({
  year: Type.Integer(),
  status: YearStatus,
  source: Type.String(),
  days: Type.Array(DayRow),
});
const Provisional = Type.Boolean({ description: '结果用到了尚未发布节假日安排、按法定节假日暂定的年度' });
const tags = ['工作日历'];

function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Runs deadline arithmetic, turning bad dates and unpublished years into 422s naming the field. */
async function computeOr422<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CalendarYearMissingError) {
      throw calendarErrors.CALENDAR_YEAR_MISSING(field, e.message);
    }
    if (e instanceof RangeError) throw platformErrors.UNPROCESSABLE(field, e.message);
    throw e;
  }
}

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Both period kinds take a start date and a number of days and answer the end date.
  const periodRoute = (
    url: string,
    summary: string,
    compute: (cal: CalendarData, from: string, days: number) => string,
  ) =>
    app.get(
      url,
      {
        schema: {
          tags,
          summary,
          querystring: Type.Object(
            { from: DateStr, days: Type.Integer({ minimum: 0, maximum: 3650 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ date: DateStr, provisional: Provisional }),
            ...errorResponses(400, 422),
          },
        },
      },
      async (req) => {
        const q = req.query as { from: string; days: number };
        return computeOr422('from', async () => {
          const cal = await ctx.calendar.data();
          const date = compute(cal, q.from, q.days);
          return { date, provisional: isProvisional(cal, q.from, date) };
        });
      },
    );
  periodRoute('/api/v1/calendar/working-days/add', '从某日起加 N 个工作日（次日起算）', addWorkingDays);
  periodRoute(
    '/api/v1/calendar/natural-days/add',
    '自然日期限：加 N 日，期满日为法定休假日的顺延至休假日后第一日',
    addNaturalDays,
  );

  app.get(
    '/api/v1/calendar/working-days/count',
    {
      schema: {
        tags,
        summary: '两个日期之间的工作日数（不含起始日，含截止日）',
        querystring: Type.Object({ from: DateStr, to: DateStr }, { additionalProperties: false }),
        response: {
          200: Type.Object({ days: Type.Integer(), provisional: Provisional }),
          ...errorResponses(400, 422),
        },
      },
    },
    async (req) => {
      const q = req.query as { from: string; to: string };
      return computeOr422('to', async () => {
        const cal = await ctx.calendar.data();
        return { days: countWorkingDays(cal, q.from, q.to), provisional: isProvisional(cal, q.from, q.to) };
      });
    },
  );

  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags,
        summary: '已发布节假日安排的年度，以及按法定节假日暂定的年度',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                year: Type.Integer(),
                status: YearStatus,
                source: Type.String(),
                holidays: Type.Integer(),
                workdays: Type.Integer(),
                updatedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (req) => {
      if (!req.principal) throw platformErrors.UNAUTHENTICATED();
      return { items: await ctx.calendar.listYears(ctx.pool) };
    },
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '某年度的节假日与调休上班日（未发布通知的年度：暂定的法定节假日）',
        params: YearParams,
        response: { 200: YearOut, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      if (!req.principal) throw platformErrors.UNAUTHENTICATED();
      const year = (req.params as { year: number }).year;
      const y = await ctx.calendar.getYear(ctx.pool, year);
      if (y) return { ...y, status: 'published' as const };
      const p = ctx.calendar.provisionalYear(year);
      if (p) return { ...p, status: 'provisional' as const };
      throw platformErrors.NOT_FOUND('year', '该年度的节假日安排尚未发布');
    },
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '发布或修改某年度的节假日安排',
        params: YearParams,
        body: YearBody,
        response: { 200: YearOut, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => {
      const reach = requireReach(req.principal, 'calendar.manage');
      // The holiday calendar is national: only a platform-wide calendar administrator edits it.
      if (!reach.all)
        throw platformErrors.FORBIDDEN(undefined, '节假日安排全平台通用，只有全平台范围的管理员可以修改');
      const year = (req.params as { year: number }).year;
      const body = req.body as {
        source: string;
        days: { date: string; kind: 'holiday' | 'workday'; name: string }[];
      };
      const details: { field: string; message: string }[] = [];
      const seen = new Set<string>();
      body.days.forEach((d, i) => {
        if (!isDate(d.date) || Number(d.date.slice(0, 4)) !== year) {
          details.push({ field: `days.${i}.date`, message: `日期必须是 ${year} 年内的有效日期` });
        } else if (seen.has(d.date)) {
          details.push({ field: `days.${i}.date`, message: '日期重复' });
        } else if (d.kind === 'workday' && dayOfWeek(d.date) >= 1 && dayOfWeek(d.date) <= 5) {
          details.push({ field: `days.${i}.kind`, message: '调休上班日只能是周六或周日' });
        }
        seen.add(d.date);
        if (/[<>]/.test(d.name)) details.push({ field: `days.${i}.name`, message: '名称不能包含 < 或 >' });
      });
      if (/[<>]/.test(body.source)) details.push({ field: 'source', message: '来源不能包含 < 或 >' });
      // Saving the provisional arrangement unchanged would pass a guess off as the published notice.
      if (body.source.trim() === PROVISIONAL_SOURCE)
        details.push({ field: 'source', message: '请填写国务院办公厅发布的节假日安排通知的名称' });
      if (details.length > 0) throw calendarErrors.CALENDAR_INVALID(details);
      const days = [...body.days].sort((a, b) => a.date.localeCompare(b.date));
      await withTx(ctx.pool, async (tx) => {
        const before = await ctx.calendar.getYear(tx, year);
        const actor = actorOf(req);
        await ctx.calendar.saveYear(tx, year, body.source, days, {
          events: ctx.events,
          actorId: actor.userId,
        });
        const summarise = (ds: readonly { date: string; kind: string; name: string }[]) =>
          ds.map((d) => `${d.date} ${d.kind === 'holiday' ? '休' : '班'} ${d.name}`);
        await ctx.audit.record(tx, actor, {
          action: before ? 'calendar.update' : 'calendar.publish',
          objectType: 'calendar_year',
          objectId: String(year),
          summary: `${before ? '修改' : '发布'} ${year} 年节假日安排（${days.length} 天）`,
          changes: diffFields(before ? { source: before.source, days: summarise(before.days) } : null, {
            source: body.source,
            days: summarise(days),
          }),
        });
      });
      return { year, status: 'published' as const, source: body.source, days };
    },
  );

  app.delete(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '撤回某年度已发布的节假日安排（有暂定安排的年度恢复为暂定）',
        params: YearParams,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const reach = requireReach(req.principal, 'calendar.manage');
      if (!reach.all)
        throw platformErrors.FORBIDDEN(undefined, '节假日安排全平台通用，只有全平台范围的管理员可以修改');
      const year = (req.params as { year: number }).year;
      // Only a future year may be withdrawn: the current and past years have dated real deadlines.
      if (year <= Number(shanghaiDate(ctx.clock.now()).slice(0, 4)))
        throw calendarErrors.CALENDAR_YEAR_IN_USE('year');
      await withTx(ctx.pool, async (tx) => {
        const before = await ctx.calendar.getYear(tx, year);
        if (!before) throw platformErrors.NOT_FOUND('year', '该年度的节假日安排尚未发布');
        const actor = actorOf(req);
        await ctx.calendar.deleteYear(tx, year, { events: ctx.events, actorId: actor.userId });
        await ctx.audit.record(tx, actor, {
          action: 'calendar.withdraw',
          objectType: 'calendar_year',
          objectId: String(year),
          summary: `撤回 ${year} 年节假日安排${ctx.calendar.provisionalYear(year) ? '（恢复为按法定节假日暂定）' : ''}`,
          changes: diffFields(
            {
              source: before.source,
              days: before.days.map((d) => `${d.date} ${d.kind === 'holiday' ? '休' : '班'} ${d.name}`),
            },
            null,
          ),
        });
      });
      return reply.status(204).send(null);
    },
  );
}
