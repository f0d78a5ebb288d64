import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, shanghaiInstant } from '@app/core';
import { AuditService } from '@app/auth';
import { ReportingPeriod } from '../entities/reporting-period.entity.js';
import { normaliseTimeOfDay } from '../calendar/calendar-settings.js';
import { CalendarSettingsService } from '../calendar/calendar-settings.service.js';
import { ReportingPeriodRepository } from './reporting-period.repository.js';
import {
  assertReportingMonth,
  currentReportingMonth,
  formatShanghaiDateTimeZh,
  isCalendarDate,
  nextMonth,
  periodOpensAt,
  settingsDeadlineAt,
} from './period-month.js';

export interface DeadlineChange {
  /** New deadline day, 'YYYY-MM-DD' (Asia/Shanghai). */
  date: string;
  /** 'HH:mm:ss'; default the calendar's deadline time. */
  time?: string;
  /** Why (kept in the audit trail). */
  reason: string;
}

/** Reporting periods: a calendar month with its window, and one report per district. */
@Injectable()
export class ReportingPeriodService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodRepository,
    private readonly settings: CalendarSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The reporting month (Asia/Shanghai) of an instant, by default now. */
  currentMonth(now: Date = this.clock.now()): string {
    return currentReportingMonth(now);
  }

  /**
   * The period of `month`, created when absent (opens the 1st 00:00, deadline from the calendar settings), with a
   * not-submitted report for every district that has none yet. Idempotent and safe under concurrency. Pass the
   * caller's transaction manager when inside one.
   */
  async ensurePeriod(month: string, manager?: EntityManager): Promise<ReportingPeriod> {
    assertReportingMonth(month);
    if (!manager) return this.dataSource.transaction((m) => this.ensureWithin(month, m));
    return this.ensureWithin(month, manager);
  }

  findPeriod(month: string): Promise<ReportingPeriod | null> {
    assertReportingMonth(month);
    return this.periods.findByMonth(month);
  }

  /** The deadlines of the periods that exist among `months` (the calendar follows an extended deadline). */
  async deadlinesOf(months: string[], manager?: EntityManager): Promise<Map<string, Date>> {
    const periods = await this.periods.findByMonths(months, manager);
    return new Map(periods.map((p) => [p.month, p.deadlineAt]));
  }

  /**
   * The office moves one period's deadline (usually an extension), before that deadline has passed: once it has,
   * missing reports are already marked overdue. The new deadline must lie in the future and before the next
   * period's deadline. Audited with the reason.
   */
  async changeDeadline(user: AuthenticatedUser, month: string, change: DeadlineChange): Promise<ReportingPeriod> {
    assertReportingMonth(month);
    const reason = change.reason?.trim() ?? '';
    if (reason.length === 0 || reason.length > 200) throw AppError.validation('请填写调整原因（不超过 200 个字）');
    if (!isCalendarDate(change.date)) {
      throw AppError.validation('截止日期应为真实存在的日期，格式 YYYY-MM-DD');
    }
    const settings = await this.settings.get();
    const time = change.time === undefined ? settings.deadlineTime : normaliseTimeOfDay(change.time);
    if (!time) throw AppError.validation('截止时间格式应为 HH:mm:ss，如 23:59:59');
    const deadlineAt = shanghaiInstant(change.date, time);
    const now = this.clock.now();
    if (deadlineAt <= now) throw AppError.validation('新的截止时间须晚于当前时间');
    if (deadlineAt <= periodOpensAt(month)) throw AppError.validation('截止时间须晚于本期开始报送的时间');
    const next = nextMonth(month);

    return this.dataSource.transaction(async (manager) => {
      await this.ensureWithin(month, manager);
      const period = (await this.periods.findByMonthForUpdate(month, manager)) as ReportingPeriod;
      if (period.deadlineAt <= now) {
        throw AppError.conflict(
          `本期报送已于${formatShanghaiDateTimeZh(period.deadlineAt)}截止，未报送的报表已标记逾期，不能再调整截止时间`,
        );
      }
      const nextPeriod = await this.periods.findByMonth(next, manager);
      const nextDeadline = nextPeriod?.deadlineAt ?? settingsDeadlineAt(next, settings);
      if (deadlineAt >= nextDeadline) {
        throw AppError.validation(
          `截止时间须早于下一报送期（${next}）的截止时间 ${formatShanghaiDateTimeZh(nextDeadline)}`,
        );
      }
      const before = period.deadlineAt;
      await this.periods.updateDeadline(period.id, deadlineAt, manager);
      await this.audit.record(
        user,
        {
          action: 'period.deadline.change',
          entityType: 'reporting_period',
          entityId: period.id,
          before: { month, deadlineAt: before.toISOString() },
          after: { month, deadlineAt: deadlineAt.toISOString(), reason },
        },
        manager,
      );
      return { ...period, deadlineAt };
    });
  }

  private async ensureWithin(month: string, manager: EntityManager): Promise<ReportingPeriod> {
    let period = await this.periods.findByMonth(month, manager);
    if (!period) {
      const settings = await this.settings.get(manager);
      await this.periods.insertIfAbsent(month, periodOpensAt(month), settingsDeadlineAt(month, settings), manager);
      period = (await this.periods.findByMonth(month, manager)) as ReportingPeriod;
    }
    await this.periods.insertMissingReports(period.id, manager);
    return period;
  }
}
