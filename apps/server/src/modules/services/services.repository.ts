// SQL of the services module. Functions take `db | tx` first; the use cases own the transactions.
import { newId, UUID_RE } from '../../platform/db/ids.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { many, maybeOne, type Queryable, type Tx } from '../../platform/db/pool.ts';
import { type Reach, reachSql } from '../../platform/http/principal.ts';
import type { FormDefinition } from './forms/form-types.ts';
import type { CheckedMaterial, ItemContent, ProcessState } from './services.rules.ts';
import type { Audience, ItemStatus, OnlineDepth } from './services.taxonomy.ts';
import type {
  Contact,
  DayUnit,
  Faq,
  Fee,
  ItemResult,
  Location,
  Material,
  Remedies,
  SpecialProcedure,
} from './services.types.ts';

export interface ItemRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  name: string;
  basic_code: string;
  implementation_code: string;
  handle_code: string | null;
  item_type: string;
  audience: Audience[];
  themes: string[];
  life_events: string[];
  legal_basis: string;
  acceptance_conditions: string;
  quantity_limit: string;
  legal_limit_days: number | null;
  legal_limit_unit: DayUnit | null;
  legal_limit_note: string;
  promised_limit_days: number | null;
  promised_limit_unit: DayUnit | null;
  promised_limit_note: string;
  special_procedures: SpecialProcedure[];
  process_description: string;
  visits_required: number;
  visits_explanation: string;
  online_depth: OnlineDepth;
  locations: Location[];
  consultation: Contact;
  complaint: Contact;
  remedies: Remedies;
  faq: Faq[];
  result: ItemResult;
  fees: Fee[];
  process_code: string | null;
  form: FormDefinition;
  status: ItemStatus;
  status_reason: string | null;
  version: number;
  published_at: Date | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const ITEM_COLUMNS = `i.*, o.name AS org_name`;
const FROM = `FROM svc_item i JOIN idn_org o ON o.id = i.org_id`;

export function contentOf(r: ItemRow): ItemContent {
  return {
    orgId: r.org_id,
    name: r.name,
    basicCode: r.basic_code,
    implementationCode: r.implementation_code,
    handleCode: r.handle_code,
    itemType: r.item_type,
    audience: r.audience,
    themes: r.themes,
    lifeEvents: r.life_events,
    legalBasis: r.legal_basis,
    acceptanceConditions: r.acceptance_conditions,
    quantityLimit: r.quantity_limit,
    legalLimitDays: r.legal_limit_days,
    legalLimitUnit: r.legal_limit_unit,
    legalLimitNote: r.legal_limit_note,
    promisedLimitDays: r.promised_limit_days,
    promisedLimitUnit: r.promised_limit_unit,
    promisedLimitNote: r.promised_limit_note,
    specialProcedures: r.special_procedures,
    processDescription: r.process_description,
    visitsRequired: r.visits_required,
    visitsExplanation: r.visits_explanation,
    onlineDepth: r.online_depth,
    locations: r.locations,
    consultation: r.consultation,
    complaint: r.complaint,
    remedies: r.remedies,
    faq: r.faq,
    result: r.result,
    fees: r.fees,
    processCode: r.process_code,
    form: r.form,
  };
}

export async function findItem(db: Queryable, id: string): Promise<ItemRow | null> {
  // Ids come from URLs and other modules' requests: a forged one is simply not found.
  if (!UUID_RE.test(id)) return null;
  return maybeOne<ItemRow>(db, `SELECT ${ITEM_COLUMNS} ${FROM} WHERE i.id = $1`, [id]);
}

