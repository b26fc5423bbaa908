// Money as the platform writes it: amounts are kept in fen (integer), shown in yuan with two decimals,
// and written in 大写 on receipts and payment notices.

/** 12345 fen → '123.45'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Amount in 大写 as written on receipts and payment notices: 12345 fen → 壹佰贰拾叁元肆角伍分. */
export function rmbUpper(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`金额须为非负整数分：${fen}`);
  if (fen === 0) return '零元整';
  const yuanPart = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenPart = fen % 10;
  let out = '';
  if (yuanPart > 0) {
    const groups: number[] = [];
    for (let n = yuanPart; n > 0; n = Math.floor(n / 10000)) groups.push(n % 10000);
    let needZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g] as number;
      if (group === 0) {
        needZero = out.length > 0;
        continue;
      }
      if (needZero || (out.length > 0 && group < 1000)) out += '零';
      needZero = false;
      let groupText = '';
      let zero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          zero = groupText.length > 0;
          continue;
        }
        if (zero) groupText += '零';
        zero = false;
        groupText += (DIGITS[d] as string) + SMALL_UNITS[i];
      }
      out += groupText + BIG_UNITS[g];
    }
    out += '元';
  }
  if (jiao === 0 && fenPart === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuanPart > 0) out += '零';
  if (fenPart > 0) out += `${DIGITS[fenPart]}分`;
  else out += '整';
  return out;
}
