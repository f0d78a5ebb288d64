import { SubsidyInputError } from './subsidy-input.error.js';

// Plain calendar arithmetic on 'YYYY-MM-DD' strings: no Date, no time zone.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIsoDate(date: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) {
    return null;
  }
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

/** A real calendar date written 'YYYY-MM-DD' ('2024-02-30' is not). */
export function isIsoDate(date: string): boolean {
  return parseIsoDate(date) !== null;
}

/**
 * The same day of the month `months` calendar months later, or that month's last day where the day does not exist:
 * 2024-12-31 + 2 → 2025-02-28, 2024-01-15 + 2 → 2024-03-15. Negative `months` go back.
 */
export function addCalendarMonthsClamped(date: string, months: number): string {
  const parsed = parseIsoDate(date);
  if (!parsed) {
    throw new SubsidyInputError(`日期格式无效：${date}（应为 YYYY-MM-DD）`);
  }
  if (!Number.isSafeInteger(months)) {
    throw new SubsidyInputError(`月数须为整数，当前为 ${String(months)}`);
  }
  const monthIndex = parsed.year * 12 + (parsed.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1 || year > 9999) {
    throw new SubsidyInputError(`日期超出范围：${date} 加 ${months} 个月`);
  }
  const day = Math.min(parsed.day, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