export async function findItemForUpdate(tx: Tx, id: string): Promise<ItemRow | null> {
  return maybeOne<ItemRow>(tx, `SELECT ${ITEM_COLUMNS} ${FROM} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
}

function contentParams(c: ItemContent): unknown[] {
  return [
    c.name,
    c.basicCode,
    c.implementationCode,
    c.handleCode,
    c.itemType,
    c.audience,
    c.themes,
    c.lifeEvents,
    c.legalBasis,
    c.acceptanceConditions,
    c.quantityLimit,
    c.legalLimitDays,
    c.legalLimitUnit,
    c.legalLimitNote,
    c.promisedLimitDays,
    c.promisedLimitUnit,
    c.promisedLimitNote,
    JSON.stringify(c.specialProcedures),
    c.processDescription,
    c.visitsRequired,
    c.visitsExplanation,
    c.onlineDepth,
    JSON.stringify(c.locations),
    JSON.stringify(c.consultation),
    JSON.stringify(c.complaint),
    JSON.stringify(c.remedies),
    JSON.stringify(c.faq),
    JSON.stringify(c.result),
    JSON.stringify(c.fees),
    c.processCode,
    JSON.stringify(c.form),
  ];
}

const CONTENT_COLUMNS = [
  'name',
  'basic_code',
  'implementation_code',
  'handle_code',
  'item_type',
  'audience',
  'themes',
  'life_events',
  'legal_basis',
  'acceptance_conditions',
  'quantity_limit',
  'legal_limit_days',
  'legal_limit_unit',
  'legal_limit_note',
  'promised_limit_days',
  'promised_limit_unit',
  'promised_limit_note',
  'special_procedures',
  'process_description',
  'visits_required',
  'visits_explanation',
  'online_depth',
  'locations',
  'consultation',
  'complaint',
  'remedies',
  'faq',
  'result',
  'fees',
  'process_code',
  'form',
];

export async function insertItem(
  tx: Tx,
  r: { id: string; orgPath: string; content: ItemContent; createdBy: string | null; now: Date },
): Promise<void> {
  const params = [r.id, r.content.orgId, r.orgPath, ...contentParams(r.content), r.createdBy, r.now];
  const n = CONTENT_COLUMNS.length;
  const placeholders = CONTENT_COLUMNS.map((_, i) => `$${i + 4}`).join(', ');
  await tx.query(
    `INSERT INTO svc_item (id, org_id, org_path, ${CONTENT_COLUMNS.join(', ')}, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, ${placeholders}, $${n + 4}, $${n + 5}, $${n + 5})`,
    params,
  );
}

export async function updateItemContent(
  tx: Tx,
  id: string,
  r: { orgPath: string; content: ItemContent; now: Date },
): Promise<void> {
  const sets = CONTENT_COLUMNS.map((c, i) => `${c} = $${i + 4}`).join(', ');
  const n = CONTENT_COLUMNS.length;
  await tx.query(
    `UPDATE svc_item SET org_id = $2, org_path = $3, ${sets}, updated_at = $${n + 4} WHERE id = $1`,
    [id, r.content.orgId, r.orgPath, ...contentParams(r.content), r.now],
  );
}

export async function setItemStatus(
  tx: Tx,
  id: string,
  s: {
    status: ItemStatus;
    reason: string | null;
    version?: number;
    publishedBy?: string | null;
    now: Date;
  },
): Promise<void> {
  if (s.version !== undefined) {
    await tx.query(
      `UPDATE svc_item SET status = $2, status_reason = $3, version = $4, published_at = $5, published_by = $6,
         updated_at = $5 WHERE id = $1`,
      [id, s.status, s.reason, s.version, s.now, s.publishedBy ?? null],
    );
  } else {
    await tx.query(`UPDATE svc_item SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1`, [
      id,
      s.status,
      s.reason,
      s.now,
    ]);
  }
}

export async function insertVersion(
  tx: Tx,
  v: { itemId: string; version: number; snapshot: unknown; publishedBy: string | null; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO svc_item_version (item_id, version, snapshot, published_at, published_by) VALUES ($1, $2, $3, $4, $5)`,
    [v.itemId, v.version, JSON.stringify(v.snapshot), v.now, v.publishedBy],
  );
}

// ---------------------------------------------------------------- materials

