import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { CHINA_CALENDAR_2022_2026 } from './holidays.data.js';
import {
  CalendarDayKind,
  CalendarNotCoveredError,
  InvalidCalendarDataError,
  WorkingDayCalendar,
} from './working-day-calendar.js';

describe('a year without a holiday notice is refused, never guessed from weekdays', () => {
  const calendar = createChinaWorkingDayCalendar();

  it('throws for 2027 with a message telling the office what to do', () => {
    // Mon 2027-01-04 would be a working day by weekday logic, but the 2027 notice is not loaded.
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarNotCoveredError);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow('工作日历未包含 2027 年的节假日安排，请先维护该年度日历');
    expect(() => calendar.isWorkingDay('2021-12-31')).toThrow('工作日历未包含 2021 年');
    expect(calendar.coversYear(2026)).toBe(true);
    expect(calendar.coversYear(2027)).toBe(false);
  });

  it('throws when the answer would run into the uncovered year', () => {
    // Thu 2026-12-31 is the last covered day; the working day after it lies in 2027 (元旦 2027 is unknown).
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(() => calendar.addWorkingDays('2026-12-31', 1)).toThrow('2027 年');
    expect(() => calendar.workingDaysBetween('2026-12-01', '2027-01-05')).toThrow(CalendarNotCoveredError);
    // Even "end before start" needs both dates covered.
    expect(() => calendar.workingDaysBetween('2027-01-05', '2026-01-05')).toThrow(CalendarNotCoveredError);
  });

  it('throws for a gap year between covered years', () => {
    const gapped = new WorkingDayCalendar(CHINA_CALENDAR_2022_2026, [2024, 2026]);
    expect(gapped.coversYear(2025)).toBe(false);
    expect(() => gapped.workingDaysBetween('2024-12-30', '2026-01-05')).toThrow('2025 年');
    expect(() => gapped.addWorkingDays('2024-12-31', 1)).toThrow('2025 年');
    expect(gapped.isWorkingDay('2026-01-04')).toBe(true); // swapped Sunday of 2026
  });
});

describe('calendar data is checked when the calendar is built', () => {
  it('rejects duplicates, impossible dates, weekday "swapped workdays" and an empty year list', () => {
    const holiday = { date: '2024-01-01', kind: CalendarDayKind.Holiday, name: '元旦' };
    expect(() => new WorkingDayCalendar([holiday, holiday], [2024])).toThrow('2024-01-01 重复出现');
    expect(() => new WorkingDayCalendar([{ ...holiday, date: '2024-02-30' }], [2024])).toThrow(
      InvalidCalendarDataError,
    );
    expect(
      () => new WorkingDayCalendar([{ date: '2024-02-05', kind: CalendarDayKind.Workday, name: '春节' }], [2024]),
    ).toThrow('调休上班日 2024-02-05 不是周六或周日');
    expect(() => new WorkingDayCalendar([], [])).toThrow(InvalidCalendarDataError);
  });

  it('without overrides a covered year is plain Monday to Friday', () => {
    const plain = new WorkingDayCalendar([], [2024]);
    expect(plain.isWorkingDay('2024-02-12')).toBe(true); // a Spring Festival Monday, but no notice given
    expect(plain.addWorkingDays('2024-02-09', 1)).toBe('2024-02-12');
  });

  it('rejects n < 1 and fractional n', () => {
    const calendar = createChinaWorkingDayCalendar();
    expect(() => calendar.addWorkingDays('2024-02-09', 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-02-09', 1.5)).toThrow(RangeError);
  });
});
