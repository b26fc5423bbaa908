// The region picker: the platform's GB/T 2260 list as a select (one group per county, its townships
// inside), and full names for display ("浙江省丽水市莲都区紫金街道").
import { LISHUI_REGIONS, type RegionEntry } from '../../platform/ids/gb2260.ts';

const byCode = new Map<string, RegionEntry>(LISHUI_REGIONS.map((r) => [r.code, r]));

/** Full name of a known region code with its ancestors, or null. */
export function regionName(code: string): string | null {
  let r = byCode.get(code);
  if (!r) return null;
  const parts: string[] = [];
  while (r) {
    parts.unshift(r.name);
    r = r.parentCode ? byCode.get(r.parentCode) : undefined;
  }
  return parts.join('');
}

export interface RegionGroup {
  label: string;
  options: { value: string; label: string; selected: boolean }[];
}

/** Option groups for a region select, with the current value selected. */
export function regionOptions(selected: string): RegionGroup[] {
  const opt = (r: RegionEntry, label = r.name) => ({ value: r.code, label, selected: r.code === selected });
  const top = LISHUI_REGIONS.filter((r) => r.level === 'province' || r.level === 'prefecture');
  const groups: RegionGroup[] = [{ label: '省、市', options: top.map((r) => opt(r)) }];
  for (const county of LISHUI_REGIONS.filter((r) => r.level === 'county')) {
    groups.push({
      label: county.name,
      options: [
        opt(county, `${county.name}（全域）`),
        ...LISHUI_REGIONS.filter((r) => r.parentCode === county.code).map((r) => opt(r)),
      ],
    });
  }
  return groups;
}
