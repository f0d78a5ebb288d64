export * from './calendar-day.entity.js';
export * from './calendar-year.entity.js';

import { CalendarDay } from './calendar-day.entity.js';
import { CalendarYear } from './calendar-year.entity.js';

export const GRID_ENTITIES = [CalendarDay, CalendarYear];
