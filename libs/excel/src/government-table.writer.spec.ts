import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ExactDecimalSum } from './exact-decimal.js';
import { GovCellKind, GovColumn, GovTableSpec, GovernmentWorkbook } from './government-table.writer.js';

interface Row {
  name: string;
  eligible: number;
  covered: number;
  ratio: string | null;
  kw: string;
  acceptedOn: string | null;
}

const COLUMNS: GovColumn<Row>[] = [
  { header: '序号', kind: GovCellKind.Index, value: () => null },
  { header: '区县', kind: GovCellKind.Text, value: (r) => r.name },
  { header: '符合条件', group: '社区（个）', kind: GovCellKind.Integer, value: (r) => r.eligible, total: 'sum' },
  { header: '已覆盖', group: '社区（个）', kind: GovCellKind.Integer, value: (r) => r.covered, total: 'sum' },
  { header: '覆盖率', kind: GovCellKind.Percent, value: (r) => r.ratio },
  { header: '公用', group: '功率（kW）', kind: GovCellKind.Decimal, scale: 3, value: (r) => r.kw, total: 'sum' },
  { header: '验收日期', kind: GovCellKind.Date, value: (r) => r.acceptedOn },
];

const ROWS: Row[] = [
  { name: '五华区', eligible: 7, covered: 6, ratio: '0.8571', kw: '120.100', acceptedOn: '2024-03-05' },
  { name: '=HYPERLINK("http://x","点我")', eligible: 3, covered: 0, ratio: '0.0000', kw: '0.200', acceptedOn: null },
  { name: '+86 871', eligible: 0, covered: 0, ratio: null, kw: '7.000', acceptedOn: '2025-12-31' },
  { name: '-1+2', eligible: 1, covered: 1, ratio: '1.0000', kw: '0.001', acceptedOn: null },
  { name: '@SUM(A1)', eligible: 2, covered: 1, ratio: '0.5000', kw: '1.000', acceptedOn: null },
];

const SPEC: GovTableSpec<Row> = {
  sheetName: '汇总表',
  title: '昆明市居住社区公用充电设施建设情况汇总表（2026年10月）',
  unit: '昆明市发展和改革委员会',
  reportDate: '2026-11-03',
  measure: '计量单位：个、千瓦',
  columns: COLUMNS,
  frozenColumns: 2,
  totals: { label: '合计' },
  notes: ['注：覆盖率 = 已覆盖的符合条件社区 ÷ 符合条件社区，四舍五入保留两位小数（百分比）。'],
};

