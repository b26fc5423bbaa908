// Official documents as PDF (受理通知书, 不予受理决定书, 一次性告知书, 准予许可决定书, 电子证照 …), laid out
// after GB/T 9704-2012 (党政机关公文格式) as far as a generated notice needs it: the issuing unit's name
// as the red 版头, the 发文字号 and a red separator line, a centred title, the recipient line, body
// paragraphs indented by two characters, and the unit's name over the date at the bottom right.
// No seal image and no "盖章" placeholder: an electronic document is authenticated by its QR code,
// which leads to the public lookup or verification page.
//
// The font is Noto Sans SC (SIL OFL). pdfkit embeds only the glyphs used (a subset), so a one-page
// notice stays around 20–40 KB although the TTF files are 10 MB each.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { qrMatrix } from './qr.ts';

export interface OfficialPdfTable {
  head: string[];
  rows: string[][];
  /** Relative column widths (any positive numbers); default: from the content. */
  widths?: number[];
}

export interface OfficialPdfInput {
  /** Document title, e.g. 受理通知书. */
  title: string;
  /** Issuing unit, printed as the heading and as the signature. */
  unitName: string;
  /** 文号 / document number, e.g. 丽市监许受〔2026〕12号 or a case number. */
  number?: string | null;
  /** 成文日期, 'YYYY-MM-DD'. Also the PDF's creation date unless `createdAt` is given. */
  date: string;
  /** 主送: the addressee, printed as "张三：". */
  recipient?: string | null;
  paragraphs: string[];
  table?: OfficialPdfTable | null;
  /** QR code printed at the bottom left with a caption, e.g. 扫码查询办理进度. */
  qr?: { url: string; caption: string } | null;
  /** Small print at the bottom of every page (e.g. how to verify the document). */
  footer?: string | null;
  /** PDF metadata creation time; default: `date` at 00:00 China time, so output is reproducible. */
  createdAt?: Date;
}

const MM = 72 / 25.4;
// Page margins after GB/T 9704 (订口 28 mm); top and bottom are smaller than its 37/35 mm because a
// generated notice has no 版记 and the footer sits in the bottom margin.
const MARGINS = { top: 30 * MM, left: 28 * MM, right: 26 * MM, bottom: 25 * MM };
const RED = '#C8102E';
const BODY_SIZE = 15;
const BODY_GAP = 6;
const FONT_REGULAR = 'zt-sans';
const FONT_BOLD = 'zt-sans-bold';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A font source for pdfkit: first the TTF bytes; after the first document, the parsed font object
 * pdfkit made from them (pdfkit accepts either). Parsing 10 MB of TTF costs more than laying out a
 * whole notice, and the parsed font is read-only apart from its glyph cache, so it is shared; each
 * document still makes its own subset.
 */
type FontSource = Buffer | { layout: (...args: unknown[]) => unknown };
let fonts: { regular: FontSource; bold: FontSource } | null = null;

function loadFonts(): { regular: FontSource; bold: FontSource } {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const pkg = '@expo-google-fonts/noto-sans-sc';
    fonts = {
      regular: readFileSync(require.resolve(`${pkg}/400Regular/NotoSansSC_400Regular.ttf`)),
      bold: readFileSync(require.resolve(`${pkg}/700Bold/NotoSansSC_700Bold.ttf`)),
    };
  }
  return fonts;
}

/** Keeps the parsed font objects of a finished layout for the next documents. */
function rememberParsedFonts(doc: Doc): void {
  if (!fonts || !Buffer.isBuffer(fonts.regular)) return;
  // pdfkit keeps the fonts a document used by name; each wraps the parsed (fontkit) font.
  const families = (doc as unknown as { _fontFamilies?: Record<string, { font?: { layout?: unknown } }> })
    ._fontFamilies;
  const regular = families?.[FONT_REGULAR]?.font;
  const bold = families?.[FONT_BOLD]?.font;
  if (typeof regular?.layout === 'function' && typeof bold?.layout === 'function') {
    fonts = { regular: regular as FontSource, bold: bold as FontSource };
  }
}

