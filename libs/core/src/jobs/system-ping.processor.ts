import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { JobContext, JobHandler, JobProcessor } from './job-handler.js';
import { QueueName } from './queue-name.js';

export interface SystemPingPayload {
  nonce: string;
}

export interface SystemPingResult {
  nonce: string;
  pid: number;
  host: string;
  handledAt: string;
}

/** Proves that whatever runs the jobs (a worker process, or this process) is alive and consuming. */
@Injectable()
@JobHandler(QueueName.SystemPing)
export class SystemPingProcessor implements JobProcessor<SystemPingPayload, SystemPingResult> {
  async process(job: JobContext<SystemPingPayload>): Promise<SystemPingResult> {
    await job.updateProgress({ percent: 100, message: '已处理' });
    return { nonce: job.data.nonce, pid: process.pid, host: hostname(), handledAt: new Date().toISOString() };
  }
}
