import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';

describe('Mid-Autumn + National Day 2023: holiday 09-29..10-06, swapped workdays Sat 10-07 and Sun 10-08', () => {
  // Thu 09-28 work | Fri 09-29 (中秋) .. Fri 10-06 off (Mon 10-02 .. Fri 10-06 are weekdays off)
  // Sat 10-07 WORK | Sun 10-08 WORK | Mon 10-09 work
  const calendar = createChinaWorkingDayCalendar();

  it('marks the eight holiday days off and the weekend after them as working', () => {
    expect(calendar.isWorkingDay('2023-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2023-09-29')).toBe(false);
    expect(calendar.isWorkingDay('2023-10-02')).toBe(false);
    expect(calendar.isWorkingDay('2023-10-06')).toBe(false);
    expect(calendar.isWorkingDay('2023-10-07')).toBe(true);
    expect(calendar.isWorkingDay('2023-10-08')).toBe(true);
  });

  it('three working days after Thu 09-28 end on Mon 10-09, eleven calendar days later', () => {
    // 1st = Sat 10-07, 2nd = Sun 10-08, 3rd = Mon 10-09.
    // Weekday-only logic would have said Tue 10-03, in the middle of the holiday.
    expect(calendar.addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
    expect(calendar.addWorkingDays('2023-09-28', 3)).toBe('2023-10-09');
    expect(calendar.workingDaysBetween('2023-09-28', '2023-10-09')).toBe(3);
  });
});
