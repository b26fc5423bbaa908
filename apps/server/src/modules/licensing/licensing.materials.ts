// Checks on the materials an applicant hands in: each names a material of the item's list and a file
// the applicant uploaded themselves that no other application uses; every required material is there.
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import type { ErrorDetail } from '../../platform/http/errors.ts';
import type { ItemFacts } from './licensing.item.ts';
import { filesUsedElsewhere } from './licensing.repository.ts';
import type { MaterialChoice } from './licensing.schemas.ts';

/** Purpose of files uploaded through POST /api/v1/files. */
const UPLOAD_PURPOSE = 'attachment';

export interface ResolvedMaterial {
  materialId: string;
  materialName: string;
  fileId: string;
  fileName: string;
}

/**
 * Resolves material choices against the item and the file store. Problems are returned (not thrown)
 * so the caller can report them together with the form's.
 */
export async function resolveMaterials(
  ctx: AppContext,
  db: Queryable,
  applicantUserId: string,
  facts: ItemFacts,
  choices: readonly MaterialChoice[],
  opts: { applicationId: string | null; path?: string },
): Promise<{ materials: ResolvedMaterial[]; problems: ErrorDetail[] }> {
  const path = opts.path ?? 'materials';
  const byId = new Map(facts.materials.map((m) => [m.id, m]));
  const problems: ErrorDetail[] = [];
  const materials: ResolvedMaterial[] = [];
  const seenFiles = new Set<string>();
  for (const [i, c] of choices.entries()) {
    const m = byId.get(c.materialId);
    if (!m) {
      problems.push({ field: `${path}[${i}].materialId`, message: '该材料不属于本事项的申请材料目录' });
      continue;
    }
    const file = await ctx.files.get(db, c.fileId);
    // Another person's file and no file at all read the same: an id reveals nothing.
    if (!file || file.ownerUserId !== applicantUserId || file.purpose !== UPLOAD_PURPOSE) {
      problems.push({
        field: `${path}[${i}].fileId`,
        message: `“${m.name}”的文件不存在或不是您本人上传的，请重新上传`,
      });
      continue;
    }
    if (seenFiles.has(c.fileId)) {
      problems.push({ field: `${path}[${i}].fileId`, message: `同一文件不能重复提交（“${m.name}”）` });
      continue;
    }
    seenFiles.add(c.fileId);
    materials.push({ materialId: m.id, materialName: m.name, fileId: file.id, fileName: file.name });
  }
  const taken = new Set(await filesUsedElsewhere(db, [...seenFiles], opts.applicationId));
  for (const [i, c] of choices.entries()) {
    if (taken.has(c.fileId)) {
      problems.push({ field: `${path}[${i}].fileId`, message: '该文件已用于其他申请，请重新上传' });
    }
  }
  return { materials: materials.filter((m) => !taken.has(m.fileId)), problems };
}

/** Problems for required materials with no file among `present` material ids. */
export function missingRequired(facts: ItemFacts, present: ReadonlySet<string>): ErrorDetail[] {
  return facts.materials
    .filter((m) => m.required && !present.has(m.id))
    .map((m) => ({ field: `materials.${m.id}`, message: `缺少必要材料“${m.name}”` }));
}
