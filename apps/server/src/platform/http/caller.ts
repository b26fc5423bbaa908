// Who calls a module's use case: a signed-in principal, nobody, or the system itself (the demo seed,
// event subscribers and other modules' set-up code), which no permission check stops and the audit
// log records as 系统.
import { type Principal, type Reach, requireReach } from './principal.ts';

export const SYSTEM_CALLER = Object.freeze({ system: true as const });
export type Caller = Principal | null | undefined | typeof SYSTEM_CALLER;

export function isSystem(c: Caller): c is typeof SYSTEM_CALLER {
  return c === SYSTEM_CALLER;
}

export function callerUserId(c: Caller): string | null {
  return c && !isSystem(c) ? c.userId : null;
}

/** Reach of a permission, or everything for the system. Throws 401/403 without the permission at all. */
export function reachFor(c: Caller, permission: string): Reach {
  if (isSystem(c)) return { all: true };
  return requireReach(c, permission);
}
