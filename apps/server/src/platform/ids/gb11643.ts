// GB 11643-1999 公民身份号码 (DOMAIN §7.1), its 15-digit 1989 predecessor, and the 2023
// 外国人永久居留身份证 number, which deliberately reuses the same layout and MOD 11-2 check.
//
// Only the province part of the address code is checked here: people keep the code they were born
// with after re-districting, so a county-level check needs the historical GB/T 2260 table (with
// validity intervals) that the region module holds, not a constant list.

import { shanghaiDate } from '../calendar/working-days.ts';

export type IdNumberKind = 'resident' | 'foreign-permanent-resident';

export type IdNumberCheck =
  | {
      ok: true;
      kind: IdNumberKind;
      /** 18 characters, check character upper-case; 15-digit input is converted. */
      normalized: string;
      /** True when the input was a 15-digit GB 11643-1989 number. */
      convertedFromLegacy: boolean;
      birthDate: string;
      sex: 'male' | 'female';
      /**
       * Residents: the 6-digit 地址码. Foreign permanent residents: the issuing province as 'xx0000'
       * (their number carries no county).
       */
      regionCode: string;
      /** Foreign permanent residents only: the 3-digit numeric nationality code. */
      nationalityCode?: string;
    }
  | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes in use (GB/T 2260): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

/**
 * Residence permits for people from Taiwan use 830000; it is not a GB/T 2260 province but is valid as
 * the first two digits of an ID number.
 */
const ID_ONLY_PREFIXES: ReadonlySet<string> = new Set(['83']);

const EARLIEST_BIRTH_YEAR = 1900;

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function computeIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('身份号码本体码应为17位数字');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function normalizeInput(s: string): string {
  // NFKC turns full-width digits and Ｘ (common with Chinese IMEs) into ASCII; spaces are typing noise.
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Validates a 公民身份号码 (or a 2023 外国人永久居留身份证 number). `today` ('YYYY-MM-DD', Asia/Shanghai)
 * bounds the birth date; it defaults to the current date in Shanghai.
 */
export function validateIdNumber(s: string, today?: string): IdNumberCheck {
  const input = normalizeInput(s);
  if (input === '') return { ok: false, reason: '请填写身份证号码' };

  let normalized: string;
  let convertedFromLegacy = false;
  if (input.length === 15) {
    if (!/^\d{15}$/.test(input)) return { ok: false, reason: '15位身份证号码应全部为数字' };
    // GB 11643-1989 numbers carry a 2-digit year; every one of them was issued to people born in 19xx.
    const first17 = `${input.slice(0, 6)}19${input.slice(6)}`;
    normalized = first17 + computeIdCheckDigit(first17);
    convertedFromLegacy = true;
  } else if (input.length === 18) {
    if (!/^\d{17}[\dX]$/.test(input)) {
      return { ok: false, reason: '身份证号码格式不正确：前17位应为数字，最后一位为数字或X' };
    }
    normalized = input;
  } else {
    return { ok: false, reason: `身份证号码应为18位（旧版为15位），当前为${input.length}位` };
  }

  const kind: IdNumberKind = normalized.startsWith('9') ? 'foreign-permanent-resident' : 'resident';
  // 2023 永居证: 9 + 2-digit province of the issuing office + 3-digit nationality code, then the same
  // birth date / sequence / check layout as a resident number.
  const province = kind === 'resident' ? normalized.slice(0, 2) : normalized.slice(1, 3);
  const provinceOk = PROVINCE_CODES.has(province) || (kind === 'resident' && ID_ONLY_PREFIXES.has(province));
  if (!provinceOk) {
    return {
      ok: false,
      reason:
        kind === 'resident'
          ? `身份证号码地址码无效：不存在省级行政区划代码“${province}”`
          : `外国人永久居留身份证号码无效：不存在受理地省级代码“${province}”`,
    };
  }

  const birth = normalized.slice(6, 14);
  if (!isRealDate(birth)) {
    return { ok: false, reason: `身份证号码中的出生日期“${birth}”不是有效日期` };
  }
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (Number(birth.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: `身份证号码中的出生日期早于${EARLIEST_BIRTH_YEAR}年` };
  }
  const todayDate = today ?? shanghaiDate(new Date());
  if (birthDate > todayDate) {
    return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  }

  if (!convertedFromLegacy) {
    const expected = computeIdCheckDigit(normalized.slice(0, 17));
    if (normalized[17] !== expected) {
      return { ok: false, reason: '身份证号码校验码不正确，请核对是否有数字录入错误' };
    }
  }

  const sex = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  if (kind === 'resident') {
    return {
      ok: true,
      kind,
      normalized,
      convertedFromLegacy,
      birthDate,
      sex,
      regionCode: normalized.slice(0, 6),
    };
  }
  return {
    ok: true,
    kind,
    normalized,
    convertedFromLegacy,
    birthDate,
    sex,
    regionCode: `${province}0000`,
    nationalityCode: normalized.slice(3, 6),
  };
}

/**
 * Builds a valid 18-digit number for demo and test data. `birthDate` is 'YYYYMMDD'; `seq3` is the
 * 3-digit 顺序码 whose last digit is odd for men and even for women.
 */
export function makeIdNumber(regionCode6: string, birthDate: string, seq3: string | number): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError('地址码应为6位数字');
  if (!/^\d{8}$/.test(birthDate) || !isRealDate(birthDate)) {
    throw new RangeError('出生日期应为有效的 YYYYMMDD 日期');
  }
  const seq = typeof seq3 === 'number' ? String(seq3).padStart(3, '0') : seq3;
  if (!/^\d{3}$/.test(seq)) throw new RangeError('顺序码应为3位数字');
  const first17 = regionCode6 + birthDate + seq;
  return first17 + computeIdCheckDigit(first17);
}
