/**
 * Issue 6 §5, the deadline surge: every district uploads in the last minutes before the 25th. 20 districts × 5
 * uploads each are sent within BENCH_SPAN_S (120) seconds through the HTTP API of a real API process, and two real
 * worker processes ingest them over BullMQ. One upload in five (by a fixed rule) is a bad file that must be
 * rejected; the others must become versions. Prints uploads sent, accepted (a new version), rejected (every error
 * listed, nothing written), lost (must be 0) and p50/p95 from sending an upload to seeing it accepted or rejected;
 * then checks the database: every 202 has its stored upload, every accepted upload exactly one version, each
 * district's versions numbered 1..n. Asserts nothing about speed (a benchmark, not a timed test).
 *
 * Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test: a scratch database is created,
 * migrated, seeded with the Kunming demo and dropped), Redis (REDIS_URL, default redis://127.0.0.1:6379, under a
 * key prefix of its own) and the build (`npm run bench:surge` builds first):
 *
 *   npm run bench:surge
 *
 * The Kunming demo has 19 districts; the 20th (and any further, BENCH_DISTRICTS) is a copy of the smallest one's
 * register under a new code, with a clerk the office creates through the API.
 *
 * BENCH_SPAN_S (120) the window the uploads are spread over; BENCH_DISTRICTS (20); BENCH_PER_DISTRICT (5); BENCH_BAD_EVERY (5: every
 * fifth upload is bad, 0 for none); BENCH_DRAIN_S (300) how long to wait for the last results.
 */
import { cpus, loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { shanghaiMonth } from '@app/core';
import { createDataSource, createScratchDatabase } from '@app/database';
import { DEMO_PASSWORD, DEMO_SEED, Random, seedDemo } from '@app/demo';
import { startApiProcess } from '../test/support/api-process';
import { startWorker, WorkerProcess } from '../test/support/worker-process';
import { HttpClient } from '../test/support/http-client';
import { badVariant, goodVariant } from '../test/support/report-files';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SPAN_MS = Number(process.env.BENCH_SPAN_S ?? 120) * 1000;
const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? 20);
const PER_DISTRICT = Number(process.env.BENCH_PER_DISTRICT ?? 5);
const BAD_EVERY = Number(process.env.BENCH_BAD_EVERY ?? 5);
const DRAIN_MS = Number(process.env.BENCH_DRAIN_S ?? 300) * 1000;
const MONTH = shanghaiMonth(new Date());
const TERMINAL = ['accepted', 'rejected'];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A district whose register copies `sourceId`'s communities (all eligible), for a load of more districts. */
async function addDistrict(db: DataSource, sourceId: number, n: number): Promise<number> {
  const code = `5301Z${n}`;
  const [district] = await db.query(
    `INSERT INTO district (code, name, city_id, tier, kind, sort_order)
     SELECT $2, '基准新区' || $3::int, city_id, tier, kind, 900 + $3::int FROM district WHERE id = $1 RETURNING id`,
    [sourceId, code, n],
  );
  await db.query(
    `WITH c AS (
       INSERT INTO community (code, name, district_id, garage_type, registered_on)
       SELECT 'C' || $2 || '-' || lpad(row_number() OVER (ORDER BY code)::text, 4, '0'), name, $3, 'surface', registered_on
         FROM community WHERE district_id = $1 AND removed_on IS NULL
       RETURNING id, registered_on
     )
     INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available,
       capacity_sufficient, capacity_solution_agreed, fire_safety_required, fire_safety_complete, eligible, source)
     SELECT id, registered_on, true, true, true, false, false, NULL, true, 'seed' FROM c`,
    [sourceId, code, district.id],
  );
  return district.id;
}

interface Planned {
  districtId: number;
  districtName: string;
  token: string;
  bytes: Buffer;
  bad: boolean;
  /** ms after the start of the window */
  at: number;
}

interface Outcome extends Planned {
  sentAt: number;
  httpStatus: number | 'network error';
  answeredAt: number;
  uploadId?: string;
  /** 'accepted' | 'rejected' as stored, or undefined while unfinished */
  final?: string;
  finishedAt?: number;
  errorCount?: number;
}

jest.setTimeout(30 * 60_000);

