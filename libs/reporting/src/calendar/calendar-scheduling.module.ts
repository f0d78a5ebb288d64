import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ReportingCalendarScheduler } from './reporting-calendar.scheduler.js';
import { UploadRelayScheduler } from '../upload/upload-relay.scheduler.js';
import { ReportingModule } from '../reporting.module.js';

/**
 * The crons and intervals (calendar tick, upload outbox relay). apps/worker always imports it; the API imports it only in the in-process mode (no REDIS_URL), where no
 * worker exists. An API with REDIS_URL never schedules. Needs the global JobQueue and Clock.
 */
@Module({
  imports: [ScheduleModule.forRoot(), ReportingModule],
  providers: [ReportingCalendarScheduler, UploadRelayScheduler],
})
export class CalendarSchedulingModule {}
