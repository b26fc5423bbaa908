// Display masking for personal information in lists, exports and published replies (PIPL 第二十五条,
// DOMAIN §8.3). Masking is for display only; it is not de-identification.
//
// Length is preserved for ID and phone numbers (people recognise the shape) but not for e-mail local
// parts, where the length itself narrows the guess.

import { validateMobile } from './phone.ts';

const STAR = '*';

function maskMiddle(chars: readonly string[], keepStart: number, keepEnd: number): string {
  if (chars.length <= keepStart + keepEnd) {
    // Too short to leave anything visible without revealing most of it.
    return STAR.repeat(chars.length);
  }
  return (
    chars.slice(0, keepStart).join('') +
    STAR.repeat(chars.length - keepStart - keepEnd) +
    chars.slice(chars.length - keepEnd).join('')
  );
}

/**
 * First 3 and last 4 characters: 331***********123X. The first 6 would give away the county and,
 * with the last 4, leave little but the birth date to guess.
 */
export function maskIdNumber(id: string): string {
  const chars = [...id.normalize('NFKC').replace(/\s+/g, '').toUpperCase()];
  return maskMiddle(chars, 3, 4);
}

/** 138****5678; a +86 prefix is dropped first. Other numbers keep only their last 4 digits. */
export function maskMobile(phone: string): string {
  const mobile = validateMobile(phone);
  if (mobile.ok) return maskMiddle([...mobile.normalized], 3, 4);
  const chars = [...phone.trim()];
  return maskMiddle(chars, 0, 4);
}

/** Two-character 复姓 common enough to show as the surname when the name has three or more characters. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  [
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯',
    '轩辕 令狐 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人',
    '赫连 钟离 宗政 濮阳 淳于 单于 仲孙 万俟 司空 司寇 第五 拓跋',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Keeps the surname and masks each remaining character: 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**.
 * A two-character name always keeps just one character (欧阳 could be 欧 + 阳). Separators in
 * transliterated names (买买提·艾力, John Smith) stay visible.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return STAR;
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.map((ch, i) => (i < keep || /[\s·•・.-]/.test(ch) ? ch : STAR)).join('');
}

/** zhangsan@example.com → z***@example.com; the domain stays, it is rarely personal. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return maskMiddle([...trimmed], 1, 0);
  const local = [...trimmed.slice(0, at)];
  const domain = trimmed.slice(at);
  // A fixed *** hides the length of the local part; a one-character local part shows nothing.
  return (local.length > 1 ? local[0] : '') + '***' + domain;
}
