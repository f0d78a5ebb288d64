export * from './subsidy-input.error.js';
export * from './calendar-months.js';
export * from './subsidy-rules.js';
export * from './subsidy-amount.js';
export * from './subsidy-round.js';
