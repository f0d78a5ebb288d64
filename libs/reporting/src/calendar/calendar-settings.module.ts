import { Module } from '@nestjs/common';
import { CalendarSettingsRepository } from './calendar-settings.repository.js';
import { CalendarSettingsService } from './calendar-settings.service.js';

/** Shared by the periods (their default deadline) and the calendar (its schedule). */
@Module({
  providers: [CalendarSettingsRepository, CalendarSettingsService],
  exports: [CalendarSettingsService],
})
export class CalendarSettingsModule {}
