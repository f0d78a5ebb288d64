import { ConfigValidationError, parseAppConfig } from './app-config';

describe('parseAppConfig', () => {
  it('applies the embedded defaults when nothing is set', () => {
    const config = parseAppConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.EMBEDDED_DB_DIR).toBe('./data/pg');
  });

  it('treats empty variables as unset', () => {
    expect(parseAppConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      parseAppConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', REDIS_URL: 'http://r' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const problems = (caught as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL: 必须是 postgres://');
    expect(problems).toContain('PORT: 必须是整数');
    expect(problems).toContain('REDIS_URL: 必须是 redis://');
  });

  it('rejects a short JWT secret and requires one in production with an external database', () => {
    expect(() => parseAppConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: 至少 32 个字符/);
    expect(() => parseAppConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/JWT_SECRET/);
  });

  it('never prints a secret while naming the variable', () => {
    const message = (() => {
      try {
        parseAppConfig({ JWT_SECRET: 'tooshort-secret', DATABASE_URL: 'mysql://admin:hunter2@db/x' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('JWT_SECRET: 至少 32 个字符 (at least 32 characters) (当前值: 15 个字符)');
    expect(message).toContain('mysql://admin:***@db/x');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('tooshort-secret');
  });

  it('parses flags strictly', () => {
    expect(parseAppConfig({ SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
    expect(parseAppConfig({ SEED_DEMO: '0' }).SEED_DEMO).toBe(false);
    expect(() => parseAppConfig({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO/);
  });
});
