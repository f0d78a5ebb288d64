/**
 * Issue 5's speed and memory figure: a 300,000-row raw-data export through the real export path against exceljs's
 * bare streaming WorkbookWriter writing the same rows, in one run. Goals: time ≤ 1.5 × the bare writer, peak RSS ≤
 * 300 MB. Prints both medians, the ratio and each path's peak RSS; asserts nothing about them (a benchmark).
 *
 *   npm run bench:raw-export      (builds first: each measured run is a child process running the build)
 *
 * Needs PostgreSQL only (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): a scratch database is
 * migrated, seeded with the Kunming demo, given one accepted version per district whose community and facility rows
 * add up to BENCH_ROWS (300000), and dropped at the end. Runs alternate bare / product, BENCH_RUNS (3) each after one
 * warm-up pair (BENCH_KEEP=1 keeps the database, BENCH_DATABASE_URL reuses a kept one); every run is a fresh process (bench/raw-export.child.cjs), so its VmHWM is its own peak RSS.
 *   (a) product: ExportService.request() → DataExport job (in-process queue) → keyset pages of 5,000 rows from
 *       PostgreSQL → GovernmentWorkbook (styles, number formats, merged headers, totals, neutralised text) → 1 MiB
 *       chunks inserted into PostgreSQL → record done. Timed from the request to the job's end.
 *   (b) bare: the same rows loaded into memory first (not timed), then WorkbookWriter with no styles writing them to
 *       a file (timed).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { shanghaiMonth } from '@app/core';
import { createDataSource, createScratchDatabase } from '@app/database';
import { seedDemo } from '@app/demo';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MONTH = shanghaiMonth(new Date());
const CHILD = join(__dirname, 'raw-export.child.cjs');
const BUILT = join(__dirname, '..', 'dist', 'libs', 'exports', 'src', 'index.js');

interface RunResult {
  mode: 'product' | 'bare';
  ms: number;
  rows: number;
  bytes: number;
  vmHwmBytes: number;
  sampledPeakBytes: number;
  rssBeforeBytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * One accepted version per district for the month: each district's registered communities as community rows, and
 * facility rows (every column filled, every stage date in order) spread over its communities up to `rows` in all.
 */
