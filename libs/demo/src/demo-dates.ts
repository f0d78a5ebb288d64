/**
 * Calendar dates as day numbers (days since 1970-01-01), so the generator adds days with integer arithmetic and
 * never meets a time zone. Strings are 'YYYY-MM-DD'.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// The generator converts the same few thousand dates over and over.
const numberCache = new Map<string, number>();
const stringCache = new Map<number, string>();

export function dayNumber(date: string): number {
  const cached = numberCache.get(date);
  if (cached !== undefined) return cached;
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`日期格式应为 YYYY-MM-DD：${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day || month < 1 || month > 12) throw new Error(`日期不存在：${date}`);
  numberCache.set(date, ms / MS_PER_DAY);
  return ms / MS_PER_DAY;
}

export function dayString(day: number): string {
  let text = stringCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    stringCache.set(day, text);
  }
  return text;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** The day itself when it is Monday–Friday, otherwise the following Monday. */
export function onOrAfterWeekday(day: number): number {
  const d = weekday(day);
  return d === 6 ? day + 2 : d === 0 ? day + 1 : day;
}
