import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate } from '@app/core';
import { NotificationKind, NotificationMessage, NotificationService, NotifyResult, RecipientScope } from '@app/notify';
import { CalendarStep } from '../entities/calendar-step-run.entity.js';
import { ReportingPeriod } from '../entities/reporting-period.entity.js';
import { ReportState } from '../entities/reporting.enums.js';
import { ReportingPeriodService } from '../period/reporting-period.service.js';
import { assertReportingMonth, daysBetween, nextMonth, previousMonth } from '../period/period-month.js';
import { CalendarSettingsService } from './calendar-settings.service.js';
import { DueCalendarStep, dueCalendarSteps, periodCalendar } from './calendar-schedule.js';
import { CalendarReportDistrict, ReportingCalendarRepository } from './reporting-calendar.repository.js';
import {
  CalendarMessage,
  escalationDistrictMessage,
  escalationOfficeMessage,
  overdueDistrictMessage,
  overdueOfficeMessage,
  periodOpenedMessage,
  reminderMessage,
} from './calendar-messages.js';

/** Reports whose district still owes a (re)submission. */
const OWING_STATES = [ReportState.NotSubmitted, ReportState.Returned];

/** What a step did, stored in calendar_step_run.outcome. */
export interface CalendarStepOutcome {
  periodId: number;
  deadlineAt: string;
  /** Recorded without notifying: a later step of the period was due as well (catch-up). */
  superseded: boolean;
  /** The districts concerned: notified (open, remind, escalate) or marked overdue. */
  districts: { id: number; code: string; name: string; state: ReportState }[];
  inboxCount: number;
  deliveryCount: number;
}

export interface CalendarRunSummary {
  now: string;
  /** Keys of the steps this run performed. */
  ran: string[];
  /** Keys another runner had performed in the meantime. */
  skipped: string[];
  failed: { key: string; message: string }[];
}

/** A period's planned step with what happened to it, for the office. */
export interface CalendarStepStatus {
  key: string;
  step: CalendarStep;
  dueAt: Date;
  day: string | null;
  ranAt: Date | null;
  outcome: Record<string, unknown> | null;
}

/**
 * The monthly calendar (Kunming plan §五(二): 每月25日前报送): opens periods, reminds, marks overdue and escalates
 * (催报). Each due step runs once: its row in calendar_step_run and its effects (reports, inbox rows, robot
 * deliveries) commit together; the robot deliveries are queued after the commit.
 */
@Injectable()
export class ReportingCalendarService {
  private readonly logger = new Logger('ReportingCalendar');

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: CalendarSettingsService,
    private readonly periods: ReportingPeriodService,
    private readonly repository: ReportingCalendarRepository,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Performs every step due at `now` that has not run yet, oldest first. A failing step is rolled back alone (the
   * next tick retries it); the others still run; the run then throws so the job shows the failure.
   */
  async runDueSteps(now: Date): Promise<CalendarRunSummary> {
    const settings = await this.settings.get();
    const current = this.periods.currentMonth(now);
    const previous = previousMonth(current);
    const deadlines = await this.periods.deadlinesOf([previousMonth(previous), previous, current, nextMonth(current)]);
    const due = dueCalendarSteps(now, settings, deadlines);
    const recorded = await this.repository.recordedKeys(due.map((s) => s.key));
    const summary: CalendarRunSummary = { now: now.toISOString(), ran: [], skipped: [], failed: [] };
    for (const step of due.filter((s) => !recorded.has(s.key))) {
      try {
        const results = await this.dataSource.transaction(async (manager) => {
          if (!(await this.repository.claim(step, manager))) return null;
          const { outcome, notified } = await this.perform(step, manager);
          await this.repository.saveOutcome(step.key, { ...outcome }, manager);
          return notified;
        });
        if (!results) {
          summary.skipped.push(step.key);
          continue;
        }
        await this.notifications.dispatch(...results);
        summary.ran.push(step.key);
      } catch (error) {
        const message = (error as Error).message;
        this.logger.error(`报送日历步骤 ${step.key} 执行失败：${message}`);
        summary.failed.push({ key: step.key, message });
      }
    }
    if (summary.ran.length > 0) this.logger.log(`报送日历已执行：${summary.ran.join('，')}`);
    if (summary.failed.length > 0) {
      throw new Error(
        `报送日历有 ${summary.failed.length} 个步骤执行失败：${summary.failed.map((f) => f.key).join('，')}`,
      );
    }
    return summary;
  }

