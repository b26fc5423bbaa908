// Deadline colours and "剩余 N 个工作日 / 已超期 N 个工作日" texts. The level (green/yellow/red) is the
// supervision module's verdict; the remaining days are counted here on the published holiday calendar
// (GET /calendar/years/{year}), the same rules as the server: the start day itself never counts.
import { useEffect, useState } from 'react';
import { calendarApi } from '../../api/endpoints.ts';
import type { CalendarDay } from '../../api/types.ts';
import { type Tone, ToneTag } from '../../app/ui.tsx';
import { type Level, LEVEL_NAMES, LEVELS } from './api.ts';
import { STATUS_LABELS } from './labels.tsx';

export const LEVEL_LABELS: Record<Level, string> = { green: '正常', yellow: '预警', red: '超期' };
export const LEVEL_TONES: Record<Level, Tone> = { green: 'green', yellow: 'gold', red: 'red' };
export const LEVEL_OPTIONS = LEVELS.map((value) => ({
  value,
  label: `${LEVEL_NAMES[value]}（${LEVEL_LABELS[value]}）`,
}));

/** The lights' own colours (dots, bars); text on them uses LEVEL_TONES, which meet the contrast ratio. */
export const LEVEL_COLORS: Record<Level, string> = { green: '#16a34a', yellow: '#ca8a04', red: '#dc2626' };

/** A coloured tag for a level; the text says the level, so colour is never the only signal. */
export function LevelTag({ level }: { level: Level | null | undefined }) {
  if (!level) return null;
  return (
    <ToneTag tone={LEVEL_TONES[level]} style={{ marginInlineEnd: 0 }}>
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: 4,
          background: LEVEL_COLORS[level],
          marginInlineEnd: 6,
          verticalAlign: 'middle',
        }}
      />
      {LEVEL_LABELS[level]}
    </ToneTag>
  );
}

type Overrides = Map<string, CalendarDay['kind']>;

/** Published years, loaded once per session; a year that is not published stays `null`. */
const yearCache = new Map<number, Promise<CalendarDay[] | null>>();

function loadYear(year: number): Promise<CalendarDay[] | null> {
  let p = yearCache.get(year);
  if (!p) {
    p = calendarApi.year(year).then(
      (y) => y.days,
      () => null,
    );
    yearCache.set(year, p);
  }
  return p;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in Beijing, where the deadlines are counted. */
export function todayInShanghai(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

function isWorkingDay(overrides: Overrides, n: number): boolean {
  const kind = overrides.get(dateOf(n));
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

/** Working days d with from < d ≤ to (negative when `to` is earlier). */
function countWorkingDays(overrides: Overrides, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -countWorkingDays(overrides, to, from);
  let count = 0;
  for (let d = a + 1; d <= b; d += 1) if (isWorkingDay(overrides, d)) count += 1;
  return count;
}

/**
 * The calendar overrides of the years a set of dates spans, or null while loading or when a year is
 * not published (then the text falls back to natural days).
 */
function useCalendar(dates: (string | null | undefined)[]): {
  overrides: Overrides | null;
  complete: boolean;
} {
  const today = todayInShanghai();
  const years = [
    ...new Set([today, ...dates].filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4)))),
  ].sort();
  const key = years.join(',');
  const [state, setState] = useState<{ key: string; overrides: Overrides | null; complete: boolean }>({
    key: '',
    overrides: null,
    complete: false,
  });
  useEffect(() => {
    let live = true;
    const wanted = key.split(',').filter(Boolean).map(Number);
    void Promise.all(wanted.map(loadYear)).then((all) => {
      if (!live) return;
      const overrides: Overrides = new Map();
      for (const days of all) for (const d of days ?? []) overrides.set(d.date, d.kind);
      setState({ key, overrides, complete: all.every((d) => d !== null) });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? state : { overrides: null, complete: false };
}

/** "剩余 2 个工作日", "今日到期", "已超期 3 个工作日"; natural days where the calendar is unknown. */
export function remainingText(
  due: string,
  today: string,
  overrides: Overrides | null,
  complete: boolean,
): { text: string; overdue: boolean } {
  if (overrides && complete) {
    const n = countWorkingDays(overrides, today, due);
    if (due === today) return { text: '今日到期', overdue: false };
    if (n > 0) return { text: `剩余 ${n} 个工作日`, overdue: false };
    if (dayNumber(due) > dayNumber(today)) return { text: '今日为最后一个工作日', overdue: false };
    const late = Math.max(1, -n);
    return { text: `已超期 ${late} 个工作日`, overdue: true };
  }
  const diff = dayNumber(due) - dayNumber(today);
  if (diff === 0) return { text: '今日到期', overdue: false };
  return diff > 0
    ? { text: `剩余 ${diff} 天`, overdue: false }
    : { text: `已超期 ${-diff} 天`, overdue: true };
}

/** Remaining-days texts for several due dates at once (a table page shares one calendar load). */
export function useRemaining(
  dates: (string | null | undefined)[],
): (due: string | null | undefined) => string | null {
  const { overrides, complete } = useCalendar(dates);
  const today = todayInShanghai();
  return (due) => (due && overrides ? remainingText(due, today, overrides, complete).text : null);
}

/** The due date with its level tag and the remaining time, as one cell. */
export function DeadlineCell({
  due,
  level,
  remaining,
  finished,
  paused,
}: {
  due: string | null | undefined;
  level?: Level | null;
  remaining: string | null;
  /** Completed cases show the date only. */
  finished?: boolean;
  /** While the clock is paused the date will move on resuming: no countdown, the pause says so. */
  paused?: boolean;
}) {
  if (!due) return <span>{level ? <LevelTag level={level} /> : '—'}</span>;
  if (paused && !finished) {
    return (
      <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2, alignItems: 'flex-start' }}>
        <span>{due}</span>
        <ToneTag tone="orange">{STATUS_LABELS.paused}</ToneTag>
      </span>
    );
  }
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
      <span>
        {level && !finished ? <LevelTag level={level} /> : null} {due}
      </span>
      {!finished && remaining ? (
        <span
          style={{ fontSize: 12, color: remaining.startsWith('已超期') ? '#b91c1c' : 'rgba(0,0,0,0.62)' }}
        >
          {remaining}
        </span>
      ) : null}
    </span>
  );
}
