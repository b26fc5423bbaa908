import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CN_CALENDAR_SEED } from './cn-calendar-data.ts';
import {
  addCalendarDays,
  addNaturalDays,
  addWorkingDays,
  buildCalendarData,
  CalendarYearMissingError,
  countWorkingDays,
  dayOfWeek,
  isWorkingDay,
  shanghaiDate,
} from './working-days.ts';

const cal = buildCalendarData(CN_CALENDAR_SEED);

test('seed: every make-up workday is a weekend day and the weekdays in the notice text are right', () => {
  const names = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
  let checked = 0;
  for (const year of CN_CALENDAR_SEED) {
    for (const { date } of year.makeupWorkdays) {
      assert.ok([0, 6].includes(dayOfWeek(date)), date);
    }
    // Each "M月D日（周X）" in the notice must name the real weekday of that date; "至D日" reuses the month.
    let month = '';
    for (const m of year.notice.matchAll(/(?:(\d{1,2})月)?(\d{1,2})日（(?:农历[^、]+、)?(周.)）/g)) {
      month = m[1] ?? month;
      const date = `${year.year}-${month.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
      assert.equal(names[dayOfWeek(date)], m[3], `${date} in the ${year.year} notice`);
      checked += 1;
    }
  }
  assert.equal(checked, 36);
});

test('seed: holiday counts match the notices (2025: 28 days, 2026: 33 days)', () => {
  assert.equal(cal.years.get(2025)?.holidays.size, 28);
  assert.equal(cal.years.get(2026)?.holidays.size, 33);
  assert.equal(cal.years.get(2025)?.workdays.size, 5);
  assert.equal(cal.years.get(2026)?.workdays.size, 6);
  assert.equal(cal.years.get(2026)?.holidays.get('2026-02-17'), '春节');
  assert.equal(cal.years.get(2026)?.workdays.get('2026-02-14'), '春节调休上班');
  assert.equal(cal.years.get(2025)?.holidays.get('2025-10-06'), '国庆节、中秋节');
});

test('isWorkingDay: ordinary weekdays and weekends', () => {
  assert.equal(isWorkingDay(cal, '2026-03-10'), true); // Tuesday
  assert.equal(isWorkingDay(cal, '2026-03-14'), false); // Saturday
  assert.equal(isWorkingDay(cal, '2026-03-15'), false); // Sunday
});

test('isWorkingDay: 2026 Mid-Autumn and National Day', () => {
  for (const d of ['2026-09-25', '2026-09-26', '2026-09-27']) assert.equal(isWorkingDay(cal, d), false, d);
  assert.equal(isWorkingDay(cal, '2026-09-20'), true, 'Sunday 09-20 is a make-up workday');
  for (let d = 1; d <= 7; d += 1) {
    const date = `2026-10-0${d}`;
    assert.equal(isWorkingDay(cal, date), false, date);
  }
  assert.equal(isWorkingDay(cal, '2026-10-08'), true);
  assert.equal(isWorkingDay(cal, '2026-10-10'), true, 'Saturday 10-10 is a make-up workday');
  assert.equal(isWorkingDay(cal, '2026-10-11'), false, 'Sunday 10-11 is an ordinary rest day');
});

test('isWorkingDay: a holiday on a weekday (2026-02-16 Monday, 除夕) is not a working day', () => {
  assert.equal(dayOfWeek('2026-02-16'), 1);
  assert.equal(isWorkingDay(cal, '2026-02-16'), false);
});

test('addWorkingDays: 2026 National Day', () => {
  assert.equal(addWorkingDays(cal, '2026-09-30', 1), '2026-10-08');
  assert.equal(addWorkingDays(cal, '2026-09-30', 2), '2026-10-09');
  assert.equal(addWorkingDays(cal, '2026-09-30', 3), '2026-10-10', 'make-up Saturday counts');
  assert.equal(addWorkingDays(cal, '2026-09-30', 4), '2026-10-12');
  assert.equal(addWorkingDays(cal, '2026-09-24', 1), '2026-09-28', 'Mid-Autumn 09-25..27 skipped');
  assert.equal(addWorkingDays(cal, '2026-09-18', 1), '2026-09-20', 'make-up Sunday counts');
});

test('addWorkingDays: 2026 Spring Festival', () => {
  assert.equal(addWorkingDays(cal, '2026-02-13', 1), '2026-02-14');
  assert.equal(addWorkingDays(cal, '2026-02-14', 1), '2026-02-24');
  assert.equal(addWorkingDays(cal, '2026-02-26', 2), '2026-02-28', 'Saturday 02-28 works');
  assert.equal(addWorkingDays(cal, '2026-02-27', 2), '2026-03-02');
});

test('addWorkingDays: counting starts the day after, even when the start is a rest day', () => {
  // Received on Saturday 2026-03-14: Sunday is rest, Monday 03-16 is working day 1.
  assert.equal(addWorkingDays(cal, '2026-03-14', 1), '2026-03-16');
  // Received during the Spring Festival.
  assert.equal(addWorkingDays(cal, '2026-02-17', 1), '2026-02-24');
});

test('addWorkingDays: n = 0 returns the start date, even in an unpublished year', () => {
  assert.equal(addWorkingDays(cal, '2026-10-01', 0), '2026-10-01');
  assert.equal(addWorkingDays(cal, '2030-01-01', 0), '2030-01-01');
});

test('addWorkingDays: crossing from 2025 into 2026', () => {
  // 2025-12-31 Wed; 2026-01-01..03 off; Sunday 01-04 is a make-up workday.
  assert.equal(addWorkingDays(cal, '2025-12-31', 1), '2026-01-04');
  assert.equal(addWorkingDays(cal, '2025-12-25', 5), '2026-01-04');
  assert.equal(addWorkingDays(cal, '2025-12-25', 6), '2026-01-05');
});

test('addWorkingDays: 2025 National Day + Mid-Autumn (8 days) and 10-11 make-up', () => {
  assert.equal(addWorkingDays(cal, '2025-09-26', 1), '2025-09-28');
  assert.equal(addWorkingDays(cal, '2025-09-30', 1), '2025-10-09');
  assert.equal(addWorkingDays(cal, '2025-10-10', 1), '2025-10-11');
});

test('addWorkingDays: 20-working-day disclosure deadline (条例 第三十三条) from a receipt date', () => {
  // Received Friday 2026-09-18. Working days: 09-20(S,1) 21-24(2-5) 28-30(6-8) 10-08(9) 10-09(10)
  // 10-10(S,11) 10-12..16(12-16) 10-19..22(17-20).
  assert.equal(addWorkingDays(cal, '2026-09-18', 20), '2026-10-22');
  // The 20-day extension then runs from that deadline.
  assert.equal(addWorkingDays(cal, '2026-10-22', 20), '2026-11-19');
  // Received before the Spring Festival.
  assert.equal(addWorkingDays(cal, '2026-02-10', 20), '2026-03-16');
});

test('addWorkingDays: negative n walks backwards', () => {
  assert.equal(addWorkingDays(cal, '2026-10-08', -1), '2026-09-30');
  assert.equal(addWorkingDays(cal, '2026-02-24', -1), '2026-02-14');
  assert.equal(addWorkingDays(cal, '2026-01-05', -1), '2026-01-04');
  assert.equal(addWorkingDays(cal, '2026-01-04', -1), '2025-12-31');
});

test('addWorkingDays rejects bad input', () => {
  assert.throws(() => addWorkingDays(cal, '2026-02-30', 1), RangeError);
  assert.throws(() => addWorkingDays(cal, '2026/02/01', 1), RangeError);
  assert.throws(() => addWorkingDays(cal, '2026-02-01', 1.5), RangeError);
});

test('countWorkingDays inverts addWorkingDays across the whole 2025-2026 calendar', () => {
  for (const from of ['2025-01-20', '2025-09-26', '2025-12-24', '2026-02-12', '2026-09-18']) {
    for (const n of [1, 2, 5, 10, 20, 40]) {
      const to = addWorkingDays(cal, from, n);
      assert.equal(countWorkingDays(cal, from, to), n, `${from} + ${n} = ${to}`);
    }
  }
});

test('countWorkingDays: explicit values', () => {
  assert.equal(countWorkingDays(cal, '2026-09-30', '2026-10-07'), 0);
  assert.equal(countWorkingDays(cal, '2026-09-30', '2026-10-10'), 3);
  assert.equal(countWorkingDays(cal, '2026-02-13', '2026-02-28'), 6); // 14, 24, 25, 26, 27, 28
  assert.equal(countWorkingDays(cal, '2026-03-02', '2026-03-02'), 0);
  // Whole year, recomputed from the definition: 365 - 104 weekend days - 19 holidays falling on
  // weekdays + 6 make-up days = 248.
  let expected = 0;
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
    const dow = dayOfWeek(d);
    const holiday = cal.years.get(2026)?.holidays.has(d) ?? false;
    const makeup = cal.years.get(2026)?.workdays.has(d) ?? false;
    if (makeup || (!holiday && dow !== 0 && dow !== 6)) expected += 1;
  }
  assert.equal(countWorkingDays(cal, '2025-12-31', '2026-12-31'), expected);
  assert.equal(expected, 248);
});

test('countWorkingDays: negative when the end precedes the start (overdue)', () => {
  assert.equal(countWorkingDays(cal, '2026-10-12', '2026-09-30'), -4);
  assert.equal(countWorkingDays(cal, '2026-10-12', '2026-10-09'), -2);
});

test('addNaturalDays: an end on the National Day holiday moves to 10-08', () => {
  assert.equal(addNaturalDays(cal, '2026-09-01', 30), '2026-10-08');
  assert.equal(addNaturalDays(cal, '2026-09-06', 30), '2026-10-08');
  assert.equal(addNaturalDays(cal, '2026-09-10', 30), '2026-10-10', 'make-up Saturday is not a rest day');
  assert.equal(addNaturalDays(cal, '2026-09-11', 30), '2026-10-12', 'ordinary Sunday moves to Monday');
});

test('addNaturalDays: ends on working days stay; weekends and holidays move', () => {
  assert.equal(addNaturalDays(cal, '2026-03-01', 15), '2026-03-16'); // Monday stays
  assert.equal(addNaturalDays(cal, '2026-03-01', 13), '2026-03-16'); // Saturday 03-14 → Monday
  assert.equal(addNaturalDays(cal, '2026-01-20', 30), '2026-02-24'); // 02-19 in 春节 → 02-24
  assert.equal(addNaturalDays(cal, '2025-12-02', 30), '2026-01-04'); // 01-01 元旦 → make-up Sunday
  assert.equal(addNaturalDays(cal, '2026-05-01', 0), '2026-05-01');
  assert.throws(() => addNaturalDays(cal, '2026-05-01', -1), RangeError);
});

test('addNaturalDays: only the end date needs a published year', () => {
  // 2025-06-01 + 400 days lands on 2026-07-06 (Monday); 2025/2026 are both published.
  assert.equal(addNaturalDays(cal, '2025-06-01', 400), '2026-07-06');
  const only2026 = buildCalendarData(CN_CALENDAR_SEED.filter((y) => y.year === 2026));
  assert.equal(addNaturalDays(only2026, '2024-12-31', 400), '2026-02-04');
});

test('refuses to compute into 2027, which has no published notice', () => {
  const check = (err: unknown): boolean => {
    assert.ok(err instanceof CalendarYearMissingError);
    assert.equal(err.year, 2027);
    assert.equal(err.message, '2027年的节假日安排尚未发布，无法计算期限');
    assert.equal(err.code, 'CALENDAR_YEAR_MISSING');
    return true;
  };
  assert.throws(() => isWorkingDay(cal, '2027-03-01'), check);
  assert.throws(() => addWorkingDays(cal, '2026-12-31', 1), check);
  assert.throws(() => addWorkingDays(cal, '2026-12-01', 40), check);
  assert.throws(() => countWorkingDays(cal, '2026-12-30', '2027-01-04'), check);
  assert.throws(() => addNaturalDays(cal, '2026-12-20', 15), check);
  // The last computable deadline still works.
  assert.equal(addWorkingDays(cal, '2026-12-30', 1), '2026-12-31');
});

test('refuses to walk back into 2024, which is not loaded', () => {
  assert.throws(
    () => addWorkingDays(cal, '2025-01-02', -2),
    (err: unknown) => err instanceof CalendarYearMissingError && err.year === 2024,
  );
});

test('buildCalendarData rejects contradictory data', () => {
  assert.throws(
    () =>
      buildCalendarData([
        {
          year: 2026,
          holidays: [{ date: '2026-10-10', name: '国庆节' }],
          makeupWorkdays: [{ date: '2026-10-10', name: '国庆节调休上班' }],
        },
      ]),
    /既是节假日又是调休上班日/,
  );
  assert.throws(
    () =>
      buildCalendarData([{ year: 2026, holidays: [{ date: '2025-10-01', name: 'x' }], makeupWorkdays: [] }]),
    /不属于2026年/,
  );
  assert.throws(
    () =>
      buildCalendarData([
        { year: 2026, holidays: [], makeupWorkdays: [{ date: '2026-10-09', name: '调休上班' }] },
      ]),
    /不是周末/,
  );
  assert.throws(() => buildCalendarData([...CN_CALENDAR_SEED, CN_CALENDAR_SEED[0]!]), /重复/);
});

test('shanghaiDate converts instants at the UTC+8 day boundary', () => {
  assert.equal(shanghaiDate(new Date('2026-09-30T15:59:59.999Z')), '2026-09-30');
  assert.equal(shanghaiDate(new Date('2026-09-30T16:00:00.000Z')), '2026-10-01');
  assert.equal(shanghaiDate(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
  assert.equal(shanghaiDate(new Date('2026-06-15T12:00:00+08:00')), '2026-06-15');
  assert.throws(() => shanghaiDate(new Date('nope')), RangeError);
});

test('addCalendarDays and dayOfWeek', () => {
  assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addCalendarDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addCalendarDays('2026-01-01', -1), '2025-12-31');
  assert.equal(dayOfWeek('2026-10-01'), 4);
  assert.equal(dayOfWeek('1969-12-31'), 3);
});
