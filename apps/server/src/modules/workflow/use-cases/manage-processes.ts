// Administrators define and version processes (业务流程网上定制): a draft is edited freely, publishing
// requires a valid definition and retires the previous version; running cases keep theirs.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { maybeOne, withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { orgPathOf } from '../../identity/index.ts';
import { validateDefinition } from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';
import { processInReach, readProcess } from './read-processes.ts';

function checkDefinitionForDraft(definition: unknown): void {
  // Drafts may be incomplete, but must at least look like a definition.
  const d = definition as { steps?: unknown; start?: unknown };
  if (!Array.isArray(d.steps))
    throw platformErrors.UNPROCESSABLE('definition.steps', '流程定义须包含步骤列表（steps）');
  if (JSON.stringify(definition).length > 500_000)
    throw platformErrors.UNPROCESSABLE('definition', '流程定义过大');
}

function invalid(problems: { path: string; message: string }[]) {
  return workflowErrors.DEFINITION_INVALID(
    problems.map((p) => ({ field: `definition${p.path ? `.${p.path}` : ''}`, message: p.message })),
  );
}

export function validateForDesigner(principal: Principal | null | undefined, definition: unknown) {
  requireReach(principal, 'process.manage');
  const r = validateDefinition(definition);
  return r.ok ? { ok: true, problems: [] } : { ok: false, problems: r.problems };
}

export async function createProcess(
  ctx: AppContext,
  principal: Principal | null | undefined,
  body: {
    code: string;
    name: string;
    caseType: string;
    description?: string;
    orgId?: string | null;
    definition: unknown;
    note?: string;
  },
  actor: Actor,
) {
  const reach = requireReach(principal, 'process.manage');
  const orgId = body.orgId ?? null;
  let orgPath: string | null = null;
  if (orgId === null) {
    if (!reach.all) throw platformErrors.UNPROCESSABLE('orgId', '请选择流程所属单位');
  } else {
    orgPath = await orgPathOf(ctx, orgId);
    if (!orgPath || !orgInReach(reach, orgPath))
      throw platformErrors.UNPROCESSABLE('orgId', '所属单位不存在或不在您的管理范围内');
  }
  checkDefinitionForDraft(body.definition);
  const id = newId();
  await withTx(ctx.pool, async (tx) => {
    const taken = await maybeOne(tx, 'SELECT 1 FROM wf_process WHERE code = $1', [body.code]);
    if (taken) throw workflowErrors.PROCESS_CODE_TAKEN('code');
    const now = ctx.clock.now();
    await tx.query(
      `INSERT INTO wf_process (id, code, name, case_type, description, org_id, org_path, created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9)`,
      [
        id,
        body.code,
        body.name.trim(),
        body.caseType,
        body.description ?? '',
        orgId,
        orgPath,
        actor.userId,
        now,
      ],
    );
    await tx.query(
      `INSERT INTO wf_process_version (id, process_id, version, status, definition, note, created_by, created_at)
       VALUES ($1,$2,1,'draft',$3,$4,$5,$6)`,
      [newId(), id, JSON.stringify(body.definition), body.note ?? '', actor.userId, now],
    );
    await ctx.audit.record(tx, actor, {
      action: 'process.create',
      objectType: 'process',
      objectId: id,
      summary: `新建办理流程“${body.name}”（${body.code}），草稿版本 1`,
    });
  });
  return readProcess(ctx, principal, id);
}

