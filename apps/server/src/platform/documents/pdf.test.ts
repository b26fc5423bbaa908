import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import { chineseDate, renderOfficialPdf } from './pdf.ts';
import { qrMatrix, qrPng, qrSvg } from './qr.ts';
import { extractPdfText, pdfInfo } from './testing.ts';

const LOOKUP = 'https://zw.lishui.gov.cn/cases/lookup?number=33110020261120000012';

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
});

test('rejects a malformed date', async () => {
  await assert.rejects(renderOfficialPdf({ ...notice, date: '2026/11/24' }), RangeError);
  assert.equal(chineseDate('2026-02-03'), '2026年2月3日');
});

test('QR helpers encode the URL', async () => {
  const m = qrMatrix(LOOKUP);
  const ref = QRCode.create(LOOKUP, { errorCorrectionLevel: 'M' });
  assert.equal(m.size, ref.modules.size);
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) assert.equal(m.dark(r, c), ref.modules.get(r, c) === 1);
  }
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
