import ExcelJS from 'exceljs';
import { PlatformImportSource } from '../entities/platform.enums.js';
import { decodeCsvText, readPlatformFile } from './platform-file.reader.js';
import { HEADER_MESSAGES } from './platform-record.rules.js';

const context = {
  today: '2026-11-20',
  districts: [
    { id: 1, code: '530102', name: '五华区' },
    { id: 2, code: '530103', name: '盘龙区' },
  ],
};

async function xlsx(rows: unknown[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('接入设施');
  rows.forEach((row) => sheet.addRow(row));
  build?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER = ['平台编号', '站点名称', '所属区县', '接入日期', '运营企业', '交流桩数', '直流桩数', '总功率(kW)'];

describe('readPlatformFile — .xlsx', () => {
  it('finds the header under a title row, takes columns in any order, reads dates and month columns', async () => {
    const bytes = await xlsx(
      [
        ['昆明市充电设施接入清单（截至 2026-11-15）'],
        ['2026-10充电量（kWh）', ...HEADER],
        [1500.25, 'KMCD00000001', '翠湖花园充电站', '五华区', new Date(Date.UTC(2026, 2, 15)), '某运营公司', 4, 1, 88],
        [],
        [null, 'KMCD00000002', null, null, '2026-04-01', null, 0, 2, '120.5'],
      ],
      (sheet) => sheet.mergeCells('A1:I1'),
    );
    const read = await readPlatformFile(bytes, '平台导出.xlsx', context);
    expect(read.errors).toEqual([]);
    expect(read.source).toBe(PlatformImportSource.Xlsx);
    expect(read.records).toEqual([
      expect.objectContaining({
        platformId: 'KMCD00000001',
        districtId: 1,
        connectedOn: '2026-03-15',
        acPiles: 4,
        dcPiles: 1,
        totalKw: '88',
        monthlyKwh: [{ month: '2026-10', kwh: '1500.25' }],
      }),
      expect.objectContaining({ platformId: 'KMCD00000002', districtId: null, totalKw: '120.5', monthlyKwh: [] }),
    ]);
  });

  it('names every missing, unknown and repeated column and reads no row', async () => {
    const bytes = await xlsx([
      ['平台编号', '地址', '接入日期', '接入日期', '交流桩数', '2026-10充电量', '2026年10月充电量'],
      ['KMCD00000001', '某路 1 号', '2026-03-15', '2026-03-15', 2, 10, 10],
    ]);
    const read = await readPlatformFile(bytes, 'x.xlsx', context);
    expect(read.records).toEqual([]);
    expect(read.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, '地址', HEADER_MESSAGES.unknown('地址')],
      [1, '接入日期', '列「接入日期」与第 3 列重复'],
      [1, '2026年10月充电量', '列「2026年10月充电量」与第 6 列重复'],
      [1, '直流桩数', '缺少列「直流桩数」'],
      [1, '总功率（kW）', '缺少列「总功率（kW）」'],
    ]);
    expect(HEADER_MESSAGES.unknown('地址')).toContain('可用的列为 平台编号、站点名称');
  });

  it('locates cell errors by sheet, row and the header as the file spells it', async () => {
    const bytes = await xlsx([HEADER, ['KMCD00000001', null, null, '2026-02-30', null, 'abc', 0, 7]]);
    const read = await readPlatformFile(bytes, 'x.xlsx', context);
    expect(read.errors).toEqual([
      {
        sheet: '接入设施',
        row: 2,
        column: '接入日期',
        value: '2026-02-30',
        message: expect.stringContaining('2026-02-30'),
      },
      {
        sheet: '接入设施',
        row: 2,
        column: '交流桩数',
        value: 'abc',
        message: '应为 0 到 100000 之间的整数，实际为「abc」',
      },
    ]);
  });

  it('refuses a merged cell among the data rows, a file without a header, an empty sheet', async () => {
    const merged = await xlsx([HEADER, ['A', 'B', null, '2026-01-01', null, 1, 0, 7]], (s) => s.mergeCells('B2:C2'));
    expect((await readPlatformFile(merged, 'x.xlsx', context)).errors.map((e) => e.message)).toEqual([
      '不能合并单元格（B2:C2）：请取消合并，每个单元格分别填写',
    ]);
    const headless = await xlsx([
      ['编号', '日期'],
      ['A', '2026-01-01'],
    ]);
    expect((await readPlatformFile(headless, 'x.xlsx', context)).errors.map((e) => e.message)).toEqual([
      '找不到表头行：前 10 行中没有「平台编号」列',
    ]);
    const empty = await xlsx([HEADER]);
    expect((await readPlatformFile(empty, 'x.xlsx', context)).errors.map((e) => e.message)).toEqual([
      '文件中没有数据行',
    ]);
  });

  it('refuses what is not a workbook before opening it: a legacy .xls, garbage named .xlsx, an empty file', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await readPlatformFile(ole, 'old.xls', context)).errors[0].message).toContain('不支持 .xls');
    expect((await readPlatformFile(Buffer.from('hello'), 'x.xlsx', context)).errors[0].message).toContain(
      '不是有效的 .xlsx 工作簿',
    );
    expect((await readPlatformFile(Buffer.alloc(0), 'x.csv', context)).errors[0].message).toContain('文件为空');
    expect((await readPlatformFile(Buffer.from('a'), 'x.pdf', context)).errors[0].message).toBe(
      '仅支持 .xlsx（Excel 2007 及以上）和 .csv 文件',
    );
  });
});

