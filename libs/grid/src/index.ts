export * from './calendar-date.js';
export * from './working-day-calendar.js';
export * from './holidays.data.js';
export * from './china-working-day-calendar.js';
export * from './grid-time-limits.js';
export * from './entities/index.js';
export * from './working-day-calendar.repository.js';
export * from './grid.module.js';
