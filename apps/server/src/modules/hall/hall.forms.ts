// Application forms as plain HTML: a form definition (services module) becomes named inputs, a posted
// urlencoded body becomes form values again, and validation problems land next to their fields. Names
// are flat (`f.<key>`, `f.<group>.<row>.<key>`, `f.<key>.region`) because the body parser does not
// nest; a hidden `rows.<group>` keeps the number of rows of a repeating group, empty ones included.
import type { FormDefinition, FormField } from '../services/index.ts';
import { maskIdNumber, maskMobile } from '../../platform/ids/mask.ts';
import { regionName, regionOptions } from './hall.regions.ts';

/**
 * Optional text for a template: Liquid treats an empty string as true, so "nothing to show" must
 * be null.
 */
export function nz(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s : null;
}

export type RawBody = Record<string, string | string[] | undefined>;
export type FormValues = Record<string, unknown>;

/** Longest value kept from one input; the validator reports anything over the field's own limit. */
const MAX_RAW = 20_000;
const NUMBER_RE = /^[-+]?\d+(\.\d+)?$/;

export function asBody(body: unknown): RawBody {
  return body && typeof body === 'object' ? (body as RawBody) : {};
}

/** First value of a body field (a string), bounded. */
export function bodyValue(body: RawBody, name: string, max = MAX_RAW): string {
  const raw = body[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** Every value of a body field (checkboxes send one per ticked box). */
export function bodyValues(body: RawBody, name: string): string[] {
  const raw = body[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, MAX_RAW));
}

export function inputName(path: string): string {
  return `f.${path}`;
}

export function inputId(path: string): string {
  return `f-${path.replaceAll('.', '-')}`;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isEmptyValue);
  return false;
}

function parseScalar(f: FormField, body: RawBody, name: string): unknown {
  switch (f.type) {
    case 'checkbox': {
      const list = bodyValues(body, name).filter((v) => v !== '');
      return list.length ? list : undefined;
    }
    case 'address': {
      const region = bodyValue(body, `${name}.region`).trim();
      const detail = bodyValue(body, `${name}.detail`).trim();
      return region || detail ? { region, detail } : undefined;
    }
    case 'number': {
      const s = bodyValue(body, name).trim().replace(/，/g, ',').replaceAll(',', '');
      if (!s) return undefined;
      // A value that is not a number stays text, so the validator names the field and the problem.
      return NUMBER_RE.test(s) ? Number(s) : s;
    }
    case 'textarea': {
      const s = bodyValue(body, name).replace(/\r\n/g, '\n');
      return s.trim() ? s.trim() : undefined;
    }
    default: {
      const s = bodyValue(body, name).trim();
      return s ? s : undefined;
    }
  }
}

/** Number of rows a group shows: what the page said (bounded), else what the values hold. */
function rowCount(f: FormField, body: RawBody | null, values: FormValues): number {
  const max = Math.min(f.maxItems ?? 50, 50);
  const fromValues = Array.isArray(values[f.key]) ? (values[f.key] as unknown[]).length : 0;
  let n = fromValues;
  if (body) {
    const s = bodyValue(body, `rows.${f.key}`, 4);
    if (/^\d{1,2}$/.test(s)) n = Number(s);
  }
  return Math.max(0, Math.min(n, max));
}

export interface ParsedForm {
  /** Values as the validator expects them (empty inputs left out, empty group rows kept). */
  values: FormValues;
  /** Rows shown per repeating group. */
  rows: Record<string, number>;
}

export function allFields(def: FormDefinition): FormField[] {
  return def.sections.flatMap((s) => s.fields);
}

/** Reads the posted body back into form values, following the definition (unknown names are ignored). */
export function parseFormBody(def: FormDefinition, body: RawBody): ParsedForm {
  const values: FormValues = {};
  const rows: Record<string, number> = {};
  for (const f of allFields(def)) {
    if (f.type === 'group') {
      const n = rowCount(f, body, {});
      rows[f.key] = n;
      const list: FormValues[] = [];
      for (let i = 0; i < n; i += 1) {
        const row: FormValues = {};
        for (const sub of f.fields ?? []) {
          const v = parseScalar(sub, body, inputName(`${f.key}.${i}.${sub.key}`));
          if (v !== undefined) row[sub.key] = v;
        }
        list.push(row);
      }
      values[f.key] = list;
      continue;
    }
    const v = parseScalar(f, body, inputName(f.key));
    if (v !== undefined) values[f.key] = v;
  }
  return { values, rows };
}

