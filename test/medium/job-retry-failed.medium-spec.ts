import { Worker } from 'bullmq';
import { BullJobQueue, createRedisConnection, JobState, QueueName, toBullJobId } from '@app/core';
import { TEST_REDIS_URL } from '../support/test-env';
import { eventually } from '../support/free-port';

jest.setTimeout(60_000);

/**
 * The outbox relay's "retryFailed" (issue 6 §4): enqueueing the id of a job that failed for good runs it again,
 * while enqueueing the id of a job that is waiting or done changes nothing. On real Redis.
 */
describe('BullJobQueue.enqueue with retryFailed', () => {
  const prefix = `evcretry${Date.now().toString(36)}`;
  const queue = new BullJobQueue({ redisUrl: TEST_REDIS_URL, prefix });
  const connection = createRedisConnection(TEST_REDIS_URL);
  let runs = 0;
  let failNext = true;
  let worker: Worker;

  beforeAll(() => {
    worker = new Worker(
      QueueName.SystemPing,
      async (job) => {
        runs += 1;
        if (failNext) throw new Error('PostgreSQL 不可用（模拟）');
        return { nonce: job.data.nonce };
      },
      { connection, prefix },
    );
  });
  afterAll(async () => {
    await worker.close();
    connection.disconnect();
    await queue.onApplicationShutdown();
  });

  it('leaves a failed job failed on a plain enqueue, and runs it again with retryFailed', async () => {
    const jobId = `ping:${Date.now()}`;
    await queue.enqueue(QueueName.SystemPing, { nonce: 'x' }, { jobId, attempts: 1 });
    await eventually('the job failed', async () =>
      (await queue.getStatus(QueueName.SystemPing, jobId))?.state === JobState.Failed ? true : undefined,
    );
    expect(runs).toBe(1);

    await queue.enqueue(QueueName.SystemPing, { nonce: 'x' }, { jobId, attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await queue.getStatus(QueueName.SystemPing, jobId))?.state).toBe(JobState.Failed);
    expect(runs).toBe(1);

    failNext = false;
    const id = await queue.enqueue(QueueName.SystemPing, { nonce: 'x' }, { jobId, attempts: 1, retryFailed: true });
    expect(id).toBe(toBullJobId(jobId));
    const done = await eventually('the retried job completed', async () => {
      const status = await queue.getStatus<{ nonce: string }>(QueueName.SystemPing, jobId);
      return status?.state === JobState.Completed ? status : undefined;
    });
    expect(done.result).toEqual({ nonce: 'x' });
    expect(runs).toBe(2);

    // Done: another retryFailed enqueue does not run it a third time.
    await queue.enqueue(QueueName.SystemPing, { nonce: 'x' }, { jobId, attempts: 1, retryFailed: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toBe(2);
  });
});
