/** Month keys 'YYYY-MM' (reporting months, Asia/Shanghai) moved by whole months. */
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function addMonths(month: string, delta: number): string {
  const [, year, mon] = MONTH_PATTERN.exec(month) ?? [];
  if (!year || !Number.isInteger(delta)) throw new Error(`not a month or whole months: ${month} + ${delta}`);
  const index = Number(year) * 12 + (Number(mon) - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

export function nextMonth(month: string): string {
  return addMonths(month, 1);
}
