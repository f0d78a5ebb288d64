export * from './ranking-input.error.js';
export * from './ranking-weights.js';
export * from './composite-score.js';
