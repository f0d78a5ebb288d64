import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { APP_TIME_ZONE, Clock, JobQueue, QueueName } from '@app/core';
import { calendarSlot, calendarTickJobId, ReportingCalendarPayload } from './reporting-calendar.processor.js';

export const REPORTING_CALENDAR_CRON = 'reporting-calendar';

/**
 * Enqueues the calendar tick every 10 minutes (Asia/Shanghai) and once at boot, so steps missed while nothing ran
 * are caught up at once. Only enqueues (STYLE habit 3): the job id is the 10-minute slot, so any number of worker
 * processes produce one job per slot, and the processor decides what is due.
 */
@Injectable()
export class ReportingCalendarScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportingCalendarScheduler');

  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
  }

  @Cron(CronExpression.EVERY_10_MINUTES, { name: REPORTING_CALENDAR_CRON, timeZone: APP_TIME_ZONE })
  async tick(): Promise<string | null> {
    const now = this.clock.now();
    try {
      return await this.jobs.enqueue<ReportingCalendarPayload>(
        QueueName.ReportingCalendar,
        { slot: calendarSlot(now) },
        { jobId: calendarTickJobId(now), attempts: 3 },
      );
    } catch (error) {
      // The next slot enqueues again; nothing is lost, since the processor catches up on every due step.
      this.logger.warn(`报送日历任务未能入队：${(error as Error).message}`);
      return null;
    }
  }
}
