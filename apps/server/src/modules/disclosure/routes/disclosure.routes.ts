// 政府信息公开 API: units and guides, the catalogue (public reading, officers editing), Art. 26 alerts,
// requests (applicants submit, correct, read, download the reply letter; staff act through
// /api/v1/tasks), and the annual report.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { sendStoredFile } from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { OUTCOMES } from '../disclosure.model.ts';
import {
  AlertListSchema,
  AlertQuerySchema,
  CatalogueQuerySchema,
  CorrectionBodySchema,
  EntryBodySchema,
  EntryListSchema,
  EntrySchema,
  GuideBodySchema,
  GuideSchema,
  IdParamsSchema,
  OrgParamsSchema,
  OutcomeListSchema,
  PublishBodySchema,
  RegisterRequestBodySchema,
  ReportBodySchema,
  ReportQuerySchema,
  ReportSchema,
  RequestListSchema,
  RequestSchema,
  StaffUnitListSchema,
  SubmitHeadersSchema,
  SubmitRequestBodySchema,
  SubmitResultSchema,
  UnitListSchema,
  WithdrawBodySchema,
} from '../disclosure.schemas.ts';
import { getAnnualReport, publishAnnualReport, saveAnnualReport } from '../use-cases/annual-report.ts';
import { getGuide, listDisclosureUnits, saveGuide } from '../use-cases/guide.ts';
import { createEntry, updateEntry, withdrawEntry } from '../use-cases/manage-catalogue.ts';
import { getCatalogueEntry, listAlerts, listCatalogue, listStaffUnits } from '../use-cases/read-catalogue.ts';
import {
  getRequest,
  listMyDisclosureRequests,
  replyLetterFile,
  submitCorrection,
} from '../use-cases/requests.ts';
import { registerRequest } from '../use-cases/register-request.ts';
import { submitRequest } from '../use-cases/submit-request.ts';

const tags = ['政府信息公开'];

