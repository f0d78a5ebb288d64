import { Module } from '@nestjs/common';
import { NotifyModule } from '@app/notify';
import { ReportingPeriodModule } from '../period/reporting-period.module.js';
import { CalendarSettingsModule } from './calendar-settings.module.js';
import { ReportingCalendarRepository } from './reporting-calendar.repository.js';
import { ReportingCalendarService } from './reporting-calendar.service.js';
import { ReportingCalendarProcessor } from './reporting-calendar.processor.js';

/**
 * The monthly calendar: its settings, the step runner and its processor. The scheduler that enqueues the ticks lives
 * in apps/worker (crons only enqueue). Needs the global JobQueue, Clock and AuditService.
 */
@Module({
  imports: [CalendarSettingsModule, ReportingPeriodModule, NotifyModule],
  providers: [ReportingCalendarRepository, ReportingCalendarService, ReportingCalendarProcessor],
  exports: [ReportingCalendarService, CalendarSettingsModule, ReportingPeriodModule],
})
export class ReportingCalendarModule {}
