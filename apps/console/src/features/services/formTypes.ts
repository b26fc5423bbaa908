// Application form definitions (apps/shared/forms.ts, the same vocabulary the server validates):
// sections of fields, conditional fields, prefill from the applicant's verified profile, one level
// of repeating groups; and the editor's own helpers.
import { type FormDefinition, type FormField, fieldVisible, isChoice } from '../../../../shared/forms.ts';

export {
  CONTROLLER_TYPES,
  FIELD_TYPE_NAMES,
  FIELD_TYPES,
  type FieldOption,
  type FieldType,
  type FormDefinition,
  type FormField,
  type FormProblem,
  type FormSection,
  GROUP_MAX_ROWS,
  isChoice,
  KEY_RE,
  PREFILL_FIELD_TYPES,
  PREFILL_KIND_NAMES,
  type PrefillKind,
  TEXT_MAX_DEFAULT,
  TEXTAREA_MAX_DEFAULT,
  type VisibleWhen,
} from '../../../../shared/forms.ts';

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

/**
 * Whether a field shows in the preview, given the values of its level (a group row) and of the whole
 * form: the server's rule, except that a condition still being written (no field chosen) hides nothing.
 */
export function isVisible(
  f: FormField,
  siblings: FormField[],
  level: Record<string, unknown>,
  top: Record<string, unknown>,
): boolean {
  return !f.visibleWhen?.field || fieldVisible(f, siblings, level, top);
}

/** A key not yet used among `taken`: field1, field2, … */
export function freshKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i += 1) {
    const k = `${base}${i}`;
    if (!used.has(k)) return k;
  }
}
