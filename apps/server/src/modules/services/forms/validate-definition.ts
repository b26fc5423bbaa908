// Checks a form definition as the editor saves it: structure, unique keys, options of choice fields,
// conditions that look back at earlier fields, one level of repeating groups, prefill kinds that fit
// their field. A definition that passes can always be rendered and validated against.
import {
  CONTROLLER_TYPES,
  type FieldOption,
  FIELD_TYPE_NAMES,
  FIELD_TYPES,
  type FieldType,
  type FormDefinition,
  type FormField,
  type FormSection,
  GROUP_MAX_ROWS,
  isChoice,
  KEY_RE,
  PREFILL_FIELD_TYPES,
  PREFILL_KIND_NAMES,
  type PrefillKind,
  TEXT_MAX_LIMIT,
  TEXTAREA_MAX_LIMIT,
  type VisibleWhen,
} from './form-types.ts';
import { charLength, isPlainObject, own, shownKey, textProblem } from './text.ts';

export interface DefinitionProblem {
  path: string;
  message: string;
}

export type DefinitionCheck =
  | { ok: true; definition: FormDefinition }
  | { ok: false; problems: DefinitionProblem[] };

const MAX_SECTIONS = 30;
const MAX_FIELDS = 300;
const MAX_OPTIONS = 200;
const MAX_PROBLEMS = 100;

const FIELD_PROPS = new Set([
  'key',
  'label',
  'type',
  'required',
  'help',
  'placeholder',
  'options',
  'min',
  'max',
  'integer',
  'unit',
  'maxLength',
  'visibleWhen',
  'prefill',
  'fields',
  'minItems',
  'maxItems',
]);

/** Properties that only make sense on some field types. */
const ONLY_ON: Record<string, (t: FieldType) => boolean> = {
  options: isChoice,
  min: (t) => t === 'number',
  max: (t) => t === 'number',
  integer: (t) => t === 'number',
  unit: (t) => t === 'number',
  maxLength: (t) => t === 'text' || t === 'textarea',
  fields: (t) => t === 'group',
  minItems: (t) => t === 'group',
  maxItems: (t) => t === 'group',
  placeholder: (t) => t !== 'group' && t !== 'radio' && t !== 'checkbox',
  prefill: (t) => t !== 'group',
};

/** Field types whose value can drive a condition (a plain string or a list of strings). */

class Collector {
  readonly problems: DefinitionProblem[] = [];
  add(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ path, message });
  }
}

function name(f: { label?: unknown; key?: unknown }): string {
  if (typeof f.label === 'string' && f.label.trim()) return `“${shownKey(f.label.trim())}”`;
  if (typeof f.key === 'string') return `“${shownKey(f.key)}”`;
  return '该字段';
}

function checkText(
  c: Collector,
  path: string,
  v: unknown,
  what: string,
  opts: { required: boolean; max: number; multiline?: boolean },
): string | undefined {
  if (v === undefined) {
    if (opts.required) c.add(path, `请填写${what}`);
    return undefined;
  }
  if (typeof v !== 'string') {
    c.add(path, `${what}应为文本`);
    return undefined;
  }
  const s = v.trim();
  if (!s) {
    if (opts.required) c.add(path, `${what}不能为空`);
    return undefined;
  }
  const bad = textProblem(s, { multiline: !!opts.multiline });
  if (bad === 'newline') c.add(path, `${what}不能包含换行`);
  else if (bad) c.add(path, `${what}含有不允许的控制字符`);
  if (charLength(s) > opts.max) c.add(path, `${what}不能超过 ${opts.max} 个字符`);
  return s;
}

function checkKey(c: Collector, path: string, v: unknown, what: string): string | undefined {
  if (typeof v !== 'string' || !KEY_RE.test(v)) {
    c.add(path, `${what}的标识应以英文字母开头，由英文字母、数字和下划线组成，不超过 40 个字符`);
    return undefined;
  }
  return v;
}

function checkOptions(c: Collector, path: string, v: unknown, label: string): FieldOption[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    c.add(path, `${label}是选择题，至少需要一个选项`);
    return undefined;
  }
  if (v.length > MAX_OPTIONS) {
    c.add(path, `${label}的选项不能超过 ${MAX_OPTIONS} 个`);
    return undefined;
  }
  const out: FieldOption[] = [];
  const seen = new Set<string>();
  v.forEach((o, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(o)) {
      c.add(p, `${label}的第 ${i + 1} 个选项格式不正确`);
      return;
    }
    for (const k of Object.keys(o)) {
      if (k !== 'value' && k !== 'label') c.add(`${p}.${shownKey(k)}`, `选项不支持属性“${shownKey(k)}”`);
    }
    const value = checkText(c, `${p}.value`, own(o, 'value'), `${label}第 ${i + 1} 个选项的值`, {
      required: true,
      max: 100,
    });
    const optLabel = checkText(c, `${p}.label`, own(o, 'label'), `${label}第 ${i + 1} 个选项的名称`, {
      required: true,
      max: 100,
    });
    if (value !== undefined) {
      if (seen.has(value)) c.add(`${p}.value`, `${label}的选项值“${shownKey(value)}”重复`);
      seen.add(value);
    }
    if (value !== undefined && optLabel !== undefined) out.push({ value, label: optLabel });
  });
  return out;
}