  /** A month's calendar as planned now, with the steps that ran (and any that ran under earlier settings). */
  async stepsOf(month: string): Promise<CalendarStepStatus[]> {
    assertReportingMonth(month);
    const settings = await this.settings.get();
    const deadlines = await this.periods.deadlinesOf([month, nextMonth(month)]);
    const runs = new Map((await this.repository.runsOf(month)).map((r) => [r.stepKey, r]));
    const planned: CalendarStepStatus[] = periodCalendar(month, settings, deadlines).map((p) => {
      const run = runs.get(p.key);
      runs.delete(p.key);
      return {
        key: p.key,
        step: p.step,
        dueAt: p.dueAt,
        day: p.day,
        ranAt: run?.ranAt ?? null,
        outcome: run?.outcome ?? null,
      };
    });
    const unplanned: CalendarStepStatus[] = [...runs.values()].map((r) => ({
      key: r.stepKey,
      step: r.step,
      dueAt: r.dueAt,
      day: /\d{4}-\d{2}-\d{2}$/.exec(r.stepKey)?.[0] ?? null,
      ranAt: r.ranAt,
      outcome: r.outcome,
    }));
    return [...planned, ...unplanned].sort(
      (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key),
    );
  }

  private async perform(
    step: DueCalendarStep,
    manager: EntityManager,
  ): Promise<{ outcome: CalendarStepOutcome; notified: NotifyResult[] }> {
    const period = await this.periods.ensurePeriod(step.month, manager);
    const notices: NotificationMessage[] = [];
    let districts: CalendarReportDistrict[];
    switch (step.step) {
      case CalendarStep.OpenPeriod:
        districts = await this.repository.reportsInStates(period.id, OWING_STATES, manager);
        notices.push(
          this.toDistricts(
            step,
            period,
            districts,
            NotificationKind.PeriodOpened,
            periodOpenedMessage(step.month, period.deadlineAt),
          ),
        );
        break;
      case CalendarStep.Remind:
        districts = await this.repository.reportsInStates(period.id, OWING_STATES, manager);
        for (const state of OWING_STATES) {
          const group = districts.filter((d) => d.state === state);
          notices.push(
            this.toDistricts(
              step,
              period,
              group,
              NotificationKind.Reminder,
              reminderMessage(step.month, period.deadlineAt, state),
            ),
          );
        }
        break;
      case CalendarStep.MarkOverdue:
        districts = await this.repository.markOverdue(period.id, manager);
        notices.push(
          this.toDistricts(
            step,
            period,
            districts,
            NotificationKind.Overdue,
            overdueDistrictMessage(step.month, period.deadlineAt),
          ),
          this.toOffice(
            step,
            NotificationKind.Overdue,
            overdueOfficeMessage(
              step.month,
              period.deadlineAt,
              districts.map((d) => d.name),
            ),
          ),
        );
        break;
      case CalendarStep.Escalate: {
        districts = await this.repository.reportsInStates(period.id, OWING_STATES, manager);
        const daysLate = daysBetween(shanghaiDate(period.deadlineAt), step.day as string);
        if (districts.length > 0) {
          notices.push(
            this.toDistricts(
              step,
              period,
              districts,
              NotificationKind.Escalation,
              escalationDistrictMessage(step.month, period.deadlineAt, daysLate),
            ),
            this.toOffice(
              step,
              NotificationKind.Escalation,
              escalationOfficeMessage(
                step.month,
                period.deadlineAt,
                daysLate,
                districts.map((d) => d.name),
              ),
            ),
          );
        }
        break;
      }
    }
    const notified: NotifyResult[] = [];
    if (!step.superseded) {
      for (const notice of notices) {
        const hasRecipients =
          notice.recipients.scope !== RecipientScope.Districts || notice.recipients.districtIds.length > 0;
        if (hasRecipients) notified.push(await this.notifications.notify(notice, manager));
      }
    }
    return {
      outcome: {
        periodId: period.id,
        deadlineAt: period.deadlineAt.toISOString(),
        superseded: step.superseded,
        districts: districts.map((d) => ({ id: d.districtId, code: d.code, name: d.name, state: d.state })),
        inboxCount: notified.reduce((sum, r) => sum + r.inboxCount, 0),
        deliveryCount: notified.reduce((sum, r) => sum + r.deliveryIds.length, 0),
      },
      notified,
    };
  }

  private toDistricts(
    step: DueCalendarStep,
    period: ReportingPeriod,
    districts: CalendarReportDistrict[],
    kind: NotificationKind,
    message: CalendarMessage,
  ): NotificationMessage {
    return {
      recipients: { scope: RecipientScope.Districts, districtIds: districts.map((d) => d.districtId) },
      kind,
      ...message,
      link: `/reports/${period.month}`,
      month: period.month,
      dedupeKey: step.key,
    };
  }

  private toOffice(step: DueCalendarStep, kind: NotificationKind, message: CalendarMessage): NotificationMessage {
    return {
      recipients: { scope: RecipientScope.Office },
      kind,
      ...message,
      link: `/reports/${step.month}/status`,
      month: step.month,
      dedupeKey: `${step.key}:office`,
    };
  }
}
