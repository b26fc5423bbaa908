// Video in articles over HTTP: editors upload MP4/WebM (streamed, checked by content, limited in size),
// disguised files are refused with a machine code and a Chinese message, the body keeps only video
// played from our own article files, the public page shows it with controls, and the public file route
// answers Range requests with 206 so players can seek.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mp4Sample, webmSample } from '../../platform/files/video-samples.ts';
import { as, json, multipartFile, type Session } from '../../testing/harness.ts';
import { makeCitizen } from '../licensing/testing.ts';
import { sanitizeArticleHtml } from './cms.sanitize.ts';
import { CMS_USERS, cmsSetup } from './testing.ts';

const LIMIT = 3 * 1024 * 1024;
const s = await cmsSetup({ config: { videoUploadLimitBytes: LIMIT } });

function upload(session: Session | null, filename: string, data: Buffer, url = '/api/v1/cms/videos') {
  const m = multipartFile(filename, data, 'video/mp4');
  return s.app.inject({
    method: 'POST',
    url,
    payload: m.payload,
    headers: { ...m.headers, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
  });
}

interface Stored {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** The opening tag of the first <video> in html, as a set of its attributes (name → value). */
function videoTag(html: string): Map<string, string> {
  const m = /<video\b([^>]*)>/.exec(html);
  assert.ok(m, `no <video> in ${html.slice(0, 200)}`);
  return new Map(
    [...(m[1] as string).matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] as string, a[2] ?? '']),
  );
}

const editor = await s.signIn(CMS_USERS.qtEditor);
const reviewer = await s.signIn(CMS_USERS.qtReviewer);

/** The editor submits the article, the reviewer publishes it; its public page on the 青田县 site. */
async function publishedPage(articleId: string): Promise<{ statusCode: number; body: string }> {
  assert.equal((await as(s.app, editor)('POST', `/api/v1/articles/${articleId}/submit`)).statusCode, 200);
  const pub = await as(s.app, reviewer)('POST', `/api/v1/articles/${articleId}/publish`);
  assert.equal(json<{ status: string }>(pub).status, 'published', pub.body);
  await s.ctx.jobs.drain();
  const page = await s.app.inject({ method: 'GET', url: `/sites/qingtian/articles/${articleId}` });
  assert.equal(page.statusCode, 200);
  return page;
}

