// Chinese names and tags for case states, outcomes and case types.
import { type Tone, ToneTag } from '../../app/ui.tsx';
import type { CaseStatus } from './api.ts';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: '办理中',
  paused: '暂停计时',
  completed: '已办结',
  cancelled: '已撤回',
};

const STATUS_TONES: Record<CaseStatus, Tone> = {
  open: 'blue',
  paused: 'orange',
  completed: 'green',
  cancelled: 'gray',
};

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as CaseStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export function StatusTag({ status, name }: { status: CaseStatus | string; name?: string }) {
  const s = status as CaseStatus;
  return (
    <ToneTag tone={STATUS_TONES[s] ?? 'gray'} style={{ marginInlineEnd: 0 }}>
      {name ?? STATUS_LABELS[s] ?? status}
    </ToneTag>
  );
}

export const OUTCOME_LABELS: Record<string, string> = {
  approved: '准予许可',
  denied: '不予许可',
  not_accepted: '不予受理',
  replied: '已答复',
  withdrawn: '已撤回',
  rectified: '已整改',
};

export function outcomeText(outcome: string | null | undefined): string {
  if (!outcome) return '—';
  return OUTCOME_LABELS[outcome] ?? outcome;
}

/** Case types the console knows by name; the server's caseTypeName wins when present. */
export const CASE_TYPE_OPTIONS = [
  { value: 'licence', label: '行政许可' },
  { value: 'rectification', label: '差评整改' },
  { value: 'supervision_order', label: '督办' },
];

export function caseTypeLabel(type: string, name?: string | null): string {
  return name || CASE_TYPE_OPTIONS.find((o) => o.value === type)?.label || type;
}

/** The known case types, plus any other type the listed rows show (named as the server names it). */
export function caseTypeOptions(rows: { caseType: string; caseTypeName?: string | null }[]) {
  const options = [...CASE_TYPE_OPTIONS];
  for (const r of rows)
    if (!options.some((o) => o.value === r.caseType))
      options.push({ value: r.caseType, label: caseTypeLabel(r.caseType, r.caseTypeName) });
  return options;
}

export const UNIT_LABELS = { working: '个工作日', natural: '天（自然日）' } as const;

/** Extended and paused days count in the unit of the case's limits (the engine adds them to the limit). */
export function caseDayWord(c: {
  legal: { unit: string } | null;
  promised: { unit: string } | null;
}): string {
  return (c.legal ?? c.promised)?.unit === 'natural' ? '日' : '个工作日';
}

export function limitText(limit: { days: number; unit: 'working' | 'natural' } | null | undefined): string {
  if (!limit) return '—';
  if (limit.days === 0) return '即办件';
  return `${limit.days} ${UNIT_LABELS[limit.unit] ?? '日'}`;
}

/** "12,345.00 元" from fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}
