import { Module } from '@nestjs/common';
import { CalendarSettingsModule } from '../calendar/calendar-settings.module.js';
import { ReportingPeriodRepository } from './reporting-period.repository.js';
import { ReportingPeriodService } from './reporting-period.service.js';

/** Periods: ensurePeriod (the calendar's open step, and an upload for a period not opened yet) and deadlines. */
@Module({
  imports: [CalendarSettingsModule],
  providers: [ReportingPeriodRepository, ReportingPeriodService],
  exports: [ReportingPeriodService, CalendarSettingsModule],
})
export class ReportingPeriodModule {}
