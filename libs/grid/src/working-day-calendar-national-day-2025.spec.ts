import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { CalendarDayKind } from './working-day-calendar.js';

describe('National Day + Mid-Autumn 2025: holiday 10-01..10-08, swapped workdays Sun 09-28 and Sat 10-11', () => {
  // Fri 09-26 work | Sat 09-27 off | Sun 09-28 WORK | Mon 09-29, Tue 09-30 work
  // Wed 10-01 .. Wed 10-08 off | Thu 10-09, Fri 10-10 work | Sat 10-11 WORK | Sun 10-12 off | Mon 10-13 work
  const calendar = createChinaWorkingDayCalendar();

  it('the first working day after Fri 09-26 is the swapped Sunday 09-28', () => {
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('two working days after Tue 09-30 end on Fri 10-10; three on the swapped Saturday 10-11', () => {
    // 10-01..10-08 skipped; 1st = Thu 10-09, 2nd = Fri 10-10, 3rd = Sat 10-11.
    expect(calendar.addWorkingDays('2025-09-30', 2)).toBe('2025-10-10');
    expect(calendar.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('counts Thu 10-09, Fri 10-10, Sat 10-11 and Mon 10-13 between 09-30 and 10-13', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-13')).toBe(4);
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
  });

  it('records the combined holiday under its notice name', () => {
    expect(calendar.overrideOn('2025-10-06')?.name).toBe('国庆节、中秋节');
    expect(calendar.overrideOn('2025-10-11')?.kind).toBe(CalendarDayKind.Workday);
  });
});
