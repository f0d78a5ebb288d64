export * from './entities/index.js';
export * from './period-aggregate.processor.js';
export * from './progress.module.js';
export * from './aggregation/progress-aggregation.repository.js';
export * from './aggregation/progress-aggregation.service.js';
export * from './aggregation/snapshot-rows.js';
export * from './aggregation/backfill-snapshots.js';
export * from './progress-query.service.js';
