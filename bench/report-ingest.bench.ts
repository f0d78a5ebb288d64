/**
 * Issue 3's speed figure: a 3,000-row district file (3,000 communities + 3,000 facilities) from upload to a new
 * version, against this machine's bare exceljs streaming read of the same file plus one bulk insert of the same rows,
 * in one run. Goal: ratio ≤ 1.5. Prints both medians, the ratio, peak RSS and where the product path's time goes.
 * Asserts nothing about the figures (a benchmark, not a timed test).
 *
 * Needs PostgreSQL only (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): it creates a scratch
 * database, migrates it, seeds the Kunming demo and grows 五华区 to the size asked, and drops it at the end. No Redis:
 * the ReportIngest processor runs on the in-process JobQueue, so the time measured is the work, not BullMQ's polling.
 *
 *   npx jest --selectProjects unit --testMatch '<rootDir>/bench/report-ingest.bench.ts' --verbose=false
 *
 * BENCH_ROWS (3000) sets the district's communities and facilities; BENCH_RUNS (7) the timed runs of each path,
 * after one warm-up; the median is printed.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { cpus } from 'node:os';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import {
  AuthenticatedUser,
  ClockModule,
  JobQueue,
  JobsModule,
  parseAppConfig,
  QueueName,
  shanghaiMonth,
} from '@app/core';
import { AuthModule } from '@app/auth';
import { createDataSource, createScratchDatabase, DatabaseModule } from '@app/database';
import { seedDemo } from '@app/demo';
import {
  ColumnKind,
  COMMUNITY_COLUMNS,
  FACILITY_COLUMNS,
  inspectWorkbookContainer,
  readReportWorkbook,
  TEMPLATE_SHEETS,
} from '@app/excel';
import {
  applyReportRules,
  lastDayOfMonth,
  ReportIngestProcessor,
  ReportIngestResult,
  ReportingModule,
  ReportTemplateService,
  ReportUploadService,
  UploadStatus,
} from '@app/reporting';
import { ReportContextRepository } from '../libs/reporting/src/ingest/report-context.repository.js';
import { parseReportFile, REPORT_SHEET_LABELS } from '../libs/reporting/src/ingest/report-file.parser.js';
import { insertRows } from '../libs/reporting/src/ingest/row-insert.js';
import { streamWorksheets } from '../libs/excel/src/streamed-worksheets.js';
import { isWorkbookXmlPart, readWorkbookManifest } from '../libs/excel/src/workbook-manifest.js';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MONTH = shanghaiMonth(new Date());
const DISTRICT_CODE = '530102';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/**
 * The highest RSS from now until stop(), sampled whenever the event loop is free (every millisecond at most). A
 * synchronous stretch such as exceljs parsing is not sampled inside, but what it allocated is still resident after.
 */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 1);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** One warm-up, then the median of RUNS measurements, each the milliseconds `measure` returns. */
async function medianOf(measure: () => Promise<number>): Promise<number> {
  await measure();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await measure());
  return median(times);
}

const timeMedian = (work: () => Promise<unknown>) =>
  medianOf(async () => {
    const started = now();
    await work();
    return now() - started;
  });

// ---------------------------------------------------------------------------------------------------------------
// the district

/**
 * Grows the demo's 五华区 to `rows` communities in the register (each with its eligibility facts) and `rows`
 * facilities in the template, with every column a template carries filled and every stage date in order.
 */
