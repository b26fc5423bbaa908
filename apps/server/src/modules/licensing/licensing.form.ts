// The submitted form at rest: encrypted as a whole (it holds ID numbers, phones and addresses), with
// a summary of the non-personal answers (choices, numbers, dates, regions) kept in clear for lists.
import type { AppContext } from '../../platform/context.ts';
import { LISHUI_REGIONS } from '../../platform/ids/gb2260.ts';
import { validateMobile } from '../../platform/ids/phone.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { type FormDefinition, type FormField, prefillFor } from '../services/index.ts';

export type FormValues = Record<string, unknown>;
export interface SummaryEntry {
  key: string;
  label: string;
  value: string;
}

const REGION_NAMES = new Map(LISHUI_REGIONS.map((r) => [r.code, r.name]));

export function sealForm(ctx: AppContext, values: FormValues): string {
  return ctx.pii.encrypt(JSON.stringify(values));
}

export function openForm(ctx: AppContext, sealed: string): FormValues {
  const v = JSON.parse(ctx.pii.decrypt(sealed)) as unknown;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as FormValues) : {};
}

function topFields(def: FormDefinition): FormField[] {
  return def.sections.flatMap((s) => s.fields);
}

function optionLabel(f: FormField, v: string): string {
  return f.options?.find((o) => o.value === v)?.label ?? v;
}

/** Answers that say nothing about who the applicant is: choices, numbers, dates, regions. */
export function formSummary(def: FormDefinition, values: FormValues): SummaryEntry[] {
  const out: SummaryEntry[] = [];
  for (const f of topFields(def)) {
    const v = values[f.key];
    if (v === undefined || v === null) continue;
    let text: string | null = null;
    switch (f.type) {
      case 'select':
      case 'radio':
        if (typeof v === 'string') text = optionLabel(f, v);
        break;
      case 'checkbox':
        if (Array.isArray(v)) text = v.map((x) => optionLabel(f, String(x))).join('、');
        break;
      case 'number':
        if (typeof v === 'number') text = `${v}${f.unit ?? ''}`;
        break;
      case 'date':
        if (typeof v === 'string') text = v;
        break;
      case 'region':
        if (typeof v === 'string') text = REGION_NAMES.get(v) ?? v;
        break;
    }
    if (text !== null && text !== '') out.push({ key: f.key, label: f.label, value: text.slice(0, 200) });
  }
  return out;
}

/**
 * The applicant's verified identity code (公民身份号码 / 统一社会信用代码, printed on a licence) and
 * a mobile number for SMS notices: the phone the form gives for this application first, the
 * account's otherwise. Read through the services module's prefill, which reads the verified profile.
 */
export async function applicantContacts(
  ctx: AppContext,
  principal: Principal,
  def: FormDefinition,
  values: FormValues,
): Promise<{ holderCode: string | null; mobile: string | null }> {
  const codeType = principal.kind === 'citizen' ? 'id_number' : 'credit_code';
  const probe: FormDefinition = {
    sections: [
      {
        key: 'probe',
        title: '',
        fields: [
          { key: 'code', label: '', type: codeType, prefill: codeType },
          { key: 'phone', label: '', type: 'phone', prefill: 'phone' },
        ],
      },
    ],
  };
  const profile = await prefillFor(ctx, principal, probe);
  const fields = topFields(def);
  const fromForm = (type: string) =>
    fields
      .filter((f) => f.type === type)
      .map((f) => values[f.key])
      .find((v): v is string => typeof v === 'string' && v !== '');
  const holderCode = profile.code ?? fromForm(codeType) ?? null;
  const phones = [
    ...fields.filter((f) => f.type === 'phone').map((f) => values[f.key]),
    profile.phone,
  ].filter((v): v is string => typeof v === 'string');
  const mobile = phones.map((p) => validateMobile(p)).find((c) => c.ok);
  return { holderCode, mobile: mobile?.ok ? mobile.normalized : null };
}
