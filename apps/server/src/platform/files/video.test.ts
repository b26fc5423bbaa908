// Video in the file store: MP4 and WebM recognised by their first bytes (not by name or declared type),
// files renamed .mp4 refused, other callers' attachment lists unchanged, streamed uploads kept off the
// heap and refused over their limit, and the Range header parsed for 206 answers.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { createTestDb, testDataDir } from '../../testing/harness.ts';
import { createPool, type Pool, withTx } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';
import { parseRange } from './file-routes.ts';
import {
  DEFAULT_ATTACHMENT_TYPES,
  DiskFileStore,
  detectType,
  sniffVideo,
  VIDEO_TYPES,
} from './file-store.ts';
import { mp4Sample, webmSample } from './video-samples.ts';

const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>\n');
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800', 'hex'), Buffer.alloc(200)]);
const ELF = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(200)]);

async function refused(p: Promise<unknown>, code: string, status = 415): Promise<AppError> {
  const e = await p.then(
    () => assert.fail(`expected ${code}`),
    (err: unknown) => err,
  );
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.code, code);
  assert.equal(e.status, status);
  assert.match(e.userMessage, /\p{Script=Han}/u, 'a Chinese message');
  return e;
}

describe('sniffVideo', () => {
  test('MP4 by its ftyp brand, WebM by its EBML DocType', () => {
    for (const brand of ['isom', 'iso2', 'mp41', 'mp42', 'avc1'])
      assert.equal(sniffVideo(mp4Sample(brand, [brand])), 'video/mp4', brand);
    // An unknown major brand with a playable compatible brand is still MP4.
    assert.equal(sniffVideo(mp4Sample('XAVC', ['XAVC', 'mp42'])), 'video/mp4');
    assert.equal(sniffVideo(webmSample()), 'video/webm');
  });

  test('QuickTime, HEIF, M4A, Matroska and anything else are not these videos', () => {
    assert.equal(sniffVideo(mp4Sample('qt  ', ['qt  ', 'isom'])), null);
    assert.equal(sniffVideo(mp4Sample('heic', ['mif1', 'heic'])), null);
    assert.equal(sniffVideo(mp4Sample('M4A ', ['M4A '])), null);
    assert.equal(sniffVideo(webmSample('matroska')), null);
    assert.equal(sniffVideo(HTML), null);
    assert.equal(sniffVideo(Buffer.from('ftypisom')), null);
    // A box size that cannot be is refused rather than read past.
    const bad = mp4Sample();
    bad.writeUInt32BE(3, 0);
    assert.equal(sniffVideo(bad), null);
  });
});

describe('detectType with the video list', () => {
  test('accepts MP4 and WebM whatever they are called, adding the extension when there is none', async () => {
    assert.deepEqual(await detectType(mp4Sample(), '发布会.mp4', VIDEO_TYPES), {
      mime: 'video/mp4',
      name: '发布会.mp4',
    });
    assert.equal((await detectType(mp4Sample(), 'clip.m4v', VIDEO_TYPES)).mime, 'video/mp4');
    assert.deepEqual(await detectType(webmSample(), '发布会', VIDEO_TYPES), {
      mime: 'video/webm',
      name: '发布会.webm',
    });
  });

  test('a page or a program renamed .mp4 is refused by its content', async () => {
    await refused(detectType(HTML, 'video.mp4', VIDEO_TYPES), 'FILE_TYPE_MISMATCH');
    await refused(detectType(EXE, 'video.mp4', VIDEO_TYPES), 'FILE_TYPE_MISMATCH');
    await refused(detectType(ELF, 'video.webm', VIDEO_TYPES), 'FILE_TYPE_MISMATCH');
    // A video named like something else is refused too; an image is not a video.
    await refused(detectType(webmSample(), 'video.mp4', VIDEO_TYPES), 'FILE_TYPE_MISMATCH');
    await refused(detectType(mp4Sample(), 'report.pdf', VIDEO_TYPES), 'FILE_TYPE_MISMATCH');
    await refused(detectType(HTML, 'page', VIDEO_TYPES), 'FILE_TYPE_NOT_ALLOWED');
    await refused(detectType(webmSample('matroska'), 'film.mkv', VIDEO_TYPES), 'FILE_TYPE_NOT_ALLOWED');
    await refused(detectType(mp4Sample('qt  ', ['qt  ']), 'film.mov', VIDEO_TYPES), 'FILE_TYPE_NOT_ALLOWED');
  });

  test('other callers’ attachment list still refuses video', async () => {
    const e = await refused(
      detectType(mp4Sample(), 'clip.mp4', DEFAULT_ATTACHMENT_TYPES),
      'FILE_TYPE_NOT_ALLOWED',
    );
    assert.match(e.userMessage, /video\/mp4/);
    assert.ok(!DEFAULT_ATTACHMENT_TYPES.some((t) => t.startsWith('video/')));
  });
});

