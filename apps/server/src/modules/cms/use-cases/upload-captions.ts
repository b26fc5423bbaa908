// Editors upload the captions of an article video: a WebVTT file (checked by content: UTF-8 text that
// opens with "WEBVTT"), small enough to read whole. The body's <track> then points at it; the file
// becomes public with the published revision that shows it, like the video itself.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { CAPTION_TYPES, fileTooLarge } from '../../../platform/files/file-store.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { CMS_ARTICLE_EDIT } from '../cms.permissions.ts';
import { reachFor } from '../cms.scope.ts';

/** Largest captions file: an hour of dense subtitles is about 100 KB. */
export const CAPTIONS_LIMIT_BYTES = 1024 * 1024;

export const CAPTIONS_PURPOSE = 'cms-captions';

export async function uploadArticleCaptions(
  ctx: AppContext,
  caller: Principal | null | undefined,
  /** `truncated`: the upload stopped at the size limit (the rest was never read). */
  input: { data: Buffer; filename: string; truncated?: boolean },
  actor: Actor,
): Promise<StoredFile> {
  reachFor(caller, CMS_ARTICLE_EDIT);
  const p = caller as Principal;
  if (input.truncated || input.data.length > CAPTIONS_LIMIT_BYTES) throw fileTooLarge(CAPTIONS_LIMIT_BYTES);
  return withTx(ctx.pool, async (tx) => {
    const f = await ctx.files.put(tx, {
      data: input.data,
      name: input.filename,
      allowedTypes: CAPTION_TYPES,
      purpose: CAPTIONS_PURPOSE,
      ownerUserId: p.userId,
      orgId: p.orgId,
    });
    await ctx.audit.record(tx, actor, {
      action: 'file.upload',
      objectType: 'file',
      objectId: f.id,
      summary: `上传视频字幕“${f.name}”（${f.size} 字节）`,
    });
    return f;
  });
}
