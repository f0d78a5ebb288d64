import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobContext, JobHandler, JobProcessor } from './job-handler';
import { ALL_QUEUES, QueueName } from './queue-name';
import { SystemPingProcessor } from './system-ping.processor';

async function registryWith(...providers: (new (...args: never[]) => unknown)[]): Promise<JobHandlerRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlerRegistry, ...providers],
  }).compile();
  return moduleRef.get(JobHandlerRegistry);
}

describe('JobHandlerRegistry', () => {
  it('refuses to boot when a queue has no handler, naming every such queue', async () => {
    const registry = await registryWith();
    expect(() => registry.assertEveryQueueHandled()).toThrow(
      `Queues without a @JobHandler processor: ${ALL_QUEUES.join(', ')}`,
    );
  });

  it('finds the decorated processor of a queue, and still names the queues left without one', async () => {
    const registry = await registryWith(SystemPingProcessor);
    expect(registry.get(QueueName.SystemPing)).toBeInstanceOf(SystemPingProcessor);
    const others = ALL_QUEUES.filter((queue) => queue !== QueueName.SystemPing);
    expect(() => registry.assertEveryQueueHandled()).toThrow(
      `Queues without a @JobHandler processor: ${others.join(', ')}`,
    );
  });

  it('refuses two processors for one queue', async () => {
    @Injectable()
    @JobHandler(QueueName.SystemPing)
    class SecondPing implements JobProcessor {
      async process(_job: JobContext<unknown>): Promise<void> {}
    }
    const registry = await registryWith(SystemPingProcessor, SecondPing);
    expect(() => registry.get(QueueName.SystemPing)).toThrow('Queue "system-ping" has two @JobHandler processors');
  });
});