export function registerDisclosureRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  // ---- units and guides ----
  r.get(
    '/api/v1/disclosure/units',
    { schema: { tags, summary: '开设政府信息公开的单位及其公开指南', response: { 200: UnitListSchema } } },
    async () => ({ items: await listDisclosureUnits(ctx) }),
  );
  r.get(
    '/api/v1/disclosure/units/:orgId/guide',
    {
      schema: {
        tags,
        summary: '单位的政府信息公开指南',
        params: OrgParamsSchema,
        response: { 200: GuideSchema, ...errorResponses(404) },
      },
    },
    async (req) => getGuide(ctx, req.params.orgId),
  );
  r.put(
    '/api/v1/disclosure/units/:orgId/guide',
    {
      schema: {
        tags,
        summary: '编辑公开指南（disclosure.catalogue.edit）',
        params: OrgParamsSchema,
        body: GuideBodySchema,
        response: { 200: GuideSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => saveGuide(ctx, req.principal, req.params.orgId, req.body, actorOf(req)),
  );

  // ---- catalogue ----
  r.get(
    '/api/v1/disclosure/catalogue',
    {
      config: limited,
      schema: {
        tags,
        summary: '政府信息公开目录（已发布条目）',
        querystring: CatalogueQuerySchema,
        response: { 200: EntryListSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (req) => listCatalogue(ctx, req.query, req.principal),
  );
  r.get(
    '/api/v1/disclosure/staff-units',
    {
      schema: {
        tags,
        summary: '本人可维护公开目录、办理申请或编制年度报告的单位',
        response: { 200: StaffUnitListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => listStaffUnits(ctx, req.principal),
  );
  r.post(
    '/api/v1/disclosure/catalogue',
    {
      schema: {
        tags,
        summary: '新增公开目录条目（生成索引号，进入全文检索；发布超过成文后 20 个工作日时提醒）',
        body: EntryBodySchema,
        response: { 201: EntrySchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createEntry(ctx, req.principal, req.body, actorOf(req))),
  );
  r.get(
    '/api/v1/disclosure/catalogue/:id',
    {
      schema: {
        tags,
        summary: '公开目录条目',
        params: IdParamsSchema,
        response: { 200: EntrySchema, ...errorResponses(404) },
      },
    },
    async (req) => getCatalogueEntry(ctx, req.principal, req.params.id),
  );
  r.put(
    '/api/v1/disclosure/catalogue/:id',
    {
      schema: {
        tags,
        summary: '修改公开目录条目（索引号不变）',
        params: IdParamsSchema,
        body: EntryBodySchema,
        response: { 200: EntrySchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => updateEntry(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );
  r.post(
    '/api/v1/disclosure/catalogue/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回公开目录条目（从检索中移除）',
        params: IdParamsSchema,
        body: WithdrawBodySchema,
        response: { 200: EntrySchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => withdrawEntry(ctx, req.principal, req.params.id, req.body.reason, actorOf(req)),
  );
  r.get(
    '/api/v1/disclosure/alerts',
    {
      schema: {
        tags,
        summary: '主动公开超期提醒（发布日期晚于成文日期 20 个工作日以上）',
        querystring: AlertQuerySchema,
        response: { 200: AlertListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listAlerts(ctx, req.principal, req.query),
  );

  // ---- requests ----
  r.get(
    '/api/v1/disclosure/outcomes',
    {
      schema: {
        tags,
        summary: '答复类型（条例第三十六条；与年度报告行次对应）',
        response: { 200: OutcomeListSchema },
      },
    },
    async () => ({
      items: OUTCOMES.map((o) => ({
        code: o.code,
        group: o.group,
        name: o.name,
        reasonRequired: o.reasonRequired,
      })),
    }),
  );
  r.post(
    '/api/v1/disclosure/requests',
    {
      config: limited,
      schema: {
        tags,
        summary: '提交政府信息公开申请（个人或法人账号；申请人信息取自实名账号）',
        headers: SubmitHeadersSchema,
        body: SubmitRequestBodySchema,
        response: { 201: SubmitResultSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await submitRequest(
            ctx,
            req.principal,
            { ...req.body, idempotencyKey: req.headers['idempotency-key'] ?? null },
            actorOf(req),
          ),
        ),
  );
  r.post(
    '/api/v1/disclosure/requests/registered',
    {
      schema: {
        tags,
        summary:
          '登记当面、邮寄、信函或传真提交的政府信息公开申请（disclosure.request.handle；收到申请日按条例第三十一条）',
        body: RegisterRequestBodySchema,
        response: { 201: SubmitResultSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await registerRequest(ctx, req.principal, req.body, actorOf(req))),
  );
  r.get(
    '/api/v1/disclosure/requests/my',
    {
      schema: {
        tags,
        summary: '我的政府信息公开申请',
        querystring: AlertQuerySchema,
        response: { 200: RequestListSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => listMyDisclosureRequests(ctx, req.principal, req.query),
  );
  r.get(
    '/api/v1/disclosure/requests/:id',
    {
      schema: {
        tags,
        summary: '政府信息公开申请详情（申请人本人，或本单位办理人员）',
        params: IdParamsSchema,
        response: { 200: RequestSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => getRequest(ctx, req.principal, req.params.id, actorOf(req)),
  );
  r.post(
    '/api/v1/disclosure/requests/:id/correction',
    {
      schema: {
        tags,
        summary: '申请人提交补正（答复期限自收到补正之日起重新计算）',
        params: IdParamsSchema,
        body: CorrectionBodySchema,
        response: { 200: RequestSchema, ...errorResponses(400, 401, 404, 409, 422) },
      },
    },
    async (req) => submitCorrection(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );
  r.get(
    '/api/v1/disclosure/requests/:id/reply-letter',
    {
      schema: {
        tags,
        summary: '下载政府信息公开申请答复书（PDF）',
        params: IdParamsSchema,
        response: errorResponses(401, 404),
      },
    },
    async (req, reply) =>
      sendStoredFile(reply, ctx, await replyLetterFile(ctx, req.principal, req.params.id)),
  );

  // ---- annual report ----
  r.get(
    '/api/v1/disclosure/annual-report',
    {
      config: limited,
      schema: {
        tags,
        summary: '政府信息公开工作年度报告的三张表（已发布为发布时数据，否则按当前数据计算）',
        querystring: ReportQuerySchema,
        response: { 200: ReportSchema, ...errorResponses(400, 404, 422, 429) },
      },
    },
    async (req) => getAnnualReport(ctx, req.principal, req.query.orgId, req.query.year),
  );
  r.put(
    '/api/v1/disclosure/annual-report',
    {
      schema: {
        tags,
        summary: '保存年度报告草稿（文字部分、录入数据）',
        body: ReportBodySchema,
        response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => saveAnnualReport(ctx, req.principal, req.body, actorOf(req)),
  );
  r.post(
    '/api/v1/disclosure/annual-report/publish',
    {
      schema: {
        tags,
        summary: '发布年度报告（第三项须满足“第一项 + 第二项 = 第三项 + 第四项”）',
        body: PublishBodySchema,
        response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => publishAnnualReport(ctx, req.principal, req.body, actorOf(req)),
  );
}