async function write(build: (book: GovernmentWorkbook) => Promise<void>): Promise<ExcelJS.Workbook> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new GovernmentWorkbook(output);
  await build(book);
  await book.commit();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function* batches<R>(rows: R[], size: number): AsyncIterable<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('GovernmentWorkbook (issue 5 §2: the government table format)', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    sheet = (await write((book) => book.addTable(SPEC, ROWS).then(() => undefined))).getWorksheet('汇总表')!;
  });

  it('has the title merged across, 填报单位 on the left and 报送日期 on the right of row 2', () => {
    expect(sheet.getCell('A1').value).toBe(SPEC.title);
    expect(sheet.getCell('A1').font.bold).toBe(true);
    expect(sheet.getCell('G1').isMerged && sheet.getCell('G1').master.address).toBe('A1');
    expect(sheet.getCell('A2').value).toBe('填报单位：昆明市发展和改革委员会');
    expect(sheet.getCell('D2').value).toBe('计量单位：个、千瓦    报送日期：2026年11月3日');
    expect(sheet.getCell('G2').master.address).toBe('D2');
  });

  it('merges a group header over its columns and a lone header down both header rows', () => {
    expect(sheet.getCell('C3').value).toBe('社区（个）');
    expect(sheet.getCell('D3').master.address).toBe('C3');
    expect([sheet.getCell('C4').value, sheet.getCell('D4').value]).toEqual(['符合条件', '已覆盖']);
    expect(sheet.getCell('B3').value).toBe('区县');
    expect(sheet.getCell('B4').master.address).toBe('B3');
    expect(sheet.getCell('F3').value).toBe('功率（kW）');
    expect(sheet.getCell('F4').value).toBe('公用');
    expect(sheet.getCell('G4').master.address).toBe('G3');
  });

  it('freezes the header rows and the first two columns, and prints A4 landscape, one page wide, titles repeated', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
    });
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });

  it('writes numbers as numbers with their formats, dates as dates, and numbers the rows', () => {
    const row = sheet.getRow(5);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(3).value).toBe(7);
    expect(row.getCell(5).value).toBe(0.8571);
    expect(row.getCell(5).numFmt).toBe('0.00%');
    expect(row.getCell(6).value).toBe(120.1);
    expect(row.getCell(6).numFmt).toBe('#,##0.000');
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(row.getCell(7).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(7).getCell(5).value).toBeNull();
    expect(sheet.getRow(9).getCell(1).value).toBe(5);
  });

  it('stores text starting with = + - @ as plain text with a leading apostrophe, never a formula', () => {
    const names = [6, 7, 8, 9].map((n) => sheet.getRow(n).getCell(2));
    expect(names.map((c) => c.value)).toEqual(['\'=HYPERLINK("http://x","点我")', "'+86 871", "'-1+2", "'@SUM(A1)"]);
    for (const cell of names) expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('sums the marked columns exactly in the totals row, label merged over 序号 and 区县', () => {
    const totals = sheet.getRow(10);
    expect(totals.getCell(1).value).toBe('合计');
    expect(sheet.getCell('B10').master.address).toBe('A10');
    // 7 + 3 + 0 + 1 + 2 = 13; 6 + 0 + 0 + 1 + 1 = 8; 120.100 + 0.200 + 7.000 + 0.001 + 1.000 = 128.301
    expect([totals.getCell(3).value, totals.getCell(4).value, totals.getCell(6).value]).toEqual([13, 8, 128.301]);
    expect(totals.getCell(5).value).toBeNull();
    expect(sheet.getRow(11).getCell(1).value).toBe(SPEC.notes![0]);
  });

  it('takes the totals row from a given row (the city snapshot) when one is given', async () => {
    const city: Row = { name: '全市', eligible: 99, covered: 50, ratio: '0.5051', kw: '1.5', acceptedOn: null };
    const book = await write((b) => b.addTable({ ...SPEC, totals: { label: '全市合计', row: city } }, ROWS).then());
    const totals = book.getWorksheet('汇总表')!.getRow(10);
    expect([1, 3, 4, 5, 6].map((c) => totals.getCell(c).value)).toEqual(['全市合计', 99, 50, 0.5051, 1.5]);
  });

  it('streams batches, awaiting the listener after each, and continues on a new sheet past the row limit', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...ROWS[0], name: `社区${i + 1}`, eligible: i }));
    const seen: number[] = [];
    const book = await write(async (b) => {
      const { rows } = await b.addTable({ ...SPEC, maxRowsPerSheet: 10 }, batches(many, 4), (n) => {
        seen.push(n);
      });
      expect(rows).toBe(25);
    });
    expect(seen).toEqual([4, 8, 12, 16, 20, 24, 25]);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总表', '汇总表（续2）', '汇总表（续3）']);
    const third = book.getWorksheet('汇总表（续3）')!;
    expect(third.getCell('C4').value).toBe('符合条件');
    expect(third.getRow(5).getCell(1).value).toBe(21);
    // Σ 0..24 = 300, on the last sheet
    expect(third.getRow(10).getCell(3).value).toBe(300);
  });

  it('writes a document sheet: title, unit line, paragraphs, headings bold', async () => {
    const book = await write(async (b) =>
      b.addDocument({
        sheetName: '通报',
        title: '通报',
        unit: '市发改委',
        reportDate: '2026-11-03',
        paragraphs: ['# 一、总体情况', '=cmd'],
      }),
    );
    const sheet = book.getWorksheet('通报')!;
    expect(sheet.getCell('A4').value).toBe('一、总体情况');
    expect(sheet.getCell('A4').font.bold).toBe(true);
    expect(sheet.getCell('A5').value).toBe("'=cmd");
    expect(sheet.pageSetup.orientation).toBe('portrait');
  });
});

describe('ExactDecimalSum', () => {
  it('adds decimal strings exactly where floats drift', () => {
    const sum = new ExactDecimalSum(3);
    for (let i = 0; i < 1000; i++) sum.add('0.100');
    sum.add('-0.001');
    sum.add(2);
    expect(sum.toString()).toBe('101.999');
  });

  it('equals the integer sum of the scaled values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (units) => {
        const sum = new ExactDecimalSum(3);
        for (const u of units)
          sum.add(
            `${u < 0 ? '-' : ''}${Math.floor(Math.abs(u) / 1000)}.${String(Math.abs(u) % 1000).padStart(3, '0')}`,
          );
        const expected = units.reduce((a, b) => a + BigInt(b), 0n);
        expect(BigInt(sum.toString().replace('.', ''))).toBe(expected);
      }),
    );
  });

  it('stays exact beyond 2^53 units', () => {
    const sum = new ExactDecimalSum(3);
    sum.add('12345678901234567.891');
    sum.add('9007199254740.993');
    sum.add(9007199254740);
    // 12345678901234567.891 + 9007199254740.993 + 9007199254740.000
    expect(sum.toString()).toBe('12363693299744048.884');
  });

  it('refuses more decimals than its scale', () => {
    expect(() => new ExactDecimalSum(2).add('1.005')).toThrow('more than 2 decimals');
  });
});