test('an editor uploads MP4 and WebM larger than a JSON body; disguised, foreign and oversized files are refused', async () => {
  // 2 MB: more than the request body limit, streamed to disk.
  const big = mp4Sample('mp42', ['mp42', 'isom'], 2 * 1024 * 1024);
  const res = await upload(editor, '县长走基层.mp4', big);
  assert.equal(res.statusCode, 201, res.body);
  const mp4 = json<Stored>(res);
  assert.equal(mp4.mime, 'video/mp4');
  assert.equal(mp4.size, big.length);
  assert.equal(mp4.name, '县长走基层.mp4');
  const webm = json<Stored>(await upload(editor, '采访', webmSample()));
  assert.equal(webm.mime, 'video/webm');
  assert.equal(webm.name, '采访.webm');

  const disguised = [
    ['page.mp4', Buffer.from('<!doctype html><script>alert(1)</script>')],
    [
      'setup.mp4',
      Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800', 'hex'), Buffer.alloc(300)]),
    ],
    ['movie.webm', mp4Sample()],
  ] as const;
  for (const [name, data] of disguised) {
    const r = await upload(editor, name, data);
    assert.equal(r.statusCode, 415, `${name}: ${r.body}`);
    const err = json<{ error: { code: string; message: string } }>(r).error;
    assert.equal(err.code, 'FILE_TYPE_MISMATCH');
    assert.match(err.message, /文件扩展名.*与文件内容.*不符/);
  }
  const image = await upload(editor, 'still', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
  assert.equal(image.statusCode, 415);
  assert.equal(json<{ error: { code: string } }>(image).error.code, 'FILE_TYPE_NOT_ALLOWED');

  const tooBig = await upload(editor, 'long.mp4', mp4Sample('isom', ['isom'], LIMIT));
  assert.equal(tooBig.statusCode, 413, tooBig.body);
  const tb = json<{ error: { code: string; message: string } }>(tooBig).error;
  assert.equal(tb.code, 'FILE_TOO_LARGE');
  assert.match(tb.message, /不能超过 3 MB/);

  // Nobody else may fill the disk with video; the shared attachment route still refuses it.
  assert.equal((await upload(null, 'a.mp4', mp4Sample())).statusCode, 401);
  const citizen = await makeCitizen(s.app, s.ctx, 'video.citizen');
  assert.equal((await upload(citizen.session, 'a.mp4', mp4Sample())).statusCode, 403);
  const generic = await upload(editor, 'a.mp4', mp4Sample(), '/api/v1/files');
  assert.equal(generic.statusCode, 415);
});

test('the sanitiser keeps video from our article files only, always with controls and never autoplaying', () => {
  const id = '01900000-0000-7000-8000-00000000abcd';
  const own = `/api/v1/cms/files/${id}`;
  const kept = sanitizeArticleHtml(
    `<figure class="cms-video-figure"><video src="${own}" autoplay loop muted onplay="x()" preload="auto" poster="https://evil.example/p.jpg">看不到？<a href="${own}">下载视频</a></video><figcaption>县长走基层</figcaption></figure>`,
  );
  assert.deepEqual(
    videoTag(kept),
    new Map([
      ['src', own],
      ['preload', 'metadata'],
      ['controls', ''],
    ]),
  );
  assert.doesNotMatch(kept, /autoplay|loop|muted|onplay|evil/);
  assert.match(kept, /<figure class="cms-video-figure">/);
  assert.match(kept, /<figcaption>县长走基层<\/figcaption>/);
  const sources = sanitizeArticleHtml(
    `<video><source src="${own}" type="video/mp4"><source src="https://cdn.example/x.mp4" type="video/mp4"><track src="${own}" kind="captions" srclang="zh" label="中文字幕"></video>`,
  );
  assert.match(
    sources,
    new RegExp(`<source src="${own}" type="video/mp4" />|<source src="${own}" type="video/mp4">`),
  );
  assert.doesNotMatch(sources, /cdn\.example/);
  assert.match(sources, /<track src="[^"]+" kind="captions" srclang="zh" label="中文字幕"/);

  for (const foreign of [
    'https://evil.example/v.mp4',
    '//evil.example/v.mp4',
    'javascript:alert(1)',
    `https://www.qingtian.gov.cn${own}`,
    '/api/v1/files/01900000-0000-7000-8000-00000000abcd',
    '/sites/qingtian/articles/x.mp4',
  ]) {
    assert.doesNotMatch(
      sanitizeArticleHtml(`<p>前</p><video src="${foreign}" controls></video>`),
      /<video/,
      foreign,
    );
    assert.doesNotMatch(
      sanitizeArticleHtml(`<video controls><source src="${foreign}"></video><p>后</p>`),
      /<video|<source/,
      foreign,
    );
  }
});

test('a published article plays its video; the public file answers Range requests with 206', async () => {
  const data = mp4Sample('isom', ['isom', 'avc1'], 10_000);
  const video = json<Stored>(await upload(editor, '宣传片.mp4', data));
  const col = await s.col('qingtian', 'zwdt');
  const src = `/api/v1/cms/files/${video.id}`;
  const ed = as(s.app, editor);
  const created = await ed('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: col,
    title: '青田宣传片发布',
    body: `<p>宣传片如下。</p><figure class="cms-video-figure"><video src="${src}" autoplay>您的浏览器不能播放视频，请<a href="${src}">下载视频</a>。</video><figcaption>青田宣传片（时长 3 分钟）</figcaption></figure>`,
  });
  assert.equal(created.statusCode, 201, created.body);
  const article = json<{ id: string; body: string }>(created);
  assert.doesNotMatch(article.body, /autoplay/);

  // Not public before publication.
  assert.equal((await s.app.inject({ method: 'GET', url: src })).statusCode, 404);
  const page = await publishedPage(article.id);
  const body = page.body.slice(page.body.indexOf('class="cms-body"'));
  const tag = videoTag(body);
  assert.equal(tag.get('src'), src);
  assert.ok(tag.has('controls') && !tag.has('autoplay'));
  assert.match(page.body, /<figcaption>青田宣传片（时长 3 分钟）<\/figcaption>/);

  const whole = await s.app.inject({ method: 'GET', url: src });
  assert.equal(whole.statusCode, 200);
  assert.equal(whole.headers['content-type'], 'video/mp4');
  assert.equal(whole.headers['accept-ranges'], 'bytes');
  assert.equal(whole.rawPayload.length, data.length);
  const etag = String(whole.headers.etag);

  const part = await s.app.inject({ method: 'GET', url: src, headers: { range: 'bytes=100-199' } });
  assert.equal(part.statusCode, 206);
  assert.equal(part.headers['content-range'], `bytes 100-199/${data.length}`);
  assert.equal(part.headers['content-length'], '100');
  assert.ok(part.rawPayload.equals(data.subarray(100, 200)));
  const tail = await s.app.inject({ method: 'GET', url: src, headers: { range: 'bytes=-16' } });
  assert.equal(tail.statusCode, 206);
  assert.ok(tail.rawPayload.equals(data.subarray(data.length - 16)));
  const open = await s.app.inject({
    method: 'GET',
    url: src,
    headers: { range: `bytes=${data.length - 10}-` },
  });
  assert.equal(open.statusCode, 206);
  assert.equal(open.rawPayload.length, 10);
  const past = await s.app.inject({ method: 'GET', url: src, headers: { range: `bytes=${data.length}-` } });
  assert.equal(past.statusCode, 416);
  assert.equal(past.headers['content-range'], `bytes */${data.length}`);
  // If-Range with another version's tag: the whole (current) file.
  const stale = await s.app.inject({
    method: 'GET',
    url: src,
    headers: { range: 'bytes=0-9', 'if-range': '"0000"' },
  });
  assert.equal(stale.statusCode, 200);
  const fresh = await s.app.inject({
    method: 'GET',
    url: src,
    headers: { range: 'bytes=0-9', 'if-range': etag },
  });
  assert.equal(fresh.statusCode, 206);
});

