import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { CalendarDayKind } from './working-day-calendar.js';

describe('Spring Festival 2024: holiday 02-10..02-17, swapped workdays Sun 02-04 and Sun 02-18', () => {
  // February 2024 (国办发明电〔2023〕7号):
  //   Sat 03 off | Sun 04 WORK (调休) | Mon 05 .. Fri 09 work (Fri 09 is 除夕, still a working day)
  //   Sat 10 .. Sat 17 春节 off (Mon 12 .. Fri 16 are weekdays off) | Sun 18 WORK (调休) | Mon 19 work
  const calendar = createChinaWorkingDayCalendar();

  it('treats the swapped Sundays as working days and the whole holiday week as days off', () => {
    expect(calendar.isWorkingDay('2024-02-03')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2024-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true);
    for (const day of ['10', '11', '12', '13', '14', '15', '16', '17']) {
      expect(calendar.isWorkingDay(`2024-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-19')).toBe(true);
    expect(calendar.overrideOn('2024-02-12')).toEqual({
      date: '2024-02-12',
      kind: CalendarDayKind.Holiday,
      name: '春节',
    });
  });

  it('the first working day after Saturday 02-03 is Sunday 02-04', () => {
    expect(calendar.addWorkingDays('2024-02-03', 1)).toBe('2024-02-04');
  });

  it('one working day after 除夕 (Fri 02-09) is Sun 02-18; three are Tue 02-20', () => {
    // 02-10..02-17 are skipped; 1st = Sun 02-18, 2nd = Mon 02-19, 3rd = Tue 02-20.
    expect(calendar.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(calendar.addWorkingDays('2024-02-09', 3)).toBe('2024-02-20');
  });

  it('counts working days after the start up to and including the end', () => {
    expect(calendar.workingDaysBetween('2024-02-09', '2024-02-17')).toBe(0); // only holiday days follow
    expect(calendar.workingDaysBetween('2024-02-09', '2024-02-19')).toBe(2); // Sun 18, Mon 19
    expect(calendar.workingDaysBetween('2024-02-02', '2024-02-05')).toBe(2); // Sun 04, Mon 05
    expect(calendar.workingDaysBetween('2024-02-19', '2024-02-09')).toBe(0); // end before start
  });
});