/** '2026-11-24' → '2026年11月24日' (GB/T 9704-2012 writes 成文日期 in Arabic numerals). */
export function chineseDate(date: string): string {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export function renderOfficialPdf(input: OfficialPdfInput): Promise<Buffer> {
  if (!DATE.test(input.date)) return Promise.reject(new RangeError(`日期格式应为 YYYY-MM-DD：${input.date}`));
  const { regular, bold } = loadFonts();
  const createdAt = input.createdAt ?? new Date(`${input.date}T00:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: input.title,
      Author: input.unitName,
      Subject: input.number ?? input.title,
      Creator: '政通政务服务平台',
      Producer: '政通政务服务平台',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont(FONT_REGULAR, regular as Buffer);
    doc.registerFont(FONT_BOLD, bold as Buffer);
    layout(doc, input);
    rememberParsedFonts(doc);
    doc.end();
  } catch (err) {
    return Promise.reject(err);
  }
  return done;
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
  }
}

function layout(doc: Doc, input: OfficialPdfInput): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);

  // 版头: the unit's name in red, shrunk to one line when it is long.
  doc.font(FONT_BOLD);
  let headSize = 26;
  while (headSize > 14 && doc.fontSize(headSize).widthOfString(input.unitName) > width) headSize -= 1;
  doc.fillColor(RED).text(input.unitName, left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.fillColor('black');
  if (input.number) {
    doc.font(FONT_REGULAR).fontSize(BODY_SIZE).text(input.number, left, doc.y, { width, align: 'center' });
    doc.moveDown(0.2);
  }
  const lineY = doc.y + 4;
  doc
    .save()
    .moveTo(left, lineY)
    .lineTo(left + width, lineY)
    .lineWidth(1.2)
    .strokeColor(RED)
    .stroke()
    .restore();
  doc.y = lineY + 22;

  // Title.
  doc.font(FONT_BOLD).fontSize(20).text(input.title, left, doc.y, { width, align: 'center', lineGap: 4 });
  doc.moveDown(0.8);

  doc.font(FONT_REGULAR).fontSize(BODY_SIZE);
  const body = { width, lineGap: BODY_GAP, align: 'left' as const };
  if (input.recipient) {
    const r = input.recipient.trim();
    doc.text(/[：:]$/.test(r) ? r : `${r}：`, left, doc.y, body);
  }
  for (const p of input.paragraphs) {
    doc.text(p, left, doc.y, { ...body, indent: BODY_SIZE * 2 });
  }

  if (input.table && input.table.head.length > 0) {
    doc.moveDown(0.5);
    drawTable(doc, input.table);
  }

  signatureBlock(doc, input);

  // Footer and page numbers on every page (written into the bottom margin, so lift the limit first).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 16;
    doc.font(FONT_REGULAR).fillColor('#555555');
    if (input.footer) {
      doc.fontSize(8).text(input.footer, left, y, { width, align: 'center', height: 24 });
    }
    if (range.count > 1) {
      doc
        .fontSize(10)
        .text(`— ${i - range.start + 1} —`, left, y + 26, { width, align: 'center', lineBreak: false });
    }
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
}

function drawTable(doc: Doc, table: OfficialPdfTable): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const cols = table.head.length;
  const size = 11;
  const pad = 4;
  doc.fontSize(size);

  // Column widths: given ratios, or each column's longest cell (capped so one long column cannot
  // squeeze the others to nothing).
  let ratios =
    table.widths && table.widths.length === cols ? table.widths.map((w) => Math.max(w, 0.01)) : null;
  if (!ratios) {
    ratios = table.head.map((h, c) => {
      doc.font(FONT_BOLD);
      let w = doc.widthOfString(h);
      doc.font(FONT_REGULAR);
      for (const row of table.rows) w = Math.max(w, doc.widthOfString(row[c] ?? ''));
      return Math.min(Math.max(w, size * 2), width * 0.6) + 2 * pad;
    });
  }
  const total = ratios.reduce((a, b) => a + b, 0);
  const widths = ratios.map((r) => (r / total) * width);

  const rowHeight = (cells: string[], font: string): number => {
    doc.font(font).fontSize(size);
    let h = 0;
    cells.forEach((cell, c) => {
      h = Math.max(h, doc.heightOfString(cell || ' ', { width: widths[c]! - 2 * pad, lineGap: 2 }));
    });
    return h + 2 * pad;
  };

  const drawRow = (cells: string[], font: string, shade: boolean): void => {
    const h = rowHeight(cells, font);
    if (doc.y + h > bottomLimit(doc)) {
      doc.addPage();
      if (!shade) drawRow(table.head, FONT_BOLD, true);
    }
    const y = doc.y;
    let x = left;
    for (let c = 0; c < cols; c++) {
      const w = widths[c]!;
      if (shade) doc.save().rect(x, y, w, h).fill('#EFEFEF').restore();
      doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor('#333333').stroke().restore();
      doc
        .font(font)
        .fontSize(size)
        .fillColor('black')
        .text(cells[c] ?? '', x + pad, y + pad, { width: w - 2 * pad, lineGap: 2 });
      x += w;
    }
    doc.x = left;
    doc.y = y + h;
  };

  drawRow(table.head, FONT_BOLD, true);
  for (const row of table.rows) drawRow(row, FONT_REGULAR, false);
  doc.font(FONT_REGULAR).fontSize(BODY_SIZE);
}

function signatureBlock(doc: Doc, input: OfficialPdfInput): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const dateText = chineseDate(input.date);
  const qrSide = 24 * MM;
  const captionWidth = 40 * MM;

  doc.font(FONT_REGULAR).fontSize(BODY_SIZE);
  const unitW = doc.widthOfString(input.unitName);
  const dateW = doc.widthOfString(dateText);
  const lineH = doc.currentLineHeight(true) + BODY_GAP;
  const sigHeight = lineH * 2;
  const captionHeight = input.qr
    ? doc.fontSize(9).heightOfString(input.qr.caption, { width: captionWidth })
    : 0;
  doc.fontSize(BODY_SIZE);
  const qrHeight = input.qr ? qrSide + 4 + captionHeight : 0;
  // Half a blank line between the body and the signature block.
  doc.y += lineH / 2;
  ensureSpace(doc, Math.max(sigHeight, qrHeight));
  const top = doc.y;

  // 署名 centred over 成文日期, the block right-aligned with a two-character right indent.
  const blockW = Math.max(unitW, dateW);
  const blockRight = Math.max(left + blockW, left + width - BODY_SIZE * 2);
  const blockCenter = blockRight - blockW / 2;
  doc.text(input.unitName, blockCenter - unitW / 2, top, { lineBreak: false });
  doc.text(dateText, blockCenter - dateW / 2, top + lineH, { lineBreak: false });

  if (input.qr) {
    const m = qrMatrix(input.qr.url);
    const cell = qrSide / m.size;
    doc.save().fillColor('black');
    for (let r = 0; r < m.size; r++) {
      for (let c = 0; c < m.size; c++) {
        if (m.dark(r, c)) doc.rect(left + c * cell, top + r * cell, cell + 0.01, cell + 0.01);
      }
    }
    doc.fill().restore();
    doc
      .fontSize(9)
      .fillColor('#333333')
      .text(input.qr.caption, left, top + qrSide + 4, { width: captionWidth });
    doc.fillColor('black').fontSize(BODY_SIZE);
  }
  doc.x = left;
  doc.y = top + Math.max(sigHeight, qrHeight);
}
