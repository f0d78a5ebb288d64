import ExcelJS from 'exceljs';
import fc from 'fast-check';

import {
  CellKind,
  cellKind,
  excelSerialToIsoDate,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseText,
  type RawCellValue,
} from './cell-parsers.js';

const richText = (...parts: string[]): RawCellValue => ({ richText: parts.map((text) => ({ text })) });
const formula: RawCellValue = { formula: 'SUM(A1:A3)', result: 12 };
const sharedFormula: RawCellValue = { sharedFormula: 'B2', result: 12 };
const naError: RawCellValue = { error: '#N/A' };

describe('cellKind', () => {
  it.each<[string, RawCellValue, CellKind]>([
    ['null', null, CellKind.Empty],
    ['undefined', undefined, CellKind.Empty],
    ['empty string', '', CellKind.Empty],
    ['spaces, non-breaking and ideographic spaces', ' \u00A0\u3000 ', CellKind.Empty],
    ['zero-width characters only', '\u200B\uFEFF', CellKind.Empty],
    ['empty rich text', richText(' ', ''), CellKind.Empty],
    ['text', '五华区', CellKind.Value],
    ['zero', 0, CellKind.Value],
    ['false', false, CellKind.Value],
    ['date', new Date(Date.UTC(2024, 2, 5)), CellKind.Value],
    ['rich text', richText('翠湖', '小区'), CellKind.Value],
    ['hyperlink', { text: '链接', hyperlink: 'https://example.cn' }, CellKind.Value],
    ['formula', formula, CellKind.Formula],
    ['formula without cached result', { formula: 'A1' }, CellKind.Formula],
    ['shared formula', sharedFormula, CellKind.Formula],
    ['error', naError, CellKind.Error],
  ])('%s', (_name, raw, kind) => {
    expect(cellKind(raw)).toBe(kind);
  });
});

describe('presence, formulas and error values (shared by every parser)', () => {
  const parsers: [string, (raw: RawCellValue, required: boolean) => unknown, string][] = [
    ['parseText', (raw, required) => parseText(raw, { required }), '文字'],
    ['parseInteger', (raw, required) => parseInteger(raw, { required }), '数值'],
    ['parseDecimal', (raw, required) => parseDecimal(raw, { required }), '数值'],
    ['parseDate', (raw, required) => parseDate(raw, { required }), '日期'],
    ['parseBoolean', (raw, required) => parseBoolean(raw, { required }), '「是」或「否」'],
    ['parseEnum', (raw, required) => parseEnum(raw, [{ label: '公用', value: 1 }], { required }), '选项'],
  ];

  describe.each(parsers)('%s', (_name, parse, what) => {
    it.each<RawCellValue>([null, undefined, '', '  ', '\u00A0', '\u200B', richText('')])(
      'rejects empty %j when required',
      (raw) => {
        expect(parse(raw, true)).toEqual({ ok: false, message: '此项为必填，不能为空' });
      },
    );

    it('returns null for an empty optional cell', () => {
      expect(parse(null, false)).toEqual({ ok: true, value: null });
      expect(parse(' ', false)).toEqual({ ok: true, value: null });
    });

    it.each<RawCellValue>([formula, sharedFormula, { formula: 'A1' }, { formula: 'TODAY()', result: new Date(0) }])(
      'rejects formula %j and ignores its cached result',
      (raw) => {
        const expected = { ok: false, message: `此处应填写${what}，不能使用公式` };
        expect(parse(raw, true)).toEqual(expected);
        expect(parse(raw, false)).toEqual(expected);
      },
    );

    it('rejects an error value', () => {
      expect(parse(naError, false)).toEqual({ ok: false, message: `单元格为错误值 #N/A，此处应填写${what}` });
      expect(parse({ error: '#DIV/0!' }, true)).toEqual({
        ok: false,
        message: `单元格为错误值 #DIV/0!，此处应填写${what}`,
      });
    });
  });

  it('gives the exact message asked for numbers', () => {
    expect(parseInteger(formula, { required: true })).toEqual({ ok: false, message: '此处应填写数值，不能使用公式' });
  });
});

