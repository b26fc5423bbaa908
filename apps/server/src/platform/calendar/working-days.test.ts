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
  isProvisional,
  isWorkingDay,
  PROVISIONAL_FESTIVAL_DATES,
  provisionalYearSeed,
  provisionalYears,
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

test('2027 and 2028 have no published notice: they are provisional, 2025 and 2026 are not', () => {
  assert.deepEqual(provisionalYears(cal), [2027, 2028]);
  assert.equal(cal.years.get(2026)?.provisional, undefined);
  assert.equal(cal.years.get(2027)?.workdays.size, 0, 'no 调休 is guessed');
  // 元旦 1 + 春节 4 + 清明 1 + 劳动节 2 + 端午 1 + 中秋 1 + 国庆 3 = 13 days.
  assert.equal(cal.years.get(2027)?.holidays.size, 13);
  // 2028: 中秋 (10-03) falls on 国庆 and adds no day.
  assert.equal(cal.years.get(2028)?.holidays.size, 12);
  assert.equal(cal.years.get(2028)?.holidays.get('2028-10-03'), '国庆节、中秋节');
  assert.deepEqual(
    provisionalYearSeed(2027)?.holidays.map((d) => `${d.date} ${d.name}`),
    [
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ],
  );
  assert.equal(provisionalYearSeed(2029), null);
  assert.equal(provisionalYearSeed(2026), null);
});

test('provisional festival dates are plausible: 除夕 in its window, 清明 04-04..06, 端午/中秋 a whole number of lunar months later', () => {
  // Days between 除夕 and the festivals follow from the lunar months: 正月初一 + k months.
  for (const [year, f] of PROVISIONAL_FESTIVAL_DATES) {
    assert.equal(Number(f.chuxi.slice(0, 4)), year);
    assert.ok(f.chuxi >= `${year}-01-20` && f.chuxi <= `${year}-02-19`, `${year} 除夕 in range`);
    assert.ok(['04-04', '04-05', '04-06'].includes(f.qingming.slice(5)), `${year} 清明 ${f.qingming}`);
    // 正月初一 → 五月初五 is 4 lunar months (+1 for a leap month) + 4 days: 122..155 days.
    const spanDuanwu = (Date.parse(f.duanwu) - Date.parse(f.chuxi)) / 86_400_000;
    assert.ok(spanDuanwu >= 121 && spanDuanwu <= 156, `${year} 端午 ${spanDuanwu}`);
    const spanZhongqiu = (Date.parse(f.zhongqiu) - Date.parse(f.chuxi)) / 86_400_000;
    assert.ok(spanZhongqiu >= 220 && spanZhongqiu <= 254, `${year} 中秋 ${spanZhongqiu}`);
  }
});

test('provisional 2027: weekends and statutory holidays rest, a weekend holiday is not moved', () => {
  assert.equal(dayOfWeek('2027-01-01'), 5);
  assert.equal(isWorkingDay(cal, '2027-01-01'), false, '元旦 (Friday)');
  assert.equal(isWorkingDay(cal, '2027-01-04'), true);
  for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
    assert.equal(isWorkingDay(cal, d), false, d);
  }
  assert.equal(isWorkingDay(cal, '2027-02-09'), true, 'Tuesday after 初三: no guessed 调休 days off');
  assert.equal(isWorkingDay(cal, '2027-02-04'), true);
  // 2027-05-01/02 fall on Saturday/Sunday: Monday 05-03 stays a working day.
  assert.equal(dayOfWeek('2027-05-01'), 6);
  assert.equal(isWorkingDay(cal, '2027-05-03'), true);
  assert.equal(isWorkingDay(cal, '2027-04-05'), false, '清明 (Monday)');
  assert.equal(isWorkingDay(cal, '2027-06-09'), false, '端午 (Wednesday)');
  assert.equal(isWorkingDay(cal, '2027-09-15'), false, '中秋 (Wednesday)');
  assert.equal(isWorkingDay(cal, '2027-10-04'), true, '国庆 is 3 days provisionally');
  assert.equal(addWorkingDays(cal, '2027-02-04', 1), '2027-02-09');
  assert.equal(countWorkingDays(cal, '2027-02-01', '2027-02-12'), 7); // 02-02..04 and 02-09..12
});

test('from 2026-12-20, 20 working days skip 2027-01-01 and the result is marked provisional', () => {
  // Dec 21-25 (5), 28-31 (9), [01-01 元旦], Jan 4-8 (14), 11-15 (19), 18 (20).
  const due = addWorkingDays(cal, '2026-12-20', 20);
  assert.equal(due, '2027-01-18');
  assert.equal(isProvisional(cal, '2026-12-20', due), true);
  assert.equal(countWorkingDays(cal, '2026-12-20', due), 20);
  assert.equal(isProvisional(cal, '2026-11-20', addWorkingDays(cal, '2026-11-20', 20)), false);
  assert.equal(isProvisional(cal, '2027-03-01', '2026-12-01'), true, 'order does not matter');
  assert.equal(addNaturalDays(cal, '2026-12-20', 12), '2027-01-04', '01-01 is a rest day, 01-02/03 weekend');
  // Once the notice is published the year is no longer provisional, whatever it says.
  const published = buildCalendarData([
    ...CN_CALENDAR_SEED,
    { year: 2027, holidays: [{ date: '2027-01-18', name: '测试' }], makeupWorkdays: [] },
  ]);
  assert.equal(addWorkingDays(published, '2026-12-20', 20), '2027-01-15', '01-01 is a working day there');
  assert.equal(isProvisional(published, '2026-12-20', '2027-01-15'), false);
  assert.deepEqual(provisionalYears(published), [2028]);
});

test('years beyond the provisional table (2029) are still refused with CALENDAR_YEAR_MISSING', () => {
  const check = (err: unknown): boolean => {
    assert.ok(err instanceof CalendarYearMissingError);
    assert.equal(err.year, 2029);
    assert.equal(err.message, '2029年的节假日安排尚未发布，无法计算期限');
    assert.equal(err.code, 'CALENDAR_YEAR_MISSING');
    return true;
  };
  assert.throws(() => isWorkingDay(cal, '2029-03-01'), check);
  assert.throws(() => addWorkingDays(cal, '2028-12-29', 1), check);
  assert.throws(() => countWorkingDays(cal, '2028-12-28', '2029-01-04'), check);
  assert.throws(() => addNaturalDays(cal, '2028-12-20', 15), check);
  assert.equal(addWorkingDays(cal, '2028-12-27', 1), '2028-12-28');
});

test('without the provisional option an unpublished year is refused as before', () => {
  const strict = buildCalendarData(CN_CALENDAR_SEED, { provisional: false });
  assert.throws(
    () => addWorkingDays(strict, '2026-12-31', 1),
    (err: unknown) => err instanceof CalendarYearMissingError && err.year === 2027,
  );
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
