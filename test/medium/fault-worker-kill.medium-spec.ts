import { Client } from 'pg';
import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { readReportWorkbook } from '@app/excel';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { startWorker, WorkerProcess } from '../support/worker-process';
import { TEST_REDIS_URL } from '../support/test-env';
import { eventually } from '../support/free-port';
import { goodVariant } from '../support/report-files';

const MONTH = shanghaiMonth(new Date());
/** Short, so that the job of the killed worker is handed on within seconds (BullMQ's default is 30 s). */
const JOB_LOCK_MS = '4000';
jest.setTimeout(180_000);

/**
 * Issue 6 §4: a worker killed mid-job leaves no half-written version, and the job completes on retry with the same
 * result. The window is made deterministic without a hook in the product: this test holds a row lock on the office
 * accounts, which the ingest transaction needs last (the FK check of the office's notification takes FOR KEY SHARE
 * on app_user). The worker therefore stops inside its transaction after writing the version, its rows, the upload's
 * status, the audit event and the district's notification; the test sees it waiting, and SIGKILLs it there.
 */
describe('fault: the worker is killed inside the ingest transaction', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let worker: WorkerProcess | undefined;
  let lock: Client;
  let clerk: string;
  let wuhuaId: number;

  const workerEnv = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: api.config.QUEUE_PREFIX,
    JOB_LOCK_MS,
  });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.dataSource.query(sql, params))[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    api = await startApi(db.url);
    worker = await startWorker(workerEnv());
    clerk = await api.login('wuhua', DEMO_PASSWORD);
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    lock = new Client({ connectionString: db.url });
    await lock.connect();
  });

  afterAll(async () => {
    await lock?.end().catch(() => undefined);
    await worker?.stop();
    await api?.close();
    await db?.drop();
  });

  it('leaves nothing half-written, and a new worker completes the job with the same result', async () => {
    const template = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhuaId}/template`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    const file = await goodVariant(Buffer.from(await template.arrayBuffer()), '进程中断测试');
    const expected = await readReportWorkbook(file);
    expect(expected.errors).toEqual([]);

    await lock.query('BEGIN');
    await lock.query(`SELECT id FROM app_user WHERE role = 'office' FOR UPDATE`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), '五华区.xlsx');
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhuaId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const { uploadId } = (await response.json()) as { uploadId: string };

    // The worker's backend, blocked on our lock, holding write locks on the version and its rows.
    const blocked = await eventually(
      'the ingest transaction waiting on the office rows',
      async () => {
        const [row] = await db.dataSource.query(
          `SELECT a.pid, array_agg(DISTINCT l.relation::regclass::text) AS written
             FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.mode = 'RowExclusiveLock' AND l.granted
            WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.pid <> $1
            GROUP BY a.pid
           -- the ingest's backend (a calendar job notifying the office could be waiting too)
           HAVING bool_or(l.relation = 'report_version'::regclass)`,
          [(await lock.query('SELECT pg_backend_pid() AS pid')).rows[0].pid],
        );
        return row;
      },
      60_000,
    );
    expect(blocked.written).toEqual(
      expect.arrayContaining([
        'report_version',
        'report_community_row',
        'report_upload',
        'audit_event',
        'notification',
      ]),
    );

    await worker!.stop('SIGKILL');
    worker = undefined;
    await lock.query('ROLLBACK');
    // The dead client's backend takes the lock, finds no client to commit for, and rolls back.
    await eventually('the killed worker’s backend gone', async () =>
      (await count(`SELECT count(*) FROM pg_stat_activity WHERE pid = $1`, [blocked.pid])) === 0 ? true : undefined,
    );
    expect(await count(`SELECT count(*) FROM report_version`)).toBe(0);
    expect(await count(`SELECT count(*) FROM report_community_row`)).toBe(0);
    expect(await count(`SELECT count(*) FROM report_facility_row`)).toBe(0);
    expect(await count(`SELECT count(*) FROM audit_event WHERE action = 'report.version.create'`)).toBe(0);
    const [stranded] = await db.dataSource.query(`SELECT status, version_id FROM report_upload WHERE id = $1`, [
      uploadId,
    ]);
    expect(stranded).toEqual({ status: 'processing', version_id: null });

    // A new worker: BullMQ hands it the stalled job once the dead worker's lock expires.
    worker = await startWorker(workerEnv());
    const done = await eventually(
      'the upload accepted by the new worker',
      async () => {
        const [row] = await db.dataSource.query(`SELECT status, version_id FROM report_upload WHERE id = $1`, [
          uploadId,
        ]);
        return row.status === 'accepted' ? row : undefined;
      },
      60_000,
    );

    const versions = await db.dataSource.query(
      `SELECT id, version_no AS "versionNo", community_row_count AS "communities", facility_row_count AS "facilities"
         FROM report_version`,
    );
    expect(versions).toEqual([
      {
        id: done.version_id,
        versionNo: 1,
        communities: expected.communities.rows.length,
        facilities: expected.facilities.rows.length,
      },
    ]);
    // The same rows the file holds, once each.
    const codes: { code: string }[] = await db.dataSource.query(
      `SELECT c.code FROM report_community_row r JOIN community c ON c.id = r.community_id
        WHERE r.version_id = $1 ORDER BY c.code`,
      [done.version_id],
    );
    expect(codes.map((c) => c.code)).toEqual(expected.communities.rows.map((r) => r.values.communityCode).sort());
    expect(await count(`SELECT count(*) FROM report_community_row`)).toBe(expected.communities.rows.length);
    expect(await count(`SELECT count(*) FROM report_facility_row`)).toBe(expected.facilities.rows.length);
    const [remark] = await db.dataSource.query(
      `SELECT r.remark FROM report_community_row r JOIN community c ON c.id = r.community_id
        WHERE r.version_id = $1 AND c.code = $2`,
      [done.version_id, expected.communities.rows[0].values.communityCode],
    );
    expect(remark.remark).toBe('进程中断测试');
    expect(await count(`SELECT count(*) FROM audit_event WHERE action = 'report.version.create'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM notification WHERE dedupe_key = $1`, [`version:${done.version_id}`])).toBe(
      (await count(`SELECT count(*) FROM app_user WHERE NOT disabled AND role = 'office'`)) +
        (await count(`SELECT count(*) FROM app_user WHERE NOT disabled AND district_id = $1`, [wuhuaId])),
    );
    const [report] = await db.dataSource.query(
      `SELECT state, version_count FROM district_report r JOIN reporting_period p ON p.id = r.period_id
        WHERE r.district_id = $1 AND p.month = $2`,
      [wuhuaId, MONTH],
    );
    expect(report).toEqual({ state: 'submitted', version_count: 1 });
  });
});
