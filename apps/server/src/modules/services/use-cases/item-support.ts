// Steps shared by the item use cases: checking material files, recording a published version and
// describing a change for the audit log.
import { createHash } from 'node:crypto';
import type { FieldChanges } from '../../../platform/audit/audit.ts';
import { diffFields } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Queryable, Tx } from '../../../platform/db/pool.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { mayReadFile } from '../../../platform/files/file-routes.ts';
import { indexServiceItem } from '../../search/service-items.ts';
import { countFields } from '../forms/validate-definition.ts';
import { insertVersion, listMaterials, type ItemRow } from '../services.repository.ts';
import { type CheckedMaterial, type ItemContent, ItemProblems } from '../services.rules.ts';
import { type Caller, isSystem } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { toServiceItem } from '../services.views.ts';

/** Blank forms and samples must be files that exist and that the editor may read. */
export async function checkMaterialFiles(
  ctx: AppContext,
  db: Queryable,
  caller: Caller,
  list: readonly CheckedMaterial[],
): Promise<void> {
  const p = new ItemProblems();
  for (const [i, m] of list.entries()) {
    for (const key of ['blankFileId', 'sampleFileId'] as const) {
      const id = m[key];
      if (!id) continue;
      const field = `materials[${i}].${key}`;
      const what = key === 'blankFileId' ? '空白表格' : '示例样表';
      if (!UUID_RE.test(id)) {
        p.add(field, `${what}文件不存在`);
        continue;
      }
      const file = await ctx.files.get(db, id);
      const readable = file && (isSystem(caller) || (caller && (await mayReadFile(db, caller, file))));
      if (!readable) p.add(field, `${what}文件不存在或无权使用`);
    }
  }
  p.throwIfAny();
}

/** Ids sent with materials must be materials of this item. */
export function checkMaterialIds(list: readonly CheckedMaterial[], known: ReadonlySet<string>): void {
  const p = new ItemProblems();
  list.forEach((m, i) => {
    if (m.id && !known.has(m.id)) p.add(`materials[${i}].id`, '该材料不属于本事项');
  });
  p.throwIfAny();
}

export async function itemView(db: Queryable, row: ItemRow): Promise<ServiceItem> {
  return toServiceItem(row, await listMaterials(db, row.id));
}

/** Records version `version` of the item as published and tells subscribers. */
export async function recordPublishedVersion(
  tx: Tx,
  ctx: AppContext,
  item: ServiceItem,
  actorUserId: string | null,
  now: Date,
): Promise<void> {
  await insertVersion(tx, {
    itemId: item.id,
    version: item.version,
    snapshot: item,
    publishedBy: actorUserId,
    now,
  });
  // Searchable as soon as this version commits.
  await indexServiceItem(tx, item);
  await ctx.events.emit(tx, {
    type: 'service-item.published',
    aggregateType: 'service-item',
    aggregateId: item.id,
    actorId: actorUserId,
    payload: {
      itemId: item.id,
      version: item.version,
      orgId: item.orgId,
      code: item.code,
      name: item.name,
      processCode: item.processCode,
    },
  });
}

function formFingerprint(c: ItemContent): string {
  const hash = createHash('sha256').update(JSON.stringify(c.form)).digest('hex').slice(0, 12);
  return `${countFields(c.form)} 个字段（${hash}）`;
}

/** Field-level changes for the audit log; the form is summarised rather than copied whole. */
export function contentChanges(
  before: ItemContent | null,
  after: ItemContent,
  materials?: { before: readonly object[]; after: readonly object[] },
): FieldChanges {
  const strip = (c: ItemContent) => {
    const { form: _form, ...rest } = c;
    return { ...rest, form: formFingerprint(c) } as Record<string, unknown>;
  };
  const changes = diffFields(before ? strip(before) : null, strip(after));
  if (materials) {
    // Materials are compared whole but recorded by name: the log says which list changed, not every note.
    const names = (l: readonly object[]) => l.map((m) => String((m as { name?: unknown }).name ?? ''));
    if (JSON.stringify(materials.before) !== JSON.stringify(materials.after)) {
      changes.materials = { before: names(materials.before), after: names(materials.after) };
    }
  }
  return changes;
}
