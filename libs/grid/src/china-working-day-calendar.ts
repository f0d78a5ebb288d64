import { CHINA_CALENDAR_2022_2026, CHINA_CALENDAR_YEARS } from './holidays.data.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

/** The built-in calendar for 2022–2026; production reads the office-maintained table instead. */
export function createChinaWorkingDayCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(CHINA_CALENDAR_2022_2026, CHINA_CALENDAR_YEARS);
}
