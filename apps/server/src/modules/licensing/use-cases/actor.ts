// The audit actor of a use case called without a request at hand (the hall pages pass theirs).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/http/principal.ts';

export function actorOfPrincipal(p: Principal): Actor {
  return {
    userId: p.userId,
    name: `${p.displayName}（${p.username}）`,
    orgId: p.orgId,
    ip: null,
    userAgent: null,
    requestId: null,
  };
}
