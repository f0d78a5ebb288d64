import { dayOfWeek, isIsoDate, Weekday } from './calendar-date.js';
import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { CHINA_CALENDAR_2022_2026, CHINA_CALENDAR_YEARS } from './holidays.data.js';
import { CalendarDayKind } from './working-day-calendar.js';

function holidayDays(name: string, year: number): string[] {
  return CHINA_CALENDAR_2022_2026.filter(
    (day) => day.kind === CalendarDayKind.Holiday && day.name === name && day.date.startsWith(`${year}-`),
  ).map((day) => day.date);
}

function workdays(year: number): string[] {
  return CHINA_CALENDAR_2022_2026.filter(
    (day) => day.kind === CalendarDayKind.Workday && day.date.startsWith(`${year}-`),
  ).map((day) => day.date);
}

describe('the 2022–2026 holiday data is well formed', () => {
  it('covers 2022 to 2026', () => {
    expect(CHINA_CALENDAR_YEARS).toEqual([2022, 2023, 2024, 2025, 2026]);
  });

  it('lists each date once, as a real date inside the covered years', () => {
    const dates = CHINA_CALENDAR_2022_2026.map((day) => day.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) {
      expect(isIsoDate(date)).toBe(true);
      expect(CHINA_CALENDAR_YEARS).toContain(Number(date.slice(0, 4)));
    }
  });

  it('puts every swapped workday (调休上班) on a Saturday or Sunday', () => {
    for (const day of CHINA_CALENDAR_2022_2026.filter((entry) => entry.kind === CalendarDayKind.Workday)) {
      expect([Weekday.Saturday, Weekday.Sunday]).toContain(dayOfWeek(day.date));
    }
  });

  it('names every day with one of the statutory holidays', () => {
    const names = new Set(CHINA_CALENDAR_2022_2026.map((day) => day.name));
    expect([...names].sort()).toEqual(
      ['中秋节', '中秋节、国庆节', '元旦', '劳动节', '国庆节', '国庆节、中秋节', '春节', '清明节', '端午节'].sort(),
    );
  });
});

describe('spans match the notices day for day', () => {
  it('Spring Festival: 7 days in 2022 and 2023, 8 in 2024 and 2025 (2025 adds 除夕), 9 in 2026', () => {
    expect(holidayDays('春节', 2022)).toHaveLength(7); // 01-31..02-06
    expect(holidayDays('春节', 2023)).toHaveLength(7); // 01-21..01-27
    expect(holidayDays('春节', 2024)).toEqual([
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
      '2024-02-16',
      '2024-02-17',
    ]);
    expect(holidayDays('春节', 2025)).toHaveLength(8); // 01-28 (除夕)..02-04
    expect(holidayDays('春节', 2026)).toHaveLength(9); // 02-15..02-23
  });

  it('the 2023 元旦 holiday starts on 2022-12-31', () => {
    expect([...holidayDays('元旦', 2022), ...holidayDays('元旦', 2023)]).toEqual([
      '2022-01-01',
      '2022-01-02',
      '2022-01-03',
      '2022-12-31',
      '2023-01-01',
      '2023-01-02',
    ]);
  });

  it('combined Mid-Autumn and National Day: 2023-09-29..10-06 and 2025-10-01..10-08', () => {
    expect(holidayDays('中秋节、国庆节', 2023)).toHaveLength(8);
    expect(holidayDays('中秋节、国庆节', 2023)[0]).toBe('2023-09-29');
    expect(holidayDays('国庆节、中秋节', 2025)).toHaveLength(8);
    expect(holidayDays('国庆节、中秋节', 2025)[7]).toBe('2025-10-08');
  });

  it('lists the swapped workdays of every year', () => {
    expect(workdays(2022)).toEqual([
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ]);
    expect(workdays(2023)).toEqual([
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ]);
    expect(workdays(2024)).toEqual([
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ]);
    expect(workdays(2025)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(workdays(2026)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('gives each year its number of working days', () => {
    // 2022 by hand: 260 weekdays − 18 weekday holidays (元旦 1, 春节 5, 清明 2, 劳动 3, 端午 1, 中秋 1, 国庆 5)
    // + 7 swapped workdays = 249. The other years are the same count; chinese-days 1.5.7 gives the same figures.
    const calendar = createChinaWorkingDayCalendar();
    const counts = CHINA_CALENDAR_YEARS.map(
      (year) =>
        (calendar.isWorkingDay(`${year}-01-01`) ? 1 : 0) +
        calendar.workingDaysBetween(`${year}-01-01`, `${year}-12-31`),
    );
    expect(counts).toEqual([249, 249, 251, 248, 248]);
  });
});
