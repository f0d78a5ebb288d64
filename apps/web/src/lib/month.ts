/** Months are 'YYYY-MM' in Asia/Shanghai, as the API uses them. */
export function shanghaiMonth(now = new Date()): string {
  return shanghaiDate(now).slice(0, 7);
}

export function shanghaiDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** '2026-11' → '2026年11月' */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}
