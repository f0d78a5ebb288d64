/**
 * Medium tests talk to the real servers: DATABASE_URL and REDIS_URL when set (CI sets them), otherwise this
 * machine's local PostgreSQL and Redis.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Set by the global setup: a migrated database every suite clones. */
export const TEMPLATE_DB_ENV = 'EVC_TEST_TEMPLATE_DB';
