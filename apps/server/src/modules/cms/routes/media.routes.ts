// Article media uploads, each with multipart parsing in its own scope: video streamed to the file store
// (never buffered whole) up to the video size limit, and its WebVTT captions read whole up to 1 MB.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import {
  fileView,
  requireMultipart,
  StoredFileSchema,
  uploadRateLimit,
} from '../../../platform/files/file-routes.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { signedIn } from '../../../platform/http/principal.ts';
import { CAPTIONS_LIMIT_BYTES, uploadArticleCaptions } from '../use-cases/upload-captions.ts';
import { uploadArticleVideo, videoLimitBytes } from '../use-cases/upload-video.ts';

/** The one file part of an upload, or a 400 naming the field when there is none or more than one. */
async function onePart(req: FastifyRequest, missing: string, many: string) {
  signedIn(req);
  requireMultipart(req);
  let part: Awaited<ReturnType<typeof req.file>>;
  try {
    part = await req.file();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw platformErrors.VALIDATION_FAILED('file', many);
    throw e;
  }
  if (!part) throw platformErrors.VALIDATION_FAILED('file', missing);
  return part;
}

type FilePart = NonNullable<Awaited<ReturnType<FastifyRequest['file']>>>;

/**
 * One upload route in its own multipart scope: a single file part up to `limitBytes` (one byte over
 * reaches the use case, which refuses the file as too large), rate-limited, answering 201 with the file.
 */
async function uploadRoute(
  app: FastifyInstance,
  ctx: AppContext,
  route: {
    url: string;
    limitBytes: number;
    summary: string;
    description: string;
    /** What to say when the file part is missing, and when there is more than one. */
    missing: string;
    many: string;
    store: (req: FastifyRequest, part: FilePart) => Promise<StoredFile>;
  },
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: route.limitBytes + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
      throwFileSizeLimit: false,
    });
    scope.post(
      route.url,
      {
        config: { rateLimit: uploadRateLimit(ctx) },
        schema: {
          tags: ['网站稿件'],
          summary: route.summary,
          description: route.description,
          consumes: ['multipart/form-data'],
          response: { 201: StoredFileSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => {
        const part = await onePart(req, route.missing, route.many);
        return reply.status(201).send(fileView(await route.store(req, part)));
      },
    );
  });
}

export async function registerMediaRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await uploadRoute(app, ctx, {
    url: '/api/v1/cms/videos',
    limitBytes: videoLimitBytes(ctx.config),
    summary: '上传稿件视频（MP4 或 WebM）',
    description:
      'multipart/form-data，字段 file。须有撰写稿件的权限。按文件内容识别：MP4（ftyp 品牌 isom、iso2、mp41、mp42、avc1 等）或 WebM（EBML 头，DocType 为 webm），改了扩展名的其他文件一律拒绝（415 FILE_TYPE_MISMATCH 或 FILE_TYPE_NOT_ALLOWED）；超过大小上限（默认 200 MB）为 413 FILE_TOO_LARGE。文件直接写入磁盘，不整体读入内存。插入正文时使用 /api/v1/cms/files/{id}。',
    missing: '请选择要上传的视频文件',
    many: '每次只能上传一个视频文件',
    store: (req, part) =>
      uploadArticleVideo(ctx, req.principal, { stream: part.file, filename: part.filename }, actorOf(req)),
  });
  await uploadRoute(app, ctx, {
    url: '/api/v1/cms/captions',
    limitBytes: CAPTIONS_LIMIT_BYTES,
    summary: '上传视频字幕（WebVTT）',
    description:
      'multipart/form-data，字段 file。须有撰写稿件的权限。字幕须为 UTF-8 编码的 WebVTT 文件（.vtt，第一行为 WEBVTT），否则 415 FILE_TYPE_MISMATCH 或 FILE_TYPE_NOT_ALLOWED；超过 1 MB 为 413 FILE_TOO_LARGE。正文中以 <video> 内的 <track kind="captions" src="/api/v1/cms/files/{id}"> 引用，随稿件发布公开。',
    missing: '请选择要上传的字幕文件',
    many: '每次只能上传一个字幕文件',
    store: async (req, part) => {
      const data = await part.toBuffer();
      return uploadArticleCaptions(
        ctx,
        req.principal,
        { data, truncated: part.file.truncated, filename: part.filename },
        actorOf(req),
      );
    },
  });
}
