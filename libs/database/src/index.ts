export * from './entities.js';
export * from './data-source-options.js';
export * from './embedded-postgres.js';
export * from './database-connection.js';
export * from './database.module.js';
export * from './scratch-database.js';
export * from './schema-diff.js';
export * from './database-unavailable.js';
