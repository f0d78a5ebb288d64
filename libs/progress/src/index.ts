export * from './entities/index.js';
export * from './period-aggregate.processor.js';
export * from './progress.module.js';
