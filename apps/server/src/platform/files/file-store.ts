// The content-addressed file store on disk. A blob is named by the SHA-256 of its bytes and never
// changes, so the same attachment uploaded twice is stored once and a backup can copy blobs after
// reading the rows that reference them. The type of a file is decided by its content, never by the
// name a user gave it: a renamed executable is refused whatever it is called.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { FilePutInput, FileStore, StoredFile } from '../context.ts';
import { type Clock, systemClock } from '../db/clock.ts';
import { newId, UUID_RE } from '../db/ids.ts';
import type { Queryable, Tx } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';

/** What citizens and staff attach to applications, letters and documents when a caller names no list. */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = [
  'application/pdf',
  'application/ofd',
  'image/jpeg',
  'image/png',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/kswps',
  'application/kset',
  'application/ksdps',
  'text/plain',
  'text/csv',
];

/**
 * Video that browsers play without a plug-in: MP4 (ISO base media file, H.264/AAC) and WebM. Allowed
 * only where a caller names them (article media); nobody else's attachments change.
 */
export const VIDEO_TYPES: readonly string[] = ['video/mp4', 'video/webm'];

/** Captions of an article video (WebVTT, the format browsers read for <track>). Article media only. */
export const CAPTION_TYPES: readonly string[] = ['text/vtt'];

// A WebVTT file opens with "WEBVTT" (after an optional byte-order mark), then a space, tab or line end.
const WEBVTT_SIGNATURE = /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/;

// ISO BMFF brands of MP4 files browsers play (major brand, or a compatible brand of a file whose major
// brand is not QuickTime's). HEIF images, 3GP, M4A audio and QuickTime movies carry other brands.
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'dash',
  'mmp4',
  'msnv',
]);

/** Reads an EBML variable-length integer at `at`: its length in bytes and value (null when malformed). */
function ebmlVint(b: Buffer, at: number, keepMarker: boolean): { len: number; value: number } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len += 1;
  if (len > 8 || at + len > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> len);
  for (let i = 1; i < len; i += 1) value = value * 256 + (b[at + i] as number);
  return { len, value };
}

/**
 * The video type of a file's first bytes, or null: MP4 by its `ftyp` box and brand, WebM by its EBML
 * header (1A 45 DF A3) whose DocType element (42 82) says "webm" (Matroska files say "matroska").
 */
export function sniffVideo(head: Buffer): 'video/mp4' | 'video/webm' | null {
  if (head.length >= 16 && head.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = head.readUInt32BE(0);
    if (boxSize < 16 || boxSize > 4096 || (boxSize - 16) % 4 !== 0) return null;
    const major = head.toString('latin1', 8, 12);
    if (major === 'qt  ') return null;
    const brands = [major];
    for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4)
      brands.push(head.toString('latin1', at, at + 4));
    return brands.some((b) => MP4_BRANDS.has(b)) ? 'video/mp4' : null;
  }
  if (head.length >= 8 && head.readUInt32BE(0) === 0x1a45dfa3) {
    const size = ebmlVint(head, 4, false);
    if (!size) return null;
    const start = 4 + size.len;
    const end = Math.min(head.length, start + size.value);
    let at = start;
    while (at < end) {
      const id = ebmlVint(head, at, true);
      if (!id) return null;
      const len = ebmlVint(head, at + id.len, false);
      if (!len) return null;
      const data = at + id.len + len.len;
      if (data + len.value > end) return null;
      if (id.value === 0x4282)
        return head.toString('latin1', data, data + len.value).replace(/\0+$/, '') === 'webm'
          ? 'video/webm'
          : null;
      at = data + len.value;
    }
  }
  return null;
}

// Container formats: the content only says "OLE compound file" or "ZIP"; the extension chooses among
// the document formats built on that container. Anything else in such a container keeps the generic type.
const CONTAINER_SUBTYPES: Record<string, Record<string, string>> = {
  cfb: {
    doc: 'application/msword',
    xls: 'application/vnd.ms-excel',
    ppt: 'application/vnd.ms-powerpoint',
    wps: 'application/kswps',
    et: 'application/kset',
    dps: 'application/ksdps',
  },
  zip: { ofd: 'application/ofd', zip: 'application/zip' },
};

// Other spellings of the extension file-type reports.
const EXTENSION_ALIASES: Record<string, readonly string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  tif: ['tif', 'tiff'],
  gz: ['gz', 'tgz'],
  'tar.gz': ['gz', 'tgz'],
  mp4: ['mp4', 'm4v'],
  webm: ['webm'],
  xml: ['xml'],
};

const TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  vtt: 'text/vtt',
};

// Extensions that mean something to an operating system or a browser. A name ending in one of these
// must agree with the content; an unknown "extension" (报告v1.2) is just part of the name.
const MEANINGFUL_EXTENSIONS = new Set([
  ...'exe dll com bat cmd scr pif msi msp lnk hta cpl jar apk app vbs vbe js mjs cjs jse wsf wsh ps1 psm1 sh bash zsh py pl rb php asp aspx jsp cgi html htm xhtml shtml svg svgz xml xsl json md rtf iso img dmg deb rpm reg inf chm swf class ini url'.split(
    ' ',
  ),
  ...Object.keys(TEXT_TYPES),
  ...Object.keys(CONTAINER_SUBTYPES.cfb ?? {}),
  ...Object.keys(CONTAINER_SUBTYPES.zip ?? {}),
  ...Object.values(EXTENSION_ALIASES).flat(),
  ...'pdf png gif webp bmp tif docx xlsx pptx odt ods odp zip rar 7z tar gz bz2 xz mp3 mp4 m4v webm wav avi mov mkv ttf otf woff woff2 wasm elf'.split(
    ' ',
  ),
]);

const EXT_OF_MIME: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/ofd': 'ofd',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/kswps': 'wps',
  'application/kset': 'et',
  'application/ksdps': 'dps',
  'application/zip': 'zip',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