async function acceptedVersions(db: DataSource, rows: number): Promise<{ communities: number; facilities: number }> {
  const [{ n: communities }] = await db.query(`SELECT count(*)::int AS n FROM community WHERE removed_on IS NULL`);
  const [{ n: districts }] = await db.query(
    `SELECT count(DISTINCT district_id)::int AS n FROM community WHERE removed_on IS NULL`,
  );
  const perDistrict = Math.ceil((rows - communities) / districts);
  await db.query(`INSERT INTO reporting_period (month, opens_at, deadline_at) VALUES ($1, $2, $3)`, [
    MONTH,
    `${MONTH}-01T00:00:00+08:00`,
    `${MONTH}-25T23:59:59+08:00`,
  ]);
  const [{ id: office }] = await db.query(`SELECT id FROM app_user WHERE username = 'office'`);
  const districtRows: { id: number; communities: number }[] = await db.query(
    `SELECT d.id, count(c.id)::int AS communities FROM district d JOIN community c ON c.district_id = d.id AND c.removed_on IS NULL
      GROUP BY d.id ORDER BY d.id`,
  );
  let facilities = 0;
  for (const [index, district] of districtRows.entries()) {
    const facilityRows = Math.max(0, Math.min(perDistrict, rows - communities - facilities));
    facilities += facilityRows;
    const [{ id: reportId }] = await db.query(
      `INSERT INTO district_report (period_id, district_id, state, version_count, first_submitted_at, last_submitted_at)
       SELECT id, $2, 'submitted', 1, now(), now() FROM reporting_period WHERE month = $1 RETURNING id`,
      [MONTH, district.id],
    );
    const content = Buffer.from(`bench upload ${index}`);
    const [{ id: uploadId }] = await db.query(
      `INSERT INTO report_upload (report_id, uploaded_by, file_name, size_bytes, sha256, content, status)
       VALUES ($1, $2, 'bench.xlsx', $3, encode(sha256($4), 'hex'), $4, 'accepted') RETURNING id`,
      [reportId, office, content.length, content],
    );
    const [{ id: versionId }] = await db.query(
      `INSERT INTO report_version (report_id, version_no, upload_id, template_version, submitted_at, submitted_by, on_time,
         state, community_row_count, facility_row_count)
       VALUES ($1, 1, $2, '2026.1', now(), $3, true, 'accepted', $4, $5) RETURNING id`,
      [reportId, uploadId, office, district.communities, facilityRows],
    );
    await db.query(`UPDATE report_upload SET version_id = $2 WHERE id = $1`, [uploadId, versionId]);
    await db.query(
      `UPDATE district_report SET state = 'accepted', accepted_version_id = $2, accepted_at = now() WHERE id = $1`,
      [reportId, versionId],
    );
    await db.query(
      `INSERT INTO report_community_row (version_id, row_no, community_id, resident_demand, parking_available,
         capacity_sufficient, capacity_solution_agreed, fire_safety_complete, eligible, ineligible_reason, pilot,
         nearby_facility_code, nearby_distance_m, remark)
       SELECT $1, 1 + row_number() OVER (ORDER BY c.code), c.id, c.id % 5 <> 0, c.id % 7 <> 0, c.id % 3 <> 0, c.id % 6 = 0,
              CASE WHEN c.id % 4 = 0 THEN c.id % 8 <> 0 END, c.id % 5 <> 0 AND c.id % 7 <> 0,
              CASE WHEN c.id % 5 = 0 OR c.id % 7 = 0 THEN '业主意愿不足或无可用公共车位' END, c.id % 11 = 0,
              CASE WHEN c.id % 13 = 0 THEN 'F530102-' || lpad((c.id % 999)::text, 6, '0') END,
              CASE WHEN c.id % 13 = 0 THEN 200 + c.id % 800 END,
              CASE WHEN c.id % 9 = 0 THEN '本月新增居民充电需求调查' END
         FROM community c WHERE c.district_id = $2 AND c.removed_on IS NULL`,
      [versionId, district.id],
    );
    await db.query(
      `WITH cs AS (SELECT array_agg(id ORDER BY code) AS ids FROM community WHERE district_id = $2 AND removed_on IS NULL),
            ops AS (SELECT array_agg(id ORDER BY id) AS ids FROM operator_enterprise),
            pcs AS (SELECT array_agg(id ORDER BY id) AS ids FROM property_company),
            n AS (SELECT g, DATE '2023-01-01' + g % 400 AS base FROM generate_series(1, $3::int) g)
       INSERT INTO report_facility_row (version_id, row_no, facility_code, community_id, name, usage, operator_id,
         property_company_id, ac_piles, dc_piles, total_kw, service_fee_yuan_per_kwh, platform_id, surveyed_on,
         agreement_on, grid_applied_on, grid_accepted_on, supply_plan_replied_on, construction_started_on,
         construction_completed_on, meter_installed_on, accepted_on, platform_connected_on, retired_on, retired_reason,
         remark)
       SELECT $1, 1 + g, 'F' || $4 || '-' || lpad(g::text, 6, '0'), cs.ids[1 + g % array_length(cs.ids, 1)],
              (ARRAY['翠湖','莲华','圆通','篆塘','大观','潘家湾','西坝','黑林铺'])[1 + g % 8] || '小区公用充电站' || g || '号',
              CASE WHEN g % 4 = 0 THEN 'self_use' ELSE 'public' END, ops.ids[1 + g % array_length(ops.ids, 1)],
              pcs.ids[1 + g % array_length(pcs.ids, 1)], g % 12, g % 3, ((g % 12) * 7 + (g % 3) * 60 + (g % 1000) / 1000.0),
              0.4 + (g % 100) / 1000.0, 'KMP' || $4 || lpad(g::text, 8, '0'), base, base + 5, base + 9, base + 10,
              base + 13, base + 20, base + 50, base + 52, CASE WHEN g % 3 <> 0 THEN base + 60 END,
              CASE WHEN g % 3 <> 0 AND g % 2 = 0 THEN base + 75 END, CASE WHEN g % 97 = 0 THEN base + 300 END,
              CASE WHEN g % 97 = 0 THEN '小区改造拆除' END, CASE WHEN g % 10 = 0 THEN '已与物业签订运营协议' END
         FROM n, cs, ops, pcs`,
      [versionId, district.id, facilityRows, String(100 + index)],
    );
  }
  await db.query('ANALYZE report_community_row');
  await db.query('ANALYZE report_facility_row');
  return { communities, facilities };
}

async function runChild(mode: 'product' | 'bare', url: string): Promise<RunResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, mode, url, MONTH], {
    maxBuffer: 1024 * 1024,
    timeout: 600_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
}

