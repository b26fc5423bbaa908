// Online payment channels: which are connected (none by default), and the endpoint a channel posts its
// signed payment notifications to. The notification body is taken raw: signatures cover the bytes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { ChannelParamsSchema, PaymentChannelsSchema } from '../licensing.schemas.ts';
import { confirmPaymentNotification, listPaymentChannels } from '../use-cases/pay-online.ts';

const tags = ['网上申请'];

export async function registerPaymentChannelRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/payment-channels',
    {
      schema: {
        tags,
        summary: '已接入的在线支付渠道（平台不内置任何渠道，未接入时为空列表）',
        response: { 200: PaymentChannelsSchema },
      },
    },
    async () => ({ items: listPaymentChannels() }),
  );

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/payment-channels/:channel/notifications',
      {
        // Called by the payment channel's servers, not by a browser session.
        config: { skipCsrf: true, rateLimit: { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: '支付渠道的异步支付通知（由渠道适配器验签）',
          params: ChannelParamsSchema,
          response: { 200: { type: 'string' }, ...errorResponses(400, 404, 409, 422, 429) },
        },
      },
      async (req, reply) => {
        await confirmPaymentNotification(ctx, req.params.channel, {
          headers: req.headers,
          rawBody: typeof req.body === 'string' ? req.body : '',
        });
        return reply.type('text/plain; charset=utf-8').send('success');
      },
    );
  });
}