async function growDistrict(db: DataSource, rows: number): Promise<{ districtId: number }> {
  const [district] = await db.query(`SELECT id FROM district WHERE code = $1`, [DISTRICT_CODE]);
  const periodEnd = lastDayOfMonth(MONTH);
  const [{ count: communities, last: lastCommunity }] = await db.query(
    `SELECT count(*) FILTER (WHERE registered_on <= $2 AND (removed_on IS NULL OR removed_on > $2))::int AS count,
            max(substring(code from '(\\d+)$')::int) AS last
       FROM community WHERE district_id = $1`,
    [district.id, periodEnd],
  );
  await db.query(
    `WITH c AS (
       INSERT INTO community (code, name, district_id, garage_type, registered_on)
       SELECT $2 || lpad(g::text, 4, '0'),
              (ARRAY['翠湖','莲华','圆通','篆塘','大观','潘家湾','西坝','黑林铺','𠮷祥'])[1 + g % 9] || '第' || g || '期'
                || (ARRAY['小区','花园','名城','庭院','苑'])[1 + g % 5],
              $1, CASE WHEN g % 4 = 0 THEN 'underground' ELSE 'surface' END, DATE '2022-01-01'
         FROM generate_series($3::int, $4::int) g
       RETURNING id, garage_type, substring(code from '(\\d+)$')::int AS g
     ), facts AS (
       SELECT id, g % 5 <> 0 AS rd, g % 7 <> 0 AS pa, g % 3 <> 0 AS cs, g % 6 = 0 AS csa,
              garage_type = 'underground' AS fsr, CASE WHEN garage_type = 'underground' THEN g % 8 <> 0 END AS fsc
         FROM c
     )
     INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available,
       capacity_sufficient, capacity_solution_agreed, fire_safety_required, fire_safety_complete, eligible,
       ineligible_reason, source)
     SELECT id, DATE '2022-01-01', rd, pa, cs, csa, fsr, fsc, e, CASE WHEN NOT e THEN '业主意愿不足或建设条件不具备' END, 'seed'
       FROM (SELECT *, rd AND pa AND (cs OR csa) AND (NOT fsr OR COALESCE(fsc, false)) AS e FROM facts) x`,
    [district.id, `C${DISTRICT_CODE}-`, lastCommunity + 1, lastCommunity + rows - communities],
  );

  const [{ count: facilities, last: lastFacility }] = await db.query(
    `SELECT count(*) FILTER (WHERE f.retired_on IS NULL OR f.retired_on >= $2)::int AS count,
            max(substring(f.code from '(\\d+)$')::int) AS last
       FROM facility f JOIN community c ON c.id = f.community_id WHERE c.district_id = $1`,
    [district.id, `${MONTH}-01`],
  );
  await db.query(
    `WITH cs AS (
       SELECT id, name, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total
         FROM community WHERE district_id = $1 AND removed_on IS NULL
     ), ops AS (
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total
         FROM operator_enterprise WHERE status = 'listed'
     ), pcs AS (
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM property_company
     ), n AS (
       SELECT g, DATE '2023-01-01' + g % 400 AS base, g % 4 = 0 AS self_use, g % 3 <> 0 AS accepted
         FROM generate_series($3::int, $4::int) g
     )
     INSERT INTO facility (code, name, community_id, usage, operator_id, property_company_id, ac_piles, dc_piles,
       total_kw, service_fee_yuan_per_kwh, platform_id, surveyed_on, agreement_on, grid_applied_on, grid_accepted_on,
       supply_plan_replied_on, construction_started_on, construction_completed_on, meter_installed_on, accepted_on,
       platform_connected_on)
     SELECT $2 || lpad(n.g::text, 6, '0'), cs.name || '充电站', cs.id,
            CASE WHEN n.self_use THEN 'self_use' ELSE 'public' END,
            CASE WHEN n.self_use THEN NULL ELSE ops.id END, pcs.id,
            n.g % 12 + 1, n.g % 5, (n.g % 12 + 1) * 7 + (n.g % 5) * 60 + (n.g % 1000) / 1000.0,
            CASE WHEN n.self_use THEN NULL ELSE 0.4 + (n.g % 60) / 100.0 END,
            CASE WHEN n.accepted THEN 'KMBENCH' || lpad(n.g::text, 6, '0') END,
            n.base, n.base + 10, n.base + 20, n.base + 21, n.base + 24, n.base + 30, n.base + 60, n.base + 62,
            CASE WHEN n.accepted THEN n.base + 75 END, CASE WHEN n.accepted THEN n.base + 90 END
       FROM n JOIN cs ON cs.k = n.g % cs.total JOIN ops ON ops.k = n.g % ops.total JOIN pcs ON pcs.k = n.g % pcs.total`,
    [district.id, `F${DISTRICT_CODE}-`, lastFacility + 1, lastFacility + rows - facilities],
  );
  return { districtId: district.id };
}

