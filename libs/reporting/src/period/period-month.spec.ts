import { shanghaiInstant } from '@app/core';
import { DEFAULT_CALENDAR_SETTINGS } from '../calendar/calendar-settings';
import {
  addDays,
  addMonths,
  assertReportingMonth,
  currentReportingMonth,
  daysBetween,
  formatShanghaiDateTimeZh,
  isCalendarDate,
  periodOpensAt,
  settingsDeadlineAt,
} from './period-month';

describe('reporting months', () => {
  it('takes the month of Beijing time, not of UTC', () => {
    expect(currentReportingMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(currentReportingMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });

  it('steps across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
  });

  it('opens on the 1st at 00:00 and closes on the configured day and time, Beijing time', () => {
    expect(periodOpensAt('2027-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(settingsDeadlineAt('2026-11', DEFAULT_CALENDAR_SETTINGS).toISOString()).toBe('2026-11-25T15:59:59.000Z');
  });

  it('does date arithmetic on civil days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(daysBetween('2026-11-25', '2026-12-03')).toBe(8);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('refuses a malformed month in Chinese', () => {
    expect(() => assertReportingMonth('2026-13')).toThrow('月份格式应为 YYYY-MM（如 2026-11），收到“2026-13”');
  });

  it('formats instants for messages in Beijing time', () => {
    expect(formatShanghaiDateTimeZh(shanghaiInstant('2026-11-25', '23:59:59'))).toBe('2026年11月25日 23:59');
  });
});
