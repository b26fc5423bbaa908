// Test helper: the text a reader would see in a PDF written by renderOfficialPdf. pdfkit writes text
// as hex glyph ids of the embedded font subset; the font's ToUnicode CMap maps them back to
// characters, which is also what a PDF viewer's copy/search uses. So asserting on this text checks
// what a person can read and search, not merely what the code meant to write.

import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null = re.exec(src);
  while (m) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (streamAt >= 0 && !body.slice(0, streamAt).includes('endstream')) {
      dict = body.slice(0, streamAt);
      const len = /\/Length (\d+)/.exec(dict);
      let dataStart = start + streamAt + 'stream'.length;
      if (src[dataStart] === '\r') dataStart++;
      if (src[dataStart] === '\n') dataStart++;
      const raw = pdf.subarray(dataStart, dataStart + (len ? Number(len[1]) : 0));
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
    m = re.exec(src);
  }
  return objects;
}

function utf16Hex(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(Number.parseInt(e[1]!, 16), utf16Hex(e[2]!));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = Number.parseInt(e[1]!, 16);
      const hi = Number.parseInt(e[2]!, 16);
      const target = e[3]!;
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16Hex(x[1]!));
        for (let code = lo; code <= hi; code++) map.set(code, items[code - lo] ?? '');
      } else {
        const base = utf16Hex(target.slice(1, -1));
        const first = base.charCodeAt(base.length - 1);
        for (let code = lo; code <= hi; code++) {
          map.set(code, base.slice(0, -1) + String.fromCharCode(first + code - lo));
        }
      }
    }
  }
  return map;
}

/** All text of the PDF in drawing order, without separators (so wrapped lines join up again). */
export function extractPdfText(pdf: Buffer): string {
  const objects = parseObjects(pdf);
  // Font resource name (F1, F2 …) → glyph code map. pdfkit names fonts uniquely per document.
  const cmaps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const fontDict of dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const ref of fontDict[1]!.matchAll(/\/([\w.-]+)\s+(\d+) 0 R/g)) {
        const font = objects.get(Number(ref[2]));
        const tu = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
        const cmapStream = tu ? objects.get(Number(tu[1]))?.stream : null;
        if (cmapStream) cmaps.set(ref[1]!, parseCMap(cmapStream.toString('latin1')));
      }
    }
  }
  // Page content streams, in page order.
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  let out = '';
  for (const page of pages) {
    const contents = /\/Contents (\d+) 0 R/.exec(page.dict);
    const stream = contents ? objects.get(Number(contents[1]))?.stream : null;
    if (!stream) continue;
    let cmap: Map<number, string> | undefined;
    const ops = stream.toString('latin1');
    for (const t of ops.matchAll(/\/([\w.-]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (t[1]) {
        cmap = cmaps.get(t[1]);
        continue;
      }
      const hexes = t[2] !== undefined ? [...t[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [t[3]!];
      for (const hex of hexes) {
        for (let i = 0; i + 4 <= hex.length; i += 4) {
          out += cmap?.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
        }
      }
    }
  }
  return out;
}

function decodeLiteral(lit: string): string {
  // PDF literal string escapes: \n \r \t \b \f \( \) \\ and \ddd octal.
  const bytes: number[] = [];
  for (let i = 0; i < lit.length; i++) {
    const ch = lit.charCodeAt(i);
    if (lit[i] !== '\\') {
      bytes.push(ch);
      continue;
    }
    const next = lit[++i]!;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in simple) bytes.push(simple[next]!);
    else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(lit[i + 1] ?? '')) oct += lit[++i];
      bytes.push(Number.parseInt(oct, 8));
    }
  }
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  return buf.toString('latin1');
}

/** The document information dictionary (Title, Author, CreationDate …) as plain strings. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const objects = parseObjects(pdf);
  const src = pdf.toString('latin1');
  const trailerInfo = /\/Info (\d+) 0 R/.exec(src.slice(src.lastIndexOf('trailer')));
  const info = trailerInfo ? objects.get(Number(trailerInfo[1])) : undefined;
  const out: Record<string, string> = {};
  if (!info) return out;
  for (const e of info.dict.matchAll(/\/(\w+) (?:(\d+) 0 R|\(((?:\\.|[^\\)])*)\))/g)) {
    const literal = e[2]
      ? /^\s*\(((?:\\[\s\S]|[^\\)])*)\)\s*$/.exec(objects.get(Number(e[2]))?.dict ?? '')?.[1]
      : e[3];
    if (literal !== undefined) out[e[1]!] = decodeLiteral(literal);
  }
  return out;
}
