import { Test, TestingModule } from '@nestjs/testing';
import {
  AppError,
  AppErrorKind,
  AuthenticatedUser,
  ClockModule,
  JobQueue,
  JobsModule,
  parseAppConfig,
  QueueName,
  shanghaiMonth,
} from '@app/core';
import { AuthModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { seedDemo } from '@app/demo';
import ExcelJS from 'exceljs';
import { COMMUNITY_COLUMNS, FACILITY_COLUMNS, ReportFileError, TEMPLATE_SHEETS } from '@app/excel';
import {
  MAX_STORED_ERRORS,
  previousMonth,
  ReportingModule,
  ReportQueryService,
  ReportTemplateService,
  ReportUploadService,
  UploadStatus,
} from '@app/reporting';
import { buildReportCorpus, CorpusFixture, mutate } from '../fixtures/generate-malformed-reports';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const MONTH = shanghaiMonth(new Date());

/** What a rejected file must leave as it was: the version, its rows, and the register it would change. */
const UNTOUCHED_TABLES = [
  'report_version',
  'report_community_row',
  'report_facility_row',
  'facility',
  'community',
  'community_eligibility',
  'nearby_coverage',
] as const;

/**
 * Issue 3: "a corpus of at least 30 malformed files … each with its exact expected errors and a check that no row
 * was written". The reader spec checks the exact errors of readReportWorkbook; this suite sends every malformed file
 * of the same corpus through the real path (ReportUploadService.receive → the in-process ReportIngest job → the
 * stored upload) on PostgreSQL. The files are made for a three-community sample register and the 2026-03 template, so
 * against the demo register the rules add their own errors (stale period, names, missing rows); the reader's must
 * all be among them, verbatim.
 */
describe('the malformed upload corpus through upload and ingest', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let uploads: ReportUploadService;
  let queries: ReportQueryService;
  let jobs: JobQueue;
  let clerk: AuthenticatedUser;
  let districtId: number;
  let corpus: CorpusFixture[];

  beforeAll(async () => {
    [db, corpus] = await Promise.all([createTestDatabase(), buildReportCorpus()]);
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    const config = parseAppConfig({ DATABASE_URL: db.url, JWT_SECRET: 'corpus-test-secret-0123456789-abcdefghijkl' });
    moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forConnection({ dataSource: db.dataSource, freshEmbedded: false, close: async () => undefined }),
        // No redisUrl: the ReportIngest processor runs in this process, so the suite can wait for each file.
        JobsModule.forRoot({ prefix: 'unused' }),
        ClockModule,
        AuthModule.forRoot(config),
        ReportingModule,
      ],
    }).compile();
    await moduleRef.init();
    uploads = moduleRef.get(ReportUploadService);
    queries = moduleRef.get(ReportQueryService);
    jobs = moduleRef.get(JobQueue);
    [clerk] = await db.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId"
         FROM app_user WHERE username = 'wuhua'`,
    );
    [{ id: districtId }] = await db.dataSource.query(`SELECT id FROM district WHERE code = '530102'`);
    expect(clerk.districtId).toBe(districtId);
  }, 120_000);

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await db.dataSource.query(
      `SELECT ${[...UNTOUCHED_TABLES, 'report_upload'].map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
    );
    return row;
  };

  // The valid variants are left out: made for the sample register, they cannot become a version of the demo's
  // 五华区, and having no reader errors they have nothing to look for among the stored ones.
  const malformed = () => corpus.filter((fixture) => fixture.errors.length > 0);

  it('has at least 30 malformed files, each with its expected errors', () => {
    expect(malformed().length).toBeGreaterThanOrEqual(30);
  });

  /**
   * The door (receive) may refuse what is not a usable .xlsx before storing it: then the message is the reader's
   * file-level one, or the door's own for an empty or oversized file (checked before the container is opened).
   */
  const DOOR_MESSAGES = ['上传的文件为空', '文件超过 20 MB 上限，请删除无关内容后重新上传'];

  interface Outcome {
    file: string;
    /** 'refused' at the door, or the upload's final status. */
    outcome: string;
    /** Expected reader errors not found verbatim among the stored ones (or the refusal's message). */
    missing: ReportFileError[];
    /** Tables whose row count changed. */
    written: Record<string, [number, number]>;
    /** Upload rows added: 1 for a file that reached the job (the stored original), 0 for one refused at the door. */
    stored: number;
  }

  it('rejects every malformed file with each of its exact errors, and writes no row', async () => {
    const outcomes: Outcome[] = [];
    for (const fixture of malformed()) {
      const before = await counts();
      let outcome: string;
      let stored: ReportFileError[];
      try {
        const receipt = await uploads.receive(clerk, districtId, MONTH, {
          originalName: fixture.file,
          bytes: fixture.buffer,
        });
        await jobs.waitFor(QueueName.ReportIngest, receipt.jobId, 30_000);
        const upload = await queries.upload(clerk, receipt.uploadId);
        outcome = upload.status;
        stored = (upload.errors ?? []) as ReportFileError[];
        expect(upload.errorCount).toBe(stored.length);
      } catch (error) {
        if (!(error instanceof AppError) || error.kind !== AppErrorKind.Validation) throw error;
        outcome = 'refused';
        const fileLevel = fixture.errors.every((e) => e.sheet === '' && e.row === null);
        stored =
          fileLevel && DOOR_MESSAGES.includes(error.message)
            ? fixture.errors
            : [{ sheet: '', row: null, column: null, value: null, message: error.message }];
      }
      const after = await counts();
      outcomes.push({
        file: fixture.file,
        outcome,
        missing: fixture.errors.filter((want) => !stored.some((got) => sameError(got, want))),
        written: Object.fromEntries(
          UNTOUCHED_TABLES.filter((t) => after[t] !== before[t]).map((t) => [t, [before[t], after[t]]]),
        ),
        stored: after.report_upload - before.report_upload,
      });
    }

    expect(outcomes.filter((o) => !['refused', UploadStatus.Rejected].includes(o.outcome))).toEqual([]);
    expect(outcomes.filter((o) => o.missing.length > 0)).toEqual([]);
    expect(outcomes.filter((o) => Object.keys(o.written).length > 0)).toEqual([]);
    expect(outcomes.filter((o) => o.stored !== (o.outcome === 'refused' ? 0 : 1))).toEqual([]);
    const [report] = await db.dataSource.query(
      `SELECT r.state, r.version_count AS "versionCount" FROM district_report r
         JOIN reporting_period p ON p.id = r.period_id WHERE p.month = $1 AND r.district_id = $2`,
      [MONTH, districtId],
    );
    expect(report).toEqual({ state: 'not_submitted', versionCount: 0 });
  }, 90_000);

  /**
   * The register-level cases of the corpus: files made from 五华区's real template of this month, each broken in one
   * way only the rules against the register can see. Each must be rejected with its message at its cell, and write
   * nothing.
   */
  it('rejects what only the register can refuse: foreign and unknown rows, falling figures, deleted rows, a stale template', async () => {
    const templates = moduleRef.get(ReportTemplateService);
    const { content: template } = await templates.build(clerk, districtId, MONTH);
    const { content: stale } = await templates.build(clerk, districtId, previousMonth(MONTH));
    const col = (columns: readonly { key: string }[], key: string) => columns.findIndex((c) => c.key === key) + 1;
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(template as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
    const facilitySheet = read.getWorksheet(TEMPLATE_SHEETS.facilities)!;
    const communitySheet = read.getWorksheet(TEMPLATE_SHEETS.communities)!;
    // The first facility row with AC piles, so that one fewer is a fall, and its registered figures.
    let pileRow = 2;
    while (Number(facilitySheet.getRow(pileRow).getCell(col(FACILITY_COLUMNS, 'acPiles')).value) < 1) pileRow++;
    const pileFacility = String(facilitySheet.getRow(pileRow).getCell(col(FACILITY_COLUMNS, 'facilityCode')).value);
    const [registered] = await db.dataSource.query(`SELECT ac_piles AS "acPiles" FROM facility WHERE code = $1`, [
      pileFacility,
    ]);
    const lastCommunityRow = communitySheet.actualRowCount;
    const lastCommunity = communitySheet.getRow(lastCommunityRow);
    const lastCommunityName = String(lastCommunity.getCell(col(COMMUNITY_COLUMNS, 'communityName')).value);
    const lastFacilityRow = facilitySheet.actualRowCount;
    const lastFacilityCode = String(
      facilitySheet.getRow(lastFacilityRow).getCell(col(FACILITY_COLUMNS, 'facilityCode')).value,
    );
    const [foreignCommunity] = await db.dataSource.query(
      `SELECT c.code FROM community c JOIN district d ON d.id = c.district_id WHERE d.name = '盘龙区' ORDER BY c.code LIMIT 1`,
    );
    const [foreignFacility] = await db.dataSource.query(
      `SELECT f.code FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
        WHERE d.name = '盘龙区' ORDER BY f.code LIMIT 1`,
    );
    const cell =
      (sheet: string, row: number, columns: readonly { key: string }[], key: string, value: ExcelJS.CellValue) =>
      (workbook: ExcelJS.Workbook) => {
        workbook.getWorksheet(sheet)!.getRow(row).getCell(col(columns, key)).value = value;
      };
    const C = TEMPLATE_SHEETS.communities;
    const F = TEMPLATE_SHEETS.facilities;
    const cases: { title: string; file: Promise<Buffer>; expect: RegExp }[] = [
      {
        title: 'a cumulative figure falls without a remark',
        file: mutate(template, cell(F, pileRow, FACILITY_COLUMNS, 'acPiles', registered.acPiles - 1)),
        expect: new RegExp(
          `^充电设施\\|${pileRow}\\|交流桩\\(个\\)\\|交流桩数少于上期审核通过的 ${registered.acPiles} 个，须在备注中说明原因$`,
        ),
      },
      {
        title: 'another district’s community',
        file: mutate(template, cell(C, 2, COMMUNITY_COLUMNS, 'communityCode', foreignCommunity.code)),
        expect: /^社区\|2\|社区编码\|该社区属于「盘龙区」，不能在「五华区」的报表中填报$/,
      },
      {
        title: 'an unknown community',
        file: mutate(template, cell(C, 2, COMMUNITY_COLUMNS, 'communityCode', 'C530102-9999')),
        expect: /^社区\|2\|社区编码\|社区编码不存在，请勿修改锁定的编码列/,
      },
      {
        title: 'another district’s facility',
        file: mutate(template, cell(F, 2, FACILITY_COLUMNS, 'facilityCode', foreignFacility.code)),
        expect: /^充电设施\|2\|设施编码\|该设施属于「盘龙区」，不能在「五华区」的报表中填报$/,
      },
      {
        title: 'an unknown facility code',
        file: mutate(template, cell(F, 2, FACILITY_COLUMNS, 'facilityCode', 'F530102-999999')),
        expect: /^充电设施\|2\|设施编码\|设施编码不存在；新增设施请将设施编码留空$/,
      },
      {
        title: 'a registered community’s row deleted',
        file: mutate(template, (workbook) => workbook.getWorksheet(C)!.spliceRows(lastCommunityRow, 1)),
        expect: new RegExp(`缺少社区「${lastCommunityName}」的填报行：模板中的社区行不能删除$`),
      },
      {
        title: 'a registered facility’s row deleted',
        file: mutate(template, (workbook) => workbook.getWorksheet(F)!.spliceRows(lastFacilityRow, 1)),
        expect: new RegExp(`设施 ${lastFacilityCode} 未出现在本次报表中`),
      },
      {
        title: 'last month’s template',
        file: Promise.resolve(stale),
        expect: new RegExp(`该模板为 ${previousMonth(MONTH)} 月份的模板，本次报送的是 ${MONTH} 月份，请下载当期模板$`),
      },
    ];
    const results: { title: string; status: string; matched: boolean; written: string[] }[] = [];
    for (const testCase of cases) {
      const before = await counts();
      const receipt = await uploads.receive(clerk, districtId, MONTH, {
        originalName: `${testCase.title}.xlsx`,
        bytes: await testCase.file,
      });
      await jobs.waitFor(QueueName.ReportIngest, receipt.jobId, 30_000);
      const upload = await queries.upload(clerk, receipt.uploadId);
      const errors = (upload.errors ?? []) as ReportFileError[];
      const after = await counts();
      results.push({
        title: testCase.title,
        status: upload.status,
        matched: errors.some((e) => testCase.expect.test(`${e.sheet}|${e.row}|${e.column}|${e.message}`)),
        written: UNTOUCHED_TABLES.filter((t) => after[t] !== before[t]),
      });
    }
    expect(results).toEqual(
      cases.map((c) => ({ title: c.title, status: UploadStatus.Rejected, matched: true, written: [] })),
    );
  }, 90_000);

  /**
   * A file with more errors than an upload keeps: the count stays exact, the list holds the first MAX_STORED_ERRORS
   * in sheet and row order (what the error table shows, with a note that it is cut), and nothing is written.
   */
  it('keeps the exact count and the first errors of a file with thousands of bad cells', async () => {
    const templates = moduleRef.get(ReportTemplateService);
    const { content: template } = await templates.build(clerk, districtId, MONTH);
    const acPiles = FACILITY_COLUMNS.findIndex((c) => c.key === 'acPiles') + 1;
    const dcPiles = FACILITY_COLUMNS.findIndex((c) => c.key === 'dcPiles') + 1;
    const file = await mutate(template, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      const start = sheet.actualRowCount + 1;
      // Each new row: text in two number cells, and no community, type or name — several errors per row.
      for (let row = start; row < start + 2_000; row++) {
        sheet.getRow(row).getCell(acPiles).value = '十个';
        sheet.getRow(row).getCell(dcPiles).value = '若干';
      }
    });
    const before = await counts();
    const receipt = await uploads.receive(clerk, districtId, MONTH, { originalName: '大量错误.xlsx', bytes: file });
    await jobs.waitFor(QueueName.ReportIngest, receipt.jobId, 60_000);
    const upload = await queries.upload(clerk, receipt.uploadId);
    const errors = (upload.errors ?? []) as ReportFileError[];
    const after = await counts();

    expect(upload.status).toBe(UploadStatus.Rejected);
    expect(upload.errorCount).toBeGreaterThan(MAX_STORED_ERRORS);
    expect(errors).toHaveLength(MAX_STORED_ERRORS);
    // The kept ones are the first: never a later row before an earlier one of the same sheet.
    const order = ['', TEMPLATE_SHEETS.meta, TEMPLATE_SHEETS.communities, TEMPLATE_SHEETS.facilities];
    for (let i = 1; i < errors.length; i++) {
      const [a, b] = [errors[i - 1], errors[i]];
      const sheetOrder = order.indexOf(a.sheet) - order.indexOf(b.sheet);
      expect(sheetOrder < 0 || (sheetOrder === 0 && (a.row ?? 0) <= (b.row ?? 0))).toBe(true);
    }
    expect(errors.some((e) => e.value === '十个' && /数字|整数/.test(e.message))).toBe(true);
    expect(UNTOUCHED_TABLES.filter((t) => after[t] !== before[t])).toEqual([]);
  }, 120_000);
});

/** Exactly the same location, shown value and message; JSON storage keeps null as null. */
function sameError(got: ReportFileError, want: ReportFileError): boolean {
  return (
    got.sheet === want.sheet &&
    got.row === want.row &&
    got.column === want.column &&
    got.value === want.value &&
    got.message === want.message
  );
}