function checkNumberProp(c: Collector, path: string, v: unknown, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e12) {
    c.add(path, `${what}应为数字`);
    return undefined;
  }
  return v;
}

function checkIntProp(
  c: Collector,
  path: string,
  v: unknown,
  what: string,
  lo: number,
  hi: number,
): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    c.add(path, `${what}应为 ${lo} 到 ${hi} 之间的整数`);
    return undefined;
  }
  return v;
}

function checkBool(c: Collector, path: string, v: unknown, what: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    c.add(path, `${what}应为 true 或 false`);
    return undefined;
  }
  return v;
}

/** Fields already seen at this level (in order) and, inside a group, the top-level ones before it. */
interface Scope {
  local: Map<string, FormField>;
  outer: Map<string, FormField> | null;
  /** Inside a group: every sibling key, so a later sibling never silently resolves to a top-level field. */
  siblings?: ReadonlySet<string>;
}

function checkVisibleWhen(
  c: Collector,
  path: string,
  v: unknown,
  label: string,
  scope: Scope,
): VisibleWhen | undefined {
  if (!isPlainObject(v)) {
    c.add(path, `${label}的显示条件格式不正确`);
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (k !== 'field' && k !== 'equals')
      c.add(`${path}.${shownKey(k)}`, `显示条件不支持属性“${shownKey(k)}”`);
  }
  const fieldKey = own(v, 'field');
  if (typeof fieldKey !== 'string' || !fieldKey) {
    c.add(`${path}.field`, `${label}的显示条件须指定所依据的字段`);
    return undefined;
  }
  const later = !scope.local.has(fieldKey) && scope.siblings?.has(fieldKey);
  const ref = later ? undefined : (scope.local.get(fieldKey) ?? scope.outer?.get(fieldKey));
  if (!ref) {
    c.add(`${path}.field`, `${label}的显示条件只能依据排在它前面的字段，找不到“${shownKey(fieldKey)}”`);
    return undefined;
  }
  if (!CONTROLLER_TYPES.has(ref.type)) {
    c.add(
      `${path}.field`,
      `${label}的显示条件不能依据${FIELD_TYPE_NAMES[ref.type]}字段“${shownKey(ref.label)}”，请选择单选、多选、下拉或文本字段`,
    );
    return undefined;
  }
  const eq = own(v, 'equals');
  const list = typeof eq === 'string' ? [eq] : Array.isArray(eq) ? eq : null;
  if (!list || list.length === 0 || list.length > 50 || list.some((x) => typeof x !== 'string' || x === '')) {
    c.add(`${path}.equals`, `${label}的显示条件须给出一个或多个取值（文本）`);
    return undefined;
  }
  if (ref.options) {
    const values = new Set(ref.options.map((o) => o.value));
    for (const x of list as string[]) {
      if (!values.has(x)) {
        c.add(`${path}.equals`, `${label}的显示条件取值“${shownKey(x)}”不是“${shownKey(ref.label)}”的选项`);
      }
    }
  }
  return { field: fieldKey, equals: Array.isArray(eq) ? [...(eq as string[])] : (eq as string) };
}

