// The content-addressed file store on disk. A blob is named by the SHA-256 of its bytes and never
// changes, so the same attachment uploaded twice is stored once and a backup can copy blobs after
// reading the rows that reference them. The type of a file is decided by its content, never by the
// name a user gave it: a renamed executable is refused whatever it is called.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
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
  xml: ['xml'],
};

const TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
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
  ...'pdf png gif webp bmp tif docx xlsx pptx odt ods odp zip rar 7z tar gz bz2 xz mp3 mp4 wav avi mov mkv ttf otf woff woff2 wasm elf'.split(
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

function isCleanUtf8Text(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
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
): Promise<DetectedType> {
  let name = sanitizeFileName(rawName);
  const { stem, ext } = splitExtension(name);
  const meaningful = ext !== null && MEANINGFUL_EXTENSIONS.has(ext);
  const found = await fileTypeFromBuffer(data);

  let mime: string;
  let canonicalExt: string;
  if (found) {
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
    if (!isCleanUtf8Text(data)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', {
        status: 415,
        userMessage: '无法识别文件类型。文本文件须为 UTF-8 编码且不含二进制内容（Excel 可另存为“CSV UTF-8”）',
      });
    }
    const textMime = ext ? TEXT_TYPES[ext] : undefined;
    if (meaningful && !textMime) throw typeMismatch(ext as string, 'text/plain');
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
    const now = this.#clock.now();
    await tx.query(
      `INSERT INTO platform_blob (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, data.length, mime, now],
    );
    const r = await tx.query<FileRow>(
      `INSERT INTO platform_file (id, sha256, name, mime, size, purpose, owner_user_id, org_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        newId(),
        sha256,
        name,
        mime,
        data.length,
        input.purpose,
        input.ownerUserId ?? null,
        input.orgId ?? null,
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

  /** True when the blob of a file is on disk with the recorded size. */
  async hasBlob(file: Pick<StoredFile, 'sha256' | 'size'>): Promise<boolean> {
    const st = await fsp.stat(this.blobPath(file.sha256)).catch(() => null);
    return !!st?.isFile() && st.size === file.size;
  }
}
