/**
 * 环比 (month-on-month) and 同比 (year-on-year) of a monthly series: the change against the month before and against
 * the same month a year earlier. Kept exact: changes are differences of whole numbers (or of ratios to 4 decimals),
 * percentages are of the earlier value, 1 decimal half-up; null when the earlier month is missing or zero.
 */
export interface SeriesPoint {
  month: string;
  value: number;
}

export interface Comparison {
  /** value − earlier value; null when there is no earlier month in the series. */
  change: number | null;
  /** change / earlier value in percent, 1 decimal, half-up; null when missing or the earlier value is 0. */
  percent: string | null;
}

export interface PointComparison extends SeriesPoint {
  monthOnMonth: Comparison;
  yearOnYear: Comparison;
}

export function compareSeries(points: readonly SeriesPoint[]): PointComparison[] {
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  return points.map((point) => ({
    ...point,
    monthOnMonth: compare(point.value, byMonth.get(shift(point.month, -1))),
    yearOnYear: compare(point.value, byMonth.get(shift(point.month, -12))),
  }));
}

function compare(value: number, earlier: number | undefined): Comparison {
  if (earlier === undefined) return { change: null, percent: null };
  const change = roundTo4(value - earlier);
  return { change, percent: earlier === 0 ? null : percentOf(change, earlier) };
}

/** Sign-aware half-up to 1 decimal of change / earlier × 100 (away from zero at .5). */
function percentOf(change: number, earlier: number): string {
  const tenths = (change * 1000) / Math.abs(earlier);
  const rounded = Math.sign(tenths) * Math.floor(Math.abs(tenths) + 0.5 + 1e-9);
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

function roundTo4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function shift(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
