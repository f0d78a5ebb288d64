import ExcelJS from 'exceljs';
import { FacilityUsage } from '@app/org';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { sampleTemplateInput } from '../../../test/fixtures/report-template-input.factory.js';
import {
  COMMUNITY_COLUMNS,
  COMMUNITY_SHEET,
  FACILITY_COLUMNS,
  FACILITY_SHEET,
  FACILITY_USAGE_OPTIONS,
  SPARE_ROWS,
  TEMPLATE_SHEETS,
  TEMPLATE_VERSION,
} from './report-template.definition.js';
import { writeReportTemplate } from './report-template.writer.js';

let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeReportTemplate(sampleTemplateInput())) as unknown as ExcelJS.Buffer);
});

const sheet = (name: string) => workbook.getWorksheet(name)!;
// Excel locks a cell unless its style says otherwise.
const locked = (style: Partial<ExcelJS.Style>) => style.protection?.locked !== false;
type Validations = { dataValidations: { model: Record<string, ExcelJS.DataValidation & { type: string }> } };
const validationAt = (name: string, address: string) =>
  (sheet(name) as unknown as Validations).dataValidations.model[address];

describe('writeReportTemplate (issue 3 §2)', () => {
  it('has the instructions, the two data sheets, and very hidden list and marker sheets', () => {
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['填报说明', 'visible'],
      ['社区', 'visible'],
      ['充电设施', 'visible'],
      ['_lists', 'veryHidden'],
      ['_meta', 'veryHidden'],
    ]);
  });

  it('marks the template version, district, period and generation time in _meta', () => {
    const values = sheet(TEMPLATE_SHEETS.meta)
      .getRows(2, 5)!
      .map((row) => [row.getCell(1).value, row.getCell(2).value]);
    expect(values).toEqual([
      ['templateVersion', TEMPLATE_VERSION],
      ['districtCode', '530102'],
      ['districtName', '五华区'],
      ['period', '2026-03'],
      ['generatedAt', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('explains, in Chinese, the deadline, new facilities, cumulative figures and every column', () => {
    const text: string[] = [];
    sheet(TEMPLATE_SHEETS.instructions).eachRow((row) => row.eachCell((cell) => text.push(String(cell.value ?? ''))));
    const all = text.join('\n');
    expect(all).toContain('五华区 2026年3月 居住社区公用充电设施建设情况月度报送表');
    expect(all).toContain('2026年3月25日 23:59（北京时间）');
    expect(all).toContain('「设施编码」留空');
    expect(all).toContain('不能少于上期审核通过的数值');
    expect(all).toContain('2022年居住社区公用充电设施试点（5/3/1）');
    for (const column of [...COMMUNITY_COLUMNS, ...FACILITY_COLUMNS]) expect(text).toContain(column.header);
    expect(all).toContain('公用 / 自用');
  });

  it.each([
    [COMMUNITY_SHEET.name, COMMUNITY_COLUMNS, 2],
    [FACILITY_SHEET.name, FACILITY_COLUMNS, 1],
  ] as const)('%s: headers in order, frozen header and code columns, widths', (name, columns, frozen) => {
    const data = sheet(name);
    expect((data.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(columns.map((column) => column.header));
    expect(data.views[0]).toMatchObject({ state: 'frozen', xSplit: frozen, ySplit: 1 });
    columns.forEach((column, index) => expect(data.getColumn(index + 1).width).toBe(column.width));
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('locks codes and names, leaves everything else open, and protects the sheets against slips', () => {
    const communities = sheet(COMMUNITY_SHEET.name);
    expect(locked(communities.getCell('A2'))).toBe(true);
    expect(locked(communities.getCell('B2'))).toBe(true);
    expect(locked(communities.getCell('C2'))).toBe(false);
    const facilities = sheet(FACILITY_SHEET.name);
    expect(locked(facilities.getCell('A2'))).toBe(true);
    expect(locked(facilities.getCell('B2'))).toBe(false);
    // Blank rows below the data take the column style: new facilities can be typed there, codes cannot.
    expect(locked(facilities.getColumn(2).style)).toBe(false);
    expect(locked(facilities.getColumn(1).style)).toBe(true);
    for (const name of [COMMUNITY_SHEET.name, FACILITY_SHEET.name]) {
      const protection = (sheet(name) as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(protection).toMatchObject({ sheet: true, insertRows: true, formatCells: true, algorithmName: 'SHA-512' });
    }
  });

  it('writes number and date formats', () => {
    const facilities = sheet(FACILITY_SHEET.name);
    expect(facilities.getCell('G2').numFmt).toBe('0');
    expect(facilities.getCell('I2').numFmt).toBe('0.000');
    expect(facilities.getCell('J2').numFmt).toBe('0.0000');
    expect(facilities.getCell('T2').numFmt).toBe('yyyy-mm-dd');
    expect(facilities.getCell('T2').value).toEqual(new Date(Date.UTC(2024, 4, 1)));
    expect(facilities.getCell('A2').numFmt).toBe('@');
  });

  it('has dropdowns for every enumeration and yes/no column, long lists from the hidden list sheet', () => {
    const lastCommunity = 2 + 3 - 1;
    expect(validationAt(COMMUNITY_SHEET.name, `C${lastCommunity}`)).toMatchObject({
      type: 'list',
      formulae: ['"是,否"'],
    });
    expect(validationAt(COMMUNITY_SHEET.name, `C${lastCommunity + 1}`)).toBeUndefined();
    // Facilities get spare rows with the dropdowns, for new facilities.
    expect(validationAt(FACILITY_SHEET.name, `D${2 + 3 + SPARE_ROWS - 1}`)).toMatchObject({
      type: 'list',
      formulae: ['"公用,自用"'],
    });
    expect(validationAt(FACILITY_SHEET.name, `D${2 + 3 + SPARE_ROWS}`)).toBeUndefined();
    expect(validationAt(FACILITY_SHEET.name, 'E2')).toMatchObject({ type: 'list', formulae: ["'_lists'!$A$2:$A$3"] });
    expect(validationAt(FACILITY_SHEET.name, 'F2')).toMatchObject({ type: 'list', formulae: ["'_lists'!$B$2:$B$3"] });
    expect(validationAt(FACILITY_SHEET.name, 'B2')).toMatchObject({ type: 'list', formulae: ["'_lists'!$C$2:$C$4"] });
    expect(validationAt(FACILITY_SHEET.name, 'G2')).toMatchObject({ type: 'whole', formulae: [0, 10000] });
    const lists = sheet(TEMPLATE_SHEETS.lists);
    expect(lists.getCell('A2').value).toBe('云南充电科技有限公司（91530100MA6K8T2X4B）');
    expect(lists.getCell('C4').value).toBe('C530102-0003');
  });

  it('writes an operator as 「名称（信用代码）」 so the dropdown and the pre-filled value agree', () => {
    expect(sheet(FACILITY_SHEET.name).getCell('E2').value).toBe('云南充电科技有限公司（91530100MA6K8T2X4B）');
    expect(sheet(FACILITY_SHEET.name).getCell('D3').value).toBe('自用');
  });

  it('uses the values of the FacilityUsage enum', () => {
    expect(FACILITY_USAGE_OPTIONS.map((option) => option.value).sort()).toEqual(Object.values(FacilityUsage).sort());
  });
});
