import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EnqueueOptions, JobQueue, JobState, JobStatus } from './job-queue.js';
import { JobProgress } from './job-handler.js';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { QueueName } from './queue-name.js';

interface InProcessJob {
  status: JobStatus;
  payload: unknown;
  attempts: number;
  settled: Promise<void>;
}

const RETRY_DELAY_MS = 500;

/**
 * The embedded default: the same @JobHandler processors, run in this process one job at a time per queue
 * (the embedded database has a single connection, so more would only queue there). State lives in memory;
 * durable work records (uploads) are in PostgreSQL, so a restart re-enqueues from there, not from here.
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('InProcessJobQueue');
  private readonly jobs = new Map<string, InProcessJob>();
  private readonly tails = new Map<QueueName, Promise<void>>();
  private stopping = false;

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async enqueue<P>(queue: QueueName, payload: P, options: EnqueueOptions = {}): Promise<string> {
    const id = options.jobId ?? randomUUID();
    const key = `${queue}:${id}`;
    const existing = this.jobs.get(key);
    if (existing && existing.status.state !== JobState.Failed) return id;
    this.registry.get(queue); // fail fast on a queue without handler
    const job: InProcessJob = {
      status: { id, queue, state: JobState.Waiting, progress: null, result: null, failedReason: null, attemptsMade: 0 },
      payload,
      attempts: options.attempts ?? 3,
      settled: Promise.resolve(),
    };
    this.jobs.set(key, job);
    const previous = this.tails.get(queue) ?? Promise.resolve();
    job.settled = previous.then(async () => {
      if (options.delayMs) await sleep(options.delayMs);
      await this.run(queue, job);
    });
    this.tails.set(queue, job.settled);
    return id;
  }

  async getStatus<R>(queue: QueueName, jobId: string): Promise<JobStatus<R> | null> {
    const job = this.jobs.get(`${queue}:${jobId}`);
    return job ? ({ ...job.status } as JobStatus<R>) : null;
  }

  async waitFor<R>(queue: QueueName, jobId: string, timeoutMs: number): Promise<R> {
    const job = this.jobs.get(`${queue}:${jobId}`);
    if (!job) throw new Error(`Unknown job ${queue}:${jobId}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${queue}:${jobId}`)),
        timeoutMs,
      );
    });
    await Promise.race([job.settled, timeout]).finally(() => clearTimeout(timer));
    if (job.status.state === JobState.Failed) throw new Error(job.status.failedReason ?? 'failed');
    return job.status.result as R;
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.tails.values()]);
  }

  private async run(queue: QueueName, job: InProcessJob): Promise<void> {
    const handler = this.registry.get(queue);
    while (!this.stopping && job.status.attemptsMade < job.attempts) {
      job.status.attemptsMade += 1;
      job.status.state = JobState.Active;
      try {
        job.status.result = await handler.process({
          id: job.status.id,
          queue,
          data: job.payload,
          attempt: job.status.attemptsMade,
          updateProgress: async (progress: JobProgress) => {
            job.status.progress = progress;
          },
        });
        job.status.state = JobState.Completed;
        job.status.failedReason = null;
        return;
      } catch (error) {
        job.status.failedReason = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `${queue}:${job.status.id} attempt ${job.status.attemptsMade} failed: ${job.status.failedReason}`,
        );
        if (job.status.attemptsMade < job.attempts) await sleep(RETRY_DELAY_MS * job.status.attemptsMade);
      }
    }
    job.status.state = JobState.Failed;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