describe('readPlatformFile — .csv', () => {
  const csv = [
    '平台编号,站点名称,所属区县,接入日期,交流桩数,直流桩数,总功率（kW）,2026-10充电量（kWh）',
    'KMCD00000009,盘龙江畔充电站,盘龙区,2026/3/5,2,0,14,"1,200.5"',
    '',
    'KMCD00000010,"名称,带逗号",530102,2026-04-01,0,1,60,',
  ].join('\r\n');

  it.each([
    ['UTF-8', Buffer.from(csv, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])],
  ])('reads %s, quoted cells and thousands separators', async (_, bytes) => {
    const read = await readPlatformFile(bytes, '导出.csv', context);
    expect(read.errors).toEqual([]);
    expect(read.source).toBe(PlatformImportSource.Csv);
    expect(read.records.map((r) => [r.platformId, r.stationName, r.districtId, r.connectedOn, r.monthlyKwh])).toEqual([
      ['KMCD00000009', '盘龙江畔充电站', 2, '2026-03-05', [{ month: '2026-10', kwh: '1200.5' }]],
      ['KMCD00000010', '名称,带逗号', 1, '2026-04-01', []],
    ]);
  });

  it('reads GBK (what Excel on Chinese Windows saves as CSV)', async () => {
    // The header and first row above, encoded in GBK by hand (python: s.encode('gbk')).
    const gbk = Buffer.from(
      'c6bdcca8b1e0bac52cd5beb5e3c3fbb3c62ccbf9caf4c7f8cfd82cbdd3c8ebc8d5c6da2cbdbbc1f7d7aecafd2cd6b1c1f7d7aecafd2cd7dcb9a6c2caa3a86b57a3a92c323032362d3130b3e4b5e7c1bfa3a86b5768a3a90d0a4b4d434430303030303030392cc5ccc1fabdadc5cfb3e4b5e7d5be2cc5ccc1fac7f82c323032362f332f352c322c302c31342c22312c3230302e35220d0a',
      'hex',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const read = await readPlatformFile(gbk, 'gbk.csv', context);
    expect(read.errors).toEqual([]);
    expect(read.records).toEqual([
      expect.objectContaining({ platformId: 'KMCD00000009', stationName: '盘龙江畔充电站', districtId: 2 }),
    ]);
  });

  it('gives row numbers as a spreadsheet shows them (header = 1), blank lines counted', async () => {
    const bad = csv.replace('2026-04-01', '明天');
    const read = await readPlatformFile(Buffer.from(bad), 'x.csv', context);
    expect(read.errors.map((e) => [e.sheet, e.row, e.column, e.value])).toEqual([['', 4, '接入日期', '明天']]);
  });

  it('refuses an unclosed quote and bytes that are neither UTF-8 nor GBK', async () => {
    const unclosed = Buffer.from('平台编号,接入日期\r\n"KMCD1,2026-01-01\r\n');
    expect((await readPlatformFile(unclosed, 'x.csv', context)).errors[0].message).toMatch(
      /^CSV 格式错误.*引号没有闭合/,
    );
    expect(decodeCsvText(Buffer.from([0x81, 0x20, 0xff]))).toBeNull();
  });
});