const pool: Pool = createPool(await createTestDb(), 3);
after(() => pool.end());

describe('DiskFileStore.stage (streamed uploads)', () => {
  const store = new DiskFileStore(testDataDir(), 1024);
  const incoming = () => {
    const dir = path.join(store.root, '.incoming');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  /** The bytes as a stream of 64 KB chunks, as a request body arrives. */
  const streamOf = (data: Buffer) =>
    Readable.from(
      (function* () {
        for (let i = 0; i < data.length; i += 65_536) yield data.subarray(i, i + 65_536);
      })(),
    );

  test('a video larger than the buffered-upload limit is written to disk by stream and recorded', async () => {
    const video = mp4Sample('mp42', ['mp42', 'isom'], 3 * 1024 * 1024);
    const blob = await store.stage({
      stream: streamOf(video),
      name: '会议.mp4',
      allowedTypes: VIDEO_TYPES,
      limitBytes: 10 * 1024 * 1024,
    });
    assert.equal(blob.size, video.length);
    assert.equal(blob.sha256, createHash('sha256').update(video).digest('hex'));
    assert.equal(blob.mime, 'video/mp4');
    assert.ok(fs.readFileSync(store.blobPath(blob.sha256)).equals(video));
    const f = await withTx(pool, (tx) => store.record(tx, blob, { purpose: 'cms-video' }));
    assert.equal(f.size, video.length);
    assert.equal(f.mime, 'video/mp4');
    assert.deepEqual(incoming(), []);
  });

  test('over the limit, disguised or empty: refused and nothing is left behind', async () => {
    const big = webmSample('webm', 200_000);
    await refused(
      store.stage({ stream: streamOf(big), name: 'a.webm', allowedTypes: VIDEO_TYPES, limitBytes: 100_000 }),
      'FILE_TOO_LARGE',
      413,
    );
    const page = Buffer.concat([HTML, Buffer.alloc(100_000, 0x20)]);
    await refused(
      store.stage({
        stream: streamOf(page),
        name: 'a.mp4',
        allowedTypes: VIDEO_TYPES,
        limitBytes: 1_000_000,
      }),
      'FILE_TYPE_MISMATCH',
    );
    await refused(
      store.stage({
        stream: streamOf(Buffer.alloc(0)),
        name: 'a.mp4',
        allowedTypes: VIDEO_TYPES,
        limitBytes: 10,
      }),
      'FILE_EMPTY',
      422,
    );
    assert.deepEqual(incoming(), []);
  });
});

test('parseRange: one byte range, suffixes, open ends; lists and nonsense ignored; past the end unsatisfiable', () => {
  assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 });
  assert.deepEqual(parseRange('bytes=900-', 1000), { start: 900, end: 999 });
  assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 });
  assert.deepEqual(parseRange('bytes=500-5000', 1000), { start: 500, end: 999 });
  assert.deepEqual(parseRange('bytes=-5000', 1000), { start: 0, end: 999 });
  assert.equal(parseRange(undefined, 1000), null);
  assert.equal(parseRange('bytes=0-1,5-6', 1000), null);
  assert.equal(parseRange('items=0-1', 1000), null);
  assert.equal(parseRange('bytes=9-3', 1000), null);
  assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable');
  assert.equal(parseRange('bytes=-0', 1000), 'unsatisfiable');
});
