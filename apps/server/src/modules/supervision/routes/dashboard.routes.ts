// The supervision dashboard API (supervision.read in scope): overview figures, cases by level,
// anomalies, department scorecards.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  AnomalyListQuery,
  AnomalyListSchema,
  AnomalySchema,
  CaseListQuery,
  CaseListSchema,
  IdParams,
  OverviewQuery,
  OverviewSchema,
  ResolveBody,
  ScorecardListSchema,
  ScorecardQuery,
} from '../supervision.schemas.ts';
import { listAnomalies, resolveAnomaly } from '../use-cases/anomalies.ts';
import { listSupervisedCases } from '../use-cases/list-cases.ts';
import { getOverview } from '../use-cases/overview.ts';
import { getScorecards } from '../use-cases/scorecards.ts';

const tags = ['电子监察'];

export function registerDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/supervision/overview',
    {
      schema: {
        tags,
        summary: '监察总览：在办件红黄绿灯分布（按单位、事项、办件类型），统计期内按期办结率和平均办理工作日',
        querystring: OverviewQuery,
        response: { 200: OverviewSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => getOverview(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/supervision/cases',
    {
      schema: {
        tags,
        summary: '监察办件列表（按灯色、单位、办件类型筛选，红灯在前）',
        querystring: CaseListQuery,
        response: { 200: CaseListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listSupervisedCases(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/supervision/anomalies',
    {
      schema: {
        tags,
        summary:
          '异常办件（未说明理由的不予受理/不予许可、未经受理作出决定、未按标准收费、环节超时、超过法定时限）',
        querystring: AnomalyListQuery,
        response: { 200: AnomalyListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => listAnomalies(ctx, req.principal, req.query),
  );

  r.post(
    '/api/v1/supervision/anomalies/:id/resolve',
    {
      schema: {
        tags,
        summary: '登记异常的处理情况（纠错）',
        params: IdParams,
        body: ResolveBody,
        response: { 200: AnomalySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => resolveAnomaly(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.get(
    '/api/v1/supervision/scorecards',
    {
      schema: {
        tags,
        summary:
          '部门绩效考核（月度 2026-11 或季度 2026-Q4）：办结数、按期办结率、异常数、好差评、综合得分、等次和排名',
        querystring: ScorecardQuery,
        response: { 200: ScorecardListSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => getScorecards(ctx, req.principal, req.query),
  );
}
