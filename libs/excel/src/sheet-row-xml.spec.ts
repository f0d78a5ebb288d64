import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { GovCellKind, GovColumn, GovTableSpec, GovernmentWorkbook } from './government-table.writer.js';
import { DirectSheetRows, xmlText } from './sheet-row-xml.js';
import { inspectWorkbookContainer } from './workbook-container.inspector.js';

interface Row {
  name: string | null;
  code: string | null;
  piles: number | null;
  kw: string | null;
  ratio: string | null;
  on: string | null;
  state: 'ok' | 'late' | null;
}

const STATE_FILL = { ok: 'FFC6EFCE', late: 'FFFFC7CE' } as const;

const COLUMNS: GovColumn<Row>[] = [
  { header: '序号', kind: GovCellKind.Index, value: () => null },
  { header: '名称', kind: GovCellKind.Text, value: (r) => r.name, fill: (r) => (r.state ? STATE_FILL[r.state] : null) },
  { header: '编码', kind: GovCellKind.Text, width: 40, value: (r) => r.code },
  { header: '交流', group: '充电桩（个）', kind: GovCellKind.Integer, value: (r) => r.piles, total: 'sum' },
  { header: '功率', group: '充电桩（个）', kind: GovCellKind.Decimal, scale: 3, value: (r) => r.kw, total: 'sum' },
  { header: '覆盖率', kind: GovCellKind.Percent, value: (r) => r.ratio },
  { header: '验收', kind: GovCellKind.Date, value: (r) => r.on, fill: (r) => (r.on ? null : 'FFFFEB9C') },
];

/** Text a cell may hold: CJK, XML's five specials, control characters exceljs drops, formula triggers. */
const text = fc.option(
  fc
    .array(
      fc.oneof(
        fc.constantFrom('=', '+', '-', '@', '<', '>', '&', '"', "'", '\t', '\r', '\n', '\u0000', '\u0007', '\u000b'),
        fc.constantFrom('\u001f', '\u007f', '社区', '五华区', '号', ' ', 'A1', '😀'),
        fc.string({ maxLength: 3 }),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join('')),
);
const row: fc.Arbitrary<Row> = fc.record({
  name: text,
  code: text,
  piles: fc.option(fc.integer({ min: -5, max: 100_000 })),
  kw: fc.option(fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 1000).toFixed(3))),
  ratio: fc.option(fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 10_000).toFixed(4))),
  on: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31') }).map((d) => d.toISOString())),
  state: fc.constantFrom<Row['state']>('ok', 'late', null),
});

