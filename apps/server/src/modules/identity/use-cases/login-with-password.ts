// Password (and, when enabled, TOTP) sign-in. Unknown user and wrong password give the same answer in
// about the same time; consecutive failures lock the account (等保 身份鉴别 b).
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from '../../../platform/crypto/password.ts';
import { matchTotpStep } from '../../../platform/crypto/totp.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import type { AppError } from '../../../platform/http/errors.ts';
import { identityErrors } from '../identity.errors.ts';
import {
  findUserByUsername,
  findUserForUpdate,
  incrementFailedLogins,
  insertSession,
  type UserRow,
  updateUserFields,
} from '../identity.repository.ts';
import { actorAs, formatShanghai } from '../identity.scope.ts';
import {
  buildPrincipal,
  endUserSessions,
  hashToken,
  type SessionUser,
  toSessionUser,
} from '../session-cache.ts';

export interface LoginInput {
  username: string;
  password: string;
  otp?: string;
}

export interface LoginResult {
  user: SessionUser;
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
}

// Verifying against a real argon2 hash when the user does not exist keeps both answers equally slow.
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
  return dummyHash;
}

export function lockedError(until: Date): AppError {
  return identityErrors.ACCOUNT_LOCKED(
    undefined,
    `登录失败次数过多，账号已锁定至 ${formatShanghai(until)}（北京时间），请届时再试或联系安全管理员解锁`,
  );
}

/** Records a failed attempt against a known account, locking it at the threshold. */
async function recordFailure(
  ctx: AppContext,
  user: UserRow,
  actor: Actor,
  reason: string,
): Promise<Date | null> {
  const now = ctx.clock.now();
  const lockedUntil = await withTx(ctx.pool, async (tx) => {
    const n = await incrementFailedLogins(tx, user.id);
    await ctx.audit.record(tx, actor, {
      action: 'session.login',
      objectType: 'user',
      objectId: user.id,
      result: 'failure',
      summary: `登录失败（${user.username}）：${reason}，连续第 ${n} 次`,
    });
    if (n < ctx.config.lockoutThreshold) return null;
    const until = new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000);
    // The count starts again after the lock, so the next window gets the full number of attempts.
    await updateUserFields(tx, user.id, { locked_until: until, failed_logins: 0, updated_at: now });
    const revoked = await endUserSessions(tx, ctx, user.id, 'locked', now);
    await ctx.audit.record(tx, actor, {
      action: 'user.lock',
      objectType: 'user',
      objectId: user.id,
      summary: `连续 ${n} 次登录失败，账号 ${user.username} 锁定至 ${formatShanghai(until)}（北京时间），结束会话 ${revoked} 个`,
      changes: { lockedUntil: { before: null, after: until.toISOString() } },
    });
    await ctx.events.emit(tx, {
      type: 'identity.user_locked',
      aggregateType: 'user',
      aggregateId: user.id,
      payload: { until: until.toISOString() },
    });
    return until;
  });
  return lockedUntil;
}

export async function loginWithPassword(
  ctx: AppContext,
  input: LoginInput,
  actor: Actor,
): Promise<LoginResult> {
  const username = input.username.trim();
  // An over-long password is refused before argon2 sees it: it could only be an attempt to burn CPU.
  const password = input.password.length > MAX_PASSWORD_LENGTH * 4 ? '' : input.password;
  const user =
    username.length > 0 && username.length <= 64 ? await findUserByUsername(ctx.pool, username) : null;
  const now = ctx.clock.now();

  if (!user) {
    await verifyPassword(await dummy(), password);
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor, {
        action: 'session.login',
        objectType: 'user',
        result: 'failure',
        summary: `登录失败：用户名“${username.slice(0, 64)}”不存在`,
      }),
    );
    throw identityErrors.INVALID_CREDENTIALS();
  }

  if (user.locked_until && user.locked_until > now) {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor, {
        action: 'session.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        summary: `登录被拒绝（${user.username}）：账号锁定中，至 ${formatShanghai(user.locked_until as Date)}`,
      }),
    );
    throw lockedError(user.locked_until);
  }

  if (!(await verifyPassword(user.password_hash, password))) {
    const locked = await recordFailure(ctx, user, actor, '密码错误');
    if (locked) throw lockedError(locked);
    throw identityErrors.INVALID_CREDENTIALS();
  }

  if (user.status !== 'active') {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor, {
        action: 'session.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        summary: `登录被拒绝（${user.username}）：账号已停用`,
      }),
    );
    throw identityErrors.ACCOUNT_DISABLED();
  }

  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret_enc) {
    const otp = input.otp?.trim() ?? '';
    // The password was right: asking for the code is the second step, not a failed attempt.
    if (!otp) throw identityErrors.OTP_REQUIRED('otp');
    totpStep = matchTotpStep(
      ctx.pii.decrypt(user.totp_secret_enc),
      otp,
      now,
      user.totp_last_step ?? undefined,
    );
    if (totpStep === null) {
      const locked = await recordFailure(ctx, user, actor, '动态口令错误或重复使用');
      if (locked) throw lockedError(locked);
      throw identityErrors.OTP_INVALID('otp');
    }
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const sessionId = newId();
  const result = await withTx(ctx.pool, async (tx) => {
    const fresh = await findUserForUpdate(tx, user.id);
    if (!fresh) throw identityErrors.INVALID_CREDENTIALS();
    // Two sign-ins racing with the same code: only the first one to lock the row may use it.
    if (totpStep !== null && fresh.totp_last_step !== null && totpStep <= fresh.totp_last_step) return null;
    await updateUserFields(tx, user.id, {
      failed_logins: 0,
      locked_until: null,
      last_login_at: now,
      ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
    });
    await insertSession(tx, {
      id: sessionId,
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      now,
      expiresAt: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000),
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 500) ?? null,
    });
    await ctx.audit.record(tx, actorAs(actor, fresh), {
      action: 'session.login',
      objectType: 'user',
      objectId: user.id,
      summary: `登录成功（${user.username}${totpStep !== null ? '，密码 + 动态口令' : '，密码'}）`,
    });
    const principal = await buildPrincipal(ctx, tx, fresh, { id: sessionId, csrfToken });
    return { user: toSessionUser(principal), token, csrfToken };
  });
  if (!result) {
    const locked = await recordFailure(ctx, user, actor, '动态口令重复使用');
    if (locked) throw lockedError(locked);
    throw identityErrors.OTP_INVALID('otp');
  }
  return result;
}
