import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { EMBEDDED_MAX_CONNECTIONS, EmbeddedPostgres } from './embedded-postgres.js';
import { createDataSource } from './data-source-options.js';

export interface DatabaseConnection {
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  /** The embedded data directory was created by this start. */
  freshEmbedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names: DATABASE_URL, or the embedded PGlite server under EMBEDDED_DB_DIR.
 * Migrations run here for the embedded default (a demo must start with one command); with DATABASE_URL they run
 * by `npm run migrate`, and start-up refuses a database with pending migrations.
 */
export async function openDatabase(
  config: AppConfig,
  options: { runMigrations?: boolean } = {},
): Promise<DatabaseConnection> {
  const logger = new Logger('Database');
  let embedded: EmbeddedPostgres | undefined;
  let freshEmbedded = false;
  let url = config.DATABASE_URL;
  let poolSize = config.DATABASE_POOL_SIZE;
  if (!url) {
    embedded = new EmbeddedPostgres({ dataDir: config.EMBEDDED_DB_DIR, port: config.EMBEDDED_DB_PORT });
    freshEmbedded = (await embedded.start()).created;
    url = embedded.url;
    poolSize = EMBEDDED_MAX_CONNECTIONS;
  }
  const dataSource = createDataSource(url, poolSize);
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new Error(`无法连接数据库 (cannot connect to PostgreSQL at ${redactUrl(url)}): ${(error as Error).message}`);
  }
  const runMigrations = options.runMigrations ?? Boolean(embedded);
  if (runMigrations) {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`已执行 ${applied.length} 个数据库迁移 (applied ${applied.length} migrations)`);
  } else if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    await embedded?.stop();
    throw new Error('数据库有未执行的迁移，请先运行 npm run migrate (pending migrations: run `npm run migrate` first)');
  }
  return {
    dataSource,
    embedded,
    freshEmbedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
