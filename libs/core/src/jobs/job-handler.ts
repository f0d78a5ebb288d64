import { SetMetadata } from '@nestjs/common';
import { QueueName } from './queue-name.js';

export const JOB_HANDLER_METADATA = 'evc:job-handler';

/** What a processor sees of its job, the same under BullMQ and in-process. */
export interface JobContext<P> {
  readonly id: string;
  readonly queue: QueueName;
  readonly data: P;
  /** 1 on the first try. */
  readonly attempt: number;
  updateProgress(progress: JobProgress): Promise<void>;
}

export interface JobProgress {
  /** 0..100 */
  percent: number;
  /** Chinese, shown to the user beside the progress bar. */
  message?: string;
}

/** One `process(job)` per processor; the payload type is declared beside the processor. */
export interface JobProcessor<P = unknown, R = unknown> {
  process(job: JobContext<P>): Promise<R>;
}

/** Marks a provider as the processor of a queue; discovered at boot by the job runners. */
export const JobHandler = (queue: QueueName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, queue);
