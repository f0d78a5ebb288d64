import { addCalendarMonthsClamped, isIsoDate } from './calendar-months.js';
import { SubsidyInputError } from './subsidy-input.error.js';

describe('addCalendarMonthsClamped', () => {
  it.each([
    ['2024-01-15', 2, '2024-03-15'],
    ['2024-12-31', 2, '2025-02-28'], // 2025-02-31 does not exist → last day of February
    ['2023-12-31', 2, '2024-02-29'], // leap year
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-08-31', 1, '2024-09-30'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2099-12-31', 2, '2100-02-28'], // 2100 is not a leap year
    ['1999-12-31', 2, '2000-02-29'], // 2000 is
    ['2024-11-15', 2, '2025-01-15'], // year rollover
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-15', -2, '2024-11-15'],
    ['2024-05-20', 0, '2024-05-20'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addCalendarMonthsClamped(date, months)).toBe(expected);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-5', '20240105', '2024-01-05T00:00:00Z', ''])(
    'rejects %p',
    (bad) => {
      expect(() => addCalendarMonthsClamped(bad, 2)).toThrow(SubsidyInputError);
      expect(() => addCalendarMonthsClamped(bad, 2)).toThrow('日期格式无效');
    },
  );

  it('rejects a fractional number of months', () => {
    expect(() => addCalendarMonthsClamped('2024-01-15', 1.5)).toThrow('月数须为整数');
  });

  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
  });
});
