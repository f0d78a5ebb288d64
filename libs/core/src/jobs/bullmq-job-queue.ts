import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { once } from 'node:events';
import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { EnqueueOptions, JobQueue, JobState, JobStatus } from './job-queue.js';
import { JobProgress } from './job-handler.js';
import { QueueName } from './queue-name.js';

export interface BullConnectionSettings {
  redisUrl: string;
  prefix: string;
  /** Consumers only; BullMQ's default is 30 s. */
  lockDurationMs?: number;
}

/** Redis connections for BullMQ consumers: they wait for Redis forever (BullMQ docs, "Connections"). */
export function createRedisConnection(redisUrl: string): IORedis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: null });
}

/**
 * The producer's connection fails fast while Redis is down (BullMQ docs: enableOfflineQueue false for Queue
 * instances), so a request never hangs on the queue; durable work is recorded in PostgreSQL first.
 */
export function createProducerConnection(redisUrl: string): IORedis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

/** BullMQ custom job ids may not contain ':' (the key separator). */
export function toBullJobId(jobId: string): string {
  return jobId.replace(/:/g, '_');
}

const POLL_INTERVAL_MS = 100;
/** How long a producer call waits for Redis before giving up. */
const REDIS_TIMEOUT_MS = 3000;

const STATE_MAP: Record<string, JobState> = {
  waiting: JobState.Waiting,
  'waiting-children': JobState.Waiting,
  prioritized: JobState.Waiting,
  active: JobState.Active,
  completed: JobState.Completed,
  failed: JobState.Failed,
  delayed: JobState.Delayed,
};

/** Producer side: the API enqueues here and reads job state; apps/worker consumes. */
@Injectable()
export class BullJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly mode = 'bullmq' as const;
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  /** BullMQ does not close connections it was handed, so this class does. */
  private readonly ownedConnections: IORedis[] = [];

  constructor(private readonly settings: BullConnectionSettings) {
    super();
    this.connection = createProducerConnection(settings.redisUrl);
    this.connection.on('error', () => undefined); // surfaced through isHealthy, not as an unhandled event
    this.ownedConnections.push(this.connection);
  }

  async enqueue<P>(queue: QueueName, payload: P, options: EnqueueOptions = {}): Promise<string> {
    // BullMQ waits for Redis indefinitely; a request must not. The caller keeps durable work in PostgreSQL.
    const job = await withTimeout(
      this.queue(queue).add(queue, payload, {
        jobId: options.jobId ? toBullJobId(options.jobId) : undefined,
        attempts: options.attempts ?? 3,
        delay: options.delayMs,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      }),
      REDIS_TIMEOUT_MS,
      `任务队列不可用（Redis 无响应），${queue} 任务未能入队`,
    );
    if (!job.id) throw new Error(`BullMQ returned no id for ${queue}`);
    // add() with the id of an existing job returns that job untouched; a failed one has to be retried explicitly.
    if (options.retryFailed && options.jobId) {
      await withTimeout(
        (async () => {
          if (await job.isFailed()) await job.retry('failed');
        })(),
        REDIS_TIMEOUT_MS,
        `任务队列不可用（Redis 无响应），${queue} 任务未能重试`,
      );
    }
    return job.id;
  }

  async getStatus<R>(queue: QueueName, jobId: string): Promise<JobStatus<R> | null> {
    const id = toBullJobId(jobId);
    // State first, then the job: a job read before its state could finish in between and show 'completed'
    // without its return value.
    const read = async () => {
      const state = await this.queue(queue).getJobState(id);
      const job = await Job.fromId(this.queue(queue), id);
      return { state, job };
    };
    const { state, job } = await withTimeout(read(), REDIS_TIMEOUT_MS, '任务队列不可用（Redis 无响应）');
    if (!job) return null;
    return {
      id: job.id ?? jobId,
      queue,
      state: STATE_MAP[state] ?? JobState.Unknown,
      progress: typeof job.progress === 'object' ? (job.progress as unknown as JobProgress) : null,
      result: (job.returnvalue ?? null) as R | null,
      failedReason: job.failedReason ?? null,
      attemptsMade: job.attemptsMade,
    };
  }

  /** Polls the job's state: no blocking QueueEvents connection to keep open or to close. */
  async waitFor<R>(queue: QueueName, jobId: string, timeoutMs: number): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.getStatus<R>(queue, jobId);
      if (!status) throw new Error(`Unknown job ${queue}:${jobId}`);
      if (status.state === JobState.Completed) return status.result as R;
      // BullMQ reports 'failed' only after the last attempt; retries in between are 'delayed' or 'waiting'.
      if (status.state === JobState.Failed) {
        throw new Error(status.failedReason ?? 'failed');
      }
      if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${queue}:${jobId}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  async isHealthy(): Promise<boolean> {
    try {
      if (this.connection.status !== 'ready') await withTimeout(once(this.connection, 'ready'), 1000);
      return (await withTimeout(this.connection.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => withTimeout(q.close(), REDIS_TIMEOUT_MS)));
    for (const connection of this.ownedConnections) connection.disconnect();
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.settings.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message = 'timeout'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
