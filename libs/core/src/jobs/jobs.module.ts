import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.js';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { BullJobQueue } from './bullmq-job-queue.js';
import { BULL_CONNECTION_SETTINGS, BullWorkerHost } from './bullmq-worker-host.js';
import { SystemPingProcessor } from './system-ping.processor.js';

export interface JobsModuleOptions {
  /** When absent, jobs run in-process. */
  redisUrl?: string;
  prefix: string;
  /** apps/worker: consume the BullMQ queues. */
  consume?: boolean;
  /** BullMQ lockDuration and stalledInterval of the consumers: how soon a dead worker's job is retried. */
  lockDurationMs?: number;
}

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    const { redisUrl, prefix } = options;
    const providers = redisUrl
      ? [
          { provide: BULL_CONNECTION_SETTINGS, useValue: { redisUrl, prefix, lockDurationMs: options.lockDurationMs } },
          { provide: JobQueue, useFactory: () => new BullJobQueue({ redisUrl, prefix }) },
          ...(options.consume ? [BullWorkerHost] : []),
        ]
      : [{ provide: JobQueue, useClass: InProcessJobQueue }];
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [JobHandlerRegistry, SystemPingProcessor, ...providers],
      exports: [JobQueue, JobHandlerRegistry],
    };
  }
}
