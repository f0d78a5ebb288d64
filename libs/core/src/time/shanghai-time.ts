/** The programme runs on Beijing time (UTC+8, no daylight saving). */
export const APP_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600 * 1000;

/** Calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Reporting month (YYYY-MM) in Asia/Shanghai of an instant. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** The instant of a Shanghai wall-clock time. */
export function shanghaiInstant(date: string, time = '00:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}
