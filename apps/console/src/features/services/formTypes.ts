// Application form definitions as the services module defines them (form-types.ts on the server):
// sections of fields, conditional fields, prefill from the applicant's verified profile, one level
// of repeating groups. Labels and the rules the editor enforces while typing mirror the server's.

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'region'
  | 'address'
  | 'id_number'
  | 'credit_code'
  | 'phone'
  | 'email'
  | 'group';

export const FIELD_TYPES: FieldType[] = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'region',
  'address',
  'id_number',
  'credit_code',
  'phone',
  'email',
  'group',
];

export const FIELD_TYPE_NAMES: Record<FieldType, string> = {
  text: '单行文本',
  textarea: '多行文本',
  number: '数字',
  date: '日期',
  select: '下拉选择',
  radio: '单选',
  checkbox: '多选',
  region: '行政区划',
  address: '地址',
  id_number: '公民身份号码',
  credit_code: '统一社会信用代码',
  phone: '联系电话',
  email: '电子邮箱',
  group: '重复分组',
};

export type PrefillKind =
  | 'name'
  | 'id_number'
  | 'phone'
  | 'email'
  | 'enterprise_name'
  | 'credit_code'
  | 'legal_representative';

export const PREFILL_KIND_NAMES: Record<PrefillKind, string> = {
  name: '个人姓名',
  id_number: '公民身份号码',
  phone: '手机号码',
  email: '电子邮箱',
  enterprise_name: '企业名称',
  credit_code: '统一社会信用代码',
  legal_representative: '法定代表人',
};

/** The field types each prefill kind may fill. */
export const PREFILL_FIELD_TYPES: Record<PrefillKind, FieldType[]> = {
  name: ['text'],
  id_number: ['id_number'],
  phone: ['phone'],
  email: ['email'],
  enterprise_name: ['text'],
  credit_code: ['credit_code'],
  legal_representative: ['text'],
};

export interface FieldOption {
  value: string;
  label: string;
}

export interface VisibleWhen {
  field: string;
  equals: string | string[];
}

export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  help?: string;
  placeholder?: string;
  options?: FieldOption[];
  min?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
  maxLength?: number;
  visibleWhen?: VisibleWhen;
  prefill?: PrefillKind;
  fields?: FormField[];
  minItems?: number;
  maxItems?: number;
}

export interface FormSection {
  key: string;
  title: string;
  fields: FormField[];
}

export interface FormDefinition {
  sections: FormSection[];
}

export interface FormProblem {
  field: string;
  message: string;
}

export const KEY_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
export const TEXT_MAX_DEFAULT = 200;
export const TEXTAREA_MAX_DEFAULT = 2000;
export const GROUP_MAX_ROWS = 50;

export function isChoice(t: FieldType): boolean {
  return t === 'select' || t === 'radio' || t === 'checkbox';
}

/** Field types whose value can drive a condition (server: CONTROLLER_TYPES). */
export const CONTROLLER_TYPES: ReadonlySet<FieldType> = new Set([
  'select',
  'radio',
  'checkbox',
  'text',
  'region',
]);

/**
 * The definition as the server accepts it: properties that do not belong to a field's type are
 * dropped (the editor keeps them so switching a type back loses nothing), empty texts left out.
 */
export function cleanForm(def: FormDefinition): FormDefinition {
  const cleanField = (f: FormField, inGroup: boolean): FormField => {
    const out: FormField = { key: f.key.trim(), label: f.label.trim(), type: f.type };
    if (f.required) out.required = true;
    if (f.help?.trim()) out.help = f.help.trim();
    if (f.placeholder?.trim() && f.type !== 'group' && f.type !== 'radio' && f.type !== 'checkbox')
      out.placeholder = f.placeholder.trim();
    if (isChoice(f.type))
      out.options = (f.options ?? []).map((o) => ({ value: o.value.trim(), label: o.label.trim() }));
    if (f.type === 'number') {
      if (typeof f.min === 'number') out.min = f.min;
      if (typeof f.max === 'number') out.max = f.max;
      if (f.integer) out.integer = true;
      if (f.unit?.trim()) out.unit = f.unit.trim();
    }
    if ((f.type === 'text' || f.type === 'textarea') && typeof f.maxLength === 'number')
      out.maxLength = f.maxLength;
    if (f.prefill && f.type !== 'group' && !inGroup) out.prefill = f.prefill;
    if (f.visibleWhen?.field) {
      const eq = f.visibleWhen.equals;
      out.visibleWhen = {
        field: f.visibleWhen.field,
        equals: Array.isArray(eq) && eq.length === 1 ? (eq[0] as string) : eq,
      };
    }
    if (f.type === 'group') {
      out.fields = (f.fields ?? []).map((s) => cleanField(s, true));
      if (typeof f.minItems === 'number') out.minItems = f.minItems;
      if (typeof f.maxItems === 'number') out.maxItems = f.maxItems;
    }
    return out;
  };
  return {
    sections: def.sections.map((s) => ({
      key: s.key.trim(),
      title: s.title.trim(),
      fields: s.fields.map((f) => cleanField(f, false)),
    })),
  };
}

/** Every top-level field in order. */
export function topFields(def: FormDefinition): FormField[] {
  return def.sections.flatMap((s) => s.fields);
}

/** Whether a field shows, given the values of its level (a group row) and of the whole form. */
export function isVisible(
  f: FormField,
  siblings: FormField[],
  level: Record<string, unknown>,
  top: Record<string, unknown>,
): boolean {
  if (!f.visibleWhen?.field) return true;
  const local = siblings.some((s) => s.key === f.visibleWhen?.field);
  const v = local ? level[f.visibleWhen.field] : top[f.visibleWhen.field];
  const want = Array.isArray(f.visibleWhen.equals) ? f.visibleWhen.equals : [f.visibleWhen.equals];
  const text = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
  if (Array.isArray(v)) return v.some((x) => want.includes(text(x)));
  return want.includes(text(v));
}

/** A key not yet used among `taken`: field1, field2, … */
export function freshKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i += 1) {
    const k = `${base}${i}`;
    if (!used.has(k)) return k;
  }
}
