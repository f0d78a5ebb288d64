import './resolve-like-jest';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { createDataSource, createScratchDatabase } from '@app/database';
import { TEMPLATE_DB_ENV, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/test-env';

/** Checks the real servers answer, then builds the migrated template database the suites clone. */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Medium tests need PostgreSQL at ${TEST_DATABASE_URL} (set DATABASE_URL): ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Medium tests need Redis at ${TEST_REDIS_URL} (set REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
  const template = await createScratchDatabase(TEST_DATABASE_URL, 'evc_tpl');
  const dataSource = createDataSource(template.url, 2);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[TEMPLATE_DB_ENV] = template.name;
}
