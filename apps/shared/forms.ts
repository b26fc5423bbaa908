// Application form definitions as data (docs/services.md). One definition drives the hall's HTML form,
// the console's editor and preview, and the server-side validation of the definition
// (modules/services/forms/validate-definition.ts) and of submitted values (validate-data.ts).

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

export const FIELD_TYPES: readonly FieldType[] = [
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
export const PREFILL_FIELD_TYPES: Record<PrefillKind, readonly FieldType[]> = {
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
  /** An earlier field of the same level (or, inside a repeating group, a top-level field before it). */
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

/** A field as clients see it in the flattened list (the section it belongs to added). */
export type FlatField = FormField & { section: string };

export interface FormProblem {
  field: string;
  message: string;
}

export type FormValues = Record<string, unknown>;

/** Default and largest lengths, shared by the validators and the hall's inputs. */
export const TEXT_MAX_DEFAULT = 200;
export const TEXTAREA_MAX_DEFAULT = 2000;
export const TEXT_MAX_LIMIT = 500;
export const TEXTAREA_MAX_LIMIT = 20_000;
/** Rows of a repeating group: the hall renders at most 50, so no definition may ask for more. */
export const GROUP_MAX_ROWS = 50;
export const EMAIL_MAX = 100;
export const ADDRESS_DETAIL_MAX = 200;

export const KEY_RE = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

export function isChoice(t: FieldType): boolean {
  return t === 'select' || t === 'radio' || t === 'checkbox';
}

/** Field types whose value can drive a condition (a plain string or a list of strings). */
export const CONTROLLER_TYPES: ReadonlySet<FieldType> = new Set([
  'select',
  'radio',
  'checkbox',
  'text',
  'region',
]);

/** Every top-level field, in order, each with its section key. */
export function flattenFields(def: FormDefinition): FlatField[] {
  return def.sections.flatMap((s) => s.fields.map((f) => ({ ...f, section: s.key })));
}

export function emptyForm(): FormDefinition {
  return { sections: [] };
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/**
 * Whether a conditional field shows, given the values of its level (a group's row, or the whole form
 * for a top-level field) and of the whole form: the controlling field is looked up among the
 * field's siblings first, then among the top-level fields.
 */
export function fieldVisible(
  f: FormField,
  siblings: readonly FormField[],
  level: FormValues,
  top: FormValues,
): boolean {
  if (!f.visibleWhen) return true;
  const key = f.visibleWhen.field;
  const local = siblings.some((s) => s.key === key);
  const values = local ? level : top;
  const v = Object.hasOwn(values, key) ? values[key] : undefined;
  const want = Array.isArray(f.visibleWhen.equals) ? f.visibleWhen.equals : [f.visibleWhen.equals];
  if (Array.isArray(v)) return v.some((x) => want.includes(scalarText(x)));
  return want.includes(scalarText(v));
}