/**
 * The downloaded template filled as a clerk does it in Excel: one more AC pile at every tenth facility. exceljs keeps
 * the dropdowns (it writes them back as ranges, as Excel does).
 */
async function fillAsClerk(template: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
  const ac = FACILITY_COLUMNS.findIndex((column) => column.key === 'acPiles') + 1;
  for (let row = 2; row <= sheet.rowCount; row += 1) {
    const cell = sheet.getRow(row).getCell(ac);
    if (typeof cell.value === 'number' && row % 10 === 0) cell.value += 1;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The same workbook with a different zip comment: other bytes, so each run is a new upload rather than a repeat
 * recognised by checksum, and exactly the same work for every run.
 */
function withZipComment(zip: Buffer, comment: string): Buffer {
  const EOCD = 0x06054b50;
  let at = zip.length - 22;
  while (at >= 0 && zip.readUInt32LE(at) !== EOCD) at -= 1;
  if (at < 0) throw new Error('not a zip file');
  const text = Buffer.from(comment, 'utf8');
  const head = Buffer.from(zip.subarray(0, at + 22));
  head.writeUInt16LE(text.length, at + 20);
  return Buffer.concat([head, text]);
}

// ---------------------------------------------------------------------------------------------------------------
// the baseline

type CellText = string | null;

/**
 * exceljs's streaming reader over both data sheets, every cell's value kept as text. Counts the cells holding U+FFFD,
 * the mark of exceljs #2063 (a UTF-8 character split across two inflated chunks).
 */
async function streamDataSheets(
  buffer: Buffer,
): Promise<{ communities: CellText[][]; facilities: CellText[][]; cells: number; garbled: string[] }> {
  const input = new PassThrough();
  input.end(buffer);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  const out = { communities: [] as CellText[][], facilities: [] as CellText[][], cells: 0, garbled: [] as string[] };
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    const rows =
      name === TEMPLATE_SHEETS.communities
        ? out.communities
        : name === TEMPLATE_SHEETS.facilities
          ? out.facilities
          : null;
    for await (const row of sheet) {
      if (!rows) continue;
      const values: CellText[] = [];
      (row as ExcelJS.Row).eachCell((cell, column) => {
        out.cells += 1;
        const text = cellText(cell.value);
        if (text?.includes('\uFFFD')) out.garbled.push(`${name}!${cell.address} ${text}`);
        values[column - 1] = text;
      });
      if ((row as ExcelJS.Row).number > 1 && values.some((v) => v !== null && v !== undefined)) rows.push(values);
    }
  }
  return out;
}

function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return null;
  }
  return String(value);
}

const column = (columns: readonly { key: string }[], rows: CellText[][], key: string) => {
  const index = columns.findIndex((c) => c.key === key);
  return rows.map((row) => row[index] ?? null);
};

/**
 * One statement, one round trip: both sheets' rows into tables shaped like report_community_row and
 * report_facility_row (same columns, checks, indexes and community foreign key), codes resolved to ids by joins.
 */
