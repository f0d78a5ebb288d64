import { z } from 'zod';

/**
 * Every environment variable the processes read, validated once at boot (STYLE habit 5).
 * The README's configuration table documents the same list; keep them in step.
 */
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, '必须是 postgres:// 或 postgresql:// 开头的连接串 (must be a postgres:// URL)');
const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, '必须是 redis:// 或 rediss:// 开头的连接串 (must be a redis:// URL)');
const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: '必须是整数 (must be an integer)' })
    .int('必须是整数 (must be an integer)')
    .min(min, `不能小于 ${min} (must be ≥ ${min})`)
    .max(max, `不能大于 ${max} (must be ≤ ${max})`);
const flag = z
  .enum(['true', 'false', '1', '0'], { message: '必须是 true 或 false (must be true or false)' })
  .transform((v) => v === 'true' || v === '1');

export const appConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: '必须是 development、production 或 test' })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(1, 65535).default(3000),
  /** Real PostgreSQL; when absent the embedded PGlite server is started under EMBEDDED_DB_DIR. */
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: integer(1, 200).default(10),
  EMBEDDED_DB_DIR: z.string().min(1).default('./data/pg'),
  EMBEDDED_DB_PORT: integer(1024, 65535).default(54329),
  /** BullMQ on Redis; when absent jobs run in-process with the same processor code. */
  REDIS_URL: redisUrl.optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/, '只能包含小写字母、数字、- 和 _')
    .default('evc'),
  /** Signing secret for access tokens. Required with DATABASE_URL; the embedded default keeps one under ./data. */
  JWT_SECRET: z.string().min(32, '至少 32 个字符 (at least 32 characters)').optional(),
  JWT_TTL_SECONDS: integer(60, 7 * 24 * 3600).default(8 * 3600),
  /** Seed the Kunming demo on start when the database has no districts yet (defaults to on for the embedded DB). */
  SEED_DEMO: flag.optional(),
  /** Wall-clock limit of one upload's parse; a file still being parsed then is rejected (issue 6 §3). */
  REPORT_PARSE_TIMEOUT_MS: integer(100, 600_000).default(60_000),
  /** How often the outbox relay re-queues uploads the queue lost or never got (issue 6 §4). */
  UPLOAD_RELAY_INTERVAL_MS: integer(200, 3_600_000).default(60_000),
  /** How long a BullMQ job stays claimed by a worker that stopped answering before another worker retries it. */
  JOB_LOCK_MS: integer(1000, 600_000).default(30_000),
  /** The built web UI (vite build) the API serves at /; absent files mean an API without a UI. */
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'log', 'debug', 'verbose'], { message: '必须是 error、warn、log、debug 或 verbose' })
    .default('log'),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Parses the environment; throws a ConfigValidationError naming every bad variable. */
export function parseAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const result = appConfigSchema.safeParse(blankToUndefined);
  if (!result.success) {
    throw new ConfigValidationError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}: ${issue.message} (当前值: ${describeValue(name, env[name])})`;
      }),
    );
  }
  const config = result.data;
  if (config.DATABASE_URL && !config.JWT_SECRET && config.NODE_ENV === 'production') {
    throw new ConfigValidationError([
      'JWT_SECRET: 使用外部数据库的生产环境必须设置 (required in production with DATABASE_URL)',
    ]);
  }
  return config;
}

/** Shows what was set without leaking secrets: never the JWT secret, never a password inside a URL. */
function describeValue(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return '未设置';
  if (name === 'JWT_SECRET') return `${value.length} 个字符`;
  return JSON.stringify(value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'));
}

/** For process entry points: print the problem and stop instead of booting half-configured. */
export function loadAppConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return parseAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
