import { AppError, shanghaiDate, shanghaiInstant, shanghaiMonth } from '@app/core';

export { addMonths, nextMonth, previousMonth } from '@app/core';
import { CalendarSettings } from '../calendar/calendar-settings.js';

/**
 * Reporting months ('YYYY-MM', Asia/Shanghai) and the instants of their window. Plain date arithmetic on UTC epoch
 * days, so the host's time zone never shifts a date.
 */
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isReportingMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

export function assertReportingMonth(value: string): void {
  if (!isReportingMonth(value)) throw AppError.validation(`月份格式应为 YYYY-MM（如 2026-11），收到“${value}”`);
}

/** The reporting month an instant falls in. */
export function currentReportingMonth(now: Date): string {
  return shanghaiMonth(now);
}

/** 'YYYY-MM' + day → 'YYYY-MM-DD' (the caller keeps day within the month). */
export function dayOfMonth(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

function epochDay(date: string): number {
  const [, y, m, d] = DATE_PATTERN.exec(date) ?? [];
  if (!y) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / MS_PER_DAY;
}

/** A real day 'YYYY-MM-DD' (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const [, y, m, d] = DATE_PATTERN.exec(value) ?? [];
  if (!y) return false;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

export function addDays(date: string, days: number): string {
  return new Date((epochDay(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from one date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** SPEC "The monthly cycle": the window opens on the 1st, 00:00 Asia/Shanghai. */
export function periodOpensAt(month: string): Date {
  return shanghaiInstant(dayOfMonth(month, 1), '00:00:00');
}

/** The deadline a new period gets from the calendar settings (default the 25th, 23:59:59). */
export function settingsDeadlineAt(month: string, settings: CalendarSettings): Date {
  return shanghaiInstant(dayOfMonth(month, settings.deadlineDay), settings.deadlineTime);
}

/** '2026-11' → '2026年11月' */
export function formatMonthZh(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** An instant as Beijing time for messages: '2026年11月25日 23:59'. */
export function formatShanghaiDateTimeZh(instant: Date): string {
  const date = shanghaiDate(instant);
  const time = new Date(instant.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 16);
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${time}`;
}
