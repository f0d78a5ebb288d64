import { DataSource } from 'typeorm';
import { createDataSource, createScratchDatabase } from '@app/database';
import { TEMPLATE_DB_ENV, TEST_DATABASE_URL } from './test-env';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one suite (a clone of the global setup's template). */
export async function createTestDatabase(poolSize = 4): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_DB_ENV];
  if (!template) throw new Error(`${TEMPLATE_DB_ENV} is not set: run medium tests through jest's medium project`);
  const scratch = await createScratchDatabase(TEST_DATABASE_URL, 'evc_test', template);
  const dataSource = createDataSource(scratch.url, poolSize);
  await dataSource.initialize();
  return {
    url: scratch.url,
    name: scratch.name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await scratch.drop();
    },
  };
}
