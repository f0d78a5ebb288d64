import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ReportingCalendarScheduler } from './reporting-calendar.scheduler.js';

/**
 * The crons. apps/worker always imports it; the API imports it only in the in-process mode (no REDIS_URL), where no
 * worker exists. An API with REDIS_URL never schedules. Needs the global JobQueue and Clock.
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [ReportingCalendarScheduler],
})
export class CalendarSchedulingModule {}
