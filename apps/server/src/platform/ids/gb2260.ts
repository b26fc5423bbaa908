// GB/T 2260 行政区划代码 (6 digits) and GB/T 10114 township codes (9 digits), DOMAIN §7.3.
//
// Parsing is structural only. Whether a code exists (and existed when a document was issued) is a
// question for the versioned region table, because codes are retired and re-used after mergers.

import { PROVINCE_CODES } from './gb11643.ts';

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township';

/** GB/T 10114 ranges of the 3-digit township part. */
export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'township-like';

export type RegionCodeCheck =
  | {
      ok: true;
      code: string;
      level: RegionLevel;
      /** 'xx0000' */
      province: string;
      /** 'xxxx00'; absent for a province. */
      prefecture?: string;
      /**
       * 6-digit county code; absent above county level and for townships that sit directly under a
       * prefecture-level city without counties (e.g. 东莞市 441900, whose towns are 441900xxx).
       */
      county?: string;
      /** 9-digit code, townships only. */
      township?: string;
      townshipKind?: TownshipKind;
    }
  | { ok: false; reason: string };

function townshipKindOf(part: number): TownshipKind | null {
  if (part >= 1 && part <= 99) return 'subdistrict';
  if (part >= 100 && part <= 199) return 'town';
  if (part >= 200 && part <= 399) return 'township';
  if (part >= 400 && part <= 599) return 'township-like';
  return null;
}

export function parseRegionCode(code: string): RegionCodeCheck {
  const c = code.trim();
  if (!/^\d{6}$|^\d{9}$/.test(c)) {
    return { ok: false, reason: '行政区划代码应为6位（县级及以上）或9位（乡级）数字' };
  }
  const provincePart = c.slice(0, 2);
  const prefecturePart = c.slice(2, 4);
  const countyPart = c.slice(4, 6);
  if (!PROVINCE_CODES.has(provincePart)) {
    return { ok: false, reason: `不存在省级行政区划代码“${provincePart}”` };
  }
  if (prefecturePart === '00' && countyPart !== '00') {
    return { ok: false, reason: `行政区划代码“${c}”无效：地级代码为00时县级代码也应为00` };
  }
  const province = `${provincePart}0000`;
  const prefecture = `${provincePart}${prefecturePart}00`;
  const base = c.slice(0, 6);

  if (c.length === 6) {
    if (prefecturePart === '00') return { ok: true, code: c, level: 'province', province };
    if (countyPart === '00') return { ok: true, code: c, level: 'prefecture', province, prefecture };
    return { ok: true, code: c, level: 'county', province, prefecture, county: c };
  }

  if (prefecturePart === '00') {
    return { ok: false, reason: `乡级区划代码“${c}”无效：前6位应为县级或地级代码` };
  }
  const townshipKind = townshipKindOf(Number(c.slice(6)));
  if (townshipKind === null) {
    return { ok: false, reason: `乡级区划代码“${c}”无效：第7-9位应在001-599之间` };
  }
  return {
    ok: true,
    code: c,
    level: 'township',
    province,
    prefecture,
    ...(countyPart === '00' ? {} : { county: base }),
    township: c,
    townshipKind,
  };
}

/** True when region `a` strictly contains region `b` (a region is not its own ancestor). */
export function isAncestorRegion(a: string, b: string): boolean {
  const pa = parseRegionCode(a);
  const pb = parseRegionCode(b);
  if (!pa.ok || !pb.ok || pa.code === pb.code) return false;
  switch (pa.level) {
    case 'province':
      return pb.province === pa.code;
    case 'prefecture':
      return pb.prefecture === pa.code && pb.level !== 'prefecture';
    case 'county':
      return pb.county === pa.code && pb.level === 'township';
    case 'township':
      return false;
  }
}

export interface RegionEntry {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
}

function townships(county: string, list: readonly (readonly [string, string])[]): RegionEntry[] {
  return list.map(([suffix, name]) => ({
    code: county + suffix,
    name,
    level: 'township',
    parentCode: county,
  }));
}

/**
 * The demo region (丽水市, 浙江省). County-level codes from the 民政部 list (DOMAIN §7.3). Township codes
 * are the first 9 digits of the 国家统计局 统计用区划代码 (as mirrored in
 * modood/Administrative-divisions-of-China dist/streets.csv), which follow GB/T 10114 numbering; check
 * them against the current 民政部 release before using them for anything but demo data.
 */
export const LISHUI_REGIONS: readonly RegionEntry[] = [
  { code: '330000', name: '浙江省', level: 'province', parentCode: null },
  { code: '331100', name: '丽水市', level: 'prefecture', parentCode: '330000' },
  { code: '331102', name: '莲都区', level: 'county', parentCode: '331100' },
  { code: '331121', name: '青田县', level: 'county', parentCode: '331100' },
  { code: '331122', name: '缙云县', level: 'county', parentCode: '331100' },
  { code: '331123', name: '遂昌县', level: 'county', parentCode: '331100' },
  { code: '331124', name: '松阳县', level: 'county', parentCode: '331100' },
  { code: '331125', name: '云和县', level: 'county', parentCode: '331100' },
  { code: '331126', name: '庆元县', level: 'county', parentCode: '331100' },
  { code: '331127', name: '景宁畲族自治县', level: 'county', parentCode: '331100' },
  { code: '331181', name: '龙泉市', level: 'county', parentCode: '331100' },
  ...townships('331102', [
    ['001', '紫金街道'],
    ['100', '碧湖镇'],
    ['103', '老竹畲族镇'],
  ]),
  ...townships('331121', [
    ['001', '鹤城街道'],
    ['101', '温溪镇'],
    ['200', '万山乡'],
  ]),
  ...townships('331122', [
    ['001', '五云街道'],
    ['003', '仙都街道'],
    ['101', '壶镇镇'],
  ]),
  ...townships('331123', [
    ['001', '妙高街道'],
    ['106', '石练镇'],
    ['107', '王村口镇'],
  ]),
  ...townships('331124', [
    ['001', '西屏街道'],
    ['101', '古市镇'],
    ['102', '玉岩镇'],
  ]),
  ...townships('331125', [
    ['001', '浮云街道'],
    ['106', '石塘镇'],
    ['107', '紧水滩镇'],
  ]),
  ...townships('331126', [
    ['001', '松源街道'],
    ['102', '竹口镇'],
    ['107', '百山祖镇'],
  ]),
  ...townships('331127', [
    ['002', '鹤溪街道'],
    ['101', '渤海镇'],
    ['103', '英川镇'],
  ]),
  ...townships('331181', [
    ['001', '龙渊街道'],
    ['104', '安仁镇'],
    ['200', '兰巨乡'],
  ]),
];
