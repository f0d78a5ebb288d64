import ExcelJS from 'exceljs';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import {
  buildReportCorpus,
  CorpusFixture,
  mutate,
  writeReportCorpus,
} from '../../../test/fixtures/generate-malformed-reports.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import {
  largeTemplateInput,
  SAMPLE_COMMUNITIES,
  SAMPLE_FACILITIES,
  sampleTemplateInput,
} from '../../../test/fixtures/report-template-input.factory.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { withManyCells } from '../../../test/fixtures/defined-name-workbook.js';
import { COMMUNITY_COLUMNS, FACILITY_COLUMNS, TEMPLATE_SHEETS } from './report-template.definition.js';
import { writeReportTemplate } from './report-template.writer.js';
import { READER_MESSAGES, readReportWorkbook } from './report-workbook.reader.js';
import { CONTAINER_MESSAGES } from './workbook-container.inspector.js';

jest.setTimeout(120_000);

let corpus: CorpusFixture[];

beforeAll(async () => {
  corpus = process.env.WRITE_FIXTURES ? await writeReportCorpus() : await buildReportCorpus();
});

describe('the malformed-file corpus (issue 3: at least 30 files, each with its exact errors)', () => {
  it('has at least 30 malformed files and the valid variants', () => {
    expect(corpus.filter((fixture) => fixture.errors.length > 0).length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((fixture) => fixture.errors.length === 0).length).toBeGreaterThanOrEqual(5);
    expect(new Set(corpus.map((fixture) => fixture.file)).size).toBe(corpus.length);
  });

  it('gives every fixture exactly its expected errors', async () => {
    for (const fixture of corpus) {
      const read = await readReportWorkbook(fixture.buffer);
      expect({ file: fixture.file, errors: read.errors }).toEqual({ file: fixture.file, errors: fixture.errors });
    }
  });

  it('parses the valid variants to the right values', async () => {
    for (const fixture of corpus.filter((f) => f.communityValues || f.facilityValues)) {
      const read = await readReportWorkbook(fixture.buffer);
      for (const [row, values] of Object.entries(fixture.communityValues ?? {})) {
        const found = read.communities.rows.find((r) => r.rowNumber === Number(row));
        expect({ file: fixture.file, row, values: found?.values }).toEqual({
          file: fixture.file,
          row,
          values: expect.objectContaining(values),
        });
      }
      for (const [row, values] of Object.entries(fixture.facilityValues ?? {})) {
        const found = read.facilities.rows.find((r) => r.rowNumber === Number(row));
        expect({ file: fixture.file, row, values: found?.values }).toEqual({
          file: fixture.file,
          row,
          values: expect.objectContaining(values),
        });
      }
    }
  });
});

