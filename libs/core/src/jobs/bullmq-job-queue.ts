import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { EnqueueOptions, JobQueue, JobState, JobStatus } from './job-queue.js';
import { JobProgress } from './job-handler.js';
import { QueueName } from './queue-name.js';

export interface BullConnectionSettings {
  redisUrl: string;
  prefix: string;
}

/** Redis connections for BullMQ; workers need maxRetriesPerRequest null (BullMQ docs, "Connections"). */
export function createRedisConnection(redisUrl: string): IORedis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false });
}

/** BullMQ custom job ids may not contain ':' (the key separator). */
export function toBullJobId(jobId: string): string {
  return jobId.replace(/:/g, '_');
}

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
  private readonly events = new Map<QueueName, QueueEvents>();

  constructor(private readonly settings: BullConnectionSettings) {
    super();
    this.connection = createRedisConnection(settings.redisUrl);
    this.connection.on('error', () => undefined); // surfaced through isHealthy, not as an unhandled event
  }

  async enqueue<P>(queue: QueueName, payload: P, options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queue(queue).add(queue, payload, {
      jobId: options.jobId ? toBullJobId(options.jobId) : undefined,
      attempts: options.attempts ?? 3,
      delay: options.delayMs,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    if (!job.id) throw new Error(`BullMQ returned no id for ${queue}`);
    return job.id;
  }

  async getStatus<R>(queue: QueueName, jobId: string): Promise<JobStatus<R> | null> {
    const job = await Job.fromId(this.queue(queue), toBullJobId(jobId));
    if (!job) return null;
    const state = await job.getState();
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

  async waitFor<R>(queue: QueueName, jobId: string, timeoutMs: number): Promise<R> {
    const job = await Job.fromId(this.queue(queue), toBullJobId(jobId));
    if (!job) throw new Error(`Unknown job ${queue}:${jobId}`);
    const events = await this.queueEvents(queue);
    return (await job.waitUntilFinished(events, timeoutMs)) as R;
  }

  async isHealthy(): Promise<boolean> {
    try {
      return (await withTimeout(this.connection.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.events.values()].map((e) => e.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
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

  private async queueEvents(name: QueueName): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      events = new QueueEvents(name, {
        connection: createRedisConnection(this.settings.redisUrl),
        prefix: this.settings.prefix,
      });
      events.on('error', () => undefined);
      this.events.set(name, events);
      await events.waitUntilReady();
    }
    return events;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