interface MaterialRow {
  id: string;
  item_id: string;
  name: string;
  necessity: Material['necessity'];
  original_or_copy: Material['originalOrCopy'];
  medium: Material['medium'];
  copies: number;
  source: Material['source'];
  source_note: string;
  note: string;
  basis: string;
  acceptance_standard: string;
  blank_file_id: string | null;
  sample_file_id: string | null;
  removed_at: Date | null;
}

function toMaterial(r: MaterialRow): Material {
  return {
    id: r.id,
    name: r.name,
    required: r.necessity === 'required',
    necessity: r.necessity,
    originalOrCopy: r.original_or_copy,
    medium: r.medium,
    copies: r.copies,
    source: r.source,
    sourceNote: r.source_note,
    note: r.note,
    basis: r.basis,
    acceptanceStandard: r.acceptance_standard,
    blankFileId: r.blank_file_id,
    sampleFileId: r.sample_file_id,
  };
}

export async function listMaterials(db: Queryable, itemId: string): Promise<Material[]> {
  const rows = await many<MaterialRow>(
    db,
    `SELECT * FROM svc_material WHERE item_id = $1 AND removed_at IS NULL ORDER BY sort_order, id`,
    [itemId],
  );
  return rows.map(toMaterial);
}

export async function listMaterialsOf(
  db: Queryable,
  itemIds: readonly string[],
): Promise<Map<string, Material[]>> {
  const out = new Map<string, Material[]>();
  if (itemIds.length === 0) return out;
  const rows = await many<MaterialRow>(
    db,
    `SELECT * FROM svc_material WHERE item_id = ANY($1) AND removed_at IS NULL ORDER BY item_id, sort_order, id`,
    [itemIds],
  );
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    list.push(toMaterial(r));
    out.set(r.item_id, list);
  }
  return out;
}

/** A material of the item, removed ones included (an application may name a material since removed). */
export async function findMaterial(
  db: Queryable,
  itemId: string,
  id: string,
): Promise<(Material & { removed: boolean }) | null> {
  if (!UUID_RE.test(itemId) || !UUID_RE.test(id)) return null;
  const r = await maybeOne<MaterialRow>(db, `SELECT * FROM svc_material WHERE item_id = $1 AND id = $2`, [
    itemId,
    id,
  ]);
  return r ? { ...toMaterial(r), removed: r.removed_at !== null } : null;
}

