// Article media uploads, each with multipart parsing in its own scope: video streamed to the file store
// (never buffered whole) up to the video size limit, and its WebVTT captions read whole up to 1 MB.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
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

export async function registerMediaRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const limit = videoLimitBytes(ctx.config);
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // One byte over the limit reaches the store, which then refuses the file as too large.
      limits: { fileSize: limit + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
      throwFileSizeLimit: false,
    });

    scope.post(
      '/api/v1/cms/videos',
      {
        config: { rateLimit: uploadRateLimit(ctx) },
        schema: {
          tags: ['网站稿件'],
          summary: '上传稿件视频（MP4 或 WebM）',
          description:
            'multipart/form-data，字段 file。须有撰写稿件的权限。按文件内容识别：MP4（ftyp 品牌 isom、iso2、mp41、mp42、avc1 等）或 WebM（EBML 头，DocType 为 webm），改了扩展名的其他文件一律拒绝（415 FILE_TYPE_MISMATCH 或 FILE_TYPE_NOT_ALLOWED）；超过大小上限（默认 200 MB）为 413 FILE_TOO_LARGE。文件直接写入磁盘，不整体读入内存。插入正文时使用 /api/v1/cms/files/{id}。',
          consumes: ['multipart/form-data'],
          response: { 201: StoredFileSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => {
        const part = await onePart(req, '请选择要上传的视频文件', '每次只能上传一个视频文件');
        const stored = await uploadArticleVideo(
          ctx,
          req.principal,
          { stream: part.file, filename: part.filename },
          actorOf(req),
        );
        return reply.status(201).send(fileView(stored));
      },
    );
  });

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: CAPTIONS_LIMIT_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
      throwFileSizeLimit: false,
    });

    scope.post(
      '/api/v1/cms/captions',
      {
        config: { rateLimit: uploadRateLimit(ctx) },
        schema: {
          tags: ['网站稿件'],
          summary: '上传视频字幕（WebVTT）',
          description:
            'multipart/form-data，字段 file。须有撰写稿件的权限。字幕须为 UTF-8 编码的 WebVTT 文件（.vtt，第一行为 WEBVTT），否则 415 FILE_TYPE_MISMATCH 或 FILE_TYPE_NOT_ALLOWED；超过 1 MB 为 413 FILE_TOO_LARGE。正文中以 <video> 内的 <track kind="captions" src="/api/v1/cms/files/{id}"> 引用，随稿件发布公开。',
          consumes: ['multipart/form-data'],
          response: { 201: StoredFileSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => {
        const part = await onePart(req, '请选择要上传的字幕文件', '每次只能上传一个字幕文件');
        const data = await part.toBuffer();
        const stored = await uploadArticleCaptions(
          ctx,
          req.principal,
          { data, truncated: part.file.truncated, filename: part.filename },
          actorOf(req),
        );
        return reply.status(201).send(fileView(stored));
      },
    );
  });
}
