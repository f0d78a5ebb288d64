import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';
import { ALL_QUEUES } from './queue-name.js';
import { JobProgress } from './job-handler.js';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { BullConnectionSettings, createRedisConnection } from './bullmq-job-queue.js';

export const BULL_CONNECTION_SETTINGS = Symbol('BULL_CONNECTION_SETTINGS');

/** apps/worker only: one BullMQ Worker per queue, each calling that queue's @JobHandler. */
@Injectable()
export class BullWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BullWorkerHost');
  private readonly workers: Worker[] = [];
  private readonly connections: IORedis[] = [];

  constructor(
    private readonly registry: JobHandlerRegistry,
    @Inject(BULL_CONNECTION_SETTINGS) private readonly settings: BullConnectionSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.assertEveryQueueHandled();
    for (const queue of ALL_QUEUES) {
      const handler = this.registry.get(queue);
      const connection = createRedisConnection(this.settings.redisUrl);
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        (job) =>
          handler.process({
            id: job.id ?? '',
            queue,
            data: job.data,
            attempt: job.attemptsMade + 1,
            updateProgress: (progress: JobProgress) => job.updateProgress(progress as unknown as object),
          }),
        {
          connection,
          prefix: this.settings.prefix,
          concurrency: 2,
          // A worker killed mid-job holds its lock until it expires; then the stalled check hands the job on.
          ...(this.settings.lockDurationMs
            ? { lockDuration: this.settings.lockDurationMs, stalledInterval: this.settings.lockDurationMs }
            : {}),
        },
      );
      worker.on('failed', (job, error) => this.logger.warn(`${queue}:${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.error(`${queue} worker error: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`Consuming ${ALL_QUEUES.length} queues: ${ALL_QUEUES.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    for (const connection of this.connections) connection.disconnect();
  }
}