/** The values to validate or store: group rows left completely empty are dropped. */
export function compactValues(def: FormDefinition, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of allFields(def)) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (f.type === 'group' && Array.isArray(v)) {
      // Empty rows are dropped, except those needed to reach minItems: their required fields then
      // get messages of their own instead of one "at least n rows" on the group.
      const filled = v.filter((r) => !isEmptyValue(r));
      let need = Math.max(0, Math.min(f.minItems ?? 0, v.length) - filled.length);
      const kept = need > 0 ? v.filter((r) => !isEmptyValue(r) || need-- > 0) : filled;
      if (kept.length) out[f.key] = kept;
      continue;
    }
    out[f.key] = v;
  }
  return out;
}

/**
 * The form as it will be validated and stored, with the rows shown matching the rows kept, so that
 * problems naming `group[i]` land on the row the page shows as number i + 1.
 */
export function compactForm(def: FormDefinition, parsed: ParsedForm): ParsedForm {
  const values = compactValues(def, parsed.values);
  const rows: Record<string, number> = {};
  for (const f of allFields(def))
    if (f.type === 'group') {
      const n = Array.isArray(values[f.key]) ? (values[f.key] as unknown[]).length : 0;
      rows[f.key] = Math.max(n, f.minItems ?? 0, 1);
    }
  return { values, rows };
}

export type RowOp = { kind: 'add'; group: string } | { kind: 'remove'; group: string; index: number };

/** `_op` of a form post: add:<group> or remove:<group>:<row>. */
export function parseRowOp(op: string): RowOp | null {
  const add = /^add:([a-zA-Z][a-zA-Z0-9_]{0,39})$/.exec(op);
  if (add) return { kind: 'add', group: add[1] as string };
  const rm = /^remove:([a-zA-Z][a-zA-Z0-9_]{0,39}):(\d{1,2})$/.exec(op);
  if (rm) return { kind: 'remove', group: rm[1] as string, index: Number(rm[2]) };
  return null;
}

/** Adds or removes a row of a repeating group (within its minItems/maxItems). */
export function applyRowOp(def: FormDefinition, parsed: ParsedForm, op: RowOp): ParsedForm {
  const f = allFields(def).find((x) => x.key === op.group && x.type === 'group');
  if (!f) return parsed;
  const list = Array.isArray(parsed.values[f.key]) ? [...(parsed.values[f.key] as FormValues[])] : [];
  let n = parsed.rows[f.key] ?? list.length;
  if (op.kind === 'add' && n < Math.min(f.maxItems ?? 50, 50)) {
    n += 1;
    list.push({});
  } else if (op.kind === 'remove' && op.index < n && n > (f.minItems ?? 0)) {
    n -= 1;
    list.splice(op.index, 1);
  }
  return { values: { ...parsed.values, [f.key]: list }, rows: { ...parsed.rows, [f.key]: n } };
}

// ---- problems → messages next to fields ----

export interface FormProblem {
  field: string;
  message: string;
}

