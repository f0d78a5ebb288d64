export * from './calendar-day.entity.js';

import { CalendarDay } from './calendar-day.entity.js';

export const GRID_ENTITIES = [CalendarDay];
