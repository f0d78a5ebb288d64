import fc from 'fast-check';
import { addDays, fromEpochDay, isWeekend, toEpochDay } from './calendar-date.js';
import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { CHINA_CALENDAR_2022_2026 } from './holidays.data.js';
import { CalendarDayKind, CalendarNotCoveredError } from './working-day-calendar.js';

// An independent reference: the rule read straight off the data, one day at a time.
const overrides = new Map(CHINA_CALENDAR_2022_2026.map((day) => [day.date, day.kind]));
function referenceIsWorkingDay(date: string): boolean {
  const kind = overrides.get(date);
  return kind ? kind === CalendarDayKind.Workday : !isWeekend(date);
}
function referenceAddWorkingDays(date: string, n: number): string {
  let current = date;
  for (let found = 0; found < n;) {
    current = addDays(current, 1);
    if (referenceIsWorkingDay(current)) found += 1;
  }
  return current;
}

const FIRST_DAY = toEpochDay('2022-01-01');
const LAST_DAY = toEpochDay('2026-12-31');
// 30 working days from here still end inside 2026.
const LAST_SAFE_START = toEpochDay('2026-11-15');

describe('addWorkingDays and workingDaysBetween agree', () => {
  const calendar = createChinaWorkingDayCalendar();

  it('matches the day-by-day rule on every covered day', () => {
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const date = fromEpochDay(day);
      expect(calendar.isWorkingDay(date)).toBe(referenceIsWorkingDay(date));
    }
  });

  it('property: workingDaysBetween(d, addWorkingDays(d, n)) === n for n in 1..30', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_SAFE_START }), fc.integer({ min: 1, max: 30 }), (day, n) => {
        const start = fromEpochDay(day);
        const end = calendar.addWorkingDays(start, n);
        expect(end).toBe(referenceAddWorkingDays(start, n));
        expect(calendar.isWorkingDay(end)).toBe(true);
        expect(calendar.workingDaysBetween(start, end)).toBe(n);
        // The day before the N-th working day has only n − 1 working days after the start.
        expect(calendar.workingDaysBetween(start, addDays(end, -1))).toBe(n - 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a working-day completion is within N exactly when workingDaysBetween ≤ N', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST_DAY, max: LAST_SAFE_START }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (day, offset, limit) => {
          const start = fromEpochDay(day);
          const end = addDays(start, offset);
          fc.pre(calendar.isWorkingDay(end));
          const deadline = calendar.addWorkingDays(start, limit);
          expect(calendar.workingDaysBetween(start, end) <= limit).toBe(end <= deadline);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('holds for every covered start date and every n in 1..30, or refuses to leave 2026', () => {
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      const start = fromEpochDay(day);
      const left = calendar.workingDaysBetween(start, '2026-12-31');
      for (let n = 1; n <= 30; n++) {
        if (n > left) {
          expect(() => calendar.addWorkingDays(start, n)).toThrow(CalendarNotCoveredError);
        } else {
          expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
        }
      }
    }
  });
});
