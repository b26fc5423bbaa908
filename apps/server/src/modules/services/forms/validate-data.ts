// Server-side validation of submitted form values against the item's form definition. Types are
// strict (JSON numbers for numbers, arrays for checkboxes); hidden fields are not required and their
// values are dropped; keys the form does not have are refused. Messages name the field's label.
import { LISHUI_REGIONS, parseRegionCode } from '../../../platform/ids/gb2260.ts';
import { validateIdNumber } from '../../../platform/ids/gb11643.ts';
import { validateCreditCode } from '../../../platform/ids/gb32100.ts';
import { validatePhone } from '../../../platform/ids/phone.ts';
import {
  ADDRESS_DETAIL_MAX,
  EMAIL_MAX,
  type FormDefinition,
  type FormField,
  type FormProblem,
  type FormValues,
  fieldVisible,
  GROUP_MAX_ROWS,
  TEXT_MAX_DEFAULT,
  TEXTAREA_MAX_DEFAULT,
} from './form-types.ts';
import { charLength, isEmail, isIsoDate, isPlainObject, own, shownKey, textProblem } from './text.ts';

/** Whether a conditional field shows: the rule lives in apps/shared (the console previews with it). */
export { fieldVisible };

export type FormDataCheck = { ok: true; values: FormValues } | { ok: false; problems: FormProblem[] };

export interface ValidateOptions {
  /** 'YYYY-MM-DD' (Asia/Shanghai) bounding birth dates in ID numbers; defaults to the real today. */
  today?: string;
  /** Prefix of problem paths; 'form' gives `form.employees[1].name` as the applications API reports it. */
  root?: string;
}

const MAX_PROBLEMS = 100;
const KNOWN_REGIONS = new Map(LISHUI_REGIONS.map((r) => [r.code, r]));

/** Whether a region code is one the platform's region picker offers. */
export function isKnownRegion(code: string): boolean {
  return KNOWN_REGIONS.has(code);
}

