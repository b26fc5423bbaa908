// 发文字号 (文号), GB/T 9704-2012 §7.2.4 (DOMAIN §5.2): 机关代字 + 〔年份〕 + 序号 + 号. The year is written in
// full inside six-sided brackets 〔〕; the sequence has no 第 and no leading zero (1, not 01).

export type DocNumberCheck =
  | { ok: true; value: string; agency: string; year: number; seq: number }
  | { ok: false; reason: string };

const DOC_NUMBER_RE = /^([\p{Script=Han}A-Za-z]+)〔((?:19|20)\d{2})〕([1-9]\d{0,5})号$/u;

/** Checks a 文号. Leading and trailing white space is ignored; nothing else is corrected silently. */
export function validateDocNumber(input: string, opts: { maxYear?: number } = {}): DocNumberCheck {
  const s = input.trim();
  if (s.length === 0) return { ok: false, reason: '文号不能为空' };
  if (s.length > 50) return { ok: false, reason: '文号过长' };
  const m = DOC_NUMBER_RE.exec(s);
  if (!m) {
    if (/[[\]［］()（）【】]/.test(s) && /\d{4}/.test(s))
      return { ok: false, reason: '年份应使用六角括号“〔〕”括入，如“丽政发〔2026〕3号”' };
    if (/第\s*\d+\s*号$/.test(s)) return { ok: false, reason: '序号前不加“第”字，如“丽政发〔2026〕3号”' };
    if (/〔\d{4}〕0\d*号$/.test(s)) return { ok: false, reason: '序号不编虚位（1 不编为 01）' };
    if (/〔\d{2}〕/.test(s)) return { ok: false, reason: '年份应标全称（4 位）' };
    return { ok: false, reason: '文号应为“机关代字〔年份〕序号号”，如“丽政发〔2026〕3号”' };
  }
  const year = Number(m[2]);
  if (opts.maxYear !== undefined && year > opts.maxYear)
    return { ok: false, reason: `文号年份 ${year} 晚于当前年份` };
  return { ok: true, value: s, agency: m[1] as string, year, seq: Number(m[3]) };
}