test('a body video must be a video file the editor may use', async () => {
  const ed = as(s.app, editor);
  const col = await s.col('qingtian', 'zwdt');
  // Another county's editor's upload is not this editor's to publish.
  const cityEditor = await s.signIn(CMS_USERS.cityEditor);
  const theirs = json<Stored>(await upload(cityEditor, 'city.webm', webmSample()));
  const res = await ed('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: col,
    title: '借用视频',
    body: `<video src="/api/v1/cms/files/${theirs.id}"></video>`,
  });
  assert.equal(res.statusCode, 422, res.body);
  // Nor can a document of one's own be played as video.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
  const doc = json<Stored>(await upload(editor, '通知.pdf', pdf, '/api/v1/files'));
  const asVideo = await ed('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: col,
    title: '文档当视频',
    body: `<video src="/api/v1/cms/files/${doc.id}"></video>`,
  });
  assert.equal(asVideo.statusCode, 422, asVideo.body);
  assert.match(asVideo.body, /视频应为 MP4 或 WebM 视频文件/);
});

const VTT =
  '\uFEFFWEBVTT\n\n00:00:00.000 --> 00:00:03.000\n青田县县长走访侨资企业\n\n00:00:03.000 --> 00:00:06.000\n了解企业用工需求\n';

test('captions: an editor uploads WebVTT; SRT, binary, video and oversized files are refused; the published video shows them', async () => {
  const ok = await upload(editor, '走基层字幕.vtt', Buffer.from(VTT), '/api/v1/cms/captions');
  assert.equal(ok.statusCode, 201, ok.body);
  const captions = json<Stored>(ok);
  assert.equal(captions.mime, 'text/vtt');
  assert.equal(captions.name, '走基层字幕.vtt');

  const refusals = [
    ['srt.vtt', Buffer.from('1\n00:00:01,000 --> 00:00:03,000\n字幕\n'), 415, 'FILE_TYPE_MISMATCH', /WEBVTT/],
    ['png.vtt', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 415, 'FILE_TYPE_MISMATCH', /不符/],
    ['clip.mp4', mp4Sample(), 415, 'FILE_TYPE_NOT_ALLOWED', /./],
    ['subs.txt', Buffer.from('WEBVTT\n'), 415, 'FILE_TYPE_MISMATCH', /不符/],
    ['long.vtt', Buffer.from(`WEBVTT\n${'字'.repeat(400_000)}`), 413, 'FILE_TOO_LARGE', /不能超过 1 MB/],
  ] as const;
  for (const [name, data, status, code, message] of refusals) {
    const r = await upload(editor, name, data, '/api/v1/cms/captions');
    assert.equal(r.statusCode, status, `${name}: ${r.body}`);
    const err = json<{ error: { code: string; message: string } }>(r).error;
    assert.equal(err.code, code, name);
    assert.match(err.message, message, name);
  }
  assert.equal((await upload(null, 'a.vtt', Buffer.from(VTT), '/api/v1/cms/captions')).statusCode, 401);
  const citizen = await makeCitizen(s.app, s.ctx, 'captions.citizen');
  const forbidden = await upload(citizen.session, 'a.vtt', Buffer.from(VTT), '/api/v1/cms/captions');
  assert.equal(forbidden.statusCode, 403);
  // Captions are article media, not an attachment type.
  assert.equal((await upload(editor, 'a.vtt', Buffer.from(VTT), '/api/v1/files')).statusCode, 415);

  const video = json<Stored>(await upload(editor, '走基层.webm', webmSample()));
  const src = `/api/v1/cms/files/${video.id}`;
  const track = `/api/v1/cms/files/${captions.id}`;
  const ed = as(s.app, editor);
  const col = await s.col('qingtian', 'zwdt');
  // A track must be captions: the video file itself is refused as one.
  const wrong = await ed('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: col,
    title: '字幕用错文件',
    body: `<video src="${src}"><track kind="captions" src="${src}"></video>`,
  });
  assert.equal(wrong.statusCode, 422, wrong.body);
  assert.match(wrong.body, /视频字幕应为 WebVTT/);

  const created = await ed('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: col,
    title: '县长走基层（带字幕）',
    body: `<figure class="cms-video-figure"><video src="${src}"><track kind="captions" src="${track}" default><track kind="captions" src="https://evil.example/x.vtt"></video><figcaption>县长走基层</figcaption></figure>`,
  });
  assert.equal(created.statusCode, 201, created.body);
  const article = json<{ id: string }>(created);
  assert.equal(
    (await s.app.inject({ method: 'GET', url: track })).statusCode,
    404,
    'not public before publication',
  );
  const page = await publishedPage(article.id);
  const tracks = [...page.body.matchAll(/<track\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(tracks.length, 1, tracks.join('\n'));
  assert.match(tracks[0] as string, new RegExp(`src="${track}"`));
  assert.match(tracks[0] as string, /kind="captions"/);
  assert.match(tracks[0] as string, /srclang="zh"/);
  assert.match(tracks[0] as string, /label="中文字幕"/);
  assert.doesNotMatch(page.body, /<\/track>|evil\.example/);
  const file = await s.app.inject({ method: 'GET', url: track });
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'text/vtt; charset=utf-8');
  assert.equal(file.body, VTT);
});