function checkField(
  c: Collector,
  path: string,
  raw: unknown,
  scope: Scope,
  inGroup: boolean,
  counter: { n: number },
): FormField | undefined {
  counter.n += 1;
  if (!isPlainObject(raw)) {
    c.add(path, '字段格式不正确');
    return undefined;
  }
  const label = name(raw);
  for (const k of Object.keys(raw)) {
    if (!FIELD_PROPS.has(k)) c.add(`${path}.${shownKey(k)}`, `字段不支持属性“${shownKey(k)}”`);
  }
  const key = checkKey(c, `${path}.key`, own(raw, 'key'), `字段${label}`);
  const fieldLabel = checkText(c, `${path}.label`, own(raw, 'label'), `字段${label}的名称`, {
    required: true,
    max: 100,
  });
  const typeRaw = own(raw, 'type');
  if (typeof typeRaw !== 'string' || !(FIELD_TYPES as readonly string[]).includes(typeRaw)) {
    c.add(`${path}.type`, `字段${label}的类型不正确`);
    return undefined;
  }
  const type = typeRaw as FieldType;
  for (const [prop, allowed] of Object.entries(ONLY_ON)) {
    if (own(raw, prop) !== undefined && !allowed(type)) {
      c.add(`${path}.${prop}`, `${FIELD_TYPE_NAMES[type]}字段${label}不能设置“${prop}”`);
    }
  }
  if (type === 'group' && inGroup) {
    c.add(`${path}.type`, `重复分组${label}内不能再嵌套重复分组`);
    return undefined;
  }

  const f: FormField = { key: key ?? '', label: fieldLabel ?? '', type };
  const required = checkBool(c, `${path}.required`, own(raw, 'required'), `字段${label}的“必填”`);
  if (required !== undefined) f.required = required;
  const help = checkText(c, `${path}.help`, own(raw, 'help'), `字段${label}的填写说明`, {
    required: false,
    max: 500,
    multiline: true,
  });
  if (help !== undefined) f.help = help;
  if (ONLY_ON.placeholder!(type)) {
    const ph = checkText(c, `${path}.placeholder`, own(raw, 'placeholder'), `字段${label}的提示文字`, {
      required: false,
      max: 100,
    });
    if (ph !== undefined) f.placeholder = ph;
  }

  if (isChoice(type)) {
    const options = checkOptions(c, `${path}.options`, own(raw, 'options'), `字段${label}`);
    if (options) f.options = options;
  }
  if (type === 'number') {
    const min = checkNumberProp(c, `${path}.min`, own(raw, 'min'), `字段${label}的最小值`);
    const max = checkNumberProp(c, `${path}.max`, own(raw, 'max'), `字段${label}的最大值`);
    if (min !== undefined && max !== undefined && min > max) {
      c.add(`${path}.max`, `字段${label}的最大值不能小于最小值`);
    }
    const integer = checkBool(c, `${path}.integer`, own(raw, 'integer'), `字段${label}的“整数”`);
    const unit = checkText(c, `${path}.unit`, own(raw, 'unit'), `字段${label}的单位`, {
      required: false,
      max: 20,
    });
    if (min !== undefined) f.min = min;
    if (max !== undefined) f.max = max;
    if (integer !== undefined) f.integer = integer;
    if (unit !== undefined) f.unit = unit;
  }
  if (type === 'text' || type === 'textarea') {
    const limit = type === 'text' ? TEXT_MAX_LIMIT : TEXTAREA_MAX_LIMIT;
    const ml = checkIntProp(
      c,
      `${path}.maxLength`,
      own(raw, 'maxLength'),
      `字段${label}的最大长度`,
      1,
      limit,
    );
    if (ml !== undefined) f.maxLength = ml;
  }

  const prefillRaw = own(raw, 'prefill');
  if (prefillRaw !== undefined && ONLY_ON.prefill!(type)) {
    if (typeof prefillRaw !== 'string' || !Object.hasOwn(PREFILL_KIND_NAMES, prefillRaw)) {
      c.add(`${path}.prefill`, `字段${label}的自动填充项不正确`);
    } else if (inGroup) {
      c.add(`${path}.prefill`, `重复分组内的字段${label}不能自动填充`);
    } else {
      const kind = prefillRaw as PrefillKind;
      if (!PREFILL_FIELD_TYPES[kind].includes(type)) {
        c.add(
          `${path}.prefill`,
          `${FIELD_TYPE_NAMES[type]}字段${label}不能用“${PREFILL_KIND_NAMES[kind]}”自动填充`,
        );
      } else f.prefill = kind;
    }
  }

  const when = own(raw, 'visibleWhen');
  if (when !== undefined) {
    const vw = checkVisibleWhen(c, `${path}.visibleWhen`, when, `字段${label}`, scope);
    if (vw) f.visibleWhen = vw;
  }

  if (type === 'group') {
    const minItems = checkIntProp(
      c,
      `${path}.minItems`,
      own(raw, 'minItems'),
      `重复分组${label}的最少条数`,
      0,
      GROUP_MAX_ROWS,
    );
    const maxItems = checkIntProp(
      c,
      `${path}.maxItems`,
      own(raw, 'maxItems'),
      `重复分组${label}的最多条数`,
      1,
      GROUP_MAX_ROWS,
    );
    if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) {
      c.add(`${path}.maxItems`, `重复分组${label}的最多条数不能小于最少条数`);
    }
    if (minItems !== undefined) f.minItems = minItems;
    if (maxItems !== undefined) f.maxItems = maxItems;
    const subs = own(raw, 'fields');
    if (!Array.isArray(subs) || subs.length === 0) {
      c.add(`${path}.fields`, `重复分组${label}至少需要一个字段`);
    } else {
      const local = new Map<string, FormField>();
      const siblings = new Set(
        subs.map((s) => (isPlainObject(s) ? own(s, 'key') : undefined)).filter((k) => typeof k === 'string'),
      );
      const inner: Scope = { local, outer: scope.local, siblings };
      const out: FormField[] = [];
      subs.forEach((s, i) => {
        if (counter.n >= MAX_FIELDS) return;
        const sf = checkField(c, `${path}.fields[${i}]`, s, inner, true, counter);
        if (!sf) return;
        if (sf.key) {
          if (local.has(sf.key))
            c.add(`${path}.fields[${i}].key`, `重复分组${label}内的字段标识“${sf.key}”重复`);
          else local.set(sf.key, sf);
        }
        out.push(sf);
      });
      f.fields = out;
    }
  }
  return f;
}