describe('readReportWorkbook', () => {
  it('returns the meta, every row and no error for the template as downloaded', async () => {
    const read = await readReportWorkbook(await writeReportTemplate(sampleTemplateInput()));
    expect(read.errors).toEqual([]);
    expect(read.meta).toEqual({
      templateVersion: '2026.1',
      districtCode: '530102',
      period: '2026-03',
      generatedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(read.communities.complete && read.facilities.complete).toBe(true);
    expect(read.communities.rows).toEqual(SAMPLE_COMMUNITIES.map((values, i) => ({ rowNumber: i + 2, values })));
    expect(read.facilities.rows).toEqual(SAMPLE_FACILITIES.map((values, i) => ({ rowNumber: i + 2, values })));
  });

  it('round-trips a filled 300 + 300-row template: write → fill with exceljs → read → same values', async () => {
    const input = largeTemplateInput(300, 300);
    const filled = await mutate(await writeReportTemplate(input), (workbook) => {
      const communities = workbook.getWorksheet(TEMPLATE_SHEETS.communities)!;
      communities.getCell('L2').value = '本月已完成入户调查';
      communities.getCell('I3').value = '是';
      const facilities = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      facilities.getCell('G2').value = 13;
      facilities.getCell('X2').value = '新增 1 个交流桩';
      const added = facilities.getRow(302);
      added.getCell('B').value = 'C530102-0007';
      added.getCell('D').value = '公用';
      added.getCell('E').value = input.operators[0].creditCode;
      added.getCell('G').value = 2;
      added.getCell('H').value = 1;
      added.getCell('I').value = 74.5;
      added.getCell('L').value = '2026/3/2';
    });
    const read = await readReportWorkbook(filled);
    expect(read.errors).toEqual([]);

    const communities = input.communities.map((row) => ({ ...row }));
    communities[0].remark = '本月已完成入户调查';
    communities[1].pilot = true;
    expect(read.communities.rows.map((r) => r.values)).toEqual(communities);

    const facilities = input.facilities.map((row) => ({ ...row }));
    facilities[0].acPiles = 13;
    facilities[0].remark = '新增 1 个交流桩';
    expect(read.facilities.rows.slice(0, 300).map((r) => r.values)).toEqual(facilities);
    expect(read.facilities.rows[300]).toEqual({
      rowNumber: 302,
      values: expect.objectContaining({
        facilityCode: null,
        communityCode: 'C530102-0007',
        usage: 'public',
        operatorCreditCode: input.operators[0].creditCode,
        acPiles: 2,
        dcPiles: 1,
        totalKw: '74.5',
        surveyedOn: '2026-03-02',
      }),
    });
  });

  it('keeps every Chinese character of a 3,000 + 3,000-row file intact (unpatched exceljs streaming did not)', async () => {
    const input = largeTemplateInput();
    const read = await readReportWorkbook(await writeReportTemplate(input));
    expect(read.errors).toEqual([]);
    expect(read.communities.rows.map((r) => r.values.communityName)).toEqual(
      input.communities.map((c) => c.communityName),
    );
    expect(read.facilities.rows.map((r) => r.values.propertyCompanyName)).toEqual(
      input.facilities.map((f) => f.propertyCompanyName),
    );
  });

  it('keeps codes of rows with cell errors apart, so the register checks do not also call them missing', async () => {
    const buffer = await mutate(await writeReportTemplate(sampleTemplateInput()), (workbook) => {
      workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.getCell('C3').value = '可能';
      workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!.getCell('G2').value = -1;
    });
    const read = await readReportWorkbook(buffer);
    expect(read.communities.invalidRowCodes).toEqual(['C530102-0002']);
    expect(read.communities.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(read.facilities.invalidRowCodes).toEqual(['F530102-000001']);
    expect(read.facilities.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
  });

  it('applies configurable limits: file size, cells and rows', async () => {
    const template = await writeReportTemplate(sampleTemplateInput());
    expect((await readReportWorkbook(template, { maxFileBytes: 1000 })).errors).toEqual([
      { sheet: '', row: null, column: null, value: null, message: CONTAINER_MESSAGES.tooLarge(template.length, 1000) },
    ]);
    const cells = await readReportWorkbook(template, { maxCells: 50 });
    expect(cells.errors).toHaveLength(1);
    expect(cells.errors[0].message).toMatch(/^文件包含 \d+ 个单元格，超过上限 50 个/);
    const rows = await readReportWorkbook(template, { maxRowsPerSheet: 2 });
    expect(rows.communities.complete).toBe(false);
    expect(rows.errors).toEqual([
      { sheet: '社区', row: 4, column: null, value: null, message: READER_MESSAGES.tooManyRows(2) },
      { sheet: '充电设施', row: 4, column: null, value: null, message: READER_MESSAGES.tooManyRows(2) },
    ]);
  });
});

describe('headers are named in the definition and required verbatim', () => {
  it('reports a header cleared to blank as both a blank and a missing column, and reads no row', async () => {
    const buffer = await mutate(await writeReportTemplate(sampleTemplateInput()), (workbook) => {
      workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.getCell('C1').value = null;
    });
    const read = await readReportWorkbook(buffer);
    expect(read.communities).toEqual({ complete: false, rows: [], invalidRowCodes: [] });
    expect(read.facilities.complete).toBe(true);
    expect(read.errors).toEqual([
      { sheet: '社区', row: 1, column: null, value: null, message: READER_MESSAGES.blankHeader(3) },
      { sheet: '社区', row: 1, column: '居民意愿', value: null, message: READER_MESSAGES.missingColumn('居民意愿') },
    ]);
  });

  it('has distinct headers per sheet', () => {
    for (const columns of [COMMUNITY_COLUMNS, FACILITY_COLUMNS]) {
      const headers = columns.map((column) => column.header);
      expect(new Set(headers).size).toBe(headers.length);
    }
  });
});

describe('formula-like text', () => {
  it('is written as a plain string cell and read back verbatim', async () => {
    const dangerous = `=cmd|' /C calc'!A0`;
    const input = sampleTemplateInput({
      communities: [{ ...SAMPLE_COMMUNITIES[0], communityName: dangerous, remark: '@SUM(1)' }],
      propertyCompanies: ['+物业'],
      facilities: [{ ...SAMPLE_FACILITIES[0], propertyCompanyName: '+物业', name: '-1 层' }],
    });
    const buffer = await writeReportTemplate(input);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const cell = workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.getCell('B2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(dangerous);
    const read = await readReportWorkbook(buffer);
    expect(read.errors).toEqual([]);
    expect(read.communities.rows[0].values).toMatchObject({ communityName: dangerous, remark: '@SUM(1)' });
    expect(read.facilities.rows[0].values).toMatchObject({ propertyCompanyName: '+物业', name: '-1 层' });
  });
});

describe('a file with a great many bad cells', () => {
  it('reports every one of them, past the number of arguments a single call can take', async () => {
    const template = await writeReportTemplate(sampleTemplateInput());
    // 20,000 junk rows × 26 cells of numbers in the 社区 sheet: about 7 errors a row (cells that are not what their
    // column holds), ~137,000 in all: well over the ~120,000 arguments at which errors.push(...list) overflowed
    // the stack.
    const read = await readReportWorkbook(await withManyCells(template, 20_000, 26), { maxCells: 1_000_000 });
    expect(read.errors.length).toBeGreaterThan(125_000);
    expect(new Set(read.errors.map((e) => `${e.sheet}|${e.row}|${e.column}`)).size).toBe(read.errors.length);
  }, 120_000);
});
