// Downloading a document of an application (the applicant, or staff who may read the case) and the
// materials handed in (staff reading a citizen's material leave an audit entry).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { loadReadable } from '../licensing.access.ts';
import { ensureDocumentFile } from '../licensing.documents.ts';
import { licensingErrors } from '../licensing.errors.ts';
import { findDocument } from '../licensing.repository.ts';
import { actorOfPrincipal } from './actor.ts';

export interface DocumentDownload {
  file: StoredFile;
  title: string;
  number: string;
}

export async function readDocument(
  ctx: AppContext,
  principal: Principal | null | undefined,
  applicationId: string,
  documentId: string,
): Promise<DocumentDownload> {
  const { app } = await loadReadable(ctx, principal, applicationId);
  if (!UUID_RE.test(documentId)) throw licensingErrors.DOCUMENT_NOT_FOUND();
  const doc = await findDocument(ctx.pool, app.id, documentId);
  const file = doc ? await ensureDocumentFile(ctx, doc.id) : null;
  if (!doc || !file) throw licensingErrors.DOCUMENT_NOT_FOUND();
  return { file, title: doc.title, number: doc.number };
}

export async function readMaterialFile(
  ctx: AppContext,
  principal: Principal | null | undefined,
  applicationId: string,
  fileId: string,
  actor?: Actor,
): Promise<StoredFile> {
  const { app, owner } = await loadReadable(ctx, principal, applicationId);
  if (!UUID_RE.test(fileId)) throw licensingErrors.FILE_NOT_FOUND();
  const used = await maybeOne<{ material_name: string }>(
    ctx.pool,
    'SELECT material_name FROM lic_material WHERE application_id = $1 AND file_id = $2 LIMIT 1',
    [app.id, fileId],
  );
  const file = used ? await ctx.files.get(ctx.pool, fileId) : null;
  if (!used || !file) throw licensingErrors.FILE_NOT_FOUND();
  if (!owner) {
    await withTx(ctx.pool, (tx) =>
      ctx.audit.record(tx, actor ?? actorOfPrincipal(principal as Principal), {
        action: 'application.material.read',
        objectType: 'application',
        objectId: app.id,
        summary: `查看申请 ${app.case_number ?? app.id} 的材料“${used.material_name}”（${file.name}）`,
      }),
    );
  }
  return file;
}
