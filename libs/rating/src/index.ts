export * from './entities/index.js';
export * from './rating-settings.js';
export * from './property-company-score.js';
