// 一单式收费: the fees due on an application, computed from the item's fee standards and the
// applicant's validated form values. 行政许可法 Art. 58: licensing itself is free unless a law or
// administrative regulation provides otherwise, so most items carry no fee at all.
import type { FormValues } from './forms/form-types.ts';
import { own } from './forms/text.ts';
import type { Fee, FeeComputation, FeeLine } from './services.types.ts';

function applies(fee: Fee, values: FormValues): boolean {
  if (!fee.when) return true;
  const v = own(values, fee.when.field);
  const want = Array.isArray(fee.when.equals) ? fee.when.equals : [fee.when.equals];
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string' && want.includes(x));
  return typeof v === 'string' && want.includes(v);
}

/** Quantity for a per-unit fee: a non-negative integer from the form, 0 when absent or not a count. */
function quantityOf(values: FormValues, field: string): number {
  const v = own(values, field);
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

/**
 * Lines and total in fen (分). Expects values that passed validateFormData, but stays safe on any
 * input: a missing or odd quantity counts as 0, never NaN.
 */
export function computeFees(item: { fees: readonly Fee[] }, values: FormValues): FeeComputation {
  const lines: FeeLine[] = [];
  for (const fee of item.fees) {
    if (!applies(fee, values)) continue;
    const base = { name: fee.name, standard: fee.standard, basis: fee.basis };
    switch (fee.rule.mode) {
      case 'free':
        lines.push({ ...base, amountFen: 0 });
        break;
      case 'fixed':
        lines.push({ ...base, amountFen: fee.rule.amountFen });
        break;
      case 'per_unit': {
        const quantity = quantityOf(values, fee.rule.quantityField);
        const amount = fee.rule.unitFen * quantity;
        lines.push({
          ...base,
          amountFen: Number.isSafeInteger(amount) ? amount : 0,
          quantity,
          unitName: fee.rule.unitName,
        });
        break;
      }
    }
  }
  return { lines, totalFen: lines.reduce((s, l) => s + l.amountFen, 0) };
}

/** True when nothing the item lists ever costs money. */
export function isFeeFree(fees: readonly Fee[]): boolean {
  return fees.every((f) => f.rule.mode === 'free');
}
