// Applications: submission (with Idempotency-Key), the applicant's list and detail, resubmission after
// a correction request, withdrawal, documents and materials, fees and payments.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import { contentDisposition } from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  ApplicationDetailSchema,
  ApplicationListQuerySchema,
  ApplicationListSchema,
  DocumentParamsSchema,
  FeeViewSchema,
  IdempotencyHeadersSchema,
  IdParamsSchema,
  MaterialFileParamsSchema,
  PaymentBodySchema,
  PaymentOrderBodySchema,
  PaymentOrderSchema,
  ResubmitBodySchema,
  SubmitBodySchema,
  SubmitResultSchema,
  WithdrawBodySchema,
} from '../licensing.schemas.ts';
import { getApplication } from '../use-cases/get-application.ts';
import { getFees } from '../use-cases/get-fees.ts';
import { listMyApplications } from '../use-cases/list-my-applications.ts';
import { createPaymentOrder, refreshPaymentOrder } from '../use-cases/pay-online.ts';
import { readDocument, readMaterialFile } from '../use-cases/read-document.ts';
import { recordPayment } from '../use-cases/record-payment.ts';
import { resubmitApplication } from '../use-cases/resubmit-application.ts';
import { submitApplication } from '../use-cases/submit-application.ts';
import { withdrawApplication } from '../use-cases/withdraw-application.ts';

const tags = ['网上申请'];

/** Sends a stored file as a download the browser must not sniff or render in the platform's origin. */
export function sendStoredFile(reply: FastifyReply, ctx: AppContext, file: StoredFile) {
  return reply
    .header('content-type', file.mime)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(ctx.files.stream(file));
}

export function registerApplicationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  r.post(
    '/api/v1/applications',
    {
      config: limited,
      schema: {
        tags,
        summary: '提交申请（个人或法人用户；须带 Idempotency-Key 请求头，重复提交返回同一申请）',
        headers: IdempotencyHeadersSchema,
        body: SubmitBodySchema,
        response: {
          201: SubmitResultSchema,
          200: SubmitResultSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 429),
        },
      },
    },
    async (req, reply) => {
      const out = await submitApplication(
        ctx,
        req.principal,
        { ...req.body, idempotencyKey: req.headers['idempotency-key'] as string },
        actorOf(req),
      );
      if (out.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(out.replayed ? 200 : 201).send(out.result);
    },
  );

  r.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        summary: '我的办件：草稿和已提交的申请（含实时状态）',
        querystring: ApplicationListQuerySchema,
        response: { 200: ApplicationListSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => listMyApplications(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary: '申请详情（申请人本人，或对办件有查看权限的工作人员）',
        params: IdParamsSchema,
        response: { 200: ApplicationDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => getApplication(ctx, req.principal, req.params.id, actorOf(req)),
  );

  r.post(
    '/api/v1/applications/:id/resubmit',
    {
      config: limited,
      schema: {
        tags,
        summary: '按一次性告知书补正后重新提交',
        params: IdParamsSchema,
        body: ResubmitBodySchema,
        response: { 200: ApplicationDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (req) => resubmitApplication(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/v1/applications/:id/withdraw',
    {
      // The reason is optional, and so is the body itself.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
      schema: {
        tags,
        summary: '撤回申请（作出决定前）',
        params: IdParamsSchema,
        body: WithdrawBodySchema,
        response: { 200: ApplicationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => withdrawApplication(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.get(
    '/api/v1/applications/:id/documents/:docId',
    {
      schema: {
        tags,
        summary: '下载申请的文书（接收回执、受理通知书、一次性告知书、决定书等，PDF）',
        params: DocumentParamsSchema,
        produces: ['application/pdf'],
        response: errorResponses(400, 401, 404),
      },
    },
    async (req, reply) => {
      const d = await readDocument(ctx, req.principal, req.params.id, req.params.docId);
      return sendStoredFile(reply, ctx, d.file);
    },
  );

  r.get(
    '/api/v1/applications/:id/materials/:fileId',
    {
      schema: {
        tags,
        summary: '下载申请材料（工作人员查看将记入审计日志）',
        params: MaterialFileParamsSchema,
        produces: ['application/octet-stream'],
        response: errorResponses(400, 401, 404),
      },
    },
    async (req, reply) => {
      const file = await readMaterialFile(ctx, req.principal, req.params.id, req.params.fileId, actorOf(req));
      return sendStoredFile(reply, ctx, file);
    },
  );

  r.get(
    '/api/v1/applications/:id/fees',
    {
      schema: {
        tags,
        summary: '缴费通知（应缴金额、收费项目和缴费记录）',
        params: IdParamsSchema,
        response: { 200: FeeViewSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => getFees(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/applications/:id/payments',
    {
      schema: {
        tags,
        summary: '登记缴费（窗口工作人员，须有 fee.record 权限；金额须与应缴金额一致）',
        params: IdParamsSchema,
        body: PaymentBodySchema,
        response: { 201: FeeViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordPayment(ctx, req.principal, req.params.id, req.body, actorOf(req))),
  );

  r.post(
    '/api/v1/applications/:id/payment-orders',
    {
      config: limited,
      schema: {
        tags,
        summary: '在线缴费：通过已接入的支付渠道下单（未接入渠道时为 404）',
        params: IdParamsSchema,
        body: PaymentOrderBodySchema,
        response: { 201: PaymentOrderSchema, ...errorResponses(400, 401, 403, 404, 409, 502) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPaymentOrder(ctx, req.principal, req.params.id, req.body.channel)),
  );

  r.post(
    '/api/v1/applications/:id/payment-orders/:orderId/refresh',
    {
      config: limited,
      schema: {
        tags,
        summary: '在线缴费：向支付渠道查询订单是否已支付',
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        response: { 200: PaymentOrderSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 502) },
      },
    },
    async (req) => refreshPaymentOrder(ctx, req.principal, req.params.id, req.params.orderId),
  );
}
