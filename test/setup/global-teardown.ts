import './resolve-like-jest';
import { dropDatabase } from '@app/database';
import { TEMPLATE_DB_ENV, TEST_DATABASE_URL } from '../support/test-env';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_DB_ENV];
  if (template) await dropDatabase(TEST_DATABASE_URL, template);
}
