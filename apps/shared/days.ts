// Time limits (办理时限): a number of working days (法定工作日, on the published holiday calendar) or
// of natural days.

export type DayUnit = 'working' | 'natural';

export const DAY_UNITS = [
  { code: 'working', name: '工作日' },
  { code: 'natural', name: '自然日' },
] as const satisfies readonly { code: DayUnit; name: string }[];

export interface Limit {
  days: number;
  unit: DayUnit;
}
