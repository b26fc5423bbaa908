// Process definitions the caller administers: those of units in their process.manage reach, and the
// platform's own (org NULL), which everyone administering processes may read and link to.
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many, maybeOne, type Queryable } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import {
  orgInReach,
  type Principal,
  type Reach,
  reachSql,
  requireReach,
} from '../../../platform/http/principal.ts';
import { caseTypeName } from '../engine/processes.ts';
import { type DefinitionProblem, validateDefinition } from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';

export interface ProcessRow {
  id: string;
  code: string;
  name: string;
  case_type: string;
  description: string;
  org_id: string | null;
  org_path: string | null;
  org_name: string | null;
  published_version: number | null;
  draft_version: number | null;
  latest_version: number;
  updated_at: Date;
}

const PROCESS_SELECT = `SELECT p.*, o.name AS org_name,
    (SELECT version FROM wf_process_version v WHERE v.process_id = p.id AND v.status = 'published') AS published_version,
    (SELECT version FROM wf_process_version v WHERE v.process_id = p.id AND v.status = 'draft') AS draft_version,
    coalesce((SELECT max(version) FROM wf_process_version v WHERE v.process_id = p.id), 0) AS latest_version
  FROM wf_process p LEFT JOIN idn_org o ON o.id = p.org_id`;

export function toProcessSummary(r: ProcessRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    caseType: r.case_type,
    caseTypeName: caseTypeName(r.case_type),
    description: r.description,
    orgId: r.org_id,
    orgName: r.org_name,
    publishedVersion: r.published_version,
    draftVersion: r.draft_version,
    latestVersion: r.latest_version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findProcess(db: Queryable, id: string): Promise<ProcessRow | null> {
  if (!UUID_RE.test(id)) return null;
  return maybeOne<ProcessRow>(db, `${PROCESS_SELECT} WHERE p.id = $1`, [id]);
}

function visible(reach: Reach, p: ProcessRow): boolean {
  return p.org_path === null || orgInReach(reach, p.org_path);
}

/** The process if the caller may read it (else 404); `edit` also requires it to be inside the reach (else 403). */
export async function processInReach(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  edit: boolean,
  db: Queryable = ctx.pool,
): Promise<ProcessRow> {
  const reach = requireReach(principal, 'process.manage');
  const p = await findProcess(db, id);
  if (!p || !visible(reach, p)) throw workflowErrors.PROCESS_NOT_FOUND();
  if (edit && !(p.org_path === null ? reach.all : orgInReach(reach, p.org_path)))
    throw platformErrors.FORBIDDEN(undefined, '该流程不在您的管理范围内（平台流程只能由平台管理员修改）');
  return p;
}

export async function listProcesses(
  ctx: AppContext,
  principal: Principal | null | undefined,
  q: { q?: string; caseType?: string; page?: number; pageSize?: number },
) {
  const reach = requireReach(principal, 'process.manage');
  const { page, pageSize, offset } = pageWindow(q);
  const [cond, params] = reachSql(reach, 'p.org_path', 1) as [string, unknown[]];
  const where = [`(p.org_path IS NULL OR ${cond})`];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.caseType) where.push(`p.case_type = ${add(q.caseType)}`);
  if (q.q?.trim()) {
    const x = add(containsPattern(q.q.trim()));
    where.push(`(p.name ILIKE ${x} OR p.code ILIKE ${x})`);
  }
  const total = await many<{ n: number }>(
    ctx.pool,
    `SELECT count(*) AS n FROM wf_process p WHERE ${where.join(' AND ')}`,
    params,
  );
  const rows = await many<ProcessRow>(
    ctx.pool,
    `${PROCESS_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.updated_at DESC, p.id LIMIT ${add(pageSize)} OFFSET ${add(offset)}`,
    params,
  );
  return { items: rows.map(toProcessSummary), total: total[0]?.n ?? 0, page, pageSize };
}

export async function readProcess(ctx: AppContext, principal: Principal | null | undefined, id: string) {
  const p = await processInReach(ctx, principal, id, false);
  const versions = await many<{
    id: string;
    version: number;
    status: 'draft' | 'published' | 'retired';
    note: string;
    definition: unknown;
    created_at: Date;
    created_by_name: string | null;
    published_at: Date | null;
    published_by_name: string | null;
    case_count: number;
  }>(
    ctx.pool,
    `SELECT v.*, cu.display_name AS created_by_name, pu.display_name AS published_by_name,
            (SELECT count(*) FROM wf_case c WHERE c.process_version_id = v.id) AS case_count
     FROM wf_process_version v LEFT JOIN idn_user cu ON cu.id = v.created_by LEFT JOIN idn_user pu ON pu.id = v.published_by
     WHERE v.process_id = $1 ORDER BY v.version DESC`,
    [p.id],
  );
  return {
    ...toProcessSummary(p),
    versions: versions.map((v) => {
      const check = validateDefinition(v.definition);
      return {
        id: v.id,
        version: v.version,
        status: v.status,
        note: v.note,
        definition: v.definition,
        problems: check.ok ? [] : (check.problems as DefinitionProblem[]),
        createdAt: v.created_at.toISOString(),
        createdByName: v.created_by_name,
        publishedAt: v.published_at ? v.published_at.toISOString() : null,
        publishedByName: v.published_by_name,
        caseCount: v.case_count,
      };
    }),
  };
}
