import {
  addCalendarMonthsClamped,
  addDays,
  addMonthsToMonthKey,
  compareIsoDates,
  dayOfWeek,
  daysBetween,
  firstDayOfMonthKey,
  InvalidCalendarDateError,
  InvalidMonthKeyError,
  isIsoDate,
  lastDayOfMonth,
  lastDayOfMonthKey,
  monthKeyOf,
  parseIsoDate,
  parseMonthKey,
  Weekday,
} from './calendar-date.js';

describe('parsing rejects anything that is not a real calendar date', () => {
  it('accepts real dates, including 29 February of leap years', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    // 2000 is a leap year (divisible by 400); 1900 is not (divisible by 100 only).
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-05',
    ' 2024-01-05',
    '2024-01-05T00:00',
    '',
  ])('rejects %p with a Chinese message', (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(() => parseIsoDate(value)).toThrow(InvalidCalendarDateError);
    expect(() => parseIsoDate(value)).toThrow('日期格式无效');
  });

  it('rejects malformed month keys', () => {
    expect(parseMonthKey('2024-02')).toEqual({ year: 2024, month: 2 });
    expect(() => parseMonthKey('2024-13')).toThrow(InvalidMonthKeyError);
    expect(() => parseMonthKey('2024-2')).toThrow('月份格式无效');
  });
});

describe('day arithmetic crosses month, year and leap-day boundaries', () => {
  it('adds and subtracts days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('counts calendar days between dates', () => {
    // 2024-04-30 → 2024-07-01: 31 days of May + 30 of June + 1 = 62.
    expect(daysBetween('2024-04-30', '2024-07-01')).toBe(62);
    expect(daysBetween('2024-07-01', '2024-04-30')).toBe(-62);
  });

  it('compares dates', () => {
    expect(compareIsoDates('2024-02-09', '2024-02-18')).toBeLessThan(0);
    expect(compareIsoDates('2024-02-18', '2024-02-18')).toBe(0);
    expect(compareIsoDates('2025-01-01', '2024-12-31')).toBeGreaterThan(0);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('1970-01-01')).toBe(Weekday.Thursday);
    expect(dayOfWeek('1969-12-31')).toBe(Weekday.Wednesday);
    expect(dayOfWeek('2024-02-04')).toBe(Weekday.Sunday); // swapped workday before Spring Festival 2024
    expect(dayOfWeek('2024-02-09')).toBe(Weekday.Friday); // 除夕 2024
    expect(dayOfWeek('2025-10-01')).toBe(Weekday.Wednesday);
    expect(dayOfWeek('2025-10-11')).toBe(Weekday.Saturday);
  });
});

describe('the host time zone never shifts a date', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai'])('gives the same answers in %s', (zone) => {
    process.env.TZ = zone;
    // 2024-03-10 is the US daylight-saving switch; UTC arithmetic does not notice it.
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    expect(addDays('2024-11-03', 1)).toBe('2024-11-04');
    expect(dayOfWeek('2024-03-10')).toBe(Weekday.Sunday);
    expect(addCalendarMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('adding calendar months clamps to the last day of a shorter month', () => {
  // SPEC (Subsidy): the same day of the month, or the month's last day where that day does not exist.
  it.each([
    ['2024-01-31', 1, '2024-02-29'], // February 2024 has 29 days
    ['2023-12-31', 2, '2024-02-29'], // crosses the year, then clamps
    ['2024-08-31', 2, '2024-10-31'], // October has a 31st: no clamp
    ['2024-01-31', 2, '2024-03-31'], // computed from January directly, not via 02-29
    ['2022-12-30', 2, '2023-02-28'], // 2023 is not a leap year
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-04-30', 2, '2024-06-30'],
    ['2024-05-15', 0, '2024-05-15'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
  ] as const)('%s + %i months → %s', (date, months, expected) => {
    expect(addCalendarMonthsClamped(date, months)).toBe(expected);
  });

  it('rejects an invalid start date', () => {
    expect(() => addCalendarMonthsClamped('2024-02-30', 1)).toThrow(InvalidCalendarDateError);
  });
});

describe('month keys', () => {
  it('derives and shifts YYYY-MM keys', () => {
    expect(monthKeyOf('2024-02-09')).toBe('2024-02');
    expect(addMonthsToMonthKey('2024-11', 2)).toBe('2025-01');
    expect(addMonthsToMonthKey('2024-01', -1)).toBe('2023-12');
    expect(firstDayOfMonthKey('2024-02')).toBe('2024-02-01');
    expect(lastDayOfMonthKey('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonthKey('2023-02')).toBe('2023-02-28');
    expect(lastDayOfMonth('2024-04-10')).toBe('2024-04-30');
  });
});
