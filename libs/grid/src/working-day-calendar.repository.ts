import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CalendarDay } from './entities/calendar-day.entity.js';
import { CalendarYear } from './entities/calendar-year.entity.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

/** Builds the working-day calendar from the office-maintained tables. */
@Injectable()
export class WorkingDayCalendarRepository {
  constructor(
    @InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>,
    @InjectRepository(CalendarYear) private readonly years: Repository<CalendarYear>,
  ) {}

  async load(): Promise<WorkingDayCalendar> {
    const [days, years] = await Promise.all([
      this.days.find({ order: { day: 'ASC' } }),
      this.years.find({ order: { year: 'ASC' } }),
    ]);
    return new WorkingDayCalendar(
      days.map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
      years.map((y) => y.year),
    );
  }
}
