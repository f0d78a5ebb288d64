import { QueueName } from './queue-name.js';
import { JobProgress } from './job-handler.js';

export enum JobState {
  Waiting = 'waiting',
  Active = 'active',
  Completed = 'completed',
  Failed = 'failed',
  Delayed = 'delayed',
  Unknown = 'unknown',
}

export interface EnqueueOptions {
  /** Deterministic ids (e.g. district + period) make repeated enqueues harmless. */
  jobId?: string;
  attempts?: number;
  delayMs?: number;
  /** A job of this id that failed for good is retried instead of being left as it is (outbox relays). */
  retryFailed?: boolean;
}

export interface JobStatus<R = unknown> {
  id: string;
  queue: QueueName;
  state: JobState;
  progress: JobProgress | null;
  result: R | null;
  failedReason: string | null;
  attemptsMade: number;
}

/**
 * The only way domain code starts background work. Two implementations share this contract:
 * BullMQ on Redis (REDIS_URL set; processors run in apps/worker) and in-process (the embedded default).
 */
export abstract class JobQueue {
  abstract readonly mode: 'bullmq' | 'in-process';
  abstract enqueue<P>(queue: QueueName, payload: P, options?: EnqueueOptions): Promise<string>;
  abstract getStatus<R = unknown>(queue: QueueName, jobId: string): Promise<JobStatus<R> | null>;
  /** Resolves with the result when the job completes; rejects when it fails for good or on timeout. */
  abstract waitFor<R = unknown>(queue: QueueName, jobId: string, timeoutMs: number): Promise<R>;
  /** Redis reachability for health; always true in-process. */
  abstract isHealthy(): Promise<boolean>;
}