/** `form.members[1].name` / `members.1.name` → `members.1.name`. */
export function problemPath(field: string): string {
  return field
    .replace(/^(form|data|values)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

export interface SummaryEntry {
  /** Id of the element the summary link moves to. */
  anchor: string;
  label: string;
  message: string;
}

// ---- view models for the templates ----

interface OptionView {
  value: string;
  label: string;
  checked: boolean;
  id: string;
}

export interface FieldView {
  key: string;
  path: string;
  name: string;
  id: string;
  /** Element the error summary links to. */
  anchor: string;
  type: FormField['type'];
  /** HTML input type for single-line inputs. */
  inputType: string;
  inputmode: string | null;
  autocomplete: string | null;
  label: string;
  required: boolean;
  help: string | null;
  placeholder: string | null;
  unit: string | null;
  maxlength: number | null;
  value: string;
  options: OptionView[];
  error: string | null;
  describedby: string;
  visible: boolean;
  whenName: string | null;
  whenEquals: string | null;
  prefilled: boolean;
  address: {
    regionName: string;
    regionId: string;
    regionValue: string;
    regionError: string | null;
    detailName: string;
    detailId: string;
    detailValue: string;
    detailError: string | null;
  } | null;
  regionOptions: { label: string; options: { value: string; label: string; selected: boolean }[] }[];
  rows: { index: number; number: number; legend: string; fields: FieldView[]; removeOp: string | null }[];
  rowsName: string;
  rowCount: number;
  addOp: string | null;
  /** Controls other fields' visibility (shows the no-script 更新 button next to it). */
  controls: boolean;
}

export interface SectionView {
  key: string;
  title: string;
  fields: FieldView[];
}

export interface FormView {
  sections: SectionView[];
  errorList: SummaryEntry[];
  /** Problems about no field this form shows. */
  otherErrors: string[];
  hasErrors: boolean;
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function inputTypeOf(f: FormField): {
  inputType: string;
  inputmode: string | null;
  autocomplete: string | null;
} {
  switch (f.type) {
    case 'date':
      return { inputType: 'date', inputmode: null, autocomplete: null };
    case 'phone':
      return { inputType: 'tel', inputmode: 'tel', autocomplete: f.prefill === 'phone' ? 'tel' : null };
    case 'email':
      return { inputType: 'email', inputmode: 'email', autocomplete: f.prefill === 'email' ? 'email' : null };
    case 'number':
      return { inputType: 'text', inputmode: f.integer ? 'numeric' : 'decimal', autocomplete: 'off' };
    case 'id_number':
    case 'credit_code':
      return { inputType: 'text', inputmode: null, autocomplete: 'off' };
    default:
      return {
        inputType: 'text',
        inputmode: null,
        autocomplete: f.prefill === 'name' ? 'name' : f.prefill === 'enterprise_name' ? 'organization' : null,
      };
  }
}

function maxLengthOf(f: FormField): number | null {
  if (f.type === 'text') return f.maxLength ?? 200;
  if (f.type === 'textarea') return f.maxLength ?? 2000;
  if (f.type === 'id_number' || f.type === 'credit_code') return 18;
  if (f.type === 'phone') return 20;
  if (f.type === 'email') return 100;
  return null;
}

function equalsList(e: string | string[]): string[] {
  return Array.isArray(e) ? e.map(String) : [String(e)];
}

/** Whether a conditional field shows, given the values of its own level (row) and of the whole form. */
export function isVisible(
  f: FormField,
  siblings: readonly FormField[],
  scope: FormValues,
  top: FormValues,
): boolean {
  if (!f.visibleWhen) return true;
  const local = siblings.some((s) => s.key === f.visibleWhen?.field);
  const v = local ? scope[f.visibleWhen.field] : top[f.visibleWhen.field];
  const want = equalsList(f.visibleWhen.equals);
  if (Array.isArray(v)) return v.some((x) => want.includes(str(x)));
  return want.includes(str(v));
}

interface Ctx {
  errors: Map<string, string>;
  used: Set<string>;
  summary: SummaryEntry[];
  prefilled: ReadonlySet<string>;
  top: FormValues;
  rows: Record<string, number>;
  controllers: Set<string>;
}

function takeError(c: Ctx, path: string): string | null {
  const e = c.errors.get(path);
  if (e === undefined) return null;
  c.used.add(path);
  return e;
}

function fieldView(
  f: FormField,
  siblings: readonly FormField[],
  scope: FormValues,
  path: string,
  labelPrefix: string,
  c: Ctx,
  controllerPrefix: string,
): FieldView {
  const id = inputId(path);
  const name = inputName(path);
  const raw = scope[f.key];
  const { inputType, inputmode, autocomplete } = inputTypeOf(f);
  const visible = isVisible(f, siblings, scope, c.top);
  const when = f.visibleWhen
    ? siblings.some((s) => s.key === f.visibleWhen?.field)
      ? `${controllerPrefix}${f.visibleWhen.field}`
      : inputName(f.visibleWhen.field)
    : null;

  const view: FieldView = {
    key: f.key,
    path,
    name,
    id,
    anchor: id,
    type: f.type,
    inputType,
    inputmode,
    autocomplete,
    label: f.label,
    required: !!f.required,
    help: nz(f.help),
    placeholder: nz(f.placeholder),
    unit: nz(f.unit),
    maxlength: maxLengthOf(f),
    value: str(raw),
    options: [],
    error: null,
    describedby: '',
    visible,
    whenName: when,
    whenEquals: f.visibleWhen ? JSON.stringify(equalsList(f.visibleWhen.equals)) : null,
    prefilled: c.prefilled.has(path),
    address: null,
    regionOptions: [],
    rows: [],
    rowsName: `rows.${f.key}`,
    rowCount: 0,
    addOp: null,
    controls: c.controllers.has(`${controllerPrefix}${f.key}`),
  };

  if (f.type === 'select' || f.type === 'radio' || f.type === 'checkbox') {
    const chosen = Array.isArray(raw) ? raw.map(str) : [str(raw)];
    view.options = (f.options ?? []).map((o, i) => ({
      value: o.value,
      label: o.label,
      checked: chosen.includes(o.value),
      id: `${id}-${i}`,
    }));
    if (f.type !== 'select' && view.options.length) view.anchor = `${id}-0`;
  }
  if (f.type === 'region') view.regionOptions = regionOptions(str(raw));
  if (f.type === 'address') {
    const a = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    view.address = {
      regionName: `${name}.region`,
      regionId: `${id}-region`,
      regionValue: str(a.region),
      regionError: takeError(c, `${path}.region`),
      detailName: `${name}.detail`,
      detailId: `${id}-detail`,
      detailValue: str(a.detail),
      detailError: takeError(c, `${path}.detail`),
    };
    view.regionOptions = regionOptions(str(a.region));
    view.anchor = `${id}-region`;
  }
  if (f.type === 'group') {
    const list = Array.isArray(raw) ? (raw as FormValues[]) : [];
    const n = c.rows[f.key] ?? list.length;
    const subs = f.fields ?? [];
    view.rowCount = n;
    for (let i = 0; i < n; i += 1) {
      const row = list[i] && typeof list[i] === 'object' ? (list[i] as FormValues) : {};
      const rowPath = `${path}.${i}`;
      view.rows.push({
        index: i,
        number: i + 1,
        legend: `${f.label} 第 ${i + 1} 项`,
        fields: subs.map((s) =>
          fieldView(
            s,
            subs,
            row,
            `${rowPath}.${s.key}`,
            `${f.label}第 ${i + 1} 项的`,
            c,
            `${inputName(rowPath)}.`,
          ),
        ),
        removeOp: n > (f.minItems ?? 0) ? `remove:${f.key}:${i}` : null,
      });
    }
    view.addOp = n < Math.min(f.maxItems ?? 50, 50) ? `add:${f.key}` : null;
    view.anchor = id;
  }

  view.error = takeError(c, path);
  if (view.error)
    c.summary.push({ anchor: view.anchor, label: `${labelPrefix}${f.label}`, message: view.error });
  if (view.address?.regionError)
    c.summary.push({
      anchor: view.address.regionId,
      label: `${labelPrefix}${f.label}（所在地区）`,
      message: view.address.regionError,
    });
  if (view.address?.detailError)
    c.summary.push({
      anchor: view.address.detailId,
      label: `${labelPrefix}${f.label}（详细地址）`,
      message: view.address.detailError,
    });
  const described: string[] = [];
  if (view.help) described.push(`${id}-hint`);
  if (view.error) described.push(`${id}-error`);
  view.describedby = described.join(' ');
  return view;
}

/** Paths of the fields other fields depend on (their inputs get a no-script 更新表单 button). */
function controllerNames(def: FormDefinition): Set<string> {
  const out = new Set<string>();
  for (const f of allFields(def)) {
    if (f.visibleWhen) out.add(inputName(f.visibleWhen.field));
    if (f.type === 'group') {
      for (const s of f.fields ?? []) {
        if (!s.visibleWhen) continue;
        const local = (f.fields ?? []).some((x) => x.key === s.visibleWhen?.field);
        // Row controllers are matched by key below (any row).
        out.add(local ? `row:${f.key}.${s.visibleWhen.field}` : inputName(s.visibleWhen.field));
      }
    }
  }
  return out;
}

/**
 * The form as the template renders it: every field with its current value, its error and whether it
 * shows; the error summary in form order (links go to the input itself).
 */
export function buildFormView(
  def: FormDefinition,
  parsed: ParsedForm,
  problems: readonly FormProblem[] = [],
  prefilled: ReadonlySet<string> = new Set(),
): FormView {
  const errors = new Map<string, string>();
  for (const p of problems) {
    const path = problemPath(p.field);
    errors.set(path, errors.has(path) ? `${errors.get(path)}；${p.message}` : p.message);
  }
  const ctrl = controllerNames(def);
  // Expand row controllers to every row's input name.
  const controllers = new Set<string>();
  for (const n of ctrl) {
    if (!n.startsWith('row:')) {
      controllers.add(n);
      continue;
    }
    const [group, key] = n.slice(4).split('.') as [string, string];
    const count = parsed.rows[group] ?? 0;
    for (let i = 0; i < count; i += 1) controllers.add(inputName(`${group}.${i}.${key}`));
  }
  const c: Ctx = {
    errors,
    used: new Set(),
    summary: [],
    prefilled,
    top: parsed.values,
    rows: { ...parsed.rows },
    controllers,
  };
  for (const f of allFields(def)) {
    if (f.type === 'group' && c.rows[f.key] === undefined) {
      const n = Array.isArray(parsed.values[f.key]) ? (parsed.values[f.key] as unknown[]).length : 0;
      c.rows[f.key] = Math.max(n, f.minItems ?? 0, 1);
    }
  }
  const sections = def.sections.map((s) => ({
    key: s.key,
    title: s.title,
    fields: s.fields.map((f) => fieldView(f, s.fields, parsed.values, f.key, '', c, 'f.')),
  }));
  // Problems whose path is deeper than any input (or unknown) go to the nearest field that exists.
  const otherErrors: string[] = [];
  for (const [path, message] of errors) {
    if (c.used.has(path)) continue;
    const owner = nearestField(sections, path);
    if (owner) {
      owner.error = owner.error ? `${owner.error}；${message}` : message;
      if (!owner.describedby.includes(`${owner.id}-error`))
        owner.describedby = [owner.describedby, `${owner.id}-error`].filter(Boolean).join(' ');
      c.summary.push({ anchor: owner.anchor, label: owner.label, message });
    } else {
      otherErrors.push(message);
    }
  }
  return {
    sections,
    errorList: orderSummary(sections, c.summary),
    otherErrors,
    hasErrors: c.summary.length + otherErrors.length > 0,
  };
}

function* walkViews(fields: readonly FieldView[]): Generator<FieldView> {
  for (const f of fields) {
    yield f;
    for (const r of f.rows) yield* walkViews(r.fields);
  }
}

function nearestField(sections: readonly SectionView[], path: string): FieldView | null {
  const all = sections.flatMap((s) => [...walkViews(s.fields)]);
  let p = path;
  while (p) {
    const hit = all.find((f) => f.path === p);
    if (hit) return hit;
    const cut = p.lastIndexOf('.');
    if (cut < 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

/** Summary entries in the order their fields appear on the page. */
function orderSummary(sections: readonly SectionView[], entries: SummaryEntry[]): SummaryEntry[] {
  const order = new Map<string, number>();
  let i = 0;
  for (const s of sections)
    for (const f of walkViews(s.fields)) {
      for (const a of [f.anchor, f.id, f.address?.regionId, f.address?.detailId])
        if (a && !order.has(a)) order.set(a, i++);
    }
  return [...entries].sort((a, b) => (order.get(a.anchor) ?? 1e9) - (order.get(b.anchor) ?? 1e9));
}

// ---- read-only display (review page, my cases) ----

export interface DisplayRow {
  label: string;
  value: string;
  /** A repeating group: its rows as a table. */
  table: { head: string[]; rows: string[][] } | null;
}

export interface DisplaySection {
  title: string;
  rows: DisplayRow[];
}

function displayScalar(f: FormField, v: unknown, mask: boolean): string {
  if (v === undefined || v === null || v === '') return '';
  switch (f.type) {
    case 'id_number':
      return mask ? maskIdNumber(str(v)) : str(v);
    case 'phone':
      return mask ? maskMobile(str(v)) : str(v);
    case 'select':
    case 'radio':
      return f.options?.find((o) => o.value === str(v))?.label ?? str(v);
    case 'checkbox':
      return (Array.isArray(v) ? v : [v])
        .map((x) => f.options?.find((o) => o.value === str(x))?.label ?? str(x))
        .join('、');
    case 'region':
      return regionName(str(v)) ?? str(v);
    case 'address': {
      const a = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
      return `${regionName(str(a.region)) ?? str(a.region)}${str(a.detail)}`;
    }
    case 'number':
      return `${str(v)}${f.unit ? ` ${f.unit}` : ''}`;
    default:
      return str(v);
  }
}

/**
 * The submitted values, visible fields only, as label/value pairs per section. `mask` shows ID
 * numbers and phone numbers masked (pages shown after submission; the review before submission
 * shows what was typed, so the applicant can check it).
 */
export function displayForm(
  def: FormDefinition,
  values: FormValues,
  opts: { mask?: boolean } = {},
): DisplaySection[] {
  const mask = opts.mask ?? false;
  return def.sections
    .map((s) => ({
      title: s.title,
      rows: s.fields
        .filter((f) => isVisible(f, s.fields, values, values))
        .map((f): DisplayRow => {
          if (f.type === 'group') {
            const subs = f.fields ?? [];
            const list = Array.isArray(values[f.key]) ? (values[f.key] as FormValues[]) : [];
            return {
              label: f.label,
              value: list.length ? `共 ${list.length} 项` : '未填写',
              table: list.length
                ? {
                    head: subs.map((x) => x.label),
                    rows: list.map((r) =>
                      subs.map((x) =>
                        isVisible(x, subs, r, values) ? displayScalar(x, r[x.key], mask) || '—' : '—',
                      ),
                    ),
                  }
                : null,
            };
          }
          return { label: f.label, value: displayScalar(f, values[f.key], mask) || '未填写', table: null };
        }),
    }))
    .filter((s) => s.rows.length > 0);
}
