// Files over HTTP. Stored files are never under a static web root: every download goes through this
// route, which checks who is asking, and is sent as an attachment the browser must not sniff or
// render, so an uploaded HTML or SVG can never run script in the platform's origin.
import fsp from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext, StoredFile } from '../context.ts';
import { type Queryable, withTx } from '../db/pool.ts';
import { actorOf } from '../http/actor.ts';
import { AppError, platformErrors } from '../http/errors.ts';
import { errorResponses } from '../http/pagination.ts';
import { orgInReach, type Principal, reachOf, signedIn } from '../http/principal.ts';
import { DEFAULT_ATTACHMENT_TYPES, fileTooLarge, streamingStore } from './file-store.ts';

/** 415 unless the request is a multipart upload. */
export function requireMultipart(req: FastifyRequest): void {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      status: 415,
      userMessage: '上传文件须使用 multipart/form-data 格式',
    });
  }
}

export const FILE_READ_PERMISSION = 'file.read';

/** Uploads per minute: per signed-in user (a whole office behind one address is many users), else per address. */
export function uploadRateLimit(ctx: AppContext) {
  return {
    max: ctx.config.ratePublicPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => req.principal?.userId ?? req.ip,
  };
}

export const StoredFileSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  mime: Type.String(),
  /** The detected content type (same as `mime`), under the name the service-hall API uses. */
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  purpose: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const FileIdParamsSchema = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** A stored file as the API returns it. */
export function fileView(f: StoredFile) {
  return {
    id: f.id,
    name: f.name,
    mime: f.mime,
    contentType: f.mime,
    size: f.size,
    sha256: f.sha256,
    purpose: f.purpose,
    createdAt: f.createdAt.toISOString(),
  };
}

/** Path of an organisation in the tree ('/a/b/'), to test it against a permission's reach. */
async function orgPathOf(db: Queryable, orgId: string): Promise<string | null> {
  const r = await db.query<{ path: string }>('SELECT path FROM idn_org WHERE id = $1', [orgId]);
  return r.rows[0]?.path ?? null;
}

/** Owners read their own files; others need `file.read` over the organisation the file belongs to. */
export async function mayReadFile(db: Queryable, p: Principal, file: StoredFile): Promise<boolean> {
  if (file.ownerUserId !== null && file.ownerUserId === p.userId) return true;
  const reach = reachOf(p, FILE_READ_PERMISSION);
  if (!reach) return false;
  if (reach.all) return true;
  if (!file.orgId) return false;
  const orgPath = await orgPathOf(db, file.orgId);
  return orgPath !== null && orgInReach(reach, orgPath);
}

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name in filename*. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A single byte range of a Range header, 'unsatisfiable', or null (no header, or one not honoured). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  // One range only; a list of ranges is answered with the whole file (RFC 9110 lets a server ignore Range).
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/**
 * Sends a stored file as a download the browser must not sniff or render in the platform's origin.
 * Private and uncached unless the caller says otherwise (e.g. public blank forms). With `ranges`, a
 * single-range request gets 206 Partial Content (video players seek by asking for ranges); the ETag is
 * the content's SHA-256, so If-Range and caches can tell versions apart.
 */
export function sendStoredFile(
  reply: FastifyReply,
  ctx: AppContext,
  file: StoredFile,
  opts: { cacheControl?: string; ranges?: boolean } = {},
) {
  reply
    .header('content-type', file.mime.startsWith('text/') ? `${file.mime}; charset=utf-8` : file.mime)
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', opts.cacheControl ?? 'private, no-store');
  const disk = opts.ranges ? streamingStore(ctx.files) : null;
  if (disk) {
    const etag = `"${file.sha256}"`;
    reply.header('accept-ranges', 'bytes').header('etag', etag);
    const headers = reply.request.headers;
    const ifRange = headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseRange(headers.range, file.size) : null;
    if (range === 'unsatisfiable') {
      return reply.status(416).header('content-range', `bytes */${file.size}`).send();
    }
    if (range) {
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(disk.streamRange(file, range.start, range.end));
    }
  }
  return reply.header('content-length', String(file.size)).send(ctx.files.stream(file));
}

