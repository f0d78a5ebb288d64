import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ALL_QUEUES, QueueName } from './queue-name.js';
import { JOB_HANDLER_METADATA, JobProcessor } from './job-handler.js';

/** Finds the @JobHandler providers of the running process. */
@Injectable()
export class JobHandlerRegistry {
  private handlers?: Map<QueueName, JobProcessor>;

  constructor(private readonly discovery: DiscoveryService) {}

  get(queue: QueueName): JobProcessor {
    const handler = this.all().get(queue);
    if (!handler) throw new Error(`No @JobHandler for queue "${queue}"`);
    return handler;
  }

  /** Boot fails when a queue has no handler or two (STYLE habit 4, after immich's job.repository). */
  assertEveryQueueHandled(): void {
    const missing = ALL_QUEUES.filter((queue) => !this.all().has(queue));
    if (missing.length > 0) {
      throw new Error(`Queues without a @JobHandler processor: ${missing.join(', ')}`);
    }
  }

  private all(): Map<QueueName, JobProcessor> {
    if (this.handlers) return this.handlers;
    const found = new Map<QueueName, JobProcessor>();
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const queue = Reflect.getMetadata(JOB_HANDLER_METADATA, metatype) as QueueName | undefined;
      if (!queue) continue;
      if (found.has(queue) && found.get(queue) !== instance) {
        throw new Error(`Queue "${queue}" has two @JobHandler processors`);
      }
      found.set(queue, instance as JobProcessor);
    }
    this.handlers = found;
    return found;
  }
}