it('deadline surge: 20 districts × 5 uploads within 2 minutes, over HTTP, two worker processes', async () => {
  const scratch = await createScratchDatabase(BASE_URL, 'evc_surge');
  const db: DataSource = createDataSource(scratch.url, 4);
  await db.initialize();
  const workers: WorkerProcess[] = [];
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  try {
    await db.runMigrations({ transaction: 'each' });
    await seedDemo(db, { asOf: `${MONTH}-01` });
    const prefix = `evcsurge${Date.now().toString(36)}`;
    const env = { DATABASE_URL: scratch.url, REDIS_URL, QUEUE_PREFIX: prefix, DATABASE_POOL_SIZE: '10' };
    api = await startApiProcess({ ...env, SEED_DEMO: 'false' });
    for (let n = 0; n < 2; n += 1) workers.push(await startWorker(env));
    const http = new HttpClient(api.baseUrl);
    const office = await http.login('office', DEMO_PASSWORD);
    const existing: { id: number }[] = await db.query(`SELECT id FROM district ORDER BY id`);
    if (existing.length < DISTRICTS) {
      const [smallest] = await db.query(
        `SELECT district_id AS id FROM community GROUP BY district_id ORDER BY count(*), district_id LIMIT 1`,
      );
      for (let n = 1; n <= DISTRICTS - existing.length; n += 1) {
        const districtId = await addDistrict(db, smallest.id, n);
        const created = await http.request('POST', '/api/users', {
          token: office,
          body: {
            username: `surge${n}`,
            displayName: `基准新区${n}填报员`,
            role: 'district',
            districtId,
            password: 'Surge2026x',
          },
        });
        if (created.status !== 201) throw new Error(`clerk of district ${districtId}: ${JSON.stringify(created.body)}`);
      }
    }

    // One clerk per district signs in and downloads the district's template; the files are made before the window.
    const clerks: { username: string; districtId: number; districtName: string }[] = await db.query(
      `SELECT DISTINCT ON (u.district_id) u.username, u.district_id AS "districtId", d.name AS "districtName"
         FROM app_user u JOIN district d ON d.id = u.district_id
        WHERE u.role = 'district' AND NOT u.disabled ORDER BY u.district_id, u.id`,
    );
    const random = Random.stream(DEMO_SEED, 'deadline-surge');
    const plan: Planned[] = [];
    let index = 0;
    for (const clerk of clerks.slice(0, DISTRICTS)) {
      const token = await http.login(clerk.username, clerk.username.startsWith('surge') ? 'Surge2026x' : DEMO_PASSWORD);
      const template = await http.template(token, MONTH, clerk.districtId);
      for (let n = 1; n <= PER_DISTRICT; n += 1, index += 1) {
        const bad = BAD_EVERY > 0 && index % BAD_EVERY === BAD_EVERY - 1;
        const note = `截止前第 ${n} 次报送`;
        plan.push({
          districtId: clerk.districtId,
          districtName: clerk.districtName,
          token,
          bytes: bad ? await badVariant(template, note) : await goodVariant(template, note),
          bad,
          at: random.next() * SPAN_MS,
        });
      }
    }
    plan.sort((a, b) => a.at - b.at);

    // The window: each upload sent at its planned moment, without waiting for the others.
    const outcomes: Outcome[] = [];
    const start = now();
    let pollerDone = false;
    const poller = (async () => {
      while (!pollerDone) {
        const pending = outcomes.filter((o) => o.uploadId && !o.final);
        if (pending.length > 0) {
          const rows: { id: string; status: string; errorCount: number }[] = await db.query(
            `SELECT id, status, error_count AS "errorCount" FROM report_upload WHERE id = ANY($1) AND status = ANY($2)`,
            [pending.map((o) => o.uploadId), TERMINAL],
          );
          const seenAt = now();
          for (const row of rows) {
            for (const o of pending.filter((p) => p.uploadId === row.id)) {
              o.final = row.status;
              o.finishedAt = seenAt;
              o.errorCount = row.errorCount;
            }
          }
        }
        await sleep(50);
      }
    })();
    await Promise.all(
      plan.map(async (planned) => {
        await sleep(Math.max(0, start + planned.at - now()));
        const sentAt = now();
        const outcome: Outcome = { ...planned, sentAt, httpStatus: 'network error', answeredAt: NaN };
        try {
          const response = await http.upload(
            planned.token,
            MONTH,
            planned.districtId,
            planned.bytes,
            '月报.xlsx',
            120_000,
          );
          outcome.httpStatus = response.status;
          outcome.answeredAt = now();
          if (response.status === 202) outcome.uploadId = response.body.uploadId;
        } catch {
          outcome.answeredAt = now();
        }
        outcomes.push(outcome);
      }),
    );
    const sendWindowMs = Math.max(...outcomes.map((o) => o.sentAt)) - start;
    const drainDeadline = now() + DRAIN_MS;
    while (outcomes.some((o) => o.uploadId && !o.final) && now() < drainDeadline) await sleep(100);
    pollerDone = true;
    await poller;
    const lastFinished = Math.max(...outcomes.map((o) => o.finishedAt ?? 0)) - start;

    // Against the database.
    const taken = outcomes.filter((o) => o.uploadId);
    const stored: { id: string; status: string; versions: number }[] = await db.query(
      `SELECT u.id, u.status, (SELECT count(*)::int FROM report_version v WHERE v.upload_id = u.id) AS versions
         FROM report_upload u`,
    );
    const storedById = new Map(stored.map((s) => [s.id, s]));
    const missing = taken.filter((o) => !storedById.has(o.uploadId!));
    const unfinished = taken.filter((o) => !TERMINAL.includes(storedById.get(o.uploadId!)?.status ?? ''));
    const accepted = taken.filter((o) => storedById.get(o.uploadId!)?.status === 'accepted');
    const rejected = taken.filter((o) => storedById.get(o.uploadId!)?.status === 'rejected');
    const refusedAtDoor = outcomes.filter(
      (o) => typeof o.httpStatus === 'number' && o.httpStatus >= 400 && o.httpStatus < 500,
    );
    const failed = outcomes.filter((o) => o.httpStatus === 'network error' || (o.httpStatus as number) >= 500);
    const wrongVersionCount =
      accepted.filter((o) => storedById.get(o.uploadId!)!.versions !== 1).length +
      rejected.filter((o) => storedById.get(o.uploadId!)!.versions !== 0).length;
    const misjudged = taken.filter((o) => o.final && (o.final === 'rejected') !== o.bad);
    const numbering: { districtId: number; nos: number[] }[] = await db.query(
      `SELECT r.district_id AS "districtId", array_agg(v.version_no ORDER BY v.version_no) AS nos
         FROM report_version v JOIN district_report r ON r.id = v.report_id GROUP BY r.district_id`,
    );
    const badNumbering = numbering.filter((d) => d.nos.some((no, i) => no !== i + 1));
    const versionTotal = numbering.reduce((sum, d) => sum + d.nos.length, 0);
    const lost = missing.length + unfinished.length + failed.length;

    const latencies = outcomes.filter((o) => o.finishedAt).map((o) => o.finishedAt! - o.sentAt);
    const acceptedLatencies = accepted.filter((o) => o.finishedAt).map((o) => o.finishedAt! - o.sentAt);
    const rejectedLatencies = rejected.filter((o) => o.finishedAt).map((o) => o.finishedAt! - o.sentAt);
    const answerLatencies = outcomes.filter((o) => Number.isFinite(o.answeredAt)).map((o) => o.answeredAt - o.sentAt);
    const ms = (value: number) => `${Number.isFinite(value) ? Math.round(value) : '—'} ms`;
    const pg = (await db.query('SHOW server_version'))[0].server_version.split(' ')[0];
    const lines = [
      `截止日前高峰：${Math.min(clerks.length, DISTRICTS)} 个区县 × ${PER_DISTRICT} 份 = ${plan.length} 份上传，${(sendWindowMs / 1000).toFixed(0)} s 内经 HTTP 发出（计划窗口 ${SPAN_MS / 1000} s）；` +
        `API 1 个进程，worker 2 个进程（各并发 2）；每 ${BAD_EVERY || '∞'} 份中 1 份为错误文件` +
        `（Node ${process.version}，PostgreSQL ${pg}，${cpus().length} 核，开始时负载 ${loadavg()[0].toFixed(1)}）`,
      `  sent ${outcomes.length}   accepted ${accepted.length}   rejected ${rejected.length + refusedAtDoor.length}` +
        `${refusedAtDoor.length ? `（其中 ${refusedAtDoor.length} 份在入口即被拒）` : ''}   lost ${lost}` +
        (lost ? `（未入库 ${missing.length}，未完成 ${unfinished.length}，请求失败 ${failed.length}）` : ''),
      `  上传 → 通过或被拒：p50 ${ms(percentile(latencies, 50))}   p95 ${ms(percentile(latencies, 95))}   最大 ${ms(Math.max(...latencies))}` +
        `（通过 p50 ${ms(percentile(acceptedLatencies, 50))} / p95 ${ms(percentile(acceptedLatencies, 95))}；` +
        `被拒 p50 ${ms(percentile(rejectedLatencies, 50))} / p95 ${ms(percentile(rejectedLatencies, 95))}）`,
      `  上传 → 202 应答：p50 ${ms(percentile(answerLatencies, 50))}   p95 ${ms(percentile(answerLatencies, 95))}；` +
        `最后一份完成于窗口开始后 ${(lastFinished / 1000).toFixed(1)} s`,
      `  数据库核对：${stored.length} 条上传记录（应答 202 的 ${taken.length} 份均${missing.length ? '未' : ''}已入库）；` +
        `${versionTotal} 个版本，每份通过的上传恰好 1 个版本${wrongVersionCount ? `（不符 ${wrongVersionCount} 份）` : ''}；` +
        `各区县版本号连续 1..n${badNumbering.length ? `（不连续 ${badNumbering.length} 个区县）` : ''}；` +
        `好坏判定与文件一致${misjudged.length ? `（不一致 ${misjudged.length} 份）` : ''}`,
    ];
    console.log(lines.join('\n'));
    expect(lost).toBe(0);
    expect(wrongVersionCount).toBe(0);
    expect(badNumbering).toEqual([]);
  } finally {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await api?.stop();
    await db.destroy();
    await scratch.drop();
  }
});
