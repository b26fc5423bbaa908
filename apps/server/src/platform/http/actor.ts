import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.ts';

/** The audit actor of a request: the signed-in user (or anonymous) with IP, user agent and request id. */
export function actorOf(req: FastifyRequest, fallbackName = '匿名访问者'): Actor {
  const p = req.principal;
  const ua = req.headers['user-agent'];
  return {
    userId: p?.userId ?? null,
    name: p ? `${p.displayName}（${p.username}）` : fallbackName,
    orgId: p?.orgId ?? null,
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua : null,
    requestId: String(req.id),
  };
}
