import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './entities/calendar-day.entity.js';
import { CalendarYear } from './entities/calendar-year.entity.js';
import { WorkingDayCalendarRepository } from './working-day-calendar.repository.js';
import { WorkingCalendarService } from './working-calendar.service.js';
import { GridFacilitiesRepository } from './grid-facilities.repository.js';
import { GridTimeLimitService } from './grid-time-limit.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay, CalendarYear])],
  providers: [WorkingDayCalendarRepository, WorkingCalendarService, GridFacilitiesRepository, GridTimeLimitService],
  exports: [WorkingDayCalendarRepository, WorkingCalendarService, GridTimeLimitService],
})
export class GridModule {}
