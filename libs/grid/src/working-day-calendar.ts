import { fromEpochDay, isIsoDate, isWeekend, parseIsoDate, toEpochDay } from './calendar-date.js';

export enum CalendarDayKind {
  /** Statutory day off (放假), including the weekend days inside a holiday span. */
  Holiday = 'holiday',
  /** Swapped weekend working day (调休上班). */
  Workday = 'workday',
}

export interface CalendarDayOverride {
  date: string;
  kind: CalendarDayKind;
  /** Holiday name in Chinese, e.g. 春节 */
  name: string;
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`工作日历未包含 ${year} 年的节假日安排，请先维护该年度日历`);
    this.name = 'CalendarNotCoveredError';
  }
}

export class InvalidCalendarDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCalendarDataError';
  }
}

/**
 * Working days per the State Council's holiday notice of each year.
 * SPEC: statutory holidays are not working days; swapped weekend workdays (调休上班) are.
 * Only covered years may be asked about: an uncovered year throws CalendarNotCoveredError, never weekday logic.
 */
export class WorkingDayCalendar {
  readonly coveredYears: readonly number[];
  private readonly overrides = new Map<string, CalendarDayOverride>();
  private readonly firstEpochDay: number;
  /** Per day from Jan 1 of the first covered year: whether the day's year is covered. */
  private readonly covered: boolean[] = [];
  /** workingBefore[i] = working days in [first, first + i) over covered days; one longer than the span. */
  private readonly workingBefore: number[] = [0];
  /** uncoveredBefore[i] = uncovered days in [first, first + i). */
  private readonly uncoveredBefore: number[] = [0];

  constructor(overrides: readonly CalendarDayOverride[], coveredYears: readonly number[]) {
    if (coveredYears.length === 0) throw new InvalidCalendarDataError('工作日历至少需要包含一个年度');
    for (const year of coveredYears) {
      if (!Number.isInteger(year) || year < 1 || year > 9999) {
        throw new InvalidCalendarDataError(`工作日历年度无效：${year}`);
      }
    }
    this.coveredYears = [...new Set(coveredYears)].sort((a, b) => a - b);

    for (const override of overrides) {
      if (!isIsoDate(override.date)) {
        throw new InvalidCalendarDataError(`节假日安排中的日期无效：“${override.date}”`);
      }
      if (this.overrides.has(override.date)) {
        throw new InvalidCalendarDataError(`节假日安排中 ${override.date} 重复出现`);
      }
      if (override.kind === CalendarDayKind.Workday && !isWeekend(override.date)) {
        throw new InvalidCalendarDataError(`调休上班日 ${override.date} 不是周六或周日，请核对`);
      }
      this.overrides.set(override.date, override);
    }

    const coveredSet = new Set(this.coveredYears);
    const firstYear = this.coveredYears[0]!;
    const lastYear = this.coveredYears[this.coveredYears.length - 1]!;
    this.firstEpochDay = toEpochDay(`${String(firstYear).padStart(4, '0')}-01-01`);
    const endEpochDay = toEpochDay(`${String(lastYear).padStart(4, '0')}-12-31`);
    for (let epochDay = this.firstEpochDay; epochDay <= endEpochDay; epochDay++) {
      const date = fromEpochDay(epochDay);
      const isCovered = coveredSet.has(Number(date.slice(0, 4)));
      const index = this.covered.length;
      this.covered.push(isCovered);
      const working = isCovered && this.isWorkingDayByRule(date);
      this.workingBefore.push(this.workingBefore[index]! + (working ? 1 : 0));
      this.uncoveredBefore.push(this.uncoveredBefore[index]! + (isCovered ? 0 : 1));
    }
  }

  /** Whether the calendar holds the holiday notice of the year. */
  coversYear(year: number): boolean {
    const index = this.indexOf(`${String(year).padStart(4, '0')}-01-01`);
    return index !== null && this.covered[index]!;
  }

  /** The holiday or swapped workday recorded for the date, if any (throws when the year is not covered). */
  overrideOn(date: string): CalendarDayOverride | null {
    this.assertCovered(date);
    return this.overrides.get(date) ?? null;
  }

  /** Mon–Fri unless a statutory holiday; Sat/Sun only when a swapped workday. */
  isWorkingDay(date: string): boolean {
    const index = this.assertCovered(date);
    return this.workingBefore[index + 1]! > this.workingBefore[index]!;
  }

  /**
   * The N-th working day after D (n ≥ 1); D itself does not count.
   * SPEC: a time limit of N working days after day D ends at the close of the N-th working day after D.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays expects an integer n ≥ 1, got ${n}`);
    const start = this.assertCovered(date);
    // Working days in [first, result] must equal those in [first, D] plus n; result is the first such day.
    const target = this.workingBefore[start + 1]! + n;
    if (target > this.workingBefore[this.workingBefore.length - 1]!) {
      this.throwForFirstUncoveredAfter(start, this.covered.length);
    }
    let low = start + 1;
    let high = this.covered.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.workingBefore[middle + 1]! >= target) high = middle;
      else low = middle + 1;
    }
    this.assertNoUncoveredBetween(start, low);
    return fromEpochDay(this.firstEpochDay + low);
  }

  /**
   * Working days after start up to and including end; 0 when end ≤ start.
   * A step done on a working day is within a limit of N exactly when this is ≤ N.
   */
  workingDaysBetween(start: string, end: string): number {
    const from = this.assertCovered(start);
    const to = this.assertCovered(end);
    if (to <= from) return 0;
    this.assertNoUncoveredBetween(from, to);
    return this.workingBefore[to + 1]! - this.workingBefore[from + 1]!;
  }

  private isWorkingDayByRule(date: string): boolean {
    const override = this.overrides.get(date);
    if (override) return override.kind === CalendarDayKind.Workday;
    return !isWeekend(date);
  }

  private indexOf(date: string): number | null {
    const index = toEpochDay(date) - this.firstEpochDay;
    return index >= 0 && index < this.covered.length ? index : null;
  }

  private assertCovered(date: string): number {
    const { year } = parseIsoDate(date);
    const index = this.indexOf(date);
    if (index === null || !this.covered[index]) throw new CalendarNotCoveredError(year);
    return index;
  }

  private assertNoUncoveredBetween(from: number, to: number): void {
    if (this.uncoveredBefore[to + 1]! - this.uncoveredBefore[from]! > 0) this.throwForFirstUncoveredAfter(from, to);
  }

  private throwForFirstUncoveredAfter(from: number, to: number): never {
    for (let index = from; index <= to && index < this.covered.length; index++) {
      if (!this.covered[index])
        throw new CalendarNotCoveredError(Number(fromEpochDay(this.firstEpochDay + index).slice(0, 4)));
    }
    const lastYear = this.coveredYears[this.coveredYears.length - 1]!;
    throw new CalendarNotCoveredError(lastYear + 1);
  }
}
