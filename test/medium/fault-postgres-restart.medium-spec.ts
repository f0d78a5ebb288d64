import { shanghaiMonth } from '@app/core';
import { createDataSource } from '@app/database';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { createPostgresCluster, PostgresCluster } from '../support/postgres-cluster';
import { HttpClient } from '../support/http-client';
import { eventually } from '../support/free-port';
import { goodVariant } from '../support/report-files';

const MONTH = shanghaiMonth(new Date());
jest.setTimeout(240_000);

/**
 * Issue 6 §4: the API survives a PostgreSQL restart without being restarted itself. The server is a throw-away
 * cluster of this test's own (the machine's shared one is never touched); the API is the real process. During the
 * outage a request gets a Chinese 503 promptly instead of hanging; afterwards the same process serves reads and
 * writes again.
 */
describe('fault: PostgreSQL restarts under a running API', () => {
  let cluster: PostgresCluster;
  let api: ApiProcess;
  let http: HttpClient;
  let office: string;
  let clerk: string;
  let wuhuaId: number;

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    const dataSource = createDataSource(cluster.url, 2);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await seedDemo(dataSource, { asOf: `${MONTH}-01` });
    [{ id: wuhuaId }] = await dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    await dataSource.destroy();
    // In-process jobs: the API process alone, so nothing else can restart it or do its work.
    api = await startApiProcess({
      DATABASE_URL: cluster.url,
      REDIS_URL: '',
      SEED_DEMO: 'false',
      DATABASE_POOL_SIZE: '4',
    });
    http = new HttpClient(api.baseUrl);
    office = await http.login('office', DEMO_PASSWORD);
    clerk = await http.login('wuhua', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await api?.stop();
    await cluster?.destroy();
  });

  it('answers 503 in Chinese while the database is down, and serves again once it is back, without a restart', async () => {
    const pid = api.child.pid;
    expect((await http.request('GET', '/api/districts', { token: office })).status).toBe(200);
    // Pooled connections exist now; the restart kills them under the API.
    await cluster.stop('fast');

    for (const [method, path, token] of [
      ['GET', '/api/districts', office],
      ['GET', `/api/periods/${MONTH}/status`, office],
      ['GET', `/api/periods/${MONTH}/districts/${wuhuaId}/report`, clerk],
    ] as const) {
      const startedAt = Date.now();
      const response = await http.request(method, path, { token, timeoutMs: 20_000 });
      expect({ path, elapsedUnder10s: Date.now() - startedAt < 10_000, ...response }).toEqual({
        path,
        elapsedUnder10s: true,
        status: 503,
        body: { statusCode: 503, error: 'unavailable', message: '数据库暂时无法访问，本次操作未执行，请稍后重试' },
      });
    }
    const login = await http.request('POST', '/api/auth/login', {
      body: { username: 'office', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(503);
    const health = await http.request('GET', '/api/health', { timeoutMs: 20_000 });
    expect(health).toMatchObject({
      status: 503,
      body: { message: '服务不可用：数据库无法访问', details: { error: { database: { status: 'down' } } } },
    });

    await cluster.start();
    await eventually('the API serving again', async () => {
      const { status } = await http.request('GET', '/api/districts', { token: office });
      return status === 200 ? true : undefined;
    });
    expect((await http.request('GET', '/api/health')).body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' } },
    });
    // Writes too: an upload goes all the way to a version in the same process.
    const template = await http.template(clerk, MONTH, wuhuaId);
    const upload = await http.upload(clerk, MONTH, wuhuaId, await goodVariant(template, '数据库重启之后'));
    expect(upload.status).toBe(202);
    const done = await eventually(
      'the upload accepted',
      async () => {
        const { body } = await http.request('GET', `/api/uploads/${upload.body.uploadId}`, { token: clerk });
        return ['accepted', 'rejected'].includes(body.status) ? body : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ status: 'accepted', errorCount: 0 });
    expect(api.child.pid).toBe(pid);
    expect(api.child.exitCode).toBeNull();
  });
});
