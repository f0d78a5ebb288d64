export * from './prng.js';
export * from './kunming-demo.types.js';
export * from './kunming-districts.data.js';
export * from './kunming-demo.generator.js';
export * from './demo-seeder.js';
export * from './console-table.js';
export * from './demo-subsidy.seeder.js';
export * from './demo-decisions.seeder.js';