export async function materialIdsOf(db: Queryable, itemId: string): Promise<Set<string>> {
  const rows = await many<{ id: string }>(db, `SELECT id FROM svc_material WHERE item_id = $1`, [itemId]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Makes the item's active materials exactly `list` (in order): listed ids are updated, new ones
 * inserted, the others marked removed. Returns the list with ids.
 */
export async function replaceMaterials(
  tx: Tx,
  itemId: string,
  list: readonly CheckedMaterial[],
  now: Date,
): Promise<Material[]> {
  const keep: string[] = [];
  for (const [i, m] of list.entries()) {
    const id = m.id ?? newId();
    keep.push(id);
    await tx.query(
      `INSERT INTO svc_material (id, item_id, sort_order, name, necessity, original_or_copy, medium, copies, source,
         source_note, note, basis, acceptance_standard, blank_file_id, sample_file_id, removed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, $16, $16)
       ON CONFLICT (id) DO UPDATE SET sort_order = EXCLUDED.sort_order, name = EXCLUDED.name,
         necessity = EXCLUDED.necessity, original_or_copy = EXCLUDED.original_or_copy, medium = EXCLUDED.medium,
         copies = EXCLUDED.copies, source = EXCLUDED.source, source_note = EXCLUDED.source_note, note = EXCLUDED.note,
         basis = EXCLUDED.basis, acceptance_standard = EXCLUDED.acceptance_standard,
         blank_file_id = EXCLUDED.blank_file_id, sample_file_id = EXCLUDED.sample_file_id, removed_at = NULL,
         updated_at = EXCLUDED.updated_at
       WHERE svc_material.item_id = EXCLUDED.item_id`,
      [
        id,
        itemId,
        (i + 1) * 10,
        m.name,
        m.necessity,
        m.originalOrCopy,
        m.medium,
        m.copies,
        m.source,
        m.sourceNote,
        m.note,
        m.basis,
        m.acceptanceStandard,
        m.blankFileId,
        m.sampleFileId,
        now,
      ],
    );
  }
  await tx.query(
    `UPDATE svc_material SET removed_at = $3, updated_at = $3
     WHERE item_id = $1 AND removed_at IS NULL AND NOT (id = ANY($2))`,
    [itemId, keep, now],
  );
  return listMaterials(tx, itemId);
}

// ---------------------------------------------------------------- lists

export interface ItemFilter {
  q?: string;
  orgId?: string;
  status?: ItemStatus;
  theme?: string;
  audience?: Audience;
  lifeEvent?: string;
  itemType?: string;
}

function filterSql(f: ItemFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.q?.trim()) {
    // Substring match, not pg_trgm: the embedded database runs with LC_CTYPE C (initdb --no-locale),
    // where pg_trgm finds no trigram in Chinese text (show_trgm('食品经营许可') is empty), so a trigram
    // index would neither speed up nor rank Chinese queries; the catalogue is small enough to scan.
    const p = add(containsPattern(f.q.trim()));
    where.push(
      `(i.name ILIKE ${p} OR i.implementation_code ILIKE ${p} OR i.basic_code ILIKE ${p} OR o.name ILIKE ${p})`,
    );
  }
  if (f.orgId) {
    // A department's items include those of its units.
    where.push(
      `i.org_path LIKE (SELECT replace(replace(path, '%', '\\%'), '_', '\\_') || '%' FROM idn_org WHERE id = ${add(f.orgId)})`,
    );
  }
  if (f.status) where.push(`i.status = ${add(f.status)}`);
  if (f.theme) where.push(`${add(f.theme)} = ANY (i.themes)`);
  if (f.audience) where.push(`${add(f.audience)} = ANY (i.audience)`);
  if (f.lifeEvent) where.push(`${add(f.lifeEvent)} = ANY (i.life_events)`);
  if (f.itemType) where.push(`i.item_type = ${add(f.itemType)}`);
  return where;
}

export async function listItems(
  db: Queryable,
  f: ItemFilter & { reach?: Reach },
  page: { limit: number; offset: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  if (f.reach) {
    const [sql, p] = reachSql(f.reach, 'i.org_path', params.length + 1);
    params.push(...p);
    where.push(sql);
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await maybeOne<{ n: number }>(db, `SELECT count(*)::int AS n ${FROM} ${cond}`, params);
  const rows = await many<ItemRow>(
    db,
    `SELECT ${ITEM_COLUMNS} ${FROM} ${cond}
     ORDER BY o.path, i.name, i.id
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { rows, total: total?.n ?? 0 };
}

export async function findByImplementationCode(db: Queryable, code: string): Promise<{ id: string } | null> {
  return maybeOne<{ id: string }>(db, `SELECT id FROM svc_item WHERE implementation_code = $1`, [code]);
}

// ---------------------------------------------------------------- neighbours

/** Whether a process exists and has a published version (the workflow module's tables). */
export async function processState(db: Queryable, code: string): Promise<ProcessState> {
  const r = await maybeOne<{ case_type: string; published: boolean }>(
    db,
    `SELECT p.case_type,
            EXISTS (SELECT 1 FROM wf_process_version v WHERE v.process_id = p.id AND v.status = 'published') AS published
     FROM wf_process p WHERE p.code = $1`,
    [code],
  );
  return r
    ? { exists: true, published: r.published, caseType: r.case_type }
    : { exists: false, published: false, caseType: null };
}

export interface OrgRef {
  id: string;
  name: string;
  kind: 'region' | 'department' | 'unit';
  path: string;
}

export async function findOrgRef(db: Queryable, id: string): Promise<OrgRef | null> {
  return maybeOne<OrgRef>(db, `SELECT id, name, kind, path FROM idn_org WHERE id = $1`, [id]);
}
