// Editors upload the video of an article: MP4 or WebM, checked by content (a file renamed .mp4 is
// refused), received from the request stream straight to disk (a 200 MB video is never held in
// memory) and recorded as the editor's file, which becomes public once a published revision shows it.
import type { Readable } from 'node:stream';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { Config } from '../../../platform/config/load-config.ts';
import type { AppContext, StoredFile } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { streamingStore, VIDEO_TYPES } from '../../../platform/files/file-store.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { CMS_ARTICLE_EDIT } from '../cms.permissions.ts';
import { reachFor } from '../cms.scope.ts';

/** Largest article video (`ZT_VIDEO_UPLOAD_LIMIT_BYTES`). */
export function videoLimitBytes(config: Config): number {
  return config.videoUploadLimitBytes;
}

export const VIDEO_PURPOSE = 'cms-video';

export async function uploadArticleVideo(
  ctx: AppContext,
  caller: Principal | null | undefined,
  input: { stream: Readable; filename: string },
  actor: Actor,
): Promise<StoredFile> {
  // Only people who write articles somewhere may put video on the platform's disk.
  reachFor(caller, CMS_ARTICLE_EDIT);
  const p = caller as Principal;
  const store = streamingStore(ctx.files);
  // Only the disk store receives streams today; a remote store would add its own.
  if (!store) throw platformErrors.INTERNAL();
  const blob = await store.stage({
    stream: input.stream,
    name: input.filename,
    allowedTypes: VIDEO_TYPES,
    limitBytes: videoLimitBytes(ctx.config),
  });
  return withTx(ctx.pool, async (tx) => {
    const f = await store.record(tx, blob, { purpose: VIDEO_PURPOSE, ownerUserId: p.userId, orgId: p.orgId });
    await ctx.audit.record(tx, actor, {
      action: 'file.upload',
      objectType: 'file',
      objectId: f.id,
      summary: `上传稿件视频“${f.name}”（${f.mime}，${f.size} 字节）`,
    });
    return f;
  });
}
