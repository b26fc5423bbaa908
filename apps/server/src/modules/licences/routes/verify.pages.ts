// The public verification page the licence QR code leads to (server-rendered in the portal theme).
// Never cached: a revocation must show at once.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { sendPortalPage } from '../../portal/index.ts';
import { verifyLicence } from '../use-cases/verify-licence.ts';

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

export function registerLicencePages(app: FastifyInstance, ctx: AppContext): void {
  const publicLimit = { rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } };

  app.get('/licences/verify', { config: publicLimit, schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const no = text(q.no, 64);
    const sig = text(q.sig, 64);
    const base = { title: '电子证照核验', columnName: '政务服务', no };
    if (!no) {
      return sendPortalPage(ctx, req, reply, {
        page: 'licences/verify',
        data: () => ({ ...base, licence: null }),
      });
    }
    try {
      const licence = await verifyLicence(ctx, no, sig || null);
      return sendPortalPage(ctx, req, reply, { page: 'licences/verify', data: () => ({ ...base, licence }) });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 404) throw e;
      return sendPortalPage(ctx, req, reply, {
        page: 'licences/verify',
        status: 404,
        data: () => ({ ...base, licence: null, notFound: true }),
      });
    }
  });
}
