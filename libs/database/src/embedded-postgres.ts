import { ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/** The embedded server multiplexes one PGlite session; the pool must not exceed it (STACK-NOTES). */
export const EMBEDDED_MAX_CONNECTIONS = 1;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  startTimeoutMs?: number;
}

/**
 * Runs scripts/embedded-postgres.mjs as a child process and hands out its URL. One per process; the child exits
 * with its parent (IPC disconnect), so a killed API does not leave the data directory locked.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private child?: ChildProcess;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.options.port}/postgres`;
  }

  /** True when this start created the data directory (first run: seed the demo). */
  async start(): Promise<{ created: boolean }> {
    const dataDir = resolve(this.options.dataDir);
    const created = !existsSync(join(dataDir, 'PG_VERSION'));
    mkdirSync(dataDir, { recursive: true });
    const script = join(findPackageRoot(__dirname), 'scripts', 'embedded-postgres.mjs');
    const started = Date.now();
    const child = fork(script, [dataDir, String(this.options.port), String(EMBEDDED_MAX_CONNECTIONS)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child = child;
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `嵌入式数据库启动超时 (embedded PostgreSQL did not start within ${this.options.startTimeoutMs ?? 60000} ms)`,
            ),
          ),
        this.options.startTimeoutMs ?? 60000,
      );
      child.on('message', (message: { type: string; message?: string }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolveStart();
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(
            new Error(
              message.message === 'EADDRINUSE'
                ? `嵌入式数据库端口 ${this.options.port} 已被占用：是否已有一个实例在运行？可设置 EMBEDDED_DB_PORT 换用其他端口，或设置 DATABASE_URL 使用外部 PostgreSQL。`
                : `嵌入式数据库启动失败 (embedded PostgreSQL failed): ${message.message}`,
            ),
          );
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`嵌入式数据库进程退出 (embedded PostgreSQL exited with code ${code})`));
      });
    });
    child.removeAllListeners('exit');
    child.on('exit', (code) => {
      if (this.child === child) this.logger.error(`嵌入式数据库进程意外退出 (exited with code ${code})`);
    });
    this.logger.log(
      `嵌入式 PostgreSQL (PGlite) 已启动：${dataDir}，端口 ${this.options.port}，用时 ${Date.now() - started} ms`,
    );
    return { created };
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolveStop) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolveStop();
      }, 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolveStop();
      });
      child.kill('SIGTERM');
    });
  }
}

/** The directory holding package.json: works from src (jest) and from dist. */
export function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${from}`);
    dir = parent;
  }
  return dir;
}
