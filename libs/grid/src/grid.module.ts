import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './entities/calendar-day.entity.js';
import { CalendarYear } from './entities/calendar-year.entity.js';
import { WorkingDayCalendarRepository } from './working-day-calendar.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay, CalendarYear])],
  providers: [WorkingDayCalendarRepository],
  exports: [WorkingDayCalendarRepository],
})
export class GridModule {}
