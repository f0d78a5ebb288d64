import { randomBytes } from 'node:crypto';
import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { CONTAINER_MESSAGES, DEFAULT_WORKBOOK_LIMITS, READER_MESSAGES } from '@app/excel';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { HttpClient } from '../support/http-client';
import { eventually } from '../support/free-port';
import { buildZip, deflatedZeros } from '../fixtures/zip-archive.builder';
import { withDefinedName, withManyCells } from '../fixtures/defined-name-workbook';

const MONTH = shanghaiMonth(new Date());
const PARSE_TIMEOUT_MS = 300;
jest.setTimeout(120_000);

const CONTENT_TYPES = Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
const WORKBOOK = Buffer.from('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
const SHEET = 'xl/worksheets/sheet1.xml';

/** What a refused file must leave as it was. */
const TABLES = ['report_upload', 'report_version', 'report_community_row', 'report_facility_row', 'audit_event'];

/**
 * Issue 6 §3, the container, over HTTP: the size limit, content sniffing (zip magic, not the extension), limits on
 * decompressed size and cell count, and the parse time limit. Each is refused with a Chinese message and writes
 * nothing (a file refused at the door is not even stored; one stopped mid-parse keeps only its stored original,
 * marked rejected).
 */
describe('hostile files at the upload door', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  /** The same API with a short parse time limit, for the slow file only (a real file may need more than that). */
  let strictApi: ApiHarness;
  let http: HttpClient;
  let clerk: string;
  let wuhuaId: number;
  let template: Buffer;

  const counts = async (): Promise<Record<string, number>> =>
    (
      await db.dataSource.query(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`)
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    api = await startApi(db.url, { REDIS_URL: '' });
    strictApi = await startApi(db.url, { REDIS_URL: '', REPORT_PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS) });
    http = new HttpClient(api.baseUrl);
    clerk = await http.login('wuhua', DEMO_PASSWORD);
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    template = await http.template(clerk, MONTH, wuhuaId);
  });

  afterAll(async () => {
    await api?.close();
    await strictApi?.close();
    await db?.drop();
  });

  const refusals: [string, () => Promise<Buffer>, number, unknown][] = [
    [
      'a file over 20 MB (refused while it streams in)',
      async () => Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(21 * 1024 * 1024)]),
      413,
      '上传文件超过 20 MB 上限，请删除无关内容后重新上传',
    ],
    [
      'a PDF renamed .xlsx',
      async () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      422,
      CONTAINER_MESSAGES.notZip,
    ],
    [
      'a legacy .xls (OLE compound file) renamed .xlsx',
      async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
      422,
      CONTAINER_MESSAGES.legacyXls,
    ],
    [
      'a zip bomb declaring 4 GB',
      async () =>
        buildZip([
          { name: '[Content_Types].xml', data: CONTENT_TYPES },
          { name: 'xl/workbook.xml', data: WORKBOOK },
          { name: SHEET, compressed: deflatedZeros(1024 * 1024), declaredSize: 0xfffffff0 },
        ]),
      422,
      CONTAINER_MESSAGES.uncompressedTooLarge(
        CONTENT_TYPES.length + WORKBOOK.length + 0xfffffff0,
        DEFAULT_WORKBOOK_LIMITS.maxUncompressedBytes,
      ),
    ],
    [
      'a zip bomb declaring 1 KB and inflating to 64 MB',
      async () =>
        buildZip([
          { name: '[Content_Types].xml', data: CONTENT_TYPES },
          { name: 'xl/workbook.xml', data: WORKBOOK },
          { name: SHEET, compressed: deflatedZeros(64 * 1024 * 1024), declaredSize: 1024 },
        ]),
      422,
      CONTAINER_MESSAGES.inflatedBeyondDeclared(SHEET),
    ],
    [
      'the real template naming a range of 17 billion cells',
      () => withDefinedName(template, '$A$1:$XFD$1048576'),
      422,
      // the named range plus the template's own cells
      expect.stringMatching(/^文件包含 171798\d{5} 个单元格，超过上限 500000 个，请删除多余的内容后重新上传$/),
    ],
  ];

  it.each(refusals)('refuses %s with a Chinese message, storing nothing', async (_title, make, status, message) => {
    const before = await counts();
    const response = await http.upload(clerk, MONTH, wuhuaId, await make(), '五华区月报.xlsx');
    expect(response.status).toBe(status);
    expect(response.body.message).toEqual(message);
    expect(await counts()).toEqual(before);
  });

  it('judges a file by its bytes, not its name: the real template named .pdf is taken', async () => {
    const response = await http.upload(clerk, MONTH, wuhuaId, template, '月报.pdf');
    expect(response.status).toBe(202);
    const status = await eventually('the upload finished', async () => {
      const { body } = await http.request('GET', `/api/uploads/${response.body.uploadId}`, { token: clerk });
      return ['accepted', 'rejected'].includes(body.status) ? { status: body.status, errors: body.errors } : undefined;
    });
    expect(status).toEqual({ status: 'accepted', errors: null });
  });

  it('stops a parse that outlasts the time limit and rejects the file with a Chinese message, writing no version', async () => {
    // 18,000 extra rows × 25 cells = 450,000 cells: within the cell limit (500,000), and seconds of exceljs work.
    const slow = await withManyCells(template, 18_000, 25);
    const before = await counts();
    const strict = new HttpClient(strictApi.baseUrl);
    const response = await strict.upload(clerk, MONTH, wuhuaId, slow, '五华区月报.xlsx');
    expect(response.status).toBe(202);
    const upload = await eventually('the slow upload finished', async () => {
      const { body } = await strict.request('GET', `/api/uploads/${response.body.uploadId}`, { token: clerk });
      return ['accepted', 'rejected'].includes(body.status) ? body : undefined;
    });
    expect(upload).toMatchObject({
      status: 'rejected',
      errorCount: 1,
      errors: [
        {
          sheet: '',
          row: null,
          column: null,
          value: null,
          message: READER_MESSAGES.parseTimeout(PARSE_TIMEOUT_MS / 1000),
        },
      ],
    });
    expect(upload.errors[0].message).toMatch(/^文件解析超过 0\.3 秒仍未完成，已停止处理，未写入任何数据/);
    const after = await counts();
    // The stored original and its audit event only.
    expect(after).toEqual({ ...before, report_upload: before.report_upload + 1, audit_event: before.audit_event + 1 });
  });
});
