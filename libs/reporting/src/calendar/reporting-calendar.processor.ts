import { Injectable } from '@nestjs/common';
import { Clock, JobContext, JobHandler, JobProcessor, QueueName, shanghaiDate, shanghaiInstant } from '@app/core';
import { NotificationService } from '@app/notify';
import { CalendarRunSummary, ReportingCalendarService } from './reporting-calendar.service.js';

/** The calendar tick enqueued by the scheduler (every 10 minutes and at boot). */
export interface ReportingCalendarPayload {
  /** The scheduler's 10-minute slot, e.g. '2026-11-20T09:10' (Asia/Shanghai); informative only. */
  slot: string;
}

export const CALENDAR_TICK_MINUTES = 10;

/** The 10-minute slot (Asia/Shanghai wall clock) an instant falls in, e.g. '2026-11-20T09:10'. */
export function calendarSlot(now: Date): string {
  const date = shanghaiDate(now);
  const minutes = Math.floor((now.getTime() - shanghaiInstant(date).getTime()) / 60_000);
  const slot = minutes - (minutes % CALENDAR_TICK_MINUTES);
  return `${date}T${String(Math.floor(slot / 60)).padStart(2, '0')}:${String(slot % 60).padStart(2, '0')}`;
}

/** One job per slot however many schedulers (worker processes) enqueue it. */
export function calendarTickJobId(now: Date): string {
  return `reporting-calendar:${calendarSlot(now)}`;
}

/** Runs every calendar step due now, then re-queues robot deliveries whose job was lost (the outbox relay). */
@Injectable()
@JobHandler(QueueName.ReportingCalendar)
export class ReportingCalendarProcessor implements JobProcessor<ReportingCalendarPayload, CalendarRunSummary> {
  constructor(
    private readonly calendar: ReportingCalendarService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  async process(job: JobContext<ReportingCalendarPayload>): Promise<CalendarRunSummary> {
    const summary = await this.calendar.runDueSteps(this.clock.now());
    await this.notifications.relayPendingDeliveries();
    await job.updateProgress({ percent: 100, message: `已执行 ${summary.ran.length} 个日历步骤` });
    return summary;
  }
}
