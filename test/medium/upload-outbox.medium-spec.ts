import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { startWorker, WorkerProcess } from '../support/worker-process';
import { TEST_REDIS_URL } from '../support/test-env';

const MONTH = shanghaiMonth(new Date());
jest.setTimeout(120_000);

/** Issue 6 §4 in miniature: with Redis unreachable an upload is still accepted and stored, then processed once a worker with Redis starts. */
describe('the upload outbox', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    api = await startApi(db.url, { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await db?.drop();
  });

  it('stores the upload while the queue is down, reports the degraded queue, and processes it when a worker returns', async () => {
    const clerk = await api.login('wuhua', DEMO_PASSWORD);
    const [wuhua] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    const template = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/template`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(template.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await template.arrayBuffer())]), 'template.xlsx');
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const receipt = (await response.json()) as { uploadId: string; status: string };
    expect(receipt.status).toBe('received');
    const [stored] = await db.dataSource.query(`SELECT status, size_bytes FROM report_upload WHERE id = $1`, [
      receipt.uploadId,
    ]);
    expect(stored.status).toBe('received');
    expect(stored.size_bytes).toBeGreaterThan(1000);

    const health = await api.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.details.queue).toMatchObject({ status: 'down', mode: 'bullmq' });
    expect(health.body.details.database.status).toBe('up');

    worker = await startWorker({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.config.QUEUE_PREFIX,
    });
    let status = 'received';
    for (let i = 0; i < 200 && !['accepted', 'rejected'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      [{ status }] = await db.dataSource.query(`SELECT status FROM report_upload WHERE id = $1`, [receipt.uploadId]);
    }
    expect(status).toBe('accepted');
    const versions = await db.dataSource.query(`SELECT version_no FROM report_version WHERE upload_id = $1`, [
      receipt.uploadId,
    ]);
    expect(versions).toEqual([{ version_no: 1 }]);
  });
});