function checkSection(
  c: Collector,
  path: string,
  raw: unknown,
  top: Map<string, FormField>,
  counter: { n: number },
): FormSection | undefined {
  if (!isPlainObject(raw)) {
    c.add(path, '分组格式不正确');
    return undefined;
  }
  for (const k of Object.keys(raw)) {
    if (k !== 'key' && k !== 'title' && k !== 'fields')
      c.add(`${path}.${shownKey(k)}`, `分组不支持属性“${shownKey(k)}”`);
  }
  const title = checkText(c, `${path}.title`, own(raw, 'title'), '分组标题', { required: true, max: 100 });
  const key = checkKey(c, `${path}.key`, own(raw, 'key'), `分组“${shownKey(title ?? '')}”`);
  const fieldsRaw = own(raw, 'fields');
  const fields: FormField[] = [];
  if (!Array.isArray(fieldsRaw) || fieldsRaw.length === 0) {
    c.add(`${path}.fields`, `分组“${shownKey(title ?? key ?? '')}”至少需要一个字段`);
  } else {
    fieldsRaw.forEach((fr, i) => {
      if (counter.n >= MAX_FIELDS) {
        if (counter.n === MAX_FIELDS) c.add(`${path}.fields[${i}]`, `表单字段不能超过 ${MAX_FIELDS} 个`);
        counter.n += 1;
        return;
      }
      const f = checkField(c, `${path}.fields[${i}]`, fr, { local: top, outer: null }, false, counter);
      if (!f) return;
      if (f.key) {
        if (top.has(f.key)) c.add(`${path}.fields[${i}].key`, `字段标识“${f.key}”在表单中重复`);
        else top.set(f.key, f);
      }
      fields.push(f);
    });
  }
  return { key: key ?? '', title: title ?? '', fields };
}

export function validateFormDefinition(def: unknown): DefinitionCheck {
  const c = new Collector();
  if (!isPlainObject(def)) return { ok: false, problems: [{ path: '', message: '表单定义格式不正确' }] };
  for (const k of Object.keys(def)) {
    if (k !== 'sections') c.add(shownKey(k), `表单定义不支持属性“${shownKey(k)}”`);
  }
  const sectionsRaw = own(def, 'sections');
  if (!Array.isArray(sectionsRaw)) {
    c.add('sections', '表单定义须包含分组列表（sections）');
    return { ok: false, problems: c.problems };
  }
  if (sectionsRaw.length > MAX_SECTIONS) {
    c.add('sections', `表单分组不能超过 ${MAX_SECTIONS} 个`);
    return { ok: false, problems: c.problems };
  }
  const top = new Map<string, FormField>();
  const sectionKeys = new Set<string>();
  const counter = { n: 0 };
  const sections: FormSection[] = [];
  sectionsRaw.forEach((s, i) => {
    const sec = checkSection(c, `sections[${i}]`, s, top, counter);
    if (!sec) return;
    if (sec.key) {
      if (sectionKeys.has(sec.key)) c.add(`sections[${i}].key`, `分组标识“${sec.key}”重复`);
      sectionKeys.add(sec.key);
    }
    sections.push(sec);
  });
  if (c.problems.length) return { ok: false, problems: c.problems };
  return { ok: true, definition: { sections } };
}

/** Number of fields a definition holds (group sub-fields included). */
export function countFields(def: FormDefinition): number {
  let n = 0;
  for (const s of def.sections) for (const f of s.fields) n += 1 + (f.fields?.length ?? 0);
  return n;
}
