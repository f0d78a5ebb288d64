/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * One measured run of bench/raw-export.bench.ts, in a process of its own so its peak RSS (VmHWM) is its own.
 *   node bench/raw-export.child.cjs product|bare DATABASE_URL MONTH
 * Prints one JSON line: { mode, ms, rows, bytes, vmHwmBytes, sampledPeakBytes, rssBeforeBytes }.
 * `product` runs the real path from the build (npm run build first): ExportService.request() → the DataExport job on
 * the in-process queue → keyset pages → GovernmentWorkbook → chunks in PostgreSQL. `bare` loads the same rows first
 * (not timed), then times exceljs's WorkbookWriter writing them to a file with no styles.
 */
const { readFileSync, mkdtempSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const [mode, databaseUrl, month] = process.argv.slice(2);
const dist = (path) => join(__dirname, '..', 'dist', path);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const vmHwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;

function sampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}

async function product() {
  const { Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  const { ClockModule, JobQueue, JobsModule, QueueName } = require(dist('libs/core/src/index.js'));
  const { createDataSource, DatabaseModule } = require(dist('libs/database/src/index.js'));
  const { AuditModule } = require(dist('libs/auth/src/index.js'));
  const { ExportKind, ExportService, ExportsModule, exportJobId } = require(dist('libs/exports/src/index.js'));
  const dataSource = createDataSource(databaseUrl, 4);
  await dataSource.initialize();
  class BenchModule {}
  Module({
    imports: [
      DatabaseModule.forConnection({ dataSource, freshEmbedded: false, close: async () => undefined }),
      JobsModule.forRoot({ prefix: 'bench' }),
      ClockModule,
      AuditModule,
      ExportsModule,
    ],
  })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const [office] = await dataSource.query(
    `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId" FROM app_user WHERE username = 'office'`,
  );
  const exports = app.get(ExportService);
  const jobs = app.get(JobQueue);
  const rssBefore = process.memoryUsage.rss();
  const stop = sampler();
  const started = now();
  const view = await exports.request(office, ExportKind.RawData, { month });
  const result = await jobs.waitFor(QueueName.DataExport, exportJobId(view.id), 600_000);
  const ms = now() - started;
  const sampledPeak = stop();
  if (result.status !== 'done') throw new Error(`export ${view.id} ended ${result.status}`);
  await app.close();
  return { ms, rows: result.rows, bytes: result.bytes, sampledPeakBytes: sampledPeak, rssBeforeBytes: rssBefore };
}

async function bare() {
  const ExcelJS = require('exceljs');
  const { Client } = require('pg');
  const { RAW_COMMUNITY_COLUMNS, RAW_FACILITY_COLUMNS, RAW_COMMUNITY_SELECT, RAW_FACILITY_SELECT } = require(
    dist('libs/exports/src/index.js'),
  );
  // The same rows, columns and joins as the product's pages, in one query each (all in memory).
  const versions = `SELECT r.accepted_version_id FROM district_report r JOIN reporting_period p ON p.id = r.period_id
    WHERE p.month = $1 AND r.accepted_version_id IS NOT NULL`;
  const COMMUNITY_ROWS_SQL = `SELECT ${RAW_COMMUNITY_SELECT} FROM report_community_row r JOIN community c ON c.id = r.community_id
    WHERE r.version_id IN (${versions}) ORDER BY r.version_id, r.id`;
  const FACILITY_ROWS_SQL = `SELECT ${RAW_FACILITY_SELECT} FROM report_facility_row r JOIN community c ON c.id = r.community_id
    LEFT JOIN operator_enterprise o ON o.id = r.operator_id LEFT JOIN property_company pc ON pc.id = r.property_company_id
    WHERE r.version_id IN (${versions}) ORDER BY r.version_id, r.id`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const communities = (await client.query(COMMUNITY_ROWS_SQL, [month])).rows;
  const facilities = (await client.query(FACILITY_ROWS_SQL, [month])).rows;
  await client.end();
  const dir = mkdtempSync(join(tmpdir(), 'evc-bare-'));
  const filename = join(dir, 'bare.xlsx');
  const rssBefore = process.memoryUsage.rss();
  const stop = sampler();
  const started = now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename });
  for (const [name, columns, rows] of [
    ['社区', RAW_COMMUNITY_COLUMNS, communities],
    ['充电设施', RAW_FACILITY_COLUMNS, facilities],
  ]) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(columns.map((c) => c.header)).commit();
    for (const row of rows) sheet.addRow(Object.values(row)).commit();
    sheet.commit();
  }
  await workbook.commit();
  const ms = now() - started;
  const sampledPeak = stop();
  const bytes = statSync(filename).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    ms,
    rows: communities.length + facilities.length,
    bytes,
    sampledPeakBytes: sampledPeak,
    rssBeforeBytes: rssBefore,
  };
}

(mode === 'product' ? product() : bare())
  .then((result) => {
    process.stdout.write(`${JSON.stringify({ mode, ...result, vmHwmBytes: vmHwm() })}\n`);
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
