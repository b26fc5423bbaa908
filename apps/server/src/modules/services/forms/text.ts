// Text checks shared by the form validators and the service item rules. PostgreSQL cannot store NUL
// or lone surrogates in jsonb or text, so such input is refused up front instead of failing at COMMIT.
// Markup is not our concern here: values are kept as typed and escaped wherever they are shown.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_SINGLE = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: newlines and tabs are allowed in multi-line text
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Length in characters as people count them (code points, so 𠮷 is one). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/** Why a string may not be stored, or null. */
export function textProblem(s: string, opts: { multiline: boolean }): 'control' | 'newline' | null {
  if (!s.isWellFormed()) return 'control';
  if (opts.multiline) return CONTROL_MULTI.test(s) ? 'control' : null;
  if (/[\r\n]/.test(s)) return 'newline';
  return CONTROL_SINGLE.test(s) ? 'control' : null;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own property only: `constructor` or `toString` in a definition never reads Object.prototype. */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A key as it may appear in a message: bounded, without control characters. */
export function shownKey(k: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters from a shown key
  const clean = k.replace(/[\u0000-\u001f\u007f]/g, '');
  return charLength(clean) > 40 ? `${[...clean].slice(0, 40).join('')}…` : clean;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

const EMAIL_RE =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(s: string): boolean {
  return s.length <= 100 && EMAIL_RE.test(s);
}

export function isHttpUrl(s: string): boolean {
  if (s.length > 500) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
