// Session resolution for the kernel. Every authenticated request needs its principal, and the
// platform must serve thousands of them per second on two cores, so principals are kept in memory
// for a few seconds instead of being read from PostgreSQL each time.
//
// Consistency: changes made by this process (revocation, role change, lock, password change) drop the
// affected entries after commit, so they apply at once; changes made by another process apply when
// the entry's few seconds run out. last_seen_at is written at most once a minute per session, so the
// idle timeout is exact to within that minute across processes.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/pool.ts';
import type { Principal, RoleGrant } from '../../platform/http/principal.ts';
import { permissionsOf } from '../../platform/http/principal.ts';
import {
  findSessionByTokenHash,
  findUser,
  listAssignments,
  revokeUserSessions,
  type SessionRow,
  toGrant,
  touchSession,
  type UserRow,
} from './identity.repository.ts';

/** The principal plus the two facts the session answer shows that access checks do not need. */
export interface SessionPrincipal extends Principal {
  orgName: string | null;
  totpEnabled: boolean;
}

export interface SessionRole {
  assignmentId: string;
  roleId: string;
  code: string;
  name: string;
  adminClass: 'system' | 'security' | 'audit' | null;
  scope: 'platform' | 'org' | 'own';
  scopeOrgId: string | null;
  scopeOrgName: string | null;
}

/** The `user` object of the session API. */
export interface SessionUser {
  id: string;
  username: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  permissions: string[];
  roles: SessionRole[];
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpSetupRequired: boolean;
}

export function roleOfGrant(g: RoleGrant): SessionRole {
  return {
    assignmentId: g.assignmentId,
    roleId: g.roleId,
    code: g.code,
    name: g.name,
    adminClass: g.adminClass,
    scope: g.scope,
    scopeOrgId: g.scopeOrgId,
    scopeOrgName: g.scopeOrgName,
  };
}

