// The audit administrator's view of the log: browse and filter, and verify the hash chain.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.ts';
import { containsPattern } from '../db/like.ts';
import { withTx } from '../db/pool.ts';
import { actorOf } from '../http/actor.ts';
import { platformErrors } from '../http/errors.ts';
import { errorResponses, pageOf, pageWindow } from '../http/pagination.ts';
import { requireReach } from '../http/principal.ts';

const tags = ['审计'];
const Entry = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  /** False for the few seconds between the change's commit and the sealer chaining the entry. */
  sealed: Type.Boolean(),
  occurredAt: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorOrgId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  result: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});
const Uuid = Type.String({ format: 'uuid' });
const Query = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    actorId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    objectType: Type.Optional(Type.String({ maxLength: 100 })),
    objectId: Type.Optional(Type.String({ maxLength: 200 })),
    result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/**
 * The log is one platform-wide chain and entries name actors of every organisation, so browsing it is
 * for audit administrators with platform scope.
 */
function requirePlatformAuditor(p: Parameters<typeof requireReach>[0], permission: string): void {
  const reach = requireReach(p, permission);
  if (!reach.all) throw platformErrors.FORBIDDEN(undefined, '审计日志须由全平台范围的审计管理员查阅');
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: '查询审计日志',
        querystring: Query,
        response: { 200: pageOf(Entry), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      requirePlatformAuditor(req.principal, 'audit.read');
      const q = req.query as Record<string, string | number | undefined>;
      const { page, pageSize, offset } = pageWindow(q as { page?: number; pageSize?: number });
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        args.push(v);
        where.push(sql.replace('?', `$${args.length}`));
      };
      if (q.actorId) add('actor_id = ?', q.actorId);
      if (q.action) add('action = ?', q.action);
      if (q.objectType) add('object_type = ?', q.objectType);
      if (q.objectId) add('object_id = ?', q.objectId);
      if (q.result) add('result = ?', q.result);
      if (q.from) add('occurred_at >= ?', q.from);
      if (q.to) add('occurred_at <= ?', q.to);
      if (q.q) {
        const like = containsPattern(String(q.q));
        add('(summary ILIKE ? OR actor_name ILIKE $X OR action ILIKE $X)', like);
        where[where.length - 1] = (where[where.length - 1] as string).replaceAll('$X', `$${args.length}`);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = await ctx.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM aud_entry ${w}`,
        args,
      );
      const rows = await ctx.pool.query(
        `SELECT * FROM aud_entry ${w} ORDER BY seq DESC LIMIT ${pageSize} OFFSET ${offset}`,
        args,
      );
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          seq: r.seq,
          sealed: r.chain_pos !== null,
          occurredAt: (r.occurred_at as Date).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorOrgId: r.actor_org_id,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          result: r.result,
          summary: r.summary,
          changes: r.changes,
          ip: r.ip,
          userAgent: r.user_agent,
          requestId: r.request_id,
        })),
        total: total.rows[0]?.n ?? 0,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: '校验审计日志哈希链的完整性',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            firstBrokenId: Type.Optional(Type.String()),
            firstBrokenSeq: Type.Optional(Type.Integer()),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => {
      requirePlatformAuditor(req.principal, 'audit.verify');
      const result = await ctx.audit.verify(ctx.pool);
      // The verification is itself an auditable act of the audit administrator.
      await withTx(ctx.pool, (tx) =>
        ctx.audit.record(tx, actorOf(req), {
          action: 'audit.verify',
          objectType: 'audit_log',
          result: result.ok ? 'success' : 'failure',
          summary: result.ok
            ? `校验通过，共 ${result.checked} 条`
            : `发现被篡改或删除的记录（序号 ${result.firstBrokenSeq}）`,
        }),
      );
      return result;
    },
  );
}

/** Sealing the chain every two seconds in every job-running process; daily retention purge (never below 180 days). */
export function registerAuditJobs(ctx: AppContext): void {
  ctx.jobs.every('audit.seal', 2000, () => ctx.audit.seal(ctx.pool));
  ctx.jobs.register('audit.purge', async () => {
    await ctx.audit.seal(ctx.pool);
    await withTx(ctx.pool, (tx) => ctx.audit.purge(tx, ctx.config.auditRetentionDays));
  });
  ctx.jobs.schedule('audit-retention', 'audit.purge', 86_400);
}