async function main(): Promise<void> {
  if (!existsSync(BUILT))
    throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm run bench:raw-export)`);
  // BENCH_DATABASE_URL: a database kept by an earlier run (BENCH_KEEP=1) of the same month, used as it is.
  const kept = process.env.BENCH_DATABASE_URL;
  const scratch = kept
    ? { url: kept, drop: async () => undefined }
    : await createScratchDatabase(BASE_URL, 'evc_bench_export');
  const db = createDataSource(scratch.url, 4);
  try {
    await db.initialize();
    let made: { communities: number; facilities: number };
    if (kept) {
      [made] = await db.query(
        `SELECT sum(v.community_row_count)::int AS communities, sum(v.facility_row_count)::int AS facilities
           FROM district_report r JOIN reporting_period p ON p.id = r.period_id JOIN report_version v ON v.id = r.accepted_version_id
          WHERE p.month = $1`,
        [MONTH],
      );
    } else {
      await db.runMigrations({ transaction: 'each' });
      await seedDemo(db, { asOf: `${MONTH}-01` });
      made = await acceptedVersions(db, ROWS);
    }
    const [{ server_version: pgVersion }] = await db.query(`SHOW server_version`);
    await db.destroy();

    const results: RunResult[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      // Interleaved, bare first; run 0 is the warm-up pair (page cache, PostgreSQL buffers).
      const pair = [await runChild('bare', scratch.url), await runChild('product', scratch.url)];
      if (run > 0) results.push(...pair);
      process.stdout.write(
        `  run ${run}${run === 0 ? '（预热）' : ''}: bare ${secs(pair[0].ms)}, product ${secs(pair[1].ms)}\n`,
      );
    }
    const of = (mode: RunResult['mode']) => results.filter((r) => r.mode === mode);
    const bare = of('bare');
    const product = of('product');
    const bareMs = median(bare.map((r) => r.ms));
    const productMs = median(product.map((r) => r.ms));
    const ratios = product.map((r, i) => r.ms / bare[i].ms);
    const productHwm = Math.max(...product.map((r) => r.vmHwmBytes));
    const bareHwm = Math.max(...bare.map((r) => r.vmHwmBytes));
    const lines = [
      `原始数据导出基准：${made.communities} 个社区行 + ${made.facilities} 个设施行 = ${made.communities + made.facilities} 行，` +
        `两条路径交替运行，预热 1 对后各 ${RUNS} 次取中位数，每次一个子进程（Node ${process.version}，PostgreSQL ${pgVersion}，${cpus().length} 核）`,
      `${secs(productMs)}  (a) 产品路径：申请导出 → DataExport 任务 → 分页读取 → 政府表格式写出 → 分块存入 PostgreSQL（文件 ${mib(product[0].bytes)} MB）`,
      `${secs(bareMs)}  (b) 基线：exceljs WorkbookWriter 无样式写出同样的行到文件（行已预先载入内存，不计时；文件 ${mib(bare[0].bytes)} MB）`,
      `  比值 (a)/(b) = ${(productMs / bareMs).toFixed(2)}（目标 ≤ 1.5，${productMs / bareMs <= 1.5 ? '达到' : '未达到'}）；` +
        `各对（相邻两次）比值 ${ratios.map((r) => r.toFixed(2)).join('、')}，中位数 ${median(ratios).toFixed(2)}`,
      `  峰值 RSS（子进程 VmHWM，各次最大）：(a) ${mib(productHwm)} MB（目标 ≤ 300 MB，${productHwm <= 300 * 1024 * 1024 ? '达到' : '未达到'}），` +
        `(b) ${mib(bareHwm)} MB（其中载入行后、写出前 ${mib(Math.max(...bare.map((r) => r.rssBeforeBytes)))} MB）`,
      `  采样峰值 RSS（计时期间，5 ms 一次）：(a) ${mib(Math.max(...product.map((r) => r.sampledPeakBytes)))} MB，` +
        `(b) ${mib(Math.max(...bare.map((r) => r.sampledPeakBytes)))} MB；(a) 启动后、申请前 ${mib(Math.max(...product.map((r) => r.rssBeforeBytes)))} MB`,
      `  导出行数：(a) ${product[0].rows}，(b) ${bare[0].rows}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (db.isInitialized) await db.destroy();
    // BENCH_KEEP=1 keeps the database for profiling a child by hand (node --cpu-prof bench/raw-export.child.cjs …).
    if (process.env.BENCH_KEEP === '1') process.stdout.write(`kept ${scratch.url}\n`);
    else await scratch.drop();
  }
}

// Run by jest (see the header) or by node after compilation.
if (typeof it === 'function') {
  it('raw export benchmark', main, 3_600_000);
} else {
  void main();
}