describe('parseText', () => {
  it.each<[RawCellValue, string]>([
    ['  翠湖小区  ', '翠湖小区'],
    ['\u00A0翠湖小区\u3000', '翠湖小区'],
    ['翠\u200B湖\uFEFF小区', '翠湖小区'],
    ['翠湖\u00A0小区', '翠湖 小区'],
    ['（一期）', '（一期）'],
    [richText('云南', '省'), '云南省'],
    [{ text: '官网', hyperlink: 'https://example.cn' }, '官网'],
    [{ text: { richText: [{ text: '富' }, { text: '文本' }] }, hyperlink: 'https://example.cn' }, '富文本'],
    [12.5, '12.5'],
    [1e21, '1000000000000000000000'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
    ['=1+1', '=1+1'],
    ['+86 0871 6361 2345', '+86 0871 6361 2345'],
    ['-', '-'],
    ['@物业', '@物业'],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseText(raw, { required: true })).toEqual({ ok: true, value: expected });
  });

  it('counts characters, not UTF-16 units, against maxLength', () => {
    expect(parseText('五华区', { maxLength: 3 })).toEqual({ ok: true, value: '五华区' });
    expect(parseText('𠀀𠀀', { maxLength: 2 })).toEqual({ ok: true, value: '𠀀𠀀' });
    expect(parseText('五华区翠湖', { maxLength: 3 })).toEqual({
      ok: false,
      message: '内容过长：最多 3 个字，实际 5 个字',
    });
  });
});