class Problems {
  readonly list: FormProblem[] = [];
  add(field: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

interface Where {
  path: string;
  /** “名称” or “从业人员”第 2 条的“姓名”. */
  label: string;
}

function checkString(
  p: Problems,
  w: Where,
  v: unknown,
  opts: { max: number; multiline: boolean },
): string | undefined {
  if (typeof v !== 'string') {
    p.add(w.path, `${w.label}应为文本`);
    return undefined;
  }
  const s = opts.multiline ? v.replace(/\r\n?/g, '\n').trim() : v.trim();
  const bad = textProblem(s, { multiline: opts.multiline });
  if (bad === 'newline') {
    p.add(w.path, `${w.label}不能包含换行`);
    return undefined;
  }
  if (bad) {
    p.add(w.path, `${w.label}含有不允许的控制字符`);
    return undefined;
  }
  if (charLength(s) > opts.max) {
    p.add(w.path, `${w.label}不能超过 ${opts.max} 个字符`);
    return undefined;
  }
  return s;
}

function fmt(n: number, unit: string | undefined): string {
  return `${n}${unit ?? ''}`;
}

function checkValue(p: Problems, f: FormField, w: Where, v: unknown, today?: string): unknown {
  switch (f.type) {
    case 'text':
      return checkString(p, w, v, { max: f.maxLength ?? TEXT_MAX_DEFAULT, multiline: false });
    case 'textarea':
      return checkString(p, w, v, { max: f.maxLength ?? TEXTAREA_MAX_DEFAULT, multiline: true });
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        p.add(w.path, `${w.label}应为数字`);
        return undefined;
      }
      if (f.integer && !Number.isInteger(v)) {
        p.add(w.path, `${w.label}应为整数`);
        return undefined;
      }
      if (f.min !== undefined && v < f.min) {
        p.add(w.path, `${w.label}不能小于 ${fmt(f.min, f.unit)}`);
        return undefined;
      }
      if (f.max !== undefined && v > f.max) {
        p.add(w.path, `${w.label}不能大于 ${fmt(f.max, f.unit)}`);
        return undefined;
      }
      return v;
    }
    case 'date': {
      if (typeof v !== 'string' || !isIsoDate(v.trim())) {
        p.add(w.path, `${w.label}应为有效日期，格式为 YYYY-MM-DD`);
        return undefined;
      }
      return v.trim();
    }
    case 'select':
    case 'radio': {
      const values = (f.options ?? []).map((o) => o.value);
      if (typeof v !== 'string' || !values.includes(v)) {
        p.add(w.path, `${w.label}的选项无效，请从给出的选项中选择`);
        return undefined;
      }
      return v;
    }
    case 'checkbox': {
      const values = (f.options ?? []).map((o) => o.value);
      if (!Array.isArray(v)) {
        p.add(w.path, `${w.label}应为选项列表`);
        return undefined;
      }
      // The length check comes first: a huge array is refused without walking it.
      if (v.length > values.length || v.some((x) => typeof x !== 'string' || !values.includes(x))) {
        p.add(w.path, `${w.label}的选项无效，请从给出的选项中选择`);
        return undefined;
      }
      if (new Set(v).size !== v.length) {
        p.add(w.path, `${w.label}的选项有重复`);
        return undefined;
      }
      // Stored in the order the options are listed, whatever order the client sent.
      return values.filter((x) => (v as string[]).includes(x));
    }
    case 'region':
      return checkRegion(p, w, v);
    case 'address': {
      if (!isPlainObject(v)) {
        p.add(w.path, `${w.label}应包含所在地区和详细地址`);
        return undefined;
      }
      let bad = false;
      for (const k of Object.keys(v)) {
        if (k !== 'region' && k !== 'detail') {
          p.add(`${w.path}.${shownKey(k)}`, `${w.label}不支持“${shownKey(k)}”`);
          bad = true;
        }
      }
      const regionRaw = own(v, 'region');
      const detailRaw = own(v, 'detail');
      let region: string | undefined;
      let detail: string | undefined;
      if (isEmpty(regionRaw)) {
        p.add(`${w.path}.region`, `请选择${w.label}的所在地区`);
      } else {
        region = checkRegion(p, { path: `${w.path}.region`, label: `${w.label}的所在地区` }, regionRaw);
      }
      if (isEmpty(detailRaw)) {
        p.add(`${w.path}.detail`, `请填写${w.label}的详细地址`);
      } else {
        detail = checkString(p, { path: `${w.path}.detail`, label: `${w.label}的详细地址` }, detailRaw, {
          max: ADDRESS_DETAIL_MAX,
          multiline: false,
        });
      }
      return bad || region === undefined || detail === undefined ? undefined : { region, detail };
    }
    case 'id_number': {
      if (typeof v !== 'string' || v.length > 40) {
        p.add(w.path, `${w.label}应为18位公民身份号码`);
        return undefined;
      }
      const r = validateIdNumber(v, today);
      if (!r.ok) {
        p.add(w.path, `${w.label}：${r.reason}`);
        return undefined;
      }
      return r.normalized;
    }
    case 'credit_code': {
      if (typeof v !== 'string' || v.length > 40) {
        p.add(w.path, `${w.label}应为18位统一社会信用代码`);
        return undefined;
      }
      const r = validateCreditCode(v);
      if (!r.ok) {
        p.add(w.path, `${w.label}：${r.reason}`);
        return undefined;
      }
      return r.normalized;
    }
    case 'phone': {
      if (typeof v !== 'string' || v.length > 40) {
        p.add(w.path, `${w.label}应为手机号码或带区号的固定电话`);
        return undefined;
      }
      const r = validatePhone(v);
      if (!r.ok) {
        p.add(w.path, `${w.label}：${r.reason}`);
        return undefined;
      }
      return r.normalized;
    }
    case 'email': {
      if (typeof v !== 'string' || !isEmail(v.trim()) || v.trim().length > EMAIL_MAX) {
        p.add(w.path, `${w.label}不是有效的电子邮箱地址`);
        return undefined;
      }
      return v.trim();
    }
    case 'group':
      // Groups are handled by the caller (they need the whole form for conditions).
      return undefined;
  }
}

function checkRegion(p: Problems, w: Where, v: unknown): string | undefined {
  if (typeof v !== 'string') {
    p.add(w.path, `${w.label}应为行政区划代码`);
    return undefined;
  }
  const code = v.trim();
  const parsed = parseRegionCode(code);
  if (!parsed.ok) {
    p.add(w.path, `${w.label}：${parsed.reason}`);
    return undefined;
  }
  if (!KNOWN_REGIONS.has(code)) {
    p.add(w.path, `${w.label}：行政区划代码“${code}”不在本平台的行政区划列表中`);
    return undefined;
  }
  return code;
}

