import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { createTestDb, testDataDir } from '../../testing/harness.ts';
import type { StoredFile } from '../context.ts';
import { createPool, type Pool, withTx } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';
import { DiskFileStore, sanitizeFileName } from './file-store.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
// A Windows executable starts with "MZ"; this is enough for any content sniffer to call it one.
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800', 'hex'), Buffer.alloc(200)]);

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real 1×1 PNG. */
function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function rejects(
  p: Promise<unknown>,
  code: string,
  status: number,
  messagePart?: string,
): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, e.userMessage);
    assert.equal(e.status, status);
    if (messagePart)
      assert.ok(e.userMessage.includes(messagePart), `“${e.userMessage}” should mention ${messagePart}`);
    return e;
  }
  assert.fail(`expected ${code}`);
}

// One database and data folder for the file (the harness drops them when the file ends).
const pool: Pool = createPool(await createTestDb(), 3);
const dataDir = testDataDir();
const store = new DiskFileStore(dataDir, 4096);
after(() => pool.end());

describe('DiskFileStore', () => {
  const put = (data: Buffer, name: string, allowedTypes?: readonly string[]) =>
    withTx(pool, (tx) => store.put(tx, { data, name, purpose: 'attachment', allowedTypes }));

  test('stores a PDF under its SHA-256 and records blob and file rows', async () => {
    const f = await put(PDF, '营业执照申请表.pdf');
    const sha = createHash('sha256').update(PDF).digest('hex');
    assert.equal(f.sha256, sha);
    assert.equal(f.mime, 'application/pdf');
    assert.equal(f.name, '营业执照申请表.pdf');
    assert.equal(f.size, PDF.length);
    const onDisk = `${dataDir}/files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
    assert.equal(store.blobPath(sha), onDisk);
    assert.deepEqual(fs.readFileSync(onDisk), PDF);
    assert.deepEqual(await store.read(f), PDF);
    const again = await store.get(pool, f.id);
    assert.deepEqual(again, f);
    const blob = await pool.query('SELECT size, mime FROM platform_blob WHERE sha256 = $1', [sha]);
    assert.deepEqual(blob.rows, [{ size: PDF.length, mime: 'application/pdf' }]);
    // No temporary files are left beside the blob.
    assert.deepEqual(fs.readdirSync(`${dataDir}/files/${sha.slice(0, 2)}/${sha.slice(2, 4)}`), [sha]);
  });

  test('the same bytes twice: one blob, not rewritten, two file records', async () => {
    const a = await put(png(), '照片.png');
    const blobFile = store.blobPath(a.sha256);
    const before = fs.statSync(blobFile);
    await new Promise((r) => setTimeout(r, 20));
    const b = await put(png(), '另一张.png');
    assert.equal(a.sha256, b.sha256);
    assert.notEqual(a.id, b.id);
    const after = fs.statSync(blobFile);
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
    const n = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM platform_blob WHERE sha256 = $1',
      [a.sha256],
    );
    assert.equal(n.rows[0]?.n, 1);
  });

  test('a rolled-back transaction leaves no file record', async () => {
    let stored: StoredFile | null = null;
    await assert.rejects(
      withTx(pool, async (tx) => {
        stored = await store.put(tx, {
          data: Buffer.from('退回的附件\n'),
          name: '说明.txt',
          purpose: 'attachment',
        });
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.ok(stored);
    assert.equal(await store.get(pool, (stored as StoredFile).id), null);
  });

  test('refuses a file over the limit, naming the limit', async () => {
    await rejects(put(Buffer.concat([PDF, Buffer.alloc(5000)]), '大文件.pdf'), 'FILE_TOO_LARGE', 413, '4 KB');
  });

  test('refuses an empty file', async () => {
    await rejects(put(Buffer.alloc(0), '空.pdf'), 'FILE_EMPTY', 422);
  });

  test('an executable renamed .pdf is refused by its content', async () => {
    await rejects(put(EXE, '申请材料.pdf'), 'FILE_TYPE_MISMATCH', 415, '.pdf');
    await rejects(put(EXE, 'setup.exe'), 'FILE_TYPE_NOT_ALLOWED', 415, 'application/x-msdownload');
    await rejects(put(EXE, 'setup'), 'FILE_TYPE_NOT_ALLOWED', 415, 'application/x-msdownload');
    const n = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM platform_file WHERE name LIKE 'setup%'`,
    );
    assert.equal(n.rows[0]?.n, 0);
  });

  test('a type the caller does not allow is refused, naming the detected type', async () => {
    await rejects(put(png(), '证件照.png', ['application/pdf']), 'FILE_TYPE_NOT_ALLOWED', 415, 'image/png');
    const ok = await put(png(), '证件照.png', ['application/pdf', 'image/png']);
    assert.equal(ok.mime, 'image/png');
  });

  test('a PDF named .png or .jpg is refused; .jpeg is a spelling of .jpg', async () => {
    await rejects(put(PDF, '扫描件.png'), 'FILE_TYPE_MISMATCH', 415);
    await rejects(put(png(), '扫描件.jpeg'), 'FILE_TYPE_MISMATCH', 415, 'image/png');
  });

  test('a Word 97 document is recognised by container and extension', async () => {
    const cfb = Buffer.alloc(1024);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(cfb);
    const doc = await put(cfb, '旧版申请书.doc');
    assert.equal(doc.mime, 'application/msword');
    // An installer is the same container; its name does not make it a document.
    await rejects(put(cfb, 'installer.msi'), 'FILE_TYPE_MISMATCH', 415);
  });

  test('UTF-8 text and CSV are accepted only when listed; other encodings and binary are not', async () => {
    const csv = Buffer.from('\ufeff姓名,事项\n张三,营业执照\n');
    const f = await put(csv, '名单.csv');
    assert.equal(f.mime, 'text/csv');
    await rejects(put(csv, '名单.csv', ['application/pdf']), 'FILE_TYPE_NOT_ALLOWED', 415, 'text/csv');
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xd3, 0xaa, 0xd2, 0xb5, 0x0a]); // "张三,营业" in GBK
    await rejects(put(gbk, '名单.csv'), 'FILE_TYPE_NOT_ALLOWED', 415, 'UTF-8');
    await rejects(put(Buffer.from('abc\0def'), '数据.txt'), 'FILE_TYPE_NOT_ALLOWED', 415);
    // HTML is text, but a name that says .html must not be stored as something a browser would run.
    await rejects(put(Buffer.from('<script>alert(1)</script>'), 'page.html'), 'FILE_TYPE_MISMATCH', 415);
  });

  test('names without a meaningful extension get the detected one', async () => {
    assert.equal((await put(PDF, '营业执照')).name, '营业执照.pdf');
    assert.equal((await put(PDF, '报告v1.2')).name, '报告v1.2.pdf');
    assert.equal((await put(Buffer.from('备注\n'), '备注')).name, '备注.txt');
    assert.equal((await put(PDF, '')).name, '未命名.pdf');
  });

  test('file names are sanitised but keep Chinese', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('C:\\Users\\张三\\申请表.pdf'), '申请表.pdf');
    // U+202E turns "evil‮gpj.exe" into what looks like "evilexe.jpg" on screen.
    assert.equal(sanitizeFileName('evil\u202egpj.exe'), 'evilgpj.exe');
    assert.equal(sanitizeFileName('a\r\nb\tc\u0000.pdf'), 'abc.pdf');
    assert.equal(sanitizeFileName('.htaccess'), 'htaccess');
    assert.equal(sanitizeFileName('报告.pdf. . '), '报告.pdf');
    assert.equal(sanitizeFileName('a<b>:c"d|e?f*.pdf'), 'a_b__c_d_e_f_.pdf');
    assert.equal(sanitizeFileName('CON.txt'), '_CON.txt');
    const long = sanitizeFileName(`${'长'.repeat(300)}.pdf`);
    assert.equal([...long].length, 180);
    assert.ok(long.endsWith('长.pdf'));
  });

  test('unknown ids and malformed ids read as missing', async () => {
    assert.equal(await store.get(pool, '0190e0b4-0000-7000-8000-000000000000'), null);
    assert.equal(await store.get(pool, "1' OR '1'='1"), null);
    assert.throws(() => store.blobPath('../../etc/passwd'));
  });
});
