/**
 * Calendar dates as ISO strings 'YYYY-MM-DD' (civil dates in Asia/Shanghai) and months as 'YYYY-MM'.
 * Arithmetic runs on UTC epoch days so the host time zone never shifts a date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export enum Weekday {
  Sunday = 0,
  Monday = 1,
  Tuesday = 2,
  Wednesday = 3,
  Thursday = 4,
  Friday = 5,
  Saturday = 6,
}

export interface CalendarDateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export interface MonthParts {
  year: number;
  /** 1..12 */
  month: number;
}

export class InvalidCalendarDateError extends Error {
  /** label names the field in the message, e.g. 受理日期 */
  constructor(
    readonly value: string,
    readonly label = '日期',
  ) {
    super(`${label}格式无效：“${value}”，应为真实存在的日期，格式 YYYY-MM-DD`);
    this.name = 'InvalidCalendarDateError';
  }
}

export class InvalidMonthKeyError extends Error {
  constructor(readonly value: string) {
    super(`月份格式无效：“${value}”，应为 YYYY-MM`);
    this.name = 'InvalidMonthKeyError';
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatIsoDate(parts: CalendarDateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/**
 * Valid dates seen, with their parts and epoch day. A register's stage dates fall on a few thousand distinct days,
 * and evaluating every facility's grid steps parses each of them dozens of times (bench/grid-breaches.bench.ts).
 */
const PARSED = new Map<string, Readonly<CalendarDateParts> & { readonly epochDay: number }>();
const PARSED_LIMIT = 100_000;

function parsedDate(value: string): (Readonly<CalendarDateParts> & { readonly epochDay: number }) | null {
  const cached = PARSED.get(value);
  if (cached) return cached;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  const entry = Object.freeze({ year, month, day, epochDay: Math.round(utc.getTime() / MS_PER_DAY) });
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(value, entry);
  return entry;
}

export function tryParseIsoDate(value: string): CalendarDateParts | null {
  const parsed = parsedDate(value);
  return parsed && { year: parsed.year, month: parsed.month, day: parsed.day };
}

/** Throws InvalidCalendarDateError for anything but a real date 'YYYY-MM-DD' (rejects 2024-02-30). */
export function parseIsoDate(value: string): CalendarDateParts {
  const parts = tryParseIsoDate(value);
  if (!parts) throw new InvalidCalendarDateError(value);
  return parts;
}

export function isIsoDate(value: string): boolean {
  return parsedDate(value) !== null;
}

/** Returns the value unchanged when it is a real date, otherwise throws. */
export function assertIsoDate(value: string): string {
  parseIsoDate(value);
  return value;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: string): number {
  const parsed = parsedDate(date);
  if (!parsed) throw new InvalidCalendarDateError(date);
  return parsed.epochDay;
}

export function fromEpochDay(epochDay: number): string {
  const utc = new Date(epochDay * MS_PER_DAY);
  return formatIsoDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

/** Negative when a is before b, 0 when equal, positive when after. Validates both. */
export function compareIsoDates(a: string, b: string): number {
  if (!parsedDate(a)) throw new InvalidCalendarDateError(a);
  if (!parsedDate(b)) throw new InvalidCalendarDateError(b);
  // Zero-padded ISO dates sort lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: string, b: string): boolean {
  return compareIsoDates(a, b) < 0;
}

export function isAfter(a: string, b: string): boolean {
  return compareIsoDates(a, b) > 0;
}

export function minIsoDate(a: string, b: string): string {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

export function maxIsoDate(a: string, b: string): string {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays expects an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from a to b (b − a); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function dayOfWeek(date: string): Weekday {
  // 1970-01-01 was a Thursday.
  return ((((toEpochDay(date) + Weekday.Thursday) % 7) + 7) % 7) as Weekday;
}

export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === Weekday.Saturday || weekday === Weekday.Sunday;
}

export function yearOf(date: string): number {
  return parseIsoDate(date).year;
}

/** The last day of the month that contains the date. */
export function lastDayOfMonth(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

export function firstDayOfMonth(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month, day: 1 });
}

/**
 * The same day of the month n months later (n may be negative), or that month's last day when the day does not
 * exist: 2024-01-31 + 1 → 2024-02-29; 2023-12-31 + 2 → 2024-02-29.
 */
// SPEC (Subsidy): "2 calendar months after its acceptance date (the same day of the month, or the month's last day
// where that day does not exist)".
export function addCalendarMonthsClamped(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`addCalendarMonthsClamped expects an integer, got ${months}`);
  const { year, month, day } = parseIsoDate(date);
  const target = shiftMonth({ year, month }, months);
  return formatIsoDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

function shiftMonth(parts: MonthParts, months: number): MonthParts {
  const index = parts.year * 12 + (parts.month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

export function formatMonthKey(parts: MonthParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}`;
}

export function tryParseMonthKey(value: string): MonthParts | null {
  const match = MONTH_KEY.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1 || month < 1 || month > 12) return null;
  return { year, month };
}

export function parseMonthKey(value: string): MonthParts {
  const parts = tryParseMonthKey(value);
  if (!parts) throw new InvalidMonthKeyError(value);
  return parts;
}

export function isMonthKey(value: string): boolean {
  return tryParseMonthKey(value) !== null;
}

/** 'YYYY-MM' of the month that contains the date. */
export function monthKeyOf(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatMonthKey({ year, month });
}

export function addMonthsToMonthKey(monthKey: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`addMonthsToMonthKey expects an integer, got ${months}`);
  return formatMonthKey(shiftMonth(parseMonthKey(monthKey), months));
}

export function compareMonthKeys(a: string, b: string): number {
  parseMonthKey(a);
  parseMonthKey(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function firstDayOfMonthKey(monthKey: string): string {
  return formatIsoDate({ ...parseMonthKey(monthKey), day: 1 });
}

export function lastDayOfMonthKey(monthKey: string): string {
  const { year, month } = parseMonthKey(monthKey);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}
