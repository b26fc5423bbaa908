// Mainland phone numbers as people type them into forms: with or without +86, with spaces, hyphens or
// full-width digits. Validation is by numbering plan (工信部 电信网编号计划), not by carrier prefix lists,
// which change every year or two.

export type MobileCheck = { ok: true; normalized: string } | { ok: false; reason: string };

export type PhoneCheck =
  | {
      ok: true;
      kind: 'mobile' | 'landline' | 'service';
      /** Mobile: 11 digits. Landline: '0578-2123456' or '0578-2123456-801'. Service: '12345', '4001234567'. */
      normalized: string;
    }
  | { ok: false; reason: string };

const MOBILE = /^1[3-9]\d{9}$/;

function clean(s: string): string {
  return s
    .normalize('NFKC')
    .trim()
    .replace(/[\s\-()（）.]/g, '');
}

/** Strips +86 / 0086 / 86 when what follows is a mobile number. */
function stripCountryCode(digits: string): string {
  for (const prefix of ['+86', '0086', '86']) {
    if (digits.startsWith(prefix) && MOBILE.test(digits.slice(prefix.length))) {
      return digits.slice(prefix.length);
    }
  }
  return digits;
}

export function validateMobile(s: string): MobileCheck {
  const raw = clean(s);
  if (raw === '') return { ok: false, reason: '请填写手机号码' };
  const digits = stripCountryCode(raw);
  if (MOBILE.test(digits)) return { ok: true, normalized: digits };
  if (!/^\+?\d+$/.test(raw)) return { ok: false, reason: '手机号码只能包含数字' };
  if (raw.startsWith('+') && !raw.startsWith('+86')) {
    return { ok: false, reason: '仅支持中国大陆手机号码（+86）' };
  }
  return { ok: false, reason: '手机号码应为以13-19开头的11位数字' };
}

// Area codes: 010 and 02x are 3 digits with 8-digit local numbers; the rest are 4 digits
// (03xx–09xx) with 7- or 8-digit local numbers. Local numbers never start with 0 or 1.
const LANDLINE_3 = /^(010|02\d)([2-9]\d{7})$/;
const LANDLINE_4 = /^(0[3-9]\d{2})([2-9]\d{6,7})$/;

function splitExtension(s: string): { main: string; ext: string | null } {
  // 转, 分机, ext, x and # all introduce extensions in the wild.
  const m = /^(.*?)(?:转|分机|ext\.?|x|#)(\d{1,6})$/i.exec(s);
  if (m) return { main: m[1]!, ext: m[2]! };
  return { main: s, ext: null };
}

function parseFixedNumber(main: string, ext: string | null): PhoneCheck | null {
  let digits = clean(main);
  if (/^123\d{2}$/.test(digits) && ext === null) return { ok: true, kind: 'service', normalized: digits };
  if (/^[48]00\d{7}$/.test(digits)) {
    return { ok: true, kind: 'service', normalized: ext === null ? digits : `${digits}-${ext}` };
  }
  // The international form of a landline drops the trunk 0: +86 578 2123456.
  for (const prefix of ['+86', '0086']) {
    if (digits.startsWith(prefix)) digits = `0${digits.slice(prefix.length)}`;
  }
  const m = LANDLINE_3.exec(digits) ?? LANDLINE_4.exec(digits);
  if (m === null) return null;
  const base = `${m[1]}-${m[2]}`;
  return { ok: true, kind: 'landline', normalized: ext === null ? base : `${base}-${ext}` };
}

/**
 * A unit's contact number: a mobile number, a landline with area code (0578-2123456, optionally with
 * an extension: 0578-2123456-801, 0578-2123456转801), a 400/800 number, or a 5-digit 123xx government
 * hotline such as 12345.
 */
export function validatePhone(s: string): PhoneCheck {
  const trimmed = s.normalize('NFKC').trim();
  if (trimmed === '') return { ok: false, reason: '请填写联系电话' };

  const mobile = validateMobile(trimmed);
  if (mobile.ok) return { ok: true, kind: 'mobile', normalized: mobile.normalized };

  const compact = trimmed.replace(/\s+/g, '');
  const { main, ext } = splitExtension(compact);
  // "0578-2123456-801": a third hyphenated group is an extension when the first two already form a
  // landline. Checked first, or 0578-2123456-8 would read as the 8-digit local number 21234568; and
  // only for landlines, since 400-123-4567 is also three groups.
  const groups = compact.split('-');
  if (ext === null && groups.length === 3 && /^\d{1,6}$/.test(groups[2]!)) {
    const withExt = parseFixedNumber(`${groups[0]}-${groups[1]}`, groups[2]!);
    if (withExt?.ok && withExt.kind === 'landline') return withExt;
  }
  const parsed = parseFixedNumber(main, ext);
  if (parsed !== null) return parsed;
  if (!/^\+?\d+$/.test(clean(main))) return { ok: false, reason: '联系电话格式不正确' };
  if (/^[2-9]\d{6,7}$/.test(clean(main))) {
    return { ok: false, reason: '固定电话请加区号，例如 0578-2123456' };
  }
  return { ok: false, reason: '联系电话应为手机号码或带区号的固定电话，例如 0578-2123456' };
}
