// Process definitions in the database, and the case types that run on them.
import { newId } from '../../../platform/db/ids.ts';
import { maybeOne, one, type Queryable, type Tx } from '../../../platform/db/pool.ts';
import { type ProcessDefinition, validateDefinition } from '../workflow.definition.ts';
import { workflowErrors } from '../workflow.errors.ts';
import type { CaseTypeHooks } from '../workflow.types.ts';

// ---------------------------------------------------------------- case types

const caseTypes = new Map<string, CaseTypeHooks>();

/** Registers (or replaces) the hooks of a case type. Modules call it when imported or in init. */
export function registerCaseType(h: CaseTypeHooks): void {
  caseTypes.set(h.type, h);
}

export function caseTypeHooks(type: string): CaseTypeHooks | undefined {
  return caseTypes.get(type);
}

/** Chinese name of a case type ('licence' → '行政许可'); the code itself when unregistered. */
export function caseTypeName(type: string): string {
  return caseTypes.get(type)?.name ?? type;
}

export function listCaseTypes(): { type: string; name: string }[] {
  return [...caseTypes.values()].map((h) => ({ type: h.type, name: h.name }));
}

// ---------------------------------------------------------------- definitions

// Published versions never change, so their parsed definitions are cached for the process lifetime.
const definitionCache = new Map<string, ProcessDefinition>();

export async function definitionOfVersion(db: Queryable, versionId: string): Promise<ProcessDefinition> {
  const hit = definitionCache.get(versionId);
  if (hit) return hit;
  const r = await one<{ definition: ProcessDefinition; status: string }>(
    db,
    'SELECT definition, status FROM wf_process_version WHERE id = $1',
    [versionId],
  );
  if (r.status !== 'draft') {
    if (definitionCache.size > 5000) definitionCache.clear();
    definitionCache.set(versionId, r.definition);
  }
  return r.definition;
}

function assertValid(definition: ProcessDefinition): ProcessDefinition {
  const v = validateDefinition(definition);
  if (!v.ok) {
    throw workflowErrors.DEFINITION_INVALID(
      v.problems.map((p) => ({ field: `definition${p.path ? `.${p.path}` : ''}`, message: p.message })),
    );
  }
  return v.definition;
}

/**
 * Makes sure a system process exists and publishes its shipped definition: version 1 on first start, a
 * new version when an upgrade changed it (see upgradeSystemVersion). Idempotent; modules call it from init.
 */
export async function ensureProcess(
  db: Queryable,
  p: { code: string; name: string; caseType: string; definition: ProcessDefinition; orgId?: string | null },
): Promise<string> {
  const definition = assertValid(p.definition);
  // One statement, so a crash or a concurrent start never leaves a process without its version.
  const r = await maybeOne<{ id: string }>(
    db,
    `WITH p AS (
       INSERT INTO wf_process (id, code, name, case_type, org_id, org_path)
       VALUES ($1, $2, $3, $4, $5, (SELECT path FROM idn_org WHERE id = $5))
       ON CONFLICT (code) DO NOTHING RETURNING id),
     v AS (
       INSERT INTO wf_process_version (id, process_id, version, status, definition, note, published_at)
       SELECT $6, id, 1, 'published', $7, '系统内置流程', now() FROM p RETURNING id)
     SELECT id FROM p UNION ALL SELECT id FROM wf_process WHERE code = $2 LIMIT 1`,
    [newId(), p.code, p.name, p.caseType, p.orgId ?? null, newId(), JSON.stringify(definition)],
  );
  const id = r
    ? r.id
    : // Another process inserted it concurrently, after this statement's snapshot was taken.
      (await one<{ id: string }>(db, 'SELECT id FROM wf_process WHERE code = $1', [p.code])).id;
  await upgradeSystemVersion(db, id, definition);
  return id;
}

/**
 * A built-in process whose shipped definition changed with a platform upgrade: when the published
 * version is still the system's own (nobody published one of theirs), a new version with the shipped
 * definition is published and the old one retired; cases in progress keep their version. A version an
 * administrator published is theirs and stays. One statement: concurrent starts upgrade once (the row
 * lock makes the second one see the retired row and do nothing).
 */
async function upgradeSystemVersion(db: Queryable, processId: string, definition: ProcessDefinition) {
  await db.query(
    `WITH cur AS (
       SELECT id FROM wf_process_version
       WHERE process_id = $1 AND status = 'published' AND published_by IS NULL AND created_by IS NULL
         AND definition <> $2::jsonb
       FOR UPDATE),
     retired AS (
       UPDATE wf_process_version SET status = 'retired' WHERE id IN (SELECT id FROM cur) RETURNING process_id)
     INSERT INTO wf_process_version (id, process_id, version, status, definition, note, published_at)
     SELECT $3, r.process_id, (SELECT max(version) + 1 FROM wf_process_version WHERE process_id = r.process_id),
            'published', $2::jsonb, '系统内置流程（平台升级）', now()
     FROM retired r`,
    [processId, JSON.stringify(definition), newId()],
  );
}

/** Creates a process with a published version 1 (demo seeds, tests). */
export async function createPublishedProcess(
  tx: Tx,
  p: {
    code: string;
    name: string;
    caseType: string;
    definition: ProcessDefinition;
    orgId?: string | null;
    actorUserId?: string | null;
  },
): Promise<{ processId: string; versionId: string }> {
  const definition = assertValid(p.definition);
  const exists = await maybeOne(tx, 'SELECT 1 FROM wf_process WHERE code = $1', [p.code]);
  if (exists) throw workflowErrors.PROCESS_CODE_TAKEN('code');
  const processId = newId();
  const versionId = newId();
  await tx.query(
    `INSERT INTO wf_process (id, code, name, case_type, org_id, org_path, created_by)
     VALUES ($1, $2, $3, $4, $5, (SELECT path FROM idn_org WHERE id = $5), $6)`,
    [processId, p.code, p.name, p.caseType, p.orgId ?? null, p.actorUserId ?? null],
  );
  await tx.query(
    `INSERT INTO wf_process_version (id, process_id, version, status, definition, created_by, published_by, published_at)
     VALUES ($1, $2, 1, 'published', $3, $4, $4, now())`,
    [versionId, processId, JSON.stringify(definition), p.actorUserId ?? null],
  );
  return { processId, versionId };
}

/** The published version new cases of a process start on. */
export async function publishedVersionOf(
  db: Queryable,
  processCode: string,
): Promise<{ processId: string; caseType: string; versionId: string; definition: ProcessDefinition }> {
  const r = await maybeOne<{ process_id: string; case_type: string; version_id: string | null }>(
    db,
    `SELECT p.id AS process_id, p.case_type, v.id AS version_id
     FROM wf_process p LEFT JOIN wf_process_version v ON v.process_id = p.id AND v.status = 'published'
     WHERE p.code = $1`,
    [processCode],
  );
  if (!r) throw workflowErrors.PROCESS_NOT_FOUND('processCode');
  if (!r.version_id) throw workflowErrors.PROCESS_NOT_PUBLISHED('processCode');
  return {
    processId: r.process_id,
    caseType: r.case_type,
    versionId: r.version_id,
    definition: await definitionOfVersion(db, r.version_id),
  };
}
