// Electronic licence API: staff list/detail/revoke/PDF, the holder's own licences, and the public
// verification (JSON here, the HTML page in verify.pages.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { contentDisposition } from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import {
  IdParamsSchema,
  LicenceDetailSchema,
  LicenceListQuerySchema,
  LicenceListSchema,
  MyLicenceListSchema,
  PublicLicenceSchema,
  RevokeBodySchema,
  VerifyQuerySchema,
} from '../licences.schemas.ts';
import { licencePdfForHolder, licencePdfForStaff } from '../use-cases/licence-pdf.ts';
import { listLicencesForStaff } from '../use-cases/list-licences.ts';
import { listMyLicences } from '../use-cases/list-my-licences.ts';
import { readLicence } from '../use-cases/read-licence.ts';
import { revokeLicence } from '../use-cases/revoke-licence.ts';
import { verifyLicence } from '../use-cases/verify-licence.ts';

const tags = ['电子证照'];

function sendPdf(reply: FastifyReply, pdf: Buffer, name: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition(name).replace(/^attachment/, 'inline'))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

const PdfResponse = { type: 'string', format: 'binary', description: 'PDF 文件' } as const;

export function registerLicenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const publicLimit = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  r.get(
    '/api/v1/licences',
    {
      schema: {
        tags,
        summary: '管理范围内的电子证照（可按证照编号、持证主体、证件号码或办件编号查询）',
        querystring: LicenceListQuerySchema,
        response: { 200: LicenceListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => listLicencesForStaff(ctx, req.principal, req.query),
  );

  r.get(
    '/api/v1/licences/:id',
    {
      schema: {
        tags,
        summary: '电子证照详情（含电子签名校验结果）',
        params: IdParamsSchema,
        response: { 200: LicenceDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => readLicence(ctx, req.principal, req.params.id),
  );

  r.post(
    '/api/v1/licences/:id/revoke',
    {
      schema: {
        tags,
        summary: '注销电子证照（须填写注销原因，持证人会收到通知）',
        params: IdParamsSchema,
        body: RevokeBodySchema,
        response: { 200: LicenceDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => revokeLicence(ctx, req.principal, req.params.id, req.body, actorOf(req)),
  );

  r.get(
    '/api/v1/licences/:id/pdf',
    {
      schema: {
        tags,
        summary: '下载电子证照 PDF（附核验二维码）',
        params: IdParamsSchema,
        response: { 200: PdfResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { pdf, number } = await licencePdfForStaff(ctx, req.principal, req.params.id, actorOf(req));
      return sendPdf(reply, pdf, `电子证照-${number}.pdf`);
    },
  );

  r.get(
    '/api/v1/my/licences',
    {
      schema: {
        tags,
        summary: '我的电子证照',
        response: { 200: MyLicenceListSchema, ...errorResponses(401) },
      },
    },
    async (req) => ({ items: await listMyLicences(ctx, req.principal) }),
  );

  r.get(
    '/api/v1/my/licences/:id/pdf',
    {
      schema: {
        tags,
        summary: '下载我的电子证照 PDF',
        params: IdParamsSchema,
        response: { 200: PdfResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const { pdf, number } = await licencePdfForHolder(ctx, req.principal, req.params.id, actorOf(req));
      return sendPdf(reply, pdf, `电子证照-${number}.pdf`);
    },
  );

  r.get(
    '/api/v1/public/licences/verify',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: '电子证照核验（公开）：校验平台 SM2 电子签名，返回有效、已过期、已注销或签名无效',
        querystring: VerifyQuerySchema,
        response: { 200: PublicLicenceSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req, reply) => {
      const result = await verifyLicence(ctx, req.query.no, req.query.sig);
      return reply.header('cache-control', 'no-store').send(result);
    },
  );
}