function requiredMessage(f: FormField, label: string): string {
  switch (f.type) {
    case 'select':
    case 'radio':
    case 'checkbox':
    case 'region':
      return `请选择${label}`;
    default:
      return `请填写${label}`;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function refuseUnknownKeys(
  p: Problems,
  input: Record<string, unknown>,
  fields: readonly FormField[],
  path: string,
) {
  const known = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(input)) {
    if (!known.has(k)) p.add(join(path, shownKey(k)), `表单中没有“${shownKey(k)}”这一项`);
    if (p.full) return;
  }
}

function validateLevel(
  p: Problems,
  fields: readonly FormField[],
  input: Record<string, unknown>,
  path: string,
  labelPrefix: string,
  top: FormValues,
  today: string | undefined,
  isTop: boolean,
): FormValues {
  const out: FormValues = {};
  refuseUnknownKeys(p, input, fields, path);
  for (const f of fields) {
    if (p.full) break;
    if (!fieldVisible(f, fields, out, isTop ? out : top)) continue;
    const w: Where = { path: join(path, f.key), label: `${labelPrefix}“${f.label}”` };
    const v = own(input, f.key);
    if (f.type === 'group') {
      const rows = validateGroup(p, f, w, v, top, out, today);
      if (rows !== undefined && rows.length > 0) out[f.key] = rows;
      continue;
    }
    if (isEmpty(v)) {
      if (f.required) p.add(w.path, requiredMessage(f, w.label));
      continue;
    }
    const clean = checkValue(p, f, w, v, today);
    if (clean !== undefined && !isEmpty(clean)) out[f.key] = clean;
    else if (clean !== undefined && f.required) p.add(w.path, requiredMessage(f, w.label));
  }
  return out;
}

function validateGroup(
  p: Problems,
  f: FormField,
  w: Where,
  v: unknown,
  top: FormValues,
  current: FormValues,
  today: string | undefined,
): FormValues[] | undefined {
  const min = Math.max(f.minItems ?? 0, f.required ? 1 : 0);
  const max = Math.min(f.maxItems ?? GROUP_MAX_ROWS, GROUP_MAX_ROWS);
  if (v === undefined || v === null) {
    if (min > 0) p.add(w.path, `${w.label}至少需要填写 ${min} 条`);
    return undefined;
  }
  if (!Array.isArray(v)) {
    p.add(w.path, `${w.label}应为列表`);
    return undefined;
  }
  if (v.length > max) {
    p.add(w.path, `${w.label}最多填写 ${max} 条`);
    return undefined;
  }
  if (v.length < min) {
    p.add(w.path, `${w.label}至少需要填写 ${min} 条`);
    return undefined;
  }
  const subs = f.fields ?? [];
  // Conditions inside a row may look at top-level fields filled in before the group.
  const scopeTop = { ...top, ...current };
  const rows: FormValues[] = [];
  v.forEach((row, i) => {
    if (p.full) return;
    const rowPath = `${w.path}[${i}]`;
    if (!isPlainObject(row)) {
      p.add(rowPath, `${w.label}第 ${i + 1} 条格式不正确`);
      return;
    }
    rows.push(validateLevel(p, subs, row, rowPath, `${w.label}第 ${i + 1} 条的`, scopeTop, today, false));
  });
  return rows;
}

/**
 * Validates submitted values. On success `values` holds the cleaned values in definition order:
 * strings trimmed, identifiers normalised, hidden and empty fields left out.
 */
export function validateFormData(
  def: FormDefinition,
  data: unknown,
  opts: ValidateOptions = {},
): FormDataCheck {
  const root = opts.root ?? 'form';
  const p = new Problems();
  if (!isPlainObject(data)) {
    return { ok: false, problems: [{ field: root, message: '表单内容应为对象（键为字段标识）' }] };
  }
  const fields = def.sections.flatMap((s) => s.fields);
  const values = validateLevel(p, fields, data, root, '', {}, opts.today, true);
  if (p.list.length) return { ok: false, problems: p.list };
  return { ok: true, values };
}
