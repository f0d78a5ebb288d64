import { DataSource } from 'typeorm';
import { ProgressAggregationRepository } from './progress-aggregation.repository.js';
import { ProgressAggregationService } from './progress-aggregation.service.js';

/** Every month from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** Recomputes the snapshots of a range of months (the CLI's `aggregate`, and the demo's first start). */
export async function backfillSnapshots(
  dataSource: DataSource,
  from: string,
  to: string,
  log: (message: string) => void = () => undefined,
): Promise<{ months: number; rows: number; elapsedMs: number }> {
  const started = Date.now();
  const service = new ProgressAggregationService(dataSource, new ProgressAggregationRepository(dataSource));
  let rows = 0;
  const months = monthsBetween(from, to);
  for (const month of months) {
    rows += (await service.refresh(month)).rowsWritten;
    log(`${month} 汇总完成`);
  }
  return { months: months.length, rows, elapsedMs: Date.now() - started };
}
