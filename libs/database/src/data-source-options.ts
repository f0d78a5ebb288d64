import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from '@app/core';
import { ALL_MIGRATIONS } from '@app/migrations';
import { ALL_ENTITIES } from './entities.js';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone, and pg would otherwise make a
// local-midnight Date of it in raw queries.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** The one data source definition (STYLE habit 6): the apps, the CLI and the tests all build it here. */
export function buildDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: 'evc-reporting',
    // gen_random_uuid() is built into PostgreSQL ≥ 13 and PGlite; no extension to install (STACK-NOTES).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, connectionTimeoutMillis: 15000, idleTimeoutMillis: 30000 },
  };
}

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource(buildDataSourceOptions(url, poolSize));
}
