import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { chineseDate, renderOfficialPdf } from './pdf.ts';
import { qrMatrix, qrPng, qrSvg } from './qr.ts';
import { extractPdfText, pdfInfo } from './testing.ts';

const LOOKUP = 'https://zw.lishui.gov.cn/cases/lookup?number=33110020261120000012';

/** Every `x y w h re` square drawn on the pages (only the QR code's dark modules are squares here). */
function drawnSquares(pdf: Buffer): { x: number; y: number; side: number }[] {
  const src = pdf.toString('latin1');
  const out: { x: number; y: number; side: number }[] = [];
  for (const m of src.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, src.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not a deflated stream (e.g. a font program stored raw)
    }
    for (const r of text.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)) {
      if (r[3] === r[4]) out.push({ x: Number(r[1]), y: Number(r[2]), side: Number(r[3]) });
    }
  }
  return out;
}

/** The module grid the PDF draws, read back from its squares, as "row,col" of each dark module. */
function qrDrawn(pdf: Buffer): Set<string> {
  const sq = drawnSquares(pdf);
  if (sq.length === 0) return new Set();
  const x0 = Math.min(...sq.map((s) => s.x));
  const y0 = Math.min(...sq.map((s) => s.y));
  const cell = sq[0]!.side - 0.01;
  return new Set(sq.map((s) => `${Math.round((s.y - y0) / cell)},${Math.round((s.x - x0) / cell)}`));
}

function darkSet(m: { size: number; dark(r: number, c: number): boolean }): Set<string> {
  const out = new Set<string>();
  for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) out.add(`${r},${c}`);
  return out;
}

/**
 * Error-correction level and mask read from the symbol's top-left format information (ISO/IEC 18004
 * §7.9), with its BCH(15,5) check: an independent reading, not the encoder's own word.
 */
function formatInfo(dark: (row: number, col: number) => boolean): {
  level: string;
  mask: number;
  bchOk: boolean;
} {
  let raw = 0;
  const push = (row: number, col: number) => {
    raw = (raw << 1) | (dark(row, col) ? 1 : 0);
  };
  for (let col = 0; col < 6; col++) push(8, col);
  push(8, 7);
  push(8, 8);
  push(7, 8);
  for (let row = 5; row >= 0; row--) push(row, 8);
  const bits = raw ^ 0b101010000010010;
  const data = bits >> 10;
  let rem = data << 10;
  for (let i = 14; i >= 10; i--) if (rem & (1 << i)) rem ^= 0b10100110111 << (i - 10);
  return { level: ['M', 'L', 'H', 'Q'][data >> 3]!, mask: data & 7, bchOk: (bits & 0x3ff) === rem };
}

const notice = {
  title: '受理通知书',
  unitName: '丽水市市场监督管理局',
  number: '丽市监许受〔2026〕12号',
  date: '2026-11-24',
  recipient: '丽水市莲都区好味道餐饮有限公司',
  paragraphs: [
    '你单位于2026年11月20日提出的食品经营许可申请（办件编号：33110020261120000012），经审查，申请材料齐全、符合法定形式，决定予以受理。',
    '本机关将自受理之日起二十个工作日内作出行政许可决定。',
  ],
  table: {
    head: ['序号', '材料名称', '份数'],
    rows: [
      ['1', '食品经营许可申请书', '1'],
      ['2', '营业执照复印件', '1'],
    ],
  },
  qr: { url: LOOKUP, caption: '扫码查询办理进度' },
  footer: '本文书由政通政务服务平台生成。',
};

test('renders an A4 PDF with the embedded Chinese font, subsetted', async () => {
  const pdf = await renderOfficialPdf(notice);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const raw = pdf.toString('latin1');
  assert.ok(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/.test(raw), 'regular font embedded as a subset');
  assert.ok(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/.test(raw), 'bold font embedded as a subset');
  assert.ok(/\/FontFile2 \d+ 0 R/.test(raw), 'font program embedded');
  assert.ok(raw.includes('/MediaBox [0 0 595.28 841.89]'), 'A4');
  // The TTFs are 10 MB each; only the used glyphs may be embedded.
  assert.ok(pdf.length < 120_000, `PDF is ${pdf.length} bytes`);
});

test('a reader sees the unit, number, title, recipient, body, table, date and caption', async () => {
  const text = extractPdfText(await renderOfficialPdf(notice));
  for (const part of [
    '丽水市市场监督管理局',
    '丽市监许受〔2026〕12号',
    '受理通知书',
    '丽水市莲都区好味道餐饮有限公司：',
    '办件编号：33110020261120000012',
    '决定予以受理。',
    '营业执照复印件',
    '2026年11月24日',
    '扫码查询办理进度',
    '本文书由政通政务服务平台生成。',
  ]) {
    assert.ok(text.includes(part), `missing「${part}」in: ${text}`);
  }
  // Signature block: the unit name printed again after the body, then the date.
  assert.ok(text.lastIndexOf('丽水市市场监督管理局') > text.indexOf('决定予以受理'));
  assert.ok(!text.includes('盖章'));
});