describe('parseInteger', () => {
  it.each<[RawCellValue, number]>([
    [12, 12],
    [0, 0],
    [-3, -3],
    ['12', 12],
    [' 12 ', 12],
    ['\u00A012\u200B', 12],
    ['１２', 12],
    ['＋１２', 12],
    ['－１２', -12],
    ['\u221212', -12],
    ['1,234', 1234],
    ['1，234', 1234],
    ['１，２３４', 1234],
    ['1,234,567', 1234567],
    ['12.0', 12],
    ['１２．００', 12],
    ['007', 7],
    [richText('4', '2'), 42],
    [9007199254740991, 9007199254740991],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseInteger(raw, { required: true })).toEqual({ ok: true, value: expected });
  });

  it.each<[RawCellValue, string]>([
    [12.5, '应为不小于 0 的整数，实际为「12.5」'],
    ['12.5', '应为不小于 0 的整数，实际为「12.5」'],
    ['１２．５', '应为不小于 0 的整数，实际为「１２．５」'],
    [-1, '应为不小于 0 的整数，实际为「-1」'],
    ['12个', '应为不小于 0 的整数，实际为「12个」'],
    ['十二', '应为不小于 0 的整数，实际为「十二」'],
    ['1 234', '应为不小于 0 的整数，实际为「1 234」'],
    ['1,23', '应为不小于 0 的整数，实际为「1,23」'],
    ['12,34', '应为不小于 0 的整数，实际为「12,34」'],
    ['1e3', '应为不小于 0 的整数，实际为「1e3」'],
    ['12%', '应为不小于 0 的整数，实际为「12%」'],
    ['.', '应为不小于 0 的整数，实际为「.」'],
    [true, '应为不小于 0 的整数，实际为「TRUE」'],
    [new Date(Date.UTC(2024, 2, 5)), '应为不小于 0 的整数，实际为「2024-03-05」'],
    [9007199254740992, '应为不小于 0 的整数，实际为「9007199254740992」'],
    ['99999999999999999999', '应为不小于 0 的整数，实际为「99999999999999999999」'],
    [Number.NaN, '应为不小于 0 的整数，实际为「NaN」'],
  ])('rejects %j with min 0', (raw, message) => {
    expect(parseInteger(raw, { required: true, min: 0 })).toEqual({ ok: false, message });
  });

  it('describes the allowed range in the message', () => {
    expect(parseInteger(101, { min: 0, max: 100 })).toEqual({
      ok: false,
      message: '应为 0 到 100 之间的整数，实际为「101」',
    });
    expect(parseInteger(101, { max: 100 })).toEqual({ ok: false, message: '应为不大于 100 的整数，实际为「101」' });
    expect(parseInteger('abc', {})).toEqual({ ok: false, message: '应为整数，实际为「abc」' });
    expect(parseInteger(100, { min: 0, max: 100 })).toEqual({ ok: true, value: 100 });
  });

  it('shortens a very long value in the message', () => {
    const result = parseInteger('很'.repeat(60));
    expect(result).toEqual({ ok: false, message: `应为整数，实际为「${'很'.repeat(40)}…」` });
  });

  it('reads every safe integer typed as text, with or without thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseInteger(String(n))).toEqual({ ok: true, value: n });
        expect(parseInteger(n.toLocaleString('en-US'))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('parseDecimal', () => {
  it.each<[RawCellValue, string]>([
    [7.035, '7.035'],
    [0.1, '0.1'],
    [1.1, '1.1'],
    [120, '120'],
    [-0, '0'],
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    ['7.035', '7.035'],
    ['７．０３５', '7.035'],
    ['7.0350', '7.035'],
    ['007.50', '7.5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.00', '0'],
    ['－1.25', '-1.25'],
    ['+2', '2'],
    ['1,234.5', '1234.5'],
    ['1，234．5', '1234.5'],
    ['12345678901234567890.123', '12345678901234567890.123'],
    [' 60\u00A0', '60'],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseDecimal(raw, { required: true })).toEqual({ ok: true, value: expected });
  });

  it('enforces scale on significant decimals only', () => {
    expect(parseDecimal(7.035, { scale: 3 })).toEqual({ ok: true, value: '7.035' });
    expect(parseDecimal('7.03500', { scale: 3 })).toEqual({ ok: true, value: '7.035' });
    expect(parseDecimal('7.0351', { scale: 3 })).toEqual({
      ok: false,
      message: '应为数值（最多 3 位小数），实际为「7.0351」',
    });
    // 0.1 + 0.2 typed nowhere, but a pasted float with noise must not be silently rounded.
    expect(parseDecimal(0.30000000000000004, { scale: 2 })).toEqual({
      ok: false,
      message: '应为数值（最多 2 位小数），实际为「0.30000000000000004」',
    });
    expect(parseDecimal('12.5', { scale: 0 })).toEqual({ ok: false, message: '应为数值（不含小数），实际为「12.5」' });
  });

  it('compares bounds exactly', () => {
    const options = { required: true, min: 0, max: '0.5', scale: 4 } as const;
    expect(parseDecimal('0.5', options)).toEqual({ ok: true, value: '0.5' });
    expect(parseDecimal('0', options)).toEqual({ ok: true, value: '0' });
    expect(parseDecimal('0.5001', options)).toEqual({
      ok: false,
      message: '应为 0 到 0.5 之间的数值（最多 4 位小数），实际为「0.5001」',
    });
    expect(parseDecimal(-0.0001, options)).toEqual({
      ok: false,
      message: '应为 0 到 0.5 之间的数值（最多 4 位小数），实际为「-0.0001」',
    });
    expect(parseDecimal('-10', { min: -9.5 })).toEqual({ ok: false, message: '应为不小于 -9.5 的数值，实际为「-10」' });
    expect(parseDecimal('-9', { min: -9.5 })).toEqual({ ok: true, value: '-9' });
    expect(parseDecimal('100.01', { max: 100 })).toEqual({
      ok: false,
      message: '应为不大于 100 的数值，实际为「100.01」',
    });
    expect(parseDecimal('0.0009', { min: '0.001' })).toEqual({
      ok: false,
      message: '应为不小于 0.001 的数值，实际为「0.0009」',
    });
  });

  it.each<[RawCellValue, string]>([
    ['七点五', '应为数值，实际为「七点五」'],
    ['7.5kW', '应为数值，实际为「7.5kW」'],
    ['7,5', '应为数值，实际为「7,5」'],
    ['1.2.3', '应为数值，实际为「1.2.3」'],
    ['--1', '应为数值，实际为「--1」'],
    ['1e-3', '应为数值，实际为「1e-3」'],
    [Number.POSITIVE_INFINITY, '应为数值，实际为「Infinity」'],
    [false, '应为数值，实际为「FALSE」'],
  ])('rejects %j', (raw, message) => {
    expect(parseDecimal(raw)).toEqual({ ok: false, message });
  });

  it('throws on a bound that is not a decimal (a programming error)', () => {
    expect(() => parseDecimal('1', { min: 'abc' })).toThrow('Invalid decimal bound');
  });

  it('round-trips any finite double through its shortest representation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const result = parseDecimal(n, { required: true });
        expect(result.ok).toBe(true);
        if (result.ok) expect(Number(result.value)).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});

describe('parseDate', () => {
  it.each<[RawCellValue, string]>([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['2024年3月5号', '2024-03-05'],
    ['2024年03月05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['２０２４－０３－０５', '2024-03-05'],
    ['２０２４／３／５', '2024-03-05'],
    ['２０２４．３．５', '2024-03-05'],
    ['２０２４年３月５日', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['2024/3/5 14:30', '2024-03-05'],
    [' 2024-03-05\u00A0', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    [45356, '2024-03-05'],
    [45356.75, '2024-03-05'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [2958465, '9999-12-31'],
    [20240305, '2024-03-05'],
    [new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
    [new Date(Date.UTC(2024, 2, 5, 23, 59, 59)), '2024-03-05'],
    [richText('2024-', '03-05'), '2024-03-05'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseDate(raw, { required: true })).toEqual({ ok: true, value: expected });
  });

  it.each<[RawCellValue, string]>([
    ['2024-02-30', '日期不存在：2024 年 2 月只有 29 天，实际为「2024-02-30」'],
    ['2023/2/29', '日期不存在：2023 年 2 月只有 28 天，实际为「2023/2/29」'],
    ['2024年4月31日', '日期不存在：2024 年 4 月只有 30 天，实际为「2024年4月31日」'],
    ['2024-04-00', '日期不存在：2024 年 4 月只有 30 天，实际为「2024-04-00」'],
    ['2024-13-01', '日期不存在：月份应为 1 到 12，实际为「2024-13-01」'],
    ['20241301', '日期不存在：月份应为 1 到 12，实际为「20241301」'],
    [20230229, '日期不存在：2023 年 2 月只有 28 天，实际为「20230229」'],
    ['1899-12-31', '日期不存在：年份应不早于 1900，实际为「1899-12-31」'],
    [60, '日期不存在：Excel 序列号 60 对应的 1900-02-29 并不存在'],
    [0, '日期格式无法识别，请使用 2024-03-05 格式'],
    [-1, '日期格式无法识别，请使用 2024-03-05 格式'],
    [3000000, '日期格式无法识别，请使用 2024-03-05 格式'],
    ['2024-3/5', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['3/5/2024', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['05.03.2024', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['24-3-5', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['2024年3月', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['三月五日', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['45356', '日期格式无法识别，请使用 2024-03-05 格式'],
    ['2024-03-05T', '日期格式无法识别，请使用 2024-03-05 格式'],
    [true, '日期格式无法识别，请使用 2024-03-05 格式'],
    [new Date(Number.NaN), '日期格式无法识别，请使用 2024-03-05 格式'],
  ])('rejects %j', (raw, message) => {
    expect(parseDate(raw)).toEqual({ ok: false, message });
  });

  it('checks the inclusive range', () => {
    const period = { min: '2024-03-01', max: '2024-03-31' };
    expect(parseDate('2024-03-01', period)).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDate('2024-03-31', period)).toEqual({ ok: true, value: '2024-03-31' });
    expect(parseDate('2024-04-01', period)).toEqual({
      ok: false,
      message: '日期应在 2024-03-01 到 2024-03-31 之间，实际为 2024-04-01',
    });
    expect(parseDate(2024, { min: '2000-01-01' })).toEqual({
      ok: false,
      message: '日期不能早于 2000-01-01，实际为 1905-07-16',
    });
    expect(parseDate('2099-1-1', { max: '2030-12-31' })).toEqual({
      ok: false,
      message: '日期不能晚于 2030-12-31，实际为 2099-01-01',
    });
  });

  it('agrees with the Gregorian calendar for every serial after 1900-02-28', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(excelSerialToIsoDate(serial)).toBe(expected);
        expect(parseDate(serial)).toEqual({ ok: true, value: expected });
        expect(parseDate(expected.replace(/-/g, '/'))).toEqual({ ok: true, value: expected });
      }),
    );
  });
});

describe('parseBoolean', () => {
  it.each<RawCellValue>(['是', '有', 'Y', 'y', 'Ｙ', 'yes', 'YES', 'Yes', 'true', 'TRUE', '1', '１', 1, true])(
    'reads %j as true',
    (raw) => {
      expect(parseBoolean(raw, { required: true })).toEqual({ ok: true, value: true });
    },
  );

  it.each<RawCellValue>(['✓', '√', '✔', '✔\uFE0F', ' 是 '])('reads the mark %j as true', (raw) => {
    expect(parseBoolean(raw, { required: true })).toEqual({ ok: true, value: true });
  });

  it.each<RawCellValue>(['否', '无', 'N', 'n', 'no', 'NO', 'false', 'False', '0', '０', 0, false, '✗', '×', '✘'])(
    'reads %j as false',
    (raw) => {
      expect(parseBoolean(raw, { required: true })).toEqual({ ok: true, value: false });
    },
  );

  it.each<[RawCellValue, string]>([
    ['是的', '应填写「是」或「否」，实际为「是的」'],
    ['不是', '应填写「是」或「否」，实际为「不是」'],
    ['x', '应填写「是」或「否」，实际为「x」'],
    [2, '应填写「是」或「否」，实际为「2」'],
    [new Date(Date.UTC(2024, 2, 5)), '应填写「是」或「否」，实际为「2024-03-05」'],
  ])('rejects %j', (raw, message) => {
    expect(parseBoolean(raw)).toEqual({ ok: false, message });
  });
});

describe('parseEnum', () => {
  enum PileKind {
    Slow = 'ac_slow',
    Fast = 'dc_fast',
  }
  const pileKinds = [
    { label: '交流慢充', value: PileKind.Slow, aliases: ['慢充', 'AC'] },
    { label: '直流快充', value: PileKind.Fast, aliases: ['快充', 'DC'] },
  ];
  const garages = [
    { label: '地面', value: 1 },
    { label: '地下（含半地下）', value: 2 },
  ];

  it.each<[RawCellValue, PileKind]>([
    ['交流慢充', PileKind.Slow],
    ['  交流慢充\u00A0', PileKind.Slow],
    ['交流 慢充', PileKind.Slow],
    ['慢充', PileKind.Slow],
    ['ac', PileKind.Slow],
    ['ＤＣ', PileKind.Fast],
    [richText('直流', '快充'), PileKind.Fast],
  ])('reads %j', (raw, expected) => {
    expect(parseEnum(raw, pileKinds, { required: true })).toEqual({ ok: true, value: expected });
  });

  it('matches full-width and half-width brackets alike', () => {
    expect(parseEnum('地下(含半地下)', garages)).toEqual({ ok: true, value: 2 });
    expect(parseEnum('地下（含半地下）', garages)).toEqual({ ok: true, value: 2 });
  });

  it('lists the allowed labels when nothing matches', () => {
    expect(parseEnum('超充', pileKinds)).toEqual({
      ok: false,
      message: '应为以下选项之一：交流慢充、直流快充，实际为「超充」',
    });
    expect(parseEnum(3, garages)).toEqual({
      ok: false,
      message: '应为以下选项之一：地面、地下（含半地下），实际为「3」',
    });
  });

  it('matches a number typed where the label is numeric', () => {
    expect(parseEnum(2025, [{ label: '2025', value: 'y2025' }])).toEqual({ ok: true, value: 'y2025' });
  });
});

describe('values as exceljs really reads them back', () => {
  let values: Record<string, RawCellValue>;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报表');
    sheet.getCell('A1').value = 12;
    sheet.getCell('A2').value = 13;
    sheet.getCell('B1').value = { formula: 'A1*2', result: 24 };
    sheet.getCell('B2').value = { sharedFormula: 'B1', result: 26 };
    sheet.getCell('C1').value = new Date(Date.UTC(2024, 2, 5));
    sheet.getCell('C2').value = { richText: [{ text: '翠湖', font: { bold: true } }, { text: '小区' }] };
    sheet.getCell('D1').value = { text: '官网', hyperlink: 'https://example.cn' };
    sheet.getCell('D2').value = { error: '#N/A' };
    sheet.getCell('E1').value = '=1+1';
    sheet.getCell('E2').value = 7.035;
    const buffer = await workbook.xlsx.writeBuffer();
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(buffer);
    const read = loaded.getWorksheet('报表')!;
    values = Object.fromEntries(
      ['A1', 'B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'F1'].map((ref) => [ref, read.getCell(ref).value]),
    );
  });

  it('classifies each cell', () => {
    expect(Object.fromEntries(Object.entries(values).map(([ref, value]) => [ref, cellKind(value)]))).toEqual({
      A1: CellKind.Value,
      B1: CellKind.Formula,
      B2: CellKind.Formula,
      C1: CellKind.Value,
      C2: CellKind.Value,
      D1: CellKind.Value,
      D2: CellKind.Error,
      E1: CellKind.Value,
      E2: CellKind.Value,
      F1: CellKind.Empty,
    });
  });

  it('parses them', () => {
    expect(parseInteger(values.A1, { required: true })).toEqual({ ok: true, value: 12 });
    expect(parseInteger(values.B1, { required: true })).toEqual({ ok: false, message: '此处应填写数值，不能使用公式' });
    expect(parseInteger(values.B2, { required: true })).toEqual({ ok: false, message: '此处应填写数值，不能使用公式' });
    expect(parseDate(values.C1, { required: true })).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseText(values.C2, { required: true })).toEqual({ ok: true, value: '翠湖小区' });
    expect(parseText(values.D1, { required: true })).toEqual({ ok: true, value: '官网' });
    expect(parseText(values.D2)).toEqual({ ok: false, message: '单元格为错误值 #N/A，此处应填写文字' });
    expect(parseText(values.E1, { required: true })).toEqual({ ok: true, value: '=1+1' });
    expect(parseDecimal(values.E2, { required: true, scale: 3 })).toEqual({ ok: true, value: '7.035' });
    expect(parseDecimal(values.F1)).toEqual({ ok: true, value: null });
  });
});
