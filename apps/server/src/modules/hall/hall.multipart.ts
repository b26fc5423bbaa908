// Multipart forms of the hall (material uploads, the resubmission form). The kernel cannot see `_csrf`
// inside a multipart body, so these routes skip its check and verify the token here, before any file
// is kept: the token field comes first in the form, and a file part arriving before a valid token
// ends the request. Files are checked like POST /api/v1/files: size limit, type by content.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/audit/audit.ts';
import type { AppContext, StoredFile } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { requireMultipart } from '../../platform/files/file-routes.ts';
import { DEFAULT_ATTACHMENT_TYPES, fileTooLarge, formatBytes } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Principal } from '../../platform/http/principal.ts';
import type { RawBody } from './hall.forms.ts';
import { applicantRateLimit, csrfFailed, sameToken } from './hall.http.ts';

export interface UploadedPart {
  field: string;
  filename: string;
  data: Buffer;
  /** Over the upload limit: the bytes were not kept. */
  tooLarge: boolean;
}

export interface MultipartForm {
  body: RawBody;
  files: UploadedPart[];
}

/** What the file inputs accept (a hint for the browser; the server decides by content). */
export const ACCEPT =
  '.pdf,.ofd,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.dps,.txt,.csv,application/pdf,image/jpeg,image/png';

export function limitText(ctx: AppContext): string {
  return formatBytes(ctx.config.uploadLimitBytes);
}

/** Registers multipart parsing in an encapsulated scope and the routes `fn` adds to it. */
export async function withMultipart(
  app: FastifyInstance,
  ctx: AppContext,
  fn: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: ctx.config.uploadLimitBytes,
        files: 20,
        fields: 1000,
        fieldSize: 20_000,
        parts: 1100,
      },
      // A file over the limit is marked truncated instead of failing the whole form, so the page can
      // say which file was too large and keep everything else the applicant typed.
      throwFileSizeLimit: false,
    });
    fn(scope);
  });
}

/**
 * Options of a multipart form post: the kernel cannot see `_csrf` inside the body, so its check is
 * skipped and readMultipart checks the token before keeping any file.
 */
export function multipartPostOptions(ctx: AppContext) {
  return { schema: { hide: true }, config: { skipCsrf: true, rateLimit: applicantRateLimit(ctx) } };
}

/**
 * Reads a multipart form: fields into a body like the urlencoded parser gives (repeated names become
 * arrays) and files into buffers. Checks the session's CSRF token before the first file.
 */
export async function readMultipart(req: FastifyRequest, p: Principal): Promise<MultipartForm> {
  requireMultipart(req);
  const body: RawBody = {};
  const files: UploadedPart[] = [];
  let tokenOk = false;
  const checkToken = () => {
    if (tokenOk) return;
    const sent = body._csrf;
    const v = Array.isArray(sent) ? sent[0] : sent;
    if (typeof v !== 'string' || !sameToken(v, p.csrfToken)) throw csrfFailed();
    tokenOk = true;
  };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        checkToken();
        const data = await part.toBuffer();
        // An empty file input still sends a part with no name and no bytes.
        if (!part.filename && data.length === 0) continue;
        files.push({ field: part.fieldname, filename: part.filename, data, tooLarge: part.file.truncated });
      } else {
        const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        const prev = body[part.fieldname];
        if (prev === undefined) body[part.fieldname] = value;
        else body[part.fieldname] = Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('VALIDATION_FAILED', { status: 400, userMessage: '一次提交的文件或字段过多' });
    }
    throw e;
  }
  checkToken();
  return { body, files };
}

/** Stores one uploaded file for the applicant (same checks as POST /api/v1/files), audited. */
export async function storeUpload(
  tx: Tx,
  ctx: AppContext,
  p: Principal,
  part: UploadedPart,
  actor: Actor,
): Promise<StoredFile> {
  if (part.tooLarge) throw fileTooLarge(ctx.config.uploadLimitBytes);
  const f = await ctx.files.put(tx, {
    data: part.data,
    name: part.filename || '未命名文件',
    purpose: 'attachment',
    ownerUserId: p.userId,
    orgId: p.orgId,
    allowedTypes: DEFAULT_ATTACHMENT_TYPES,
  });
  await ctx.audit.record(tx, actor, {
    action: 'file.upload',
    objectType: 'file',
    objectId: f.id,
    summary: `上传附件“${f.name}”（${f.mime}，${f.size} 字节）`,
  });
  return f;
}
