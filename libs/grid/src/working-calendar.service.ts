import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, shanghaiDate } from '@app/core';
import { AuditService } from '@app/auth';
import { dayOfWeek, isIsoDate, isWeekend, Weekday } from './calendar-date.js';
import { CalendarYear } from './entities/calendar-year.entity.js';
import { CalendarDayKind, InvalidCalendarDataError, WorkingDayCalendar } from './working-day-calendar.js';

const WEEKDAY_ZH: Record<Weekday, string> = {
  [Weekday.Sunday]: '星期日',
  [Weekday.Monday]: '星期一',
  [Weekday.Tuesday]: '星期二',
  [Weekday.Wednesday]: '星期三',
  [Weekday.Thursday]: '星期四',
  [Weekday.Friday]: '星期五',
  [Weekday.Saturday]: '星期六',
};

export interface CalendarYearSummary {
  year: number;
  source: string;
  holidays: number;
  swappedWorkdays: number;
  workingDays: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface CalendarDayView {
  date: string;
  weekday: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarEditResult {
  day: CalendarDayView | null;
  year: CalendarYearSummary;
  /** Set when the edit changes a year already past: results computed on it change too. */
  warning: string | null;
}

/**
 * The office maintains the working-day calendar (State Council holiday notices) as data: a year is added with the
 * notice it follows, then its holidays and swapped workdays. Every edit is audited; an edit of a past year is allowed
 * (a notice can be entered late or wrong) and recorded as such, since grid time limits are computed from it on read.
 */
@Injectable()
export class WorkingCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async years(manager: EntityManager = this.dataSource.manager): Promise<CalendarYearSummary[]> {
    const rows: (Omit<CalendarYearSummary, 'workingDays'> & { workingDays?: number })[] = await manager.query(
      `SELECT y.year, y.source, y.updated_at AS "updatedAt", u.display_name AS "updatedByName",
              count(d.day) FILTER (WHERE d.kind = 'holiday')::int AS holidays,
              count(d.day) FILTER (WHERE d.kind = 'workday')::int AS "swappedWorkdays"
         FROM calendar_year y LEFT JOIN app_user u ON u.id = y.updated_by
         LEFT JOIN calendar_day d ON extract(year FROM d.day) = y.year
        GROUP BY y.year, u.display_name ORDER BY y.year`,
    );
    const calendar = await this.load(manager);
    return rows.map((row) => ({ ...row, workingDays: workingDaysIn(calendar, row.year) }));
  }

  async year(year: number): Promise<CalendarYearSummary & { days: CalendarDayView[] }> {
    const summary = (await this.years()).find((y) => y.year === year);
    if (!summary) throw AppError.notFound(`工作日历未包含 ${year} 年，请先添加该年度`);
    const days: { day: string; kind: CalendarDayKind; name: string }[] = await this.dataSource.query(
      `SELECT day::text AS day, kind, name FROM calendar_day WHERE extract(year FROM day) = $1 ORDER BY day`,
      [year],
    );
    return { ...summary, days: days.map((d) => dayView(d.day, d.kind, d.name)) };
  }

  async addYear(user: AuthenticatedUser, year: number, source: string): Promise<CalendarYearSummary> {
    const notice = source.trim();
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw AppError.validation('年度须为 2000 至 2100 的整数');
    if (notice.length < 2) throw AppError.validation('请填写该年度节假日安排所依据的通知（如 国办发明电〔2026〕X号）');
    return this.dataSource.transaction(async (manager) => {
      const [exists] = await manager.query(`SELECT 1 FROM calendar_year WHERE year = $1`, [year]);
      if (exists) throw AppError.conflict(`工作日历已包含 ${year} 年`);
      await manager.insert(CalendarYear, { year, source: notice, updatedBy: user.id });
      await this.audit.record(
        user,
        {
          action: 'working_calendar.year.add',
          entityType: 'calendar_year',
          entityId: year,
          after: { year, source: notice, pastYear: this.isPast(year) },
        },
        manager,
      );
      return (await this.years(manager)).find((y) => y.year === year)!;
    });
  }

  /** Adds or changes the holiday or swapped workday on a date. */
  async setDay(
    user: AuthenticatedUser,
    date: string,
    input: { kind: CalendarDayKind; name: string },
  ): Promise<CalendarEditResult> {
    const name = input.name.trim();
    const errors: string[] = [];
    if (!isIsoDate(date)) throw AppError.validation(`日期无效：“${date}”，应为真实存在的日期 YYYY-MM-DD`);
    if (!Object.values(CalendarDayKind).includes(input.kind))
      errors.push('类型须为 holiday（放假）或 workday（调休上班）');
    if (name.length === 0 || name.length > 20) errors.push('节日名称须为 1 至 20 个字，如 春节');
    // SPEC: swapped workdays (调休上班) are weekend days worked; a weekday is a working day already.
    if (input.kind === CalendarDayKind.Workday && !isWeekend(date)) {
      errors.push(`${date} 是${WEEKDAY_ZH[dayOfWeek(date)]}，本来就是工作日，不能设为调休上班日`);
    }
    if (errors.length > 0) throw AppError.validation('节假日安排不正确', errors);
    const year = Number(date.slice(0, 4));
    return this.dataSource.transaction(async (manager) => {
      await this.assertYearCovered(manager, year);
      const [before] = await manager.query(`SELECT kind, name FROM calendar_day WHERE day = $1 FOR UPDATE`, [date]);
      await manager.query(
        `INSERT INTO calendar_day (day, kind, name, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [date, input.kind, name, user.id],
      );
      return this.finishEdit(manager, user, date, before ?? null, { kind: input.kind, name });
    });
  }

  /** Removes the holiday or swapped workday on a date: it becomes an ordinary day (Mon–Fri working). */
  async removeDay(user: AuthenticatedUser, date: string): Promise<CalendarEditResult> {
    if (!isIsoDate(date)) throw AppError.validation(`日期无效：“${date}”，应为真实存在的日期 YYYY-MM-DD`);
    return this.dataSource.transaction(async (manager) => {
      await this.assertYearCovered(manager, Number(date.slice(0, 4)));
      const [before] = await manager.query(`SELECT kind, name FROM calendar_day WHERE day = $1 FOR UPDATE`, [date]);
      if (!before) throw AppError.notFound(`${date} 没有节假日或调休安排`);
      await manager.query(`DELETE FROM calendar_day WHERE day = $1`, [date]);
      return this.finishEdit(manager, user, date, before, null);
    });
  }

  /** Loads the calendar as stored; throws a Chinese validation error when the stored data is inconsistent. */
  async load(manager: EntityManager = this.dataSource.manager): Promise<WorkingDayCalendar> {
    const [days, years] = await Promise.all([
      manager.query(`SELECT day::text AS date, kind, name FROM calendar_day ORDER BY day`),
      manager.query(`SELECT year FROM calendar_year ORDER BY year`),
    ]);
    try {
      return new WorkingDayCalendar(
        days,
        years.map((y: { year: number }) => y.year),
      );
    } catch (error) {
      if (error instanceof InvalidCalendarDataError) throw AppError.validation(error.message);
      throw error;
    }
  }

  private async finishEdit(
    manager: EntityManager,
    user: AuthenticatedUser,
    date: string,
    before: { kind: CalendarDayKind; name: string } | null,
    after: { kind: CalendarDayKind; name: string } | null,
  ): Promise<CalendarEditResult> {
    const year = Number(date.slice(0, 4));
    // The whole calendar must still be consistent; otherwise the transaction rolls back.
    await this.load(manager);
    await manager.query(`UPDATE calendar_year SET updated_by = $2, updated_at = now() WHERE year = $1`, [
      year,
      user.id,
    ]);
    const pastYear = this.isPast(year);
    await this.audit.record(
      user,
      {
        action: after ? 'working_calendar.day.set' : 'working_calendar.day.remove',
        entityType: 'calendar_day',
        entityId: date,
        before: before ? { ...before } : null,
        after: { ...(after ?? {}), pastYear },
      },
      manager,
    );
    return {
      day: after ? dayView(date, after.kind, after.name) : null,
      year: (await this.years(manager)).find((y) => y.year === year)!,
      warning: pastYear
        ? `修改的是过往年度（${year} 年）的日历：按工作日计算的电网办理时限结果随之变化，本次修改已记入审计日志`
        : null,
    };
  }

  private isPast(year: number): boolean {
    return year < Number(shanghaiDate(this.clock.now()).slice(0, 4));
  }

  private async assertYearCovered(manager: EntityManager, year: number): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM calendar_year WHERE year = $1`, [year]);
    if (!row) throw AppError.validation(`工作日历未包含 ${year} 年，请先添加该年度及其依据的通知`);
  }
}

function dayView(date: string, kind: CalendarDayKind, name: string): CalendarDayView {
  return { date, weekday: WEEKDAY_ZH[dayOfWeek(date)], kind, name };
}

function workingDaysIn(calendar: WorkingDayCalendar, year: number): number {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  return (calendar.isWorkingDay(first) ? 1 : 0) + calendar.workingDaysBetween(first, last);
}