async function bulkInsert(
  db: DataSource,
  versionId: number,
  communities: CellText[][],
  facilities: CellText[][],
): Promise<void> {
  const c = (key: string) => column(COMMUNITY_COLUMNS, communities, key);
  const f = (key: string) => column(FACILITY_COLUMNS, facilities, key);
  const stages = FACILITY_COLUMNS.filter((col) => col.kind === ColumnKind.Date).map((col) => col.key);
  const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  const communityKeys = COMMUNITY_COLUMNS.map((col) => col.key as string);
  const facilityKeys = FACILITY_COLUMNS.map((col) => col.key as string);
  const params: unknown[] = [
    versionId,
    communities.map((_, i) => i + 2),
    ...communityKeys.map(c),
    facilities.map((_, i) => i + 2),
    ...facilityKeys.map(f),
  ];
  const fromArrays = (first: number, keys: string[]) =>
    `unnest($${first}::int[], ${keys.map((_, i) => `$${first + 1 + i}::text[]`).join(', ')}) AS u(row_no, ${keys.map(snake).join(', ')})`;
  const yes = (key: string) => `(u.${snake(key)} = '是')`;
  await db.query(
    `WITH c AS (
       INSERT INTO bench_community_row (version_id, row_no, community_id, resident_demand, parking_available,
         capacity_sufficient, capacity_solution_agreed, fire_safety_complete, eligible, ineligible_reason, pilot,
         nearby_facility_code, nearby_distance_m, remark)
       SELECT $1, u.row_no, m.id, ${yes('residentDemand')}, ${yes('parkingAvailable')}, ${yes('capacitySufficient')},
              ${yes('capacitySolutionAgreed')}, ${yes('fireSafetyComplete')},
              ${yes('residentDemand')} AND ${yes('parkingAvailable')} AND (${yes('capacitySufficient')} OR ${yes('capacitySolutionAgreed')})
                AND (m.garage_type NOT IN ('underground', 'semi_underground', 'high_rise', 'mixed') OR COALESCE(${yes('fireSafetyComplete')}, false)),
              u.ineligible_reason, COALESCE(${yes('pilot')}, false), u.nearby_facility_code, u.nearby_distance_m::int, u.remark
         FROM ${fromArrays(2, communityKeys)} JOIN community m ON m.code = u.community_code
       RETURNING 1
     )
     INSERT INTO bench_facility_row (version_id, row_no, facility_code, community_id, name, usage, operator_id,
       property_company_id, ac_piles, dc_piles, total_kw, service_fee_yuan_per_kwh, platform_id,
       ${stages.map(snake).join(', ')}, retired_reason, remark)
     SELECT $1, u.row_no, u.facility_code, m.id, u.name, CASE u.usage WHEN '自用' THEN 'self_use' ELSE 'public' END, o.id,
            p.id, u.ac_piles::int, u.dc_piles::int, u.total_kw::numeric, u.service_fee_yuan_per_kwh::numeric, u.platform_id,
            ${stages.map((key) => `u.${snake(key)}::date`).join(', ')}, u.retired_reason, u.remark
       FROM ${fromArrays(3 + communityKeys.length, facilityKeys)}
       JOIN community m ON m.code = u.community_code
       LEFT JOIN operator_enterprise o ON o.credit_code = substring(u.operator_credit_code from '([0-9A-Z]{18})）?$')
       LEFT JOIN property_company p ON p.name = u.property_company_name`,
    params,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// the product path, with marks

interface Marks {
  processStart?: number;
  processEnd?: number;
  contextStart?: number;
  contextEnd?: number;
  writeStart?: number;
  writeEnd?: number;
}

/** Records when the processor, its context load and its write transaction run, by wrapping those instances. */
function instrument(processor: ReportIngestProcessor, contexts: ReportContextRepository, db: DataSource): Marks {
  const marks: Marks = {};
  const run = processor.process.bind(processor);
  processor.process = async (job) => {
    marks.processStart = now();
    try {
      return await run(job);
    } finally {
      marks.processEnd = now();
    }
  };
  const load = contexts.load.bind(contexts);
  contexts.load = async (...args: Parameters<ReportContextRepository['load']>) => {
    marks.contextStart = now();
    try {
      return await load(...args);
    } finally {
      marks.contextEnd = now();
    }
  };
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (...args) => {
    // receive() opens one too, before the job starts; the job's first is the write.
    const inJob = marks.processStart !== undefined && marks.processEnd === undefined && marks.writeStart === undefined;
    if (inJob) marks.writeStart = now();
    try {
      return await transaction(...args);
    } finally {
      if (inJob) marks.writeEnd = now();
    }
  };
  return marks;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(BASE_URL, 'evc_bench');
  const db = createDataSource(scratch.url, 10);
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    await seedDemo(db, { asOf: `${MONTH}-01` });
    const { districtId } = await growDistrict(db, ROWS);
    await db.query(`CREATE TABLE bench_community_row (LIKE report_community_row INCLUDING ALL)`);
    await db.query(`CREATE TABLE bench_facility_row (LIKE report_facility_row INCLUDING ALL)`);
    await db.query(`ALTER TABLE bench_community_row ADD FOREIGN KEY (community_id) REFERENCES community (id)`);
    await db.query(`ALTER TABLE bench_facility_row ADD FOREIGN KEY (community_id) REFERENCES community (id)`);

    const config = parseAppConfig({
      DATABASE_URL: scratch.url,
      JWT_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
    });
    @Module({
      imports: [
        DatabaseModule.forConnection({ dataSource: db, freshEmbedded: false, close: async () => undefined }),
        JobsModule.forRoot({ prefix: 'bench' }),
        ClockModule,
        AuthModule.forRoot(config),
        ReportingModule,
      ],
    })
    class BenchModule {}
    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
    const uploads = app.get(ReportUploadService);
    const jobs = app.get(JobQueue);
    const contexts = app.get(ReportContextRepository, { strict: false });
    const processor = app.get(ReportIngestProcessor, { strict: false });
    const [clerk]: AuthenticatedUser[] = await db.query(
      `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId" FROM app_user WHERE username = 'wuhua'`,
    );

    const template = await app.get(ReportTemplateService).build(clerk, districtId, MONTH);
    const file = await fillAsClerk(template.content);
    const files = Array.from({ length: RUNS + 1 }, (_, run) => withZipComment(file, `bench run ${run}`));
    const check = await readReportWorkbook(file);
    if (check.errors.length > 0 || check.communities.rows.length !== ROWS || check.facilities.rows.length !== ROWS) {
      throw new Error(
        `bench file is not a clean ${ROWS}-row file: ${check.communities.rows.length}/${check.facilities.rows.length} rows, ` +
          `errors ${JSON.stringify(check.errors.slice(0, 5))}`,
      );
    }
    const rssAfterSetup = process.resourceUsage().maxRSS * 1024;

    // (b) the baseline: one streaming read and one bulk insert.
    let streamed: Awaited<ReturnType<typeof streamDataSheets>> | undefined;
    const baselineRun = async (run: number) => {
      const started = now();
      streamed = await streamDataSheets(file);
      const read = now();
      await bulkInsert(db, run, streamed.communities, streamed.facilities);
      return { ms: now() - started, readMs: read - started, insertMs: now() - read };
    };

    // (a) the product path: upload, job, version; timed whole and at the marks.
    const marks = instrument(processor, contexts, db);
    const productRun = async (run: number) => {
      for (const key of Object.keys(marks) as (keyof Marks)[]) delete marks[key];
      const started = now();
      const receipt = await uploads.receive(clerk, districtId, MONTH, {
        originalName: template.fileName,
        bytes: files[run],
      });
      const received = now();
      const result = await jobs.waitFor<ReportIngestResult>(QueueName.ReportIngest, receipt.jobId, 600_000);
      const done = now();
      if (result.status !== UploadStatus.Accepted) {
        const [upload] = await db.query(`SELECT errors FROM report_upload WHERE id = $1`, [receipt.uploadId]);
        throw new Error(`upload ${run} was ${result.status}: ${JSON.stringify(upload.errors).slice(0, 800)}`);
      }
      const [rows] = await db.query(
        `SELECT (SELECT count(*) FROM report_community_row WHERE version_id = $1)::int AS communities,
                (SELECT count(*) FROM report_facility_row WHERE version_id = $1)::int AS facilities`,
        [result.versionId],
      );
      if (rows.communities !== ROWS || rows.facilities !== ROWS) {
        throw new Error(`version ${result.versionId} has ${JSON.stringify(rows)} rows`);
      }
      const m = marks as Required<Marks>;
      return {
        ms: done - started,
        phases: [
          ['receive()：校验、存原件与 SHA-256、审计、入队', received - started],
          ['入队到任务开始（负数：任务在 receive() 返回前已开始）', m.processStart - received],
          ['任务：读取上传并解析文件（容器检查 + exceljs 流式读取 + 单元格）', m.contextStart - m.processStart],
          ['任务：核对所需的登记数据查询', m.contextEnd - m.contextStart],
          ['任务：登记规则', m.writeStart - m.contextEnd],
          ['任务：写入新版本的事务', m.writeEnd - m.writeStart],
          ['任务：提交后（通知等）', m.processEnd - m.writeEnd],
          ['任务结束到 waitFor 返回', done - m.processEnd],
        ] as const,
      };
    };

    // Interleaved, alternating which goes first, so whatever else this machine does weighs on both alike.
    const baseline: { ms: number; readMs: number; insertMs: number }[] = [];
    const product: number[] = [];
    const ratios: number[] = [];
    const phases: Record<string, number[]> = {};
    let baselinePeakRss = 0;
    let productPeakRss = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      let b: Awaited<ReturnType<typeof baselineRun>> | undefined;
      let a: Awaited<ReturnType<typeof productRun>> | undefined;
      for (const which of run % 2 === 0 ? ['b', 'a'] : ['a', 'b']) {
        const sampler = rssSampler();
        if (which === 'b') b = await baselineRun(run);
        else a = await productRun(run);
        const peak = sampler.stop();
        if (which === 'b') baselinePeakRss = Math.max(baselinePeakRss, peak);
        else productPeakRss = Math.max(productPeakRss, peak);
      }
      if (run === 0) continue;
      baseline.push(b!);
      product.push(a!.ms);
      ratios.push(a!.ms / b!.ms);
      for (const [name, ms] of a!.phases) (phases[name] ??= []).push(ms);
    }
    const [inserted] = await db.query(
      `SELECT (SELECT count(*) FROM bench_community_row WHERE version_id = $1)::int AS communities,
              (SELECT count(*) FROM bench_facility_row WHERE version_id = $1)::int AS facilities`,
      [RUNS],
    );
    const rssAfterRuns = process.resourceUsage().maxRSS * 1024;

    // Where the parse and the write go, replayed step by step on the same file.
    // The reader's steps: the container check keeping the XML parts, then exceljs's streaming reader over the
    // three sheets it reads, every row built but no cell parsed.
    const keepPart = isWorkbookXmlPart;
    const inspect = await timeMedian(async () => inspectWorkbookContainer(file, {}, { keepPart }));
    const load = await timeMedian(async () => {
      const container = inspectWorkbookContainer(file, {}, { keepPart });
      if (!container.ok) throw new Error(container.message);
      const manifest = readWorkbookManifest(container.parts);
      const sheets = manifest.sheets.filter((sheet) => !sheet.name.startsWith('填报')).map((sheet) => sheet.part);
      for await (const worksheet of streamWorksheets(container.parts, manifest, sheets)) {
        for await (const row of worksheet) void row;
      }
    });
    const read = await timeMedian(() => readReportWorkbook(file));
    const parse = await timeMedian(() => parseReportFile(file));
    const [{ id: lastUploadId }] = await db.query(`SELECT id FROM report_upload ORDER BY received_at DESC LIMIT 1`);
    const fetchUpload = await timeMedian(() =>
      db.query(`SELECT content FROM report_upload WHERE id = $1`, [lastUploadId]),
    );
    const parsed = await parseReportFile(file);
    const [district] = await db.query(`SELECT id, code, name FROM district WHERE id = $1`, [districtId]);
    const mentioned = {
      communityCodes: [
        ...parsed.communities.map((r) => r.communityCode),
        ...parsed.facilities.map((r) => r.communityCode),
      ],
      facilityCodes: [
        ...parsed.facilities.flatMap((r) => (r.facilityCode ? [r.facilityCode] : [])),
        ...parsed.communities.flatMap((r) => (r.nearbyFacilityCode ? [r.nearbyFacilityCode] : [])),
      ],
      platformIds: parsed.facilities.flatMap((r) => (r.platformId ? [r.platformId] : [])),
    };
    const context = await contexts.load(district, MONTH, mentioned);
    const unread = {
      communityCodes: parsed.unparsed.communityCodes,
      facilityCodes: parsed.unparsed.facilityCodes,
      communitiesComplete: true,
      facilitiesComplete: true,
    };
    const rules = () =>
      applyReportRules(parsed.meta!, parsed.communities, parsed.facilities, context, REPORT_SHEET_LABELS, unread);
    const rulesMs = await timeMedian(async () => rules());
    const resolved = rules();
    const [last] = await db.query(
      `SELECT v.report_id AS "reportId", v.submitted_by AS "userId", v.template_version AS "templateVersion"
         FROM report_version v ORDER BY v.id DESC LIMIT 1`,
    );
    // The processor's two INSERT … unnest alone, into a throw-away version of a throw-away upload, rolled back.
    const insertOnly = await medianOf(async () => {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        const [upload] = await runner.query(
          `INSERT INTO report_upload (report_id, uploaded_by, file_name, size_bytes, sha256, content, status)
           VALUES ($1, $2, 'bench.xlsx', 1, md5(random()::text) || md5(random()::text), '\\x00', 'processing') RETURNING id`,
          [last.reportId, last.userId],
        );
        const [version] = await runner.query(
          `INSERT INTO report_version (report_id, version_no, upload_id, template_version, submitted_at, submitted_by, on_time,
             community_row_count, facility_row_count)
           VALUES ($1, 100000, $2, $3, now(), $4, true, $5, $5) RETURNING id`,
          [last.reportId, upload.id, last.templateVersion, last.userId, ROWS],
        );
        const started = now();
        await insertRows(runner.manager, version.id, resolved.communities, resolved.facilities);
        return now() - started;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
    const pgVersion = (await db.query('SHOW server_version'))[0].server_version.split(' ')[0];
    const productMs = median(product);
    const baselineMs = median(baseline.map((b) => b.ms));
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
    const streamedText = streamed!;
    const ratio = productMs / baselineMs;
    const lines = [
      `区县报表基准：${ROWS} 个社区 + ${ROWS} 个设施，文件 ${(file.length / 1024 / 1024).toFixed(2)} MB，` +
        `两条路径交替运行，预热 1 次后各 ${RUNS} 次取中位数（Node ${process.version}，PostgreSQL ${pgVersion}，${cpus().length} 核）`,
      `${fmt(productMs)}  (a) 产品路径：receive() → ReportIngest 任务（进程内队列）→ 新版本已写入 ${ROWS}+${ROWS} 行`,
      `${fmt(baselineMs)}  (b) 基线：exceljs 流式读取两张数据表的每个单元格 + 一条批量 INSERT 同样的行`,
      `${fmt(median(baseline.map((b) => b.readMs)))}      其中流式读取`,
      `${fmt(median(baseline.map((b) => b.insertMs)))}      其中批量 INSERT（${inserted.communities} + ${inserted.facilities} 行）`,
      `  比值 (a)/(b) = ${ratio.toFixed(2)}（目标 ≤ 1.5，${ratio <= 1.5 ? '达到' : '未达到'}）；` +
        `各次比值 ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}，中位数 ${median(ratios).toFixed(2)}`,
      `  峰值 RSS（采样）：(a) 运行期间 ${mib(productPeakRss)} MB，(b) 运行期间 ${mib(baselinePeakRss)} MB；` +
        `进程 maxRSS（含 jest 与准备）：准备后 ${mib(rssAfterSetup)} MB，两条路径跑完后 ${mib(rssAfterRuns)} MB`,
      `  流式读取的 ${streamedText.cells} 个单元格中有 ${streamedText.garbled.length} 个含 U+FFFD（exceljs #2063 乱码）` +
        (streamedText.garbled.length > 0 ? `：${streamedText.garbled.slice(0, 3).join('；')}` : ''),
      `产品路径分解（每次运行打点，中位数）：`,
      ...Object.entries(phases).map(([name, values]) => `${fmt(median(values))}  ${name}`),
      `解析与写入细分（同一文件逐步单独重放，中位数）：`,
      `${fmt(fetchUpload)}  读取上传原件 SELECT content`,
      `${fmt(parse)}  parseReportFile 整体`,
      `${fmt(inspect)}    容器检查 inspectWorkbookContainer`,
      `${fmt(load - inspect)}    exceljs 流式读取 _meta、社区、充电设施三张表的每一行（不解析单元格）`,
      `${fmt(read - load)}    逐行逐格解析与校验（readReportWorkbook 减去上两项）`,
      `${fmt(rulesMs)}  登记规则 applyReportRules`,
      `${fmt(insertOnly)}  两条 INSERT … unnest（insertRows，写入后回滚）`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app?.close();
    if (db.isInitialized) await db.destroy();
    await scratch.drop();
  }
}

// Run by jest (see the header) or by node after compilation.
if (typeof it === 'function') {
  it('report ingest benchmark', main, 900_000);
} else {
  void main();
}
