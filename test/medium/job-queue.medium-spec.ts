import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import {
  BullJobQueue,
  JobQueue,
  JobsModule,
  JobState,
  QueueName,
  SystemPingPayload,
  SystemPingResult,
} from '@app/core';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';

const WORKER_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

/** Starts the real worker process (the build output) and resolves once it consumes. */
function startWorker(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  if (!existsSync(WORKER_MAIN))
    throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` before the medium tests`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('任务处理进程已启动')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
}

describe('job queue', () => {
  describe('BullMQ on real Redis', () => {
    let db: TestDatabase;
    let worker: ChildProcess;
    let producer: BullJobQueue;
    const prefix = `evctest${Date.now().toString(36)}`;

    beforeAll(async () => {
      db = await createTestDatabase();
      ({ child: worker } = await startWorker({
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      }));
      producer = new BullJobQueue({ redisUrl: TEST_REDIS_URL, prefix });
    });

    afterAll(async () => {
      await producer?.onApplicationShutdown();
      if (worker && worker.exitCode === null) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.kill('SIGTERM');
        await exited;
      }
      await db?.drop();
    });

    it('reaches the worker process and comes back with its result', async () => {
      const nonce = randomUUID();
      const jobId = await producer.enqueue<SystemPingPayload>(QueueName.SystemPing, { nonce });
      const result = await producer.waitFor<SystemPingResult>(QueueName.SystemPing, jobId, 15000);
      expect(result.nonce).toBe(nonce);
      expect(result.pid).toBe(worker.pid);
      expect(result.pid).not.toBe(process.pid);
      const status = await producer.getStatus(QueueName.SystemPing, jobId);
      expect(status).toMatchObject({
        state: JobState.Completed,
        progress: { percent: 100, message: '已处理' },
        attemptsMade: 1,
      });
    });

    it('treats a repeated deterministic job id as the same job', async () => {
      const first = await producer.enqueue<SystemPingPayload>(
        QueueName.SystemPing,
        { nonce: 'a' },
        { jobId: 'ping:530102:2026-11' },
      );
      const second = await producer.enqueue<SystemPingPayload>(
        QueueName.SystemPing,
        { nonce: 'b' },
        { jobId: 'ping:530102:2026-11' },
      );
      expect(second).toBe(first);
      const result = await producer.waitFor<SystemPingResult>(QueueName.SystemPing, first, 15000);
      expect(result.nonce).toBe('a');
    });

    it('reports Redis health', async () => {
      expect(await producer.isHealthy()).toBe(true);
      const unreachable = new BullJobQueue({ redisUrl: 'redis://127.0.0.1:1', prefix });
      expect(await unreachable.isHealthy()).toBe(false);
      await unreachable.onApplicationShutdown();
    });
  });

  describe('in-process (the embedded default)', () => {
    it('runs the same processor in this process', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [JobsModule.forRoot({ prefix: 'unused' })],
      }).compile();
      await moduleRef.init();
      const queue = moduleRef.get(JobQueue);
      expect(queue.mode).toBe('in-process');
      const jobId = await queue.enqueue<SystemPingPayload>(QueueName.SystemPing, { nonce: 'local' });
      const result = await queue.waitFor<SystemPingResult>(QueueName.SystemPing, jobId, 5000);
      expect(result).toMatchObject({ nonce: 'local', pid: process.pid });
      expect(await queue.getStatus(QueueName.SystemPing, jobId)).toMatchObject({
        state: JobState.Completed,
        progress: { percent: 100 },
      });
      await moduleRef.close();
    });
  });
});
