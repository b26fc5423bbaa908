// Staff pausing and resuming a case's clock, asking for and deciding extensions (HTTP use cases).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { pauseClock, resumeClock } from '../engine/engine.ts';
import { decideExtension, type ExtensionRecord, requestExtension } from '../engine/extensions.ts';
import { caseTypeHooks } from '../engine/processes.ts';
import type { PauseKind } from '../workflow.definition.ts';
import { type CaseDetail, mayDecideExtension, mayHandleCase, readableCase, readCase } from './read-case.ts';

async function handlerCase(ctx: AppContext, principal: Principal | null | undefined, id: string) {
  const c = await readableCase(ctx, principal, id);
  if (!(await mayHandleCase(ctx, principal as Principal, c)))
    throw platformErrors.FORBIDDEN(undefined, '只有该办件的办理人员可以执行此操作');
  return c;
}

export async function pauseCase(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  body: { kind: PauseKind; reason: string; expectedDays?: number | null },
  actor: Actor,
): Promise<CaseDetail> {
  const c = await handlerCase(ctx, principal, id);
  await withTx(ctx.pool, (tx) =>
    pauseClock(tx, ctx, c.id, {
      kind: body.kind,
      reason: body.reason.trim(),
      expectedDays: body.expectedDays ?? null,
      actorUserId: actor.userId,
      auditActor: actor,
    }),
  );
  return readCase(ctx, principal, id);
}

export async function resumeCase(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  body: { restart?: boolean },
  actor: Actor,
): Promise<CaseDetail> {
  const c = await handlerCase(ctx, principal, id);
  await withTx(ctx.pool, (tx) =>
    resumeClock(tx, ctx, c.id, { actorUserId: actor.userId, restart: !!body.restart, auditActor: actor }),
  );
  return readCase(ctx, principal, id);
}

export async function askForExtension(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  body: { days: number; reason: string },
  actor: Actor,
): Promise<ExtensionRecord> {
  const c = await handlerCase(ctx, principal, id);
  // A case type with its own extension rules (e.g. 依申请公开, Art. 33) refuses the generic route.
  const refusal = caseTypeHooks(c.caseType)?.refuseGenericExtension?.(c);
  if (refusal) throw refusal;
  const r = await withTx(ctx.pool, (tx) =>
    requestExtension(tx, ctx, c.id, {
      days: body.days,
      reason: body.reason,
      actorUserId: actor.userId,
      auditActor: actor,
    }),
  );
  return r.extension;
}

export async function decideOnExtension(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  extId: string,
  body: { approve: boolean; comment?: string | null },
  actor: Actor,
): Promise<ExtensionRecord> {
  const c = await readableCase(ctx, principal, id);
  if (!mayDecideExtension(principal as Principal, c))
    throw platformErrors.FORBIDDEN(undefined, '批准延长办理期限须由本机关负责人作出');
  const r = await withTx(ctx.pool, (tx) =>
    decideExtension(tx, ctx, c.id, extId, {
      approve: body.approve,
      comment: body.comment ?? null,
      actorUserId: actor.userId,
      auditActor: actor,
    }),
  );
  return r.extension;
}
