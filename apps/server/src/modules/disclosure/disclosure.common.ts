// Small helpers shared by the disclosure use cases: clean text, dates, reach checks on a unit.
import { assertIsoDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { UUID_RE } from '../../platform/db/ids.ts';
import type { ErrorDetail } from '../../platform/http/errors.ts';
import { orgInReach, type Principal, requireReach } from '../../platform/http/principal.ts';
import { getOrg, type OrgInfo } from '../identity/index.ts';
import { disclosureErrors } from './disclosure.errors.ts';

// Control characters other than tab and newline never belong in stored text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A body as a use case receives it: the fields of the shared input shape (apps/shared/disclosure.ts),
 * each of any value until cleaned (forms of the portal pages and direct callers are not schema-checked).
 */
export type Unchecked<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[]
    ? unknown
    : NonNullable<T[K]> extends object
      ? Unchecked<NonNullable<T[K]>>
      : unknown;
};

/** Collects field problems and throws them together. */
export class Problems {
  readonly list: ErrorDetail[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  throwIf(make: (details: ErrorDetail[]) => Error): void {
    if (this.list.length) throw make(this.list);
  }
}

/** Trimmed text with control characters removed; a problem when missing (required) or too long. */
export function cleanText(
  p: Problems,
  field: string,
  label: string,
  v: unknown,
  opts: { max: number; required?: boolean; multiline?: boolean },
): string {
  if (v === undefined || v === null) {
    if (opts.required) p.add(field, `请填写${label}`);
    return '';
  }
  if (typeof v !== 'string') {
    p.add(field, `${label}应为文本`);
    return '';
  }
  let s = v.replace(CONTROL, '');
  if (!opts.multiline) s = s.replace(/[\r\n\t]+/g, ' ');
  s = s.trim();
  if (!s && opts.required) p.add(field, `请填写${label}`);
  else if ([...s].length > opts.max) p.add(field, `${label}不能超过 ${opts.max} 个字`);
  return s;
}

export function cleanDate(
  p: Problems,
  field: string,
  label: string,
  v: unknown,
  required = true,
): string | null {
  if (v === undefined || v === null || v === '') {
    if (required) p.add(field, `请填写${label}`);
    return null;
  }
  if (typeof v !== 'string') {
    p.add(field, `${label}应为 YYYY-MM-DD 格式的日期`);
    return null;
  }
  try {
    assertIsoDate(v);
    const y = Number(v.slice(0, 4));
    if (y < 1949 || y > 2100) throw new RangeError('year');
    return v;
  } catch {
    p.add(field, `${label}应为有效的 YYYY-MM-DD 日期`);
    return null;
  }
}

export function oneOf<T extends string>(
  p: Problems,
  field: string,
  label: string,
  v: unknown,
  allowed: readonly T[],
  fallback?: T,
): T {
  if ((v === undefined || v === null || v === '') && fallback !== undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  p.add(field, `${label}应为以下之一：${allowed.join('、')}`);
  return (fallback ?? allowed[0]) as T;
}

/**
 * The unit a member of staff acts on, with `permission` reaching it. No permission at all → 403;
 * a unit outside the reach (another county's) or no such unit → 404, so ids reveal nothing.
 */
export async function unitInReach(
  ctx: AppContext,
  principal: Principal | null | undefined,
  permission: string,
  orgId: unknown,
  field = 'orgId',
): Promise<OrgInfo> {
  const reach = requireReach(principal, permission);
  if (typeof orgId !== 'string' || !UUID_RE.test(orgId)) throw disclosureErrors.UNIT_NOT_FOUND(field);
  const org = await getOrg(ctx.pool, orgId);
  if (!org || !orgInReach(reach, org.path)) throw disclosureErrors.UNIT_NOT_FOUND(field);
  return org;
}

/** '2026-11-24' → '2026年11月24日'. */
export function cnDate(d: string | null | undefined): string {
  if (!d) return '—';
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** A date column read from PostgreSQL as 'YYYY-MM-DD' whatever the driver gives. */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
