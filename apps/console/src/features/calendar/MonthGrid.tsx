// One month of the working calendar: 休 (statutory rest day, red), 班 (make-up working day),
// weekends greyed. Cells are buttons when the calendar is being edited.
import type { CSSProperties } from 'react';
import type { CalendarDay } from '../../api/types.ts';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;
}

export function describeDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日 星期${WEEKDAYS[weekdayOf(y, m - 1, d)]}`;
}

const base: CSSProperties = {
  width: '100%',
  aspectRatio: '1 / 1',
  minHeight: 30,
  border: '1px solid transparent',
  borderRadius: 4,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  fontSize: 13,
  lineHeight: 1.1,
  padding: 0,
  fontFamily: 'inherit',
  position: 'relative',
};

function cellStyle(kind: CalendarDay['kind'] | undefined, weekend: boolean, today: boolean): CSSProperties {
  const s: CSSProperties = { ...base, background: '#fff', color: '#111827' };
  if (weekend) Object.assign(s, { background: '#f3f4f6', color: '#4b5563' });
  if (kind === 'holiday') Object.assign(s, { background: '#fee2e2', color: '#b91c1c', fontWeight: 600 });
  if (kind === 'workday') Object.assign(s, { background: '#dbeafe', color: '#1e3a8a', fontWeight: 600 });
  if (today) s.border = '2px solid #1d4ed8';
  return s;
}

const badge: CSSProperties = { fontSize: 10, fontWeight: 700 };

export function MonthGrid({
  year,
  month,
  days,
  today,
  onPick,
}: {
  year: number;
  month: number;
  days: ReadonlyMap<string, CalendarDay>;
  today: string;
  /** Set while editing: cells become buttons. */
  onPick?: (date: string) => void;
}) {
  const first = weekdayOf(year, month, 1);
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: { key: string; day: number | null }[] = [];
  for (let i = 0; i < first; i += 1) cells.push({ key: `lead-${i}`, day: null });
  for (let d = 1; d <= count; d += 1) cells.push({ key: `day-${d}`, day: d });
  for (let i = 0; cells.length % 7 !== 0; i += 1) cells.push({ key: `trail-${i}`, day: null });
  const weeks: { key: string; day: number | null }[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));

  return (
    <table style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 2, tableLayout: 'fixed' }}>
      <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0 2px 4px', captionSide: 'top' }}>
        {month + 1}月
      </caption>
      <thead>
        <tr>
          {WEEKDAYS.map((w, i) => (
            <th
              key={w}
              scope="col"
              abbr={`星期${w}`}
              style={{ fontWeight: 400, fontSize: 12, color: i >= 5 ? '#6b7280' : '#374151' }}
            >
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]?.key}>
            {week.map(({ key, day: d }, i) => {
              if (d === null) return <td key={key} />;
              const date = isoDate(year, month, d);
              const entry = days.get(date);
              const style = cellStyle(entry?.kind, i >= 5, date === today);
              const mark = entry?.kind === 'holiday' ? '休' : entry?.kind === 'workday' ? '班' : '';
              const label = `${describeDate(date)}${entry ? `，${mark}：${entry.name}` : i >= 5 ? '，周末' : ''}`;
              const content = (
                <>
                  <span>{d}</span>
                  {mark ? <span style={badge}>{mark}</span> : null}
                </>
              );
              return (
                <td key={date} style={{ padding: 0 }}>
                  {onPick ? (
                    <button
                      type="button"
                      style={{ ...style, cursor: 'pointer' }}
                      title={label}
                      aria-label={label}
                      onClick={() => onPick(date)}
                    >
                      {content}
                    </button>
                  ) : (
                    <div style={style} title={label} role="img" aria-label={label}>
                      {content}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