export async function registerFileRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Multipart parsing is registered in this scope only: no other route accepts multipart bodies.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: ctx.config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
      throwFileSizeLimit: true,
    });

    scope.post(
      '/api/v1/files',
      {
        config: { rateLimit: uploadRateLimit(ctx) },
        schema: {
          tags: ['files'],
          summary: '上传附件',
          description: 'multipart/form-data，字段 file。文件类型按内容识别；返回已保存文件的信息。',
          consumes: ['multipart/form-data'],
          response: { 201: StoredFileSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => {
        const p = signedIn(req);
        requireMultipart(req);
        let data: Buffer;
        let filename: string;
        try {
          const part = await req.file();
          if (!part) throw platformErrors.VALIDATION_FAILED('file', '请选择要上传的文件');
          filename = part.filename;
          data = await part.toBuffer();
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(ctx.config.uploadLimitBytes);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
            throw platformErrors.VALIDATION_FAILED('file', '每次只能上传一个文件');
          }
          throw e;
        }
        const stored = await withTx(ctx.pool, async (tx) => {
          const f = await ctx.files.put(tx, {
            data,
            name: filename,
            purpose: 'attachment',
            ownerUserId: p.userId,
            orgId: p.orgId,
            allowedTypes: DEFAULT_ATTACHMENT_TYPES,
          });
          await ctx.audit.record(tx, actorOf(req), {
            action: 'file.upload',
            objectType: 'file',
            objectId: f.id,
            summary: `上传附件“${f.name}”（${f.mime}，${f.size} 字节）`,
          });
          return f;
        });
        return reply.status(201).send(fileView(stored));
      },
    );

    scope.get(
      '/api/v1/files/:id',
      {
        schema: {
          tags: ['files'],
          summary: '下载文件',
          description: '仅文件上传者或对文件所属机构有 file.read 权限的用户可下载；其他情况一律 404。',
          params: FileIdParamsSchema,
          produces: ['application/octet-stream'],
          response: errorResponses(401, 404),
        },
      },
      async (req, reply) => {
        const p = signedIn(req);
        const { id } = req.params as { id: string };
        const file = await ctx.files.get(ctx.pool, id);
        // One answer for "no such file" and "not yours": the id of someone else's file reveals nothing.
        if (!file || !(await mayReadFile(ctx.pool, p, file))) throw platformErrors.NOT_FOUND();
        const blob = ctx.files.blobPath(file.sha256);
        if (blob && !(await fsp.stat(blob).catch(() => null))) {
          req.log.error({ fileId: file.id, sha256: file.sha256 }, 'blob missing from the file store');
          throw new AppError('FILE_CONTENT_MISSING', {
            status: 500,
            userMessage: '文件内容缺失，请联系管理员',
          });
        }
        // A player seeking in a video asks for many ranges: the opening request (whole, or from byte 0)
        // is the read worth a trace, not each seek.
        const seek = typeof req.headers.range === 'string' && !/^\s*bytes=0-/i.test(req.headers.range);
        if (file.ownerUserId !== p.userId && !(file.mime.startsWith('video/') && seek)) {
          // Staff opening a citizen's attachment is a read of personal material: it leaves a trace.
          await withTx(ctx.pool, (tx) =>
            ctx.audit.record(tx, actorOf(req), {
              action: 'file.download',
              objectType: 'file',
              objectId: file.id,
              summary: `下载文件“${file.name}”`,
            }),
          );
        }
        // Videos are played (and seeked) in the article editor's preview; other downloads come whole.
        return sendStoredFile(reply, ctx, file, { ranges: file.mime.startsWith('video/') });
      },
    );
  });
}