export async function createDraftVersion(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  body: { definition: unknown; note?: string },
  actor: Actor,
) {
  const p = await processInReach(ctx, principal, id, true);
  checkDefinitionForDraft(body.definition);
  await withTx(ctx.pool, async (tx) => {
    await tx.query('SELECT 1 FROM wf_process WHERE id = $1 FOR UPDATE', [p.id]);
    const draft = await maybeOne(
      tx,
      `SELECT 1 FROM wf_process_version WHERE process_id = $1 AND status = 'draft'`,
      [p.id],
    );
    if (draft) throw workflowErrors.DRAFT_EXISTS();
    const v = await maybeOne<{ n: number }>(
      tx,
      'SELECT coalesce(max(version), 0) + 1 AS n FROM wf_process_version WHERE process_id = $1',
      [p.id],
    );
    const now = ctx.clock.now();
    await tx.query(
      `INSERT INTO wf_process_version (id, process_id, version, status, definition, note, created_by, created_at)
       VALUES ($1,$2,$3,'draft',$4,$5,$6,$7)`,
      [newId(), p.id, v?.n ?? 1, JSON.stringify(body.definition), body.note ?? '', actor.userId, now],
    );
    await tx.query('UPDATE wf_process SET updated_at = $2 WHERE id = $1', [p.id, now]);
    await ctx.audit.record(tx, actor, {
      action: 'process.version.create',
      objectType: 'process',
      objectId: p.id,
      summary: `办理流程“${p.name}”新建草稿版本 ${v?.n ?? 1}`,
    });
  });
  return readProcess(ctx, principal, id);
}

export async function updateDraftVersion(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  version: number,
  body: { definition: unknown; note?: string },
  actor: Actor,
) {
  const p = await processInReach(ctx, principal, id, true);
  checkDefinitionForDraft(body.definition);
  await withTx(ctx.pool, async (tx) => {
    const v = await maybeOne<{ id: string; status: string }>(
      tx,
      'SELECT id, status FROM wf_process_version WHERE process_id = $1 AND version = $2 FOR UPDATE',
      [p.id, version],
    );
    if (!v) throw workflowErrors.VERSION_NOT_FOUND();
    if (v.status !== 'draft') throw workflowErrors.VERSION_NOT_DRAFT();
    await tx.query(`UPDATE wf_process_version SET definition = $2, note = coalesce($3, note) WHERE id = $1`, [
      v.id,
      JSON.stringify(body.definition),
      body.note ?? null,
    ]);
    await tx.query('UPDATE wf_process SET updated_at = $2 WHERE id = $1', [p.id, ctx.clock.now()]);
    await ctx.audit.record(tx, actor, {
      action: 'process.version.update',
      objectType: 'process',
      objectId: p.id,
      summary: `修改办理流程“${p.name}”草稿版本 ${version}`,
    });
  });
  return readProcess(ctx, principal, id);
}

export async function publishVersion(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  version: number,
  actor: Actor,
) {
  const p = await processInReach(ctx, principal, id, true);
  await withTx(ctx.pool, async (tx) => {
    await tx.query('SELECT 1 FROM wf_process WHERE id = $1 FOR UPDATE', [p.id]);
    const v = await maybeOne<{ id: string; status: string; definition: unknown }>(
      tx,
      'SELECT id, status, definition FROM wf_process_version WHERE process_id = $1 AND version = $2',
      [p.id, version],
    );
    if (!v) throw workflowErrors.VERSION_NOT_FOUND();
    if (v.status !== 'draft') throw workflowErrors.VERSION_NOT_DRAFT(undefined, '只有草稿版本可以发布');
    const check = validateDefinition(v.definition);
    if (!check.ok) throw invalid(check.problems);
    const prev = await maybeOne<{ version: number }>(
      tx,
      `UPDATE wf_process_version SET status = 'retired' WHERE process_id = $1 AND status = 'published' RETURNING version`,
      [p.id],
    );
    const now = ctx.clock.now();
    await tx.query(
      `UPDATE wf_process_version SET status = 'published', definition = $2, published_by = $3, published_at = $4 WHERE id = $1`,
      [v.id, JSON.stringify(check.definition), actor.userId, now],
    );
    await tx.query('UPDATE wf_process SET updated_at = $2 WHERE id = $1', [p.id, now]);
    await ctx.audit.record(tx, actor, {
      action: 'process.publish',
      objectType: 'process',
      objectId: p.id,
      summary: `发布办理流程“${p.name}”版本 ${version}${prev ? `（替代版本 ${prev.version}；办理中的办件继续按原版本办理）` : ''}`,
    });
  });
  return readProcess(ctx, principal, id);
}
