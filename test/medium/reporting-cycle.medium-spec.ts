import ExcelJS from 'exceljs';
import { COMMUNITY_COLUMNS, FACILITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { BullJobQueue, QueueName, shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { startWorker, WorkerProcess } from '../support/worker-process';
import { TEST_REDIS_URL } from '../support/test-env';
import { mutate } from '../fixtures/generate-malformed-reports';

const MONTH = shanghaiMonth(new Date());
const col = (columns: readonly { key: string }[], key: string) => columns.findIndex((c) => c.key === key) + 1;

/** The whole monthly path on real PostgreSQL, Redis and the real worker process (issue 3, tests). */
describe('the monthly reporting cycle, end to end', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let worker: WorkerProcess;
  let queue: BullJobQueue;
  let wuhua: { id: number; code: string };
  let panlongId: number;
  let clerk: string;
  let office: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    api = await startApi(db.url);
    worker = await startWorker({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: api.config.QUEUE_PREFIX,
    });
    queue = new BullJobQueue({ redisUrl: TEST_REDIS_URL, prefix: api.config.QUEUE_PREFIX });
    [wuhua] = await db.dataSource.query(`SELECT id, code FROM district WHERE name = '五华区'`);
    [{ id: panlongId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
    clerk = await api.login('wuhua', DEMO_PASSWORD);
    office = await api.login('office', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await queue?.onApplicationShutdown();
    await worker?.stop();
    await api?.close();
    await db?.drop();
  });

  async function download(districtId: number, token = clerk): Promise<{ status: number; bytes: Buffer }> {
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/template`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function upload(bytes: Buffer, districtId = wuhua.id, token = clerk): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), `五华区-${MONTH}.xlsx`);
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${districtId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  }

  async function settled(uploadId: string): Promise<any> {
    for (let i = 0; i < 300; i++) {
      const { body } = await api.request('GET', `/api/uploads/${uploadId}`, { token: clerk });
      if (['accepted', 'rejected'].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`upload ${uploadId} did not finish`);
  }

  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  let template: Buffer;
  let firstFacility: { code: string; acPiles: number };

  it('gives the district its pre-filled template and refuses another district’s', async () => {
    const own = await download(wuhua.id);
    expect(own.status).toBe(200);
    template = own.bytes;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
    const communities = workbook.getWorksheet(TEMPLATE_SHEETS.communities)!;
    const facilities = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
    const [{ count: communityCount }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM community WHERE district_id = $1 AND (removed_on IS NULL OR removed_on > now())`,
      [wuhua.id],
    );
    expect(communities.getCell(2, 1).value).toMatch(/^C530102-/);
    expect(communities.actualRowCount - 1).toBe(communityCount);
    const row = facilities.getRow(2);
    firstFacility = {
      code: String(row.getCell(col(FACILITY_COLUMNS, 'facilityCode')).value),
      acPiles: Number(row.getCell(col(FACILITY_COLUMNS, 'acPiles')).value),
    };
    const [registered] = await db.dataSource.query(`SELECT ac_piles FROM facility WHERE code = $1`, [
      firstFacility.code,
    ]);
    expect(firstFacility.acPiles).toBe(registered.ac_piles);
    expect(workbook.getWorksheet(TEMPLATE_SHEETS.meta)).toBeDefined();

    expect((await download(panlongId)).status).toBe(403);
  });

  it('rejects a bad file with every error and writes nothing', async () => {
    const before = {
      versions: await count('report_version'),
      rows: await count('report_facility_row'),
      facilities: await count('facility'),
    };
    const bad = await mutate(template, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      sheet.getRow(2).getCell(col(FACILITY_COLUMNS, 'acPiles')).value = -1;
      sheet.getRow(3).getCell(col(FACILITY_COLUMNS, 'totalKw')).value = { formula: 'G3*7' } as ExcelJS.CellFormulaValue;
      workbook
        .getWorksheet(TEMPLATE_SHEETS.communities)!
        .getRow(2)
        .getCell(col(COMMUNITY_COLUMNS, 'communityCode')).value = 'C530103-0001';
    });
    const receipt = await upload(bad);
    expect(receipt.status).toBe(202);
    expect(receipt.body).toMatchObject({ status: 'queued', duplicate: false });
    const result = await settled(receipt.body.uploadId);
    expect(result.status).toBe('rejected');
    const messages = result.errors.map((e: any) => `${e.sheet}|${e.row}|${e.column}|${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^社区\|2\|社区编码\|该社区属于「盘龙区」/),
        expect.stringMatching(/^充电设施\|2\|交流桩\(个\)\|应为 0 到/),
        expect.stringMatching(/^充电设施\|3\|总功率\(kW\)\|此处应填写数值，不能使用公式/),
      ]),
    );
    expect(result.errorCount).toBe(result.errors.length);
    expect({
      versions: await count('report_version'),
      rows: await count('report_facility_row'),
      facilities: await count('facility'),
    }).toEqual(before);

    const inbox = await api.request('GET', '/api/notifications', { token: clerk });
    expect(JSON.stringify(inbox.body)).toContain(`发现 ${result.errorCount} 处错误，未写入任何数据`);

    const board = await api.request('GET', `/api/periods/${MONTH}/status`, { token: office });
    const row = board.body.districts.find((d: any) => d.districtId === wuhua.id);
    expect(row).toMatchObject({ state: 'not_submitted', versionCount: 0, lastRejectedErrorCount: result.errorCount });
  });

  let version1: number;
  let filled: Buffer;

  it('turns a good file into version 1, and recognises the same file uploaded again', async () => {
    filled = await mutate(template, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      sheet.getRow(2).getCell(col(FACILITY_COLUMNS, 'acPiles')).value = firstFacility.acPiles + 2;
      const blank = sheet.actualRowCount + 1;
      const newRow = sheet.getRow(blank);
      newRow.getCell(col(FACILITY_COLUMNS, 'communityCode')).value = workbook
        .getWorksheet(TEMPLATE_SHEETS.communities)!
        .getCell(2, 1).value;
      newRow.getCell(col(FACILITY_COLUMNS, 'name')).value = '=新增自用桩（文字，不是公式）';
      newRow.getCell(col(FACILITY_COLUMNS, 'usage')).value = '自用';
      newRow.getCell(col(FACILITY_COLUMNS, 'acPiles')).value = 1;
      newRow.getCell(col(FACILITY_COLUMNS, 'dcPiles')).value = 0;
      newRow.getCell(col(FACILITY_COLUMNS, 'totalKw')).value = 7;
    });
    const receipt = await upload(filled);
    const result = await settled(receipt.body.uploadId);
    expect(result.errors).toBeNull();
    expect(result).toMatchObject({ status: 'accepted', errorCount: 0 });
    version1 = result.versionId;

    const again = await upload(filled);
    expect(again).toMatchObject({ status: 202, body: { uploadId: receipt.body.uploadId, duplicate: true } });
    expect(
      Number(
        (
          await db.dataSource.query(
            `SELECT count(*) FROM report_upload u JOIN report_version v ON v.upload_id = u.id WHERE u.id = $1`,
            [receipt.body.uploadId],
          )
        )[0].count,
      ),
    ).toBe(1);

    const report = await api.request('GET', `/api/periods/${MONTH}/districts/${wuhua.id}/report`, { token: clerk });
    expect(report.body).toMatchObject({ state: 'submitted' });
    expect(report.body.versions).toHaveLength(1);
    expect(report.body.versions[0]).toMatchObject({ versionNo: 1, state: 'submitted', onTime: true });
    const [stored] = await db.dataSource.query(
      `SELECT name FROM report_facility_row WHERE version_id = $1 AND facility_code IS NULL`,
      [version1],
    );
    expect(stored.name).toBe('=新增自用桩（文字，不是公式）');

    const original = await fetch(`${api.baseUrl}/api/versions/${version1}/file`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(Buffer.from(await original.arrayBuffer()).equals(filled)).toBe(true);
  });

  it('lets the office return it with a comment, the district resubmit, and the office accept, which enqueues the aggregation', async () => {
    expect((await api.request('POST', `/api/versions/${version1}/accept`, { token: clerk })).status).toBe(403);
    const returned = await api.request('POST', `/api/versions/${version1}/return`, {
      token: office,
      body: { comment: '新增设施名称有误，请核实' },
    });
    expect(returned).toMatchObject({ status: 200, body: { state: 'returned', reportState: 'returned' } });
    const seen = await api.request('GET', `/api/periods/${MONTH}/districts/${wuhua.id}/report`, { token: clerk });
    expect(seen.body.versions[0]).toMatchObject({ state: 'returned', reviewComment: '新增设施名称有误，请核实' });
    const inbox = await api.request('GET', '/api/notifications', { token: clerk });
    expect(JSON.stringify(inbox.body)).toContain('退回意见：新增设施名称有误，请核实');

    const corrected = await mutate(filled, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      sheet.getRow(sheet.actualRowCount).getCell(col(FACILITY_COLUMNS, 'name')).value = '业主自用桩';
    });
    const result = await settled((await upload(corrected)).body.uploadId);
    expect(result.status).toBe('accepted');
    const report = await api.request('GET', `/api/periods/${MONTH}/districts/${wuhua.id}/report`, { token: clerk });
    expect(report.body.state).toBe('resubmitted');
    expect(report.body.versions.map((v: any) => [v.versionNo, v.state])).toEqual([
      [2, 'submitted'],
      [1, 'returned'],
    ]);

    const facilitiesBefore = await count('facility');
    const accepted = await api.request('POST', `/api/versions/${result.versionId}/accept`, { token: office });
    expect(accepted).toMatchObject({ status: 200, body: { state: 'accepted', reportState: 'accepted' } });
    expect(accepted.body.register.facilitiesCreated).toEqual([expect.stringMatching(/^F530102-\d{6}$/)]);
    const aggregate = await queue.waitFor<{ month: string; acceptedReports: number }>(
      QueueName.PeriodAggregate,
      accepted.body.aggregationJobId,
      20000,
    );
    expect(aggregate).toMatchObject({ month: MONTH, acceptedReports: 1 });

    expect(await count('facility')).toBe(facilitiesBefore + 1);
    const [updated] = await db.dataSource.query(`SELECT ac_piles FROM facility WHERE code = $1`, [firstFacility.code]);
    expect(updated.ac_piles).toBe(firstFacility.acPiles + 2);
    const actions = await db.dataSource.query(`SELECT action FROM audit_event WHERE district_id = $1 ORDER BY id`, [
      wuhua.id,
    ]);
    expect(actions.map((a: any) => a.action)).toEqual(
      expect.arrayContaining(['report.upload', 'report.version.create', 'report.return', 'report.accept']),
    );

    const locked = await upload(filled);
    expect(locked).toMatchObject({
      status: 409,
      body: { message: '本期报表已审核通过，不能再上传；如需更正，请联系市发展改革委退回' },
    });
  });

  it('refuses a file that is not an .xlsx at the door, storing nothing', async () => {
    const uploads = await count('report_upload');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const refused = await upload(xls);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/请使用 \.xlsx 格式/);
    const empty = await upload(Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.body.message).toMatch(/^文件为空/);
    expect(await count('report_upload')).toBe(uploads);
  });

  it('refuses an upload for another district and for a future month', async () => {
    expect((await upload(filled, panlongId)).status).toBe(403);
    const response = await fetch(`${api.baseUrl}/api/periods/2999-01/districts/${wuhua.id}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(filled)]), 'x.xlsx');
        return form;
      })(),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { message: string }).message).toBe('不能报送未来月份（2999-01）的报表');
  });
});