test('a reviewer previewing an editor’s video leaves one audit entry per viewing, not one per seek', async () => {
  const video = json<Stored>(await upload(editor, '预览.mp4', mp4Sample('isom', ['isom'], 20_000)));
  const url = `/api/v1/files/${video.id}`;
  const count = async () =>
    Number(
      (
        await s.ctx.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM aud_entry WHERE action = 'file.download' AND object_id = $1`,
          [video.id],
        )
      ).rows[0]?.n,
    );
  const get = (range?: string) =>
    s.app.inject({
      method: 'GET',
      url,
      headers: { cookie: reviewer.cookie, ...(range ? { range } : {}) },
    });
  assert.equal((await get('bytes=0-')).statusCode, 206);
  assert.equal(await count(), 1);
  for (const r of ['bytes=5000-', 'bytes=10000-10999', 'bytes=-500'])
    assert.equal((await get(r)).statusCode, 206);
  assert.equal(await count(), 1, 'seeks are not separate reads');
  assert.equal((await get()).statusCode, 200);
  assert.equal(await count(), 2, 'a whole download is');
  // The uploader's own previews are never audited.
  await s.app.inject({ method: 'GET', url, headers: { cookie: editor.cookie, range: 'bytes=0-' } });
  assert.equal(await count(), 2);
});