export function toSessionUser(p: Principal): SessionUser {
  const extra = p as Partial<SessionPrincipal>;
  return {
    id: p.userId,
    username: p.username,
    kind: p.kind,
    displayName: p.displayName,
    orgId: p.orgId,
    orgName: extra.orgName ?? null,
    permissions: permissionsOf(p),
    roles: p.grants.map(roleOfGrant),
    mustChangePassword: p.mustChangePassword,
    totpEnabled: extra.totpEnabled ?? false,
    totpSetupRequired: p.totpSetupRequired,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const DAY_MS = 86_400_000;

/** Staff passwords expire after passwordMaxAgeDays (等保 身份鉴别 a "定期更换"); an admin reset always. */
export function passwordChangeRequired(ctx: AppContext, user: UserRow, now: Date): boolean {
  if (user.must_change_password) return true;
  const maxAge = ctx.config.passwordMaxAgeDays;
  return (
    user.kind === 'staff' &&
    maxAge > 0 &&
    now.getTime() - user.password_changed_at.getTime() > maxAge * DAY_MS
  );
}

export async function buildPrincipal(
  ctx: AppContext,
  db: Queryable,
  user: UserRow,
  session: { id: string; csrfToken: string },
): Promise<SessionPrincipal> {
  const grants = (await listAssignments(db, [user.id])).map(toGrant);
  const isAdmin = grants.some((g) => g.adminClass !== null);
  return {
    userId: user.id,
    username: user.username,
    kind: user.kind,
    displayName: user.display_name,
    orgId: user.org_id,
    orgPath: user.org_path,
    orgName: user.org_name,
    grants,
    sessionId: session.id,
    csrfToken: session.csrfToken,
    totpEnabled: user.totp_enabled,
    totpSetupRequired: ctx.config.require2fa && isAdmin && !user.totp_enabled,
    mustChangePassword: passwordChangeRequired(ctx, user, ctx.clock.now()),
  };
}

/** The session-API view of any account, e.g. one just registered (no session of its own yet). */
export async function sessionUserOf(ctx: AppContext, userId: string): Promise<SessionUser> {
  const user = await findUser(ctx.pool, userId);
  if (!user) throw new Error(`user ${userId} not found`);
  return toSessionUser(await buildPrincipal(ctx, ctx.pool, user, { id: '', csrfToken: '' }));
}

interface Entry {
  /** null: the token is unknown, or its session was revoked. */
  principal: SessionPrincipal | null;
  sessionId: string | null;
  userId: string | null;
  /** When the session ends whatever its activity (epoch ms). */
  absoluteEnd: number;
  lastSeen: number;
  lastWritten: number;
  /** Monotonic time the entry was read from the database. */
  loadedAt: number;
  ended: boolean;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
const TOUCH_EVERY_MS = 60_000;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export class SessionCache {
  readonly #ctx: AppContext;
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<Entry>>();

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  async resolve(token: string): Promise<Principal | 'expired' | null> {
    // Anything that is not one of our tokens costs no hashing and no query.
    if (!TOKEN_RE.test(token)) return null;
    const key = hashToken(token);
    let e = this.#entries.get(key);
    if (!e || performance.now() - e.loadedAt > TTL_MS) e = await this.#load(key, e);
    if (!e.principal) return e.sessionId ? 'expired' : null;
    if (e.ended) return 'expired';

    const cfg = this.#ctx.config;
    const now = this.#ctx.clock.now().getTime();
    if (now >= e.absoluteEnd || now - e.lastSeen > cfg.sessionIdleMinutes * 60_000) {
      e.ended = true;
      return 'expired';
    }
    e.lastSeen = Math.max(e.lastSeen, now);
    if (now - e.lastWritten >= TOUCH_EVERY_MS && e.sessionId) {
      e.lastWritten = now;
      await touchSession(this.#ctx.pool, e.sessionId, new Date(now)).catch((err: unknown) => {
        this.#ctx.log.warn({ err }, 'could not record session activity');
      });
    }
    return e.principal;
  }

  /** Forgets every cached session of a user: the next request reads them afresh. */
  invalidateUser(userId: string): void {
    for (const [k, e] of this.#entries) if (e.userId === userId) this.#entries.delete(k);
  }

  invalidateAll(): void {
    this.#entries.clear();
  }

  #load(key: string, previous: Entry | undefined): Promise<Entry> {
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const p = this.#read(key, previous).finally(() => this.#loading.delete(key));
    this.#loading.set(key, p);
    return p;
  }

  async #read(key: string, previous: Entry | undefined): Promise<Entry> {
    const s: SessionRow | null = await findSessionByTokenHash(this.#ctx.pool, key);
    let principal: SessionPrincipal | null = null;
    if (s && !s.revoked_at) {
      const user = await findUser(this.#ctx.pool, s.user_id);
      if (user && user.status === 'active') {
        principal = await buildPrincipal(this.#ctx, this.#ctx.pool, user, {
          id: s.id,
          csrfToken: s.csrf_token,
        });
      }
    }
    const dbSeen = s ? s.last_seen_at.getTime() : 0;
    const e: Entry = {
      principal,
      sessionId: s?.id ?? null,
      userId: s?.user_id ?? null,
      absoluteEnd: s
        ? Math.min(
            s.expires_at.getTime(),
            s.created_at.getTime() + this.#ctx.config.sessionAbsoluteHours * 3_600_000,
          )
        : 0,
      // Another request in this process may have seen the session more recently than the last write.
      lastSeen: Math.max(dbSeen, previous?.sessionId === s?.id ? (previous?.lastSeen ?? 0) : 0),
      lastWritten: dbSeen,
      loadedAt: performance.now(),
      ended: previous?.ended === true && previous.sessionId === s?.id,
    };
    if (this.#entries.size >= MAX_ENTRIES) {
      // Map keeps insertion order: drop the oldest tenth rather than one at a time.
      let n = Math.ceil(MAX_ENTRIES / 10);
      for (const k of this.#entries.keys()) {
        this.#entries.delete(k);
        if (--n === 0) break;
      }
    }
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e;
  }
}

const caches = new WeakMap<AppContext, SessionCache>();

/** The session cache of an application context (one per process, or per test app). */
export function sessionCacheOf(ctx: AppContext): SessionCache {
  let c = caches.get(ctx);
  if (!c) {
    c = new SessionCache(ctx);
    caches.set(ctx, c);
  }
  return c;
}

/**
 * Ends every live session of a user (except `exceptSessionId`) in the caller's transaction and, once
 * it commits, drops them from this process's cache so they stop working at once. Returns how many ended.
 */
export async function endUserSessions(
  tx: Tx,
  ctx: AppContext,
  userId: string,
  reason: string,
  at: Date,
  exceptSessionId: string | null = null,
): Promise<number> {
  const n = await revokeUserSessions(tx, userId, reason, at, exceptSessionId);
  tx.afterCommit(() => sessionCacheOf(ctx).invalidateUser(userId));
  return n;
}
