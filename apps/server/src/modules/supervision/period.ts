// Assessment periods: a month ('2026-11') or a quarter ('2026-Q4'), as inclusive date ranges.
import { addCalendarDays } from '../../platform/calendar/working-days.ts';

export interface Period {
  code: string;
  name: string;
  from: string;
  to: string;
  kind: 'month' | 'quarter';
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return addCalendarDays(next, -1);
}

/** Parses a period code; null when malformed. */
export function parsePeriod(code: string): Period | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return {
      code,
      name: `${year}年${month}月`,
      from: `${year}-${pad(month)}-01`,
      to: lastDayOf(year, month),
      kind: 'month',
    };
  }
  const q = /^(\d{4})-Q([1-4])$/.exec(code);
  if (q) {
    const year = Number(q[1]);
    const quarter = Number(q[2]);
    const first = (quarter - 1) * 3 + 1;
    return {
      code,
      name: `${year}年第${'一二三四'[quarter - 1]}季度`,
      from: `${year}-${pad(first)}-01`,
      to: lastDayOf(year, first + 2),
      kind: 'quarter',
    };
  }
  return null;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last `months` months and `quarters` quarters up to the one containing `today`, newest first. */
export function recentPeriods(today: string, months = 12, quarters = 4): Period[] {
  const out: Period[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  for (let i = 0; i < months; i++) {
    out.push(parsePeriod(`${y}-${pad(m)}`) as Period);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  let qy = Number(today.slice(0, 4));
  let qq = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  for (let i = 0; i < quarters; i++) {
    out.push(parsePeriod(`${qy}-Q${qq}`) as Period);
    qq -= 1;
    if (qq === 0) {
      qq = 4;
      qy -= 1;
    }
  }
  return out;
}