const MAX_NAME_CHARS = 180;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} 字节`;
}

export function fileTooLarge(limitBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', {
    status: 413,
    userMessage: `文件过大，单个文件不能超过 ${formatBytes(limitBytes)}`,
  });
}

function typeNotAllowed(detected: string, allowed: readonly string[]): AppError {
  const exts = [...new Set(allowed.map((m) => EXT_OF_MIME[m] ?? m))].join('、');
  return new AppError('FILE_TYPE_NOT_ALLOWED', {
    status: 415,
    userMessage: `不允许上传此类型的文件（检测到的类型：${detected}）。允许的格式：${exts}`,
  });
}

function typeMismatch(ext: string, detected: string): AppError {
  return new AppError('FILE_TYPE_MISMATCH', {
    status: 415,
    userMessage: `文件扩展名“.${ext}”与文件内容（${detected}）不符，请确认文件没有被改名`,
  });
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment only, no
 * control or bidirectional-override characters (which can disguise "exe.pdf" as "fdp.exe"), no
 * characters Windows forbids, no leading dots. Chinese and other letters are kept.
 */
export function sanitizeFileName(raw: string): string {
  let s = raw.normalize('NFC');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  s = s.replace(/[<>:"|?*]/g, '_');
  s = s.replace(/\s+/gu, ' ').trim();
  s = s.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `_${s}`;
  const chars = [...s];
  if (chars.length > MAX_NAME_CHARS) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 ? [...s.slice(dot)] : [];
    if (ext.length > 0 && ext.length <= 16) {
      s = chars.slice(0, MAX_NAME_CHARS - ext.length).join('') + ext.join('');
    } else {
      s = chars.slice(0, MAX_NAME_CHARS).join('');
    }
  }
  return s;
}

function splitExtension(name: string): { stem: string; ext: string | null } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, ext: null };
  return { stem: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

function isCleanUtf8Text(data: Buffer, truncated = false): boolean {
  if (data.includes(0)) return false;
  try {
    // Of a file's first bytes only, the last character may be cut: a stream decode allows that.
    new TextDecoder('utf-8', { fatal: true }).decode(data, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

export interface DetectedType {
  mime: string;
  /** The file name to store: sanitised, with the detected extension added when it had none. */
  name: string;
}

/**
 * Decides a file's type from its bytes and checks its name against it. Throws FILE_TYPE_MISMATCH
 * when the name claims a different kind of file, FILE_TYPE_NOT_ALLOWED when the content is not in
 * `allowed` (or cannot be recognised at all).
 */
export async function detectType(
  data: Buffer,
  rawName: string,
  allowed: readonly string[],
  opts: { truncated?: boolean } = {},
): Promise<DetectedType> {
  let name = sanitizeFileName(rawName);
  const { stem, ext } = splitExtension(name);
  const meaningful = ext !== null && MEANINGFUL_EXTENSIONS.has(ext);
  const video = sniffVideo(data);
  const found = video ? null : await fileTypeFromBuffer(data);

  let mime: string;
  let canonicalExt: string;
  if (video) {
    mime = video;
    canonicalExt = EXT_OF_MIME[video] as string;
    const accepted = EXTENSION_ALIASES[canonicalExt] ?? [canonicalExt];
    if (meaningful && !accepted.includes(ext as string)) throw typeMismatch(ext as string, video);
  } else if (found && VIDEO_TYPES.includes(found.mime)) {
    // A brand or DocType browsers do not play (QuickTime, HEIF, Matroska …) is not this video type.
    throw typeNotAllowed(`${found.mime}（不支持的封装格式）`, allowed);
  } else if (found) {
    const family = CONTAINER_SUBTYPES[found.ext];
    const sub = ext ? family?.[ext] : undefined;
    if (sub) {
      mime = sub;
      canonicalExt = ext as string;
    } else {
      mime = found.mime;
      canonicalExt = found.ext;
      const accepted = EXTENSION_ALIASES[found.ext] ?? [found.ext];
      if (meaningful && !accepted.includes(ext as string)) throw typeMismatch(ext as string, found.mime);
    }
  } else {
    if (!isCleanUtf8Text(data, opts.truncated)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', {
        status: 415,
        userMessage: '无法识别文件类型。文本文件须为 UTF-8 编码且不含二进制内容（Excel 可另存为“CSV UTF-8”）',
      });
    }
    const textMime = ext ? TEXT_TYPES[ext] : undefined;
    if (meaningful && !textMime) throw typeMismatch(ext as string, 'text/plain');
    if (textMime === 'text/vtt' && !WEBVTT_SIGNATURE.test(data.subarray(0, 16).toString('utf8')))
      throw new AppError('FILE_TYPE_MISMATCH', {
        status: 415,
        userMessage: '字幕文件须为 WebVTT 格式：第一行应为“WEBVTT”（可将 SRT 字幕转换为 WebVTT 后上传）',
      });
    mime = textMime ?? 'text/plain';
    canonicalExt = textMime ? (ext as string) : 'txt';
  }
  if (!allowed.includes(mime)) throw typeNotAllowed(mime, allowed);
  if (!meaningful) name = `${ext === null ? stem || '未命名' : name}.${canonicalExt}`;
  return { mime, name };
}

interface FileRow {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  purpose: string;
  owner_user_id: string | null;
  org_id: string | null;
  created_at: Date;
}

function toStoredFile(r: FileRow): StoredFile {
  return {
    id: r.id,
    sha256: r.sha256,
    name: r.name,
    mime: r.mime,
    size: Number(r.size),
    purpose: r.purpose,
    ownerUserId: r.owner_user_id,
    orgId: r.org_id,
    createdAt: r.created_at,
  };
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** How much of a streamed file is kept in memory to decide its type (MP4 and WebM say it at the start). */
const HEAD_BYTES = 64 * 1024;

export interface StageInput {
  stream: Readable;
  name: string;
  allowedTypes: readonly string[];
  limitBytes: number;
}

/** A blob on disk whose type has been checked, not yet recorded as a file. */
export interface StagedBlob {
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

/** The disk store's streaming upload, when the store is one (a remote store would need its own). */
export function streamingStore(files: FileStore): DiskFileStore | null {
  return files instanceof DiskFileStore ? files : null;
}

/** Writes bytes to `final` through a temporary file in the same folder and a rename, so readers never see half a blob. */
export async function writeFileAtomic(final: string, data: Buffer | NodeJS.ReadableStream): Promise<void> {
  const dir = path.dirname(final);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(final)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await fsp.open(tmp, 'wx', 0o640);
    try {
      if (Buffer.isBuffer(data)) await fh.writeFile(data);
      else for await (const chunk of data) await fh.write(chunk as Buffer);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, final);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  // The rename is durable only once the directory entry is on disk (not supported on every platform).
  try {
    const d = await fsp.open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {}
}

export class DiskFileStore implements FileStore {
  readonly root: string;
  readonly limitBytes: number;
  readonly #clock: Clock;

  constructor(dataDir: string, limitBytes: number, clock: Clock = systemClock) {
    this.root = path.join(path.resolve(dataDir), 'files');
    this.limitBytes = limitBytes;
    this.#clock = clock;
  }

  blobPath(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(tx: Tx, input: FilePutInput): Promise<StoredFile> {
    const { data } = input;
    if (data.length > this.limitBytes) throw fileTooLarge(this.limitBytes);
    if (data.length === 0) throw new AppError('FILE_EMPTY', { status: 422, userMessage: '文件内容为空' });
    const { mime, name } = await detectType(data, input.name, input.allowedTypes ?? DEFAULT_ATTACHMENT_TYPES);
    const sha256 = createHash('sha256').update(data).digest('hex');

    // The blob goes to disk before the rows that reference it: a row never points at a missing blob,
    // and a backup that copies the blobs named by its snapshot finds every one. A rolled-back
    // transaction leaves an unreferenced blob, which is harmless (and reused by the next upload).
    await this.#ensureBlob(sha256, data);
    return this.record(tx, { sha256, size: data.length, mime, name }, input);
  }

  /**
   * Receives a large file (video) from a stream straight to disk, never whole in memory: the bytes go
   * to a temporary file while their SHA-256 and count are taken, the type is decided from the first
   * bytes by content, and the file becomes a blob by a rename. Over `limitBytes`, empty or of a type
   * not allowed, nothing is kept. Call it before opening a transaction, then `record` the file in one.
   */
  async stage(input: StageInput): Promise<StagedBlob> {
    const incoming = path.join(this.root, '.incoming');
    await fsp.mkdir(incoming, { recursive: true });
    const tmp = path.join(incoming, `${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    try {
      const fh = await fsp.open(tmp, 'wx', 0o640);
      try {
        for await (const raw of input.stream) {
          const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
          size += chunk.length;
          if (size > input.limitBytes) throw fileTooLarge(input.limitBytes);
          if (headBytes < HEAD_BYTES) {
            headChunks.push(chunk.subarray(0, HEAD_BYTES - headBytes));
            headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
          }
          hash.update(chunk);
          await fh.write(chunk);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (size === 0) throw new AppError('FILE_EMPTY', { status: 422, userMessage: '文件内容为空' });
      const { mime, name } = await detectType(Buffer.concat(headChunks), input.name, input.allowedTypes, {
        truncated: size > headBytes,
      });
      const sha256 = hash.digest('hex');
      const final = this.blobPath(sha256);
      const st = await fsp.stat(final).catch(() => null);
      if (st?.isFile() && st.size === size) await fsp.rm(tmp, { force: true });
      else {
        await fsp.mkdir(path.dirname(final), { recursive: true });
        await fsp.rename(tmp, final);
        try {
          const d = await fsp.open(path.dirname(final), 'r');
          await d.sync().finally(() => d.close());
        } catch {}
      }
      return { sha256, size, mime, name };
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }

  /** Records a blob already on disk as a file, in the caller's transaction. */
  async record(
    tx: Tx,
    blob: StagedBlob,
    meta: Pick<FilePutInput, 'purpose' | 'ownerUserId' | 'orgId'>,
  ): Promise<StoredFile> {
    const now = this.#clock.now();
    await tx.query(
      `INSERT INTO platform_blob (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [blob.sha256, blob.size, blob.mime, now],
    );
    const r = await tx.query<FileRow>(
      `INSERT INTO platform_file (id, sha256, name, mime, size, purpose, owner_user_id, org_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        newId(),
        blob.sha256,
        blob.name,
        blob.mime,
        blob.size,
        meta.purpose,
        meta.ownerUserId ?? null,
        meta.orgId ?? null,
        now,
      ],
    );
    return toStoredFile(r.rows[0] as FileRow);
  }

  async #ensureBlob(sha256: string, data: Buffer): Promise<void> {
    const final = this.blobPath(sha256);
    const st = await fsp.stat(final).catch(() => null);
    // Same name means same bytes; only a blob damaged on disk (wrong size) is replaced.
    if (st?.isFile() && st.size === data.length) return;
    await writeFileAtomic(final, data);
  }

  async get(db: Queryable, id: string): Promise<StoredFile | null> {
    if (!UUID_RE.test(id)) return null;
    const r = await db.query<FileRow>('SELECT * FROM platform_file WHERE id = $1', [id]);
    const row = r.rows[0];
    return row ? toStoredFile(row) : null;
  }

  async read(file: StoredFile): Promise<Buffer> {
    return fsp.readFile(this.blobPath(file.sha256));
  }

  stream(file: StoredFile): NodeJS.ReadableStream {
    return fs.createReadStream(this.blobPath(file.sha256));
  }

  /** Bytes `start` to `end` (inclusive) of a file's blob. */
  streamRange(file: StoredFile, start: number, end: number): NodeJS.ReadableStream {
    return fs.createReadStream(this.blobPath(file.sha256), { start, end });
  }

  /** True when the blob of a file is on disk with the recorded size. */
  async hasBlob(file: Pick<StoredFile, 'sha256' | 'size'>): Promise<boolean> {
    const st = await fsp.stat(this.blobPath(file.sha256)).catch(() => null);
    return !!st?.isFile() && st.size === file.size;
  }
}
