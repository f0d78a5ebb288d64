import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { startWorker, WorkerProcess } from '../support/worker-process';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { HttpClient } from '../support/http-client';
import { eventually } from '../support/free-port';
import { goodVariant } from '../support/report-files';

const MONTH = shanghaiMonth(new Date());
jest.setTimeout(180_000);

/**
 * Issue 6 §4, Redis down, with real processes: the API and a worker process on a redis-server of this test's own,
 * which the test kills (SIGKILL, no persistence: the queue's contents die with it) and starts again, empty.
 * An upload queued just before the crash (its job lost) and one sent during the outage (never queued) are both
 * processed once Redis is back, each exactly once.
 */
describe('fault: Redis goes down and comes back', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let api: ApiProcess;
  let worker: WorkerProcess | undefined;
  let http: HttpClient;
  let clerk: string;
  let wuhuaId: number;
  let template: Buffer;
  const prefix = `evcfault${Date.now().toString(36)}`;

  const workerEnv = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    UPLOAD_RELAY_INTERVAL_MS: '1000',
  });
  const statusOf = async (uploadId: string): Promise<string> =>
    (await db.dataSource.query(`SELECT status FROM report_upload WHERE id = $1`, [uploadId]))[0].status;
  const finished = (uploadId: string) =>
    eventually(
      `upload ${uploadId} finished`,
      async () => {
        const status = await statusOf(uploadId);
        return ['accepted', 'rejected'].includes(status) ? status : undefined;
      },
      60_000,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    redis = await startPrivateRedis();
    api = await startApiProcess({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      SEED_DEMO: 'false',
    });
    worker = await startWorker(workerEnv());
    http = new HttpClient(api.baseUrl);
    clerk = await http.login('wuhua', DEMO_PASSWORD);
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    template = await http.template(clerk, MONTH, wuhuaId);
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await redis?.kill();
    await db?.drop();
  });

  it('keeps accepting uploads, reports degraded health, and processes everything once Redis is back', async () => {
    // Before the fault: the whole path works.
    const first = await http.upload(clerk, MONTH, wuhuaId, await goodVariant(template, '第一次'));
    expect(first.status).toBe(202);
    expect(await finished(first.body.uploadId)).toBe('accepted');

    // An upload queued in Redis while no worker runs; then Redis dies and takes the job with it.
    await worker!.stop();
    worker = undefined;
    const queued = await http.upload(clerk, MONTH, wuhuaId, await goodVariant(template, '第二次'));
    expect(queued).toMatchObject({ status: 202, body: { status: 'queued' } });
    await redis.kill();

    // During the outage: accepted and stored, within the producer's time limit, and health says degraded.
    const sentAt = Date.now();
    const during = await http.upload(clerk, MONTH, wuhuaId, await goodVariant(template, '第三次'));
    expect(Date.now() - sentAt).toBeLessThan(15_000);
    expect(during).toMatchObject({ status: 202, body: { status: 'received', duplicate: false } });
    expect(await statusOf(during.body.uploadId)).toBe('received');
    const health = await http.request('GET', '/api/health');
    expect(health).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        message: '任务队列不可用：上传仍会被接收并保存，队列恢复后自动处理',
        details: { queue: { status: 'down', mode: 'bullmq' }, database: { status: 'up' } },
      },
    });
    // The progress of a stored upload is still readable (from PostgreSQL).
    const view = await http.request('GET', `/api/uploads/${during.body.uploadId}`, { token: clerk });
    expect(view).toMatchObject({ status: 200, body: { status: 'received' } });

    // Redis returns empty; a worker starts; the relay hands both unfinished uploads over again.
    await redis.start();
    worker = await startWorker(workerEnv());
    expect(await finished(queued.body.uploadId)).toBe('accepted');
    expect(await finished(during.body.uploadId)).toBe('accepted');
    await eventually('health back to ok', async () => {
      const { body } = await http.request('GET', '/api/health');
      return body.status === 'ok' ? true : undefined;
    });

    // Each upload became exactly one version; the API process was never restarted.
    const versions: { upload_id: string; version_no: number }[] = await db.dataSource.query(
      `SELECT v.upload_id, v.version_no FROM report_version v JOIN district_report r ON r.id = v.report_id
        WHERE r.district_id = $1 ORDER BY v.version_no`,
      [wuhuaId],
    );
    expect(versions.map((v) => v.version_no)).toEqual([1, 2, 3]);
    expect(new Set(versions.map((v) => v.upload_id))).toEqual(
      new Set([first.body.uploadId, queued.body.uploadId, during.body.uploadId]),
    );
    expect(api.child.exitCode).toBeNull();
  });
});