test('metadata carries title, author and the document date; output is reproducible', async () => {
  const a = await renderOfficialPdf(notice);
  const b = await renderOfficialPdf(notice);
  assert.ok(a.equals(b), 'same input gives the same bytes');
  const info = pdfInfo(a);
  assert.equal(info.Title, '受理通知书');
  assert.equal(info.Author, '丽水市市场监督管理局');
  assert.equal(info.Subject, '丽市监许受〔2026〕12号');
  // PDF dates are written in UTC: 2026-11-24 00:00 China time.
  assert.equal(info.CreationDate, 'D:20261123160000Z');
  const other = await renderOfficialPdf({ ...notice, date: '2026-11-25' });
  assert.ok(!other.equals(a));
});

test('a long document flows onto further pages with page numbers and stays small', async () => {
  const long = '行政许可法规定的期限以工作日计算，不含法定节假日；申请人可以通过政务服务网随时查询办理进度。';
  const paragraphs = Array.from({ length: 40 }, (_, i) => `第${i + 1}条　${long}`);
  const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), `材料${i + 1}`, '1']);
  const pdf = await renderOfficialPdf({
    ...notice,
    paragraphs,
    table: { head: ['序号', '名称', '份数'], rows },
  });
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  assert.ok(pages >= 4, `${pages} pages`);
  const text = extractPdfText(pdf);
  assert.ok(text.includes('第40条'));
  assert.ok(text.includes('材料60'));
  assert.ok(text.includes(`— ${pages} —`));
  // The table head is repeated on each page the table continues on.
  assert.ok((text.match(/序号名称份数/g)?.length ?? 0) >= 2);
  assert.ok(pdf.length < 200_000, `PDF is ${pdf.length} bytes`);
});

test('minimal document: no number, recipient, table, QR or footer', async () => {
  const pdf = await renderOfficialPdf({
    title: '通知',
    unitName: '丽水市人民政府办公室',
    date: '2026-01-05',
    paragraphs: ['特此通知。'],
  });
  const text = extractPdfText(pdf);
  assert.ok(text.includes('特此通知。'));
  assert.ok(text.includes('2026年1月5日'));
  // Nothing of the optional parts is drawn: no QR modules, no caption, no footer, no addressee line.
  assert.equal(drawnSquares(pdf).length, 0, 'no QR code');
  assert.ok(!text.includes('扫码'));
  assert.ok(!text.includes('本文书由'));
  assert.ok(!text.includes('：'), 'no "recipient：" line');
  assert.equal(text, '丽水市人民政府办公室通知特此通知。丽水市人民政府办公室2026年1月5日');
});

test('rejects a malformed date', async () => {
  await assert.rejects(renderOfficialPdf({ ...notice, date: '2026/11/24' }), RangeError);
  assert.equal(chineseDate('2026-02-03'), '2026年2月3日');
});

test('the PDF draws the QR symbol of the lookup URL, at error-correction level M', async () => {
  const pdf = await renderOfficialPdf(notice);
  const drawn = qrDrawn(pdf);
  const expected = darkSet(qrMatrix(LOOKUP));
  assert.ok(expected.size > 100);
  assert.deepEqual(drawn, expected, 'every dark module, and only those, at its place');
  // Read from what is printed, not from the encoder: level M with a valid format word.
  const info = formatInfo((r, c) => drawn.has(`${r},${c}`));
  assert.deepEqual({ level: info.level, bchOk: info.bchOk }, { level: 'M', bchOk: true });
  // Another URL prints another symbol.
  const other = qrDrawn(await renderOfficialPdf({ ...notice, qr: { url: `${LOOKUP}1`, caption: '扫码' } }));
  assert.notDeepEqual(other, drawn);
});

test('QR helpers encode the URL', async () => {
  const m = qrMatrix(LOOKUP);
  // The module grid is read row by row (a transposed grid fails the format check).
  const ref = QRCode.create(LOOKUP, { errorCorrectionLevel: 'M' });
  assert.equal(m.size, ref.modules.size);
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) assert.equal(m.dark(r, c), ref.modules.get(r, c) === 1);
  }
  assert.equal(formatInfo(m.dark).bchOk, true);
  assert.equal(formatInfo((r, c) => m.dark(c, r)).bchOk, false);
  // Finder pattern corners are dark; a different URL gives a different symbol.
  assert.ok(m.dark(0, 0) && m.dark(0, m.size - 1) && m.dark(m.size - 1, 0));
  const other = qrMatrix(`${LOOKUP}1`);
  let differs = false;
  for (let r = 0; r < m.size && !differs; r++)
    for (let c = 0; c < m.size; c++) if (m.dark(r, c) !== other.dark(r, c)) differs = true;
  assert.ok(differs);
  const png = await qrPng(LOOKUP);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = await qrSvg(LOOKUP);
  assert.match(svg, /^<svg[^>]*viewBox="0 0 \d+ \d+"/);
});