/** The workbook's parts, inflated, with the run's DirectSheetRows.row calls. */
async function parts(
  directRows: boolean,
  build: (book: GovernmentWorkbook) => Promise<void>,
): Promise<{ parts: Map<string, string>; directCalls: number }> {
  const spy = jest.spyOn(DirectSheetRows.prototype, 'row');
  try {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const book = new GovernmentWorkbook(output, { created: new Date('2026-11-03T08:00:00Z'), directRows });
    await build(book);
    await book.commit();
    const inspection = inspectWorkbookContainer(Buffer.concat(chunks), {}, { keepPart: () => true });
    if (!inspection.ok) throw new Error(inspection.message);
    // The modified time is the writer's construction time: the one difference allowed between two runs.
    const texts = new Map(
      [...inspection.parts].map(([name, bytes]) => [
        name,
        bytes.toString('utf8').replace(/<dcterms:modified[^>]*>[^<]*</, '<dcterms:modified><'),
      ]),
    );
    return { parts: texts, directCalls: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

async function* batches<R>(rows: R[], size: number): AsyncIterable<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const spec = (columns: GovColumn<Row>[], maxRowsPerSheet?: number): GovTableSpec<Row> => ({
  sheetName: '原始数据',
  title: '昆明市居住社区公用充电设施建设月度报送原始数据（2026年10月）',
  unit: '昆明市发展和改革委员会',
  reportDate: '2026-11-03',
  columns,
  frozenColumns: 2,
  totals: { label: '合计' },
  notes: ['注：本表为测试数据。'],
  maxRowsPerSheet,
});

describe('DirectSheetRows (data rows written as the XML exceljs would write)', () => {
  it('gives a workbook byte for byte the same as writing every cell through exceljs (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: 3, max: 30 }), { nil: undefined }),
        fc.boolean(),
        async (rows, withIndex, batchSize, maxRowsPerSheet, paged) => {
          // Without 序号 a row can be empty in every cell: exceljs leaves such a row out, so must the direct path.
          const columns = withIndex ? COLUMNS : COLUMNS.slice(1);
          const build = async (book: GovernmentWorkbook) => {
            await book.addTable(spec(columns, maxRowsPerSheet), paged ? batches(rows, batchSize) : rows);
            await book.addTable({ ...spec(columns), sheetName: '第二张' }, batches(rows.slice(0, 5), 2));
          };
          const reference = await parts(false, build);
          const direct = await parts(true, build);
          expect(reference.directCalls).toBe(0);
          expect(direct.directCalls).toBe(rows.length + Math.min(5, rows.length));
          expect([...direct.parts.keys()]).toEqual([...reference.parts.keys()]);
          for (const [name, xml] of reference.parts)
            expect({ name, xml: direct.parts.get(name) }).toEqual({ name, xml });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('writes a long table in pieces, letting the event loop turn between them, and reads back the same', async () => {
    const many: Row[] = Array.from({ length: 3000 }, (_, i) => ({
      name: `社区${i}`,
      code: i % 7 === 0 ? `=A${i}` : `C${i}`,
      piles: i % 13,
      kw: (i / 8).toFixed(3),
      ratio: null,
      on: i % 3 === 0 ? null : '2026-10-31',
      state: i % 5 === 0 ? 'late' : null,
    }));
    const writes = jest.spyOn(DirectSheetRows.prototype, 'flush');
    try {
      const build = async (book: GovernmentWorkbook) => {
        await book.addTable(spec(COLUMNS), batches(many, 1000));
      };
      const { parts: direct } = await parts(true, build);
      // More pieces than batches: the rows went out while a batch was being written.
      expect(writes.mock.calls.length).toBeGreaterThan(3 * 3);
      const { parts: reference } = await parts(false, build);
      expect(direct.get('xl/worksheets/sheet1.xml')).toBe(reference.get('xl/worksheets/sheet1.xml'));
      expect(direct.get('xl/styles.xml')).toBe(reference.get('xl/styles.xml'));
    } finally {
      writes.mockRestore();
    }
    const workbook = new ExcelJS.Workbook();
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const book = new GovernmentWorkbook(output);
    await book.addTable(spec(COLUMNS), batches(many, 1000));
    await book.commit();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('原始数据')!;
    expect(sheet.getRow(5).values).toEqual([, 1, '社区0', "'=A0", 0, 0, undefined, undefined]);
    expect(sheet.getCell('G6').value).toEqual(new Date('2026-10-31T00:00:00Z'));
    expect(sheet.getCell('G6').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B10').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('A3004').value).toBe(3000);
    expect(sheet.getCell('D3005').value).toBe(many.reduce((n, r) => n + r.piles!, 0));
  });

  it('escapes like exceljs: the five XML entities, control characters XML 1.0 refuses dropped, tab/LF/CR kept', () => {
    expect(xmlText('a<b>&"\'c')).toBe('a&lt;b&gt;&amp;&quot;&apos;c');
    expect(xmlText('\u0000x\u0008\u000b\u000c\u000e\u001f\u007fy')).toBe('xy');
    expect(xmlText('\t\n\r')).toBe('\t\n\r');
    expect(xmlText('社区 😀')).toBe('社区 😀');
  });

  it('declines a sheet whose rows are not all committed (the caller then writes through exceljs)', () => {
    expect(
      DirectSheetRows.open({ stream: { write: () => true }, startedData: true, _rowZero: 5, _rows: [] }, 5),
    ).not.toBeNull();
    expect(
      DirectSheetRows.open({ stream: { write: () => true }, startedData: true, _rowZero: 5, _rows: [{}] }, 5),
    ).toBeNull();
    expect(
      DirectSheetRows.open({ stream: { write: () => true }, startedData: false, _rowZero: 5, _rows: [] }, 5),
    ).toBeNull();
    expect(DirectSheetRows.open({ startedData: true, _rowZero: 5, _rows: [] }, 5)).toBeNull();
    expect(
      DirectSheetRows.open({ stream: { write: () => true }, startedData: true, _rowZero: 4, _rows: [] }, 5),
    ).toBeNull();
  });
});
