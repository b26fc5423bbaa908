// Seed for the calendar table: the official 国务院办公厅 holiday notices, one entry per year.
// The running system reads the calendar from the database (admins add next year's notice when it is
// published each November); this file only fills an empty database and backs the tests.
//
// Dates transcribed from the notices as quoted in DOMAIN.md §7.4 and re-read against the 新华社
// republications (2025: 新华网 2024-11-12; 2026: politics.gmw.cn/2025-11/04/content_38391083.htm).
// Per-date names follow the notice's own headings, so 2025's combined 国庆节、中秋节 break keeps the
// combined name.

import type { CalendarDayEntry, CalendarYearSeed } from './working-days.ts';

export interface HolidayNoticeSeed extends CalendarYearSeed {
  /** Title of the notice, as published. */
  readonly source: string;
  /** 发文字号, where a copy of the notice that shows it was found. */
  readonly documentNumber?: string;
  /** Date the notice was issued. */
  readonly issuedOn: string;
  /** The arrangement paragraphs of the notice, for display beside the calendar. */
  readonly notice: string;
}

function days(name: string, ...dates: string[]): CalendarDayEntry[] {
  return dates.map((date) => ({ date, name }));
}

/** Inclusive run of consecutive dates within one month, e.g. range('2026-02', 15, 23). */
function range(month: string, first: number, last: number): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d += 1) out.push(`${month}-${String(d).padStart(2, '0')}`);
  return out;
}

export const CN_CALENDAR_SEED: readonly HolidayNoticeSeed[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    issuedOn: '2024-11-12',
    notice: [
      '一、元旦：1月1日（周三）放假1天，不调休。',
      '二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。',
      '三、清明节：4月4日（周五）至6日（周日）放假，共3天。',
      '四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。',
      '五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。',
      '六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。',
    ].join('\n'),
    holidays: [
      ...days('元旦', '2025-01-01'),
      ...days('春节', ...range('2025-01', 28, 31), ...range('2025-02', 1, 4)),
      ...days('清明节', ...range('2025-04', 4, 6)),
      ...days('劳动节', ...range('2025-05', 1, 5)),
      ...days('端午节', '2025-05-31', ...range('2025-06', 1, 2)),
      ...days('国庆节、中秋节', ...range('2025-10', 1, 8)),
    ],
    makeupWorkdays: [
      ...days('春节调休上班', '2025-01-26', '2025-02-08'),
      ...days('劳动节调休上班', '2025-04-27'),
      ...days('国庆节、中秋节调休上班', '2025-09-28', '2025-10-11'),
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    // The 新华社 republication omits the 发文字号; add it once read from the gov.cn original.
    issuedOn: '2025-11-04',
    notice: [
      '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
      '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
      '三、清明节：4月4日（周六）至6日（周一）放假，共3天。',
      '四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。',
      '五、端午节：6月19日（周五）至21日（周日）放假，共3天。',
      '六、中秋节：9月25日（周五）至27日（周日）放假，共3天。',
      '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
    ].join('\n'),
    holidays: [
      ...days('元旦', ...range('2026-01', 1, 3)),
      ...days('春节', ...range('2026-02', 15, 23)),
      ...days('清明节', ...range('2026-04', 4, 6)),
      ...days('劳动节', ...range('2026-05', 1, 5)),
      ...days('端午节', ...range('2026-06', 19, 21)),
      ...days('中秋节', ...range('2026-09', 25, 27)),
      ...days('国庆节', ...range('2026-10', 1, 7)),
    ],
    makeupWorkdays: [
      ...days('元旦调休上班', '2026-01-04'),
      ...days('春节调休上班', '2026-02-14', '2026-02-28'),
      ...days('劳动节调休上班', '2026-05-09'),
      ...days('国庆节调休上班', '2026-09-20', '2026-10-10'),
    ],
  },
];
