export * from './ranking-input.error.js';
export * from './ranking-weights.js';
export * from './composite-score.js';
export * from './entities/index.js';
export * from './ranking-settings.js';
export * from './ranking-inputs.repository.js';
export * from './ranking.service.js';
export * from './ranking.module.js';
