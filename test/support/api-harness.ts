import { INestApplication } from '@nestjs/common';
import { AppConfig, parseAppConfig } from '@app/core';
import { DatabaseConnection, openDatabase } from '@app/database';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { TEST_REDIS_URL } from './test-env';

export interface ApiHarness {
  app: INestApplication;
  baseUrl: string;
  config: AppConfig;
  connection: DatabaseConnection;
  close(): Promise<void>;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  login(username: string, password: string): Promise<string>;
}

/** The real API (same bootstrap as production) on a test database, listening on a free port. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiHarness> {
  const config = parseAppConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `evctest${Date.now().toString(36)}`,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const connection = await openDatabase(config);
  const app = await createApiApp(config, connection);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request: ApiHarness['request'] = async (method, path, options = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body };
  };
  return {
    app,
    baseUrl,
    config,
    connection,
    request,
    async login(username, password) {
      const { status, body } = await request('POST', '/api/auth/login', { body: { username, password } });
      if (status !== 200) throw new Error(`login ${username} failed: ${status} ${JSON.stringify(body)}`);
      return body.accessToken as string;
    },
    close: () => app.close(),
  };
}
