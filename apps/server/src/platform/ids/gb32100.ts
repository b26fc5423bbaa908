// GB 32100-2015 统一社会信用代码 (DOMAIN §7.2).
//
// Some legally issued early pilot codes (Fujian/Xiamen, e.g. 91350100M0001TGQXM) fail the final check
// character while everything else is well formed. Rejecting them outright would lock real organisations
// out, so a failure of that check alone is reported separately (`checkDigitOnly`) and the caller lets
// staff accept the code with a recorded reason.

import { PROVINCE_CODES } from './gb11643.ts';

/** 31 characters, no I, O, S, V, Z (they are too easily confused with 1, 0, 5, U, 2). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 组织机构代码 weights for its first 8 characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

interface DeptInfo {
  readonly name: string;
  readonly categories: Readonly<Record<string, string>>;
}

/** GB 32100-2015 表1/表2 (登记管理部门 and 机构类别), as reproduced by several independent validators. */
const DEPARTMENTS: Readonly<Record<string, DeptInfo>> = {
  '1': {
    name: '机构编制',
    categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    categories: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', categories: { '1': '其他' } },
};

export interface CreditCodeParts {
  registrationDept: { code: string; name: string };
  /**
   * `name` is null for a category digit missing from the 2015 table: categories have been added since
   * (e.g. for 基层群众性自治组织), and an unknown one is not evidence of a bad code.
   */
  category: { code: string; name: string | null };
  /** 6-digit 登记管理机关行政区划码; 100000 for registrations by a national authority. */
  regionCode: string;
  /** 9-character 主体标识码 (组织机构代码) including its check character. */
  orgCode: string;
}

export type CreditCodeCheck =
  | ({ ok: true; normalized: string } & CreditCodeParts)
  | { ok: false; reason: string; checkDigitOnly: boolean; normalized?: string; parts?: CreditCodeParts };

function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    // GB 11714 values: 0-9 as digits, A-Z as 10-35.
    sum += Number.parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function uscc18(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

function validRegionPrefix(regionCode: string): boolean {
  return regionCode.slice(0, 2) === '10' || PROVINCE_CODES.has(regionCode.slice(0, 2));
}

export function validateCreditCode(s: string): CreditCodeCheck {
  // Full-width characters from Chinese IMEs and lower case are input noise, not a different code.
  const code = s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const fail = (reason: string): CreditCodeCheck => ({ ok: false, reason, checkDigitOnly: false });
  if (code === '') return fail('请填写统一社会信用代码');
  if (code.length !== 18) return fail(`统一社会信用代码应为18位，当前为${code.length}位`);
  for (const ch of code) {
    if (!USCC_CHARSET.includes(ch)) {
      return fail(`统一社会信用代码含有不允许的字符“${ch}”（不使用 I、O、S、V、Z）`);
    }
  }
  const dept = DEPARTMENTS[code[0]!];
  if (dept === undefined) return fail(`登记管理部门代码“${code[0]}”无效`);
  const categoryCode = code[1]!;
  if (!/\d/.test(categoryCode) || categoryCode === '0') return fail(`机构类别代码“${categoryCode}”无效`);
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode) || !validRegionPrefix(regionCode)) {
    return fail(`登记管理机关行政区划码“${regionCode}”无效`);
  }
  const orgCode = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(orgCode) || orgCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) {
    return fail('统一社会信用代码中的组织机构代码（第9-17位）校验不通过');
  }
  const parts: CreditCodeParts = {
    registrationDept: { code: code[0]!, name: dept.name },
    category: { code: categoryCode, name: dept.categories[categoryCode] ?? null },
    regionCode,
    orgCode,
  };
  if (uscc18(code.slice(0, 17)) !== code[17]) {
    return {
      ok: false,
      reason: '统一社会信用代码最后一位校验码不正确；如确为登记机关颁发的早期试点代码，可注明理由后受理',
      checkDigitOnly: true,
      normalized: code,
      parts,
    };
  }
  return { ok: true, normalized: code, ...parts };
}

/**
 * Builds a valid code for demo and test data: `prefix2` is 登记管理部门 + 机构类别 (e.g. '91' 企业,
 * '11' 机关), `orgBody8` the first 8 characters of the 组织机构代码; both check characters are computed.
 */
export function makeCreditCode(prefix2: string, regionCode6: string, orgBody8: string): string {
  if (!/^[0-9A-Z][1-9]$/.test(prefix2) || DEPARTMENTS[prefix2[0]!] === undefined) {
    throw new RangeError('登记管理部门和机构类别代码无效');
  }
  if (!/^\d{6}$/.test(regionCode6) || !validRegionPrefix(regionCode6)) throw new RangeError('行政区划码无效');
  if (!/^[0-9A-Z]{8}$/.test(orgBody8) || [...orgBody8].some((ch) => !USCC_CHARSET.includes(ch))) {
    throw new RangeError('组织机构代码本体应为8位数字或大写字母（不含 I、O、S、V、Z）');
  }
  const first17 = prefix2 + regionCode6 + orgBody8 + orgCheckChar(orgBody8);
  return first17 + uscc18(first17);
}
