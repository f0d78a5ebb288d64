import { PlatformErrorLabels, PlatformRowInput, matchHeader, validatePlatformRows } from './platform-record.rules.js';

const labels: PlatformErrorLabels = {
  sheet: '接入清单',
  field: (key) => `<${key}>`,
  month: (month) => `<${month}>`,
};
const context = {
  today: '2026-11-20',
  districts: [
    { id: 1, code: '530102', name: '五华区' },
    { id: 2, code: '530103', name: '盘龙区' },
  ],
  labels,
};

/** A valid row; each test changes one thing. 91530100MA6K0AC42N is a valid 统一社会信用代码 (GB 32100 check). */
const good = (
  rowNumber: number,
  changes: Partial<PlatformRowInput['cells']> = {},
  months: PlatformRowInput['months'] = [],
) => ({
  rowNumber,
  cells: {
    platformId: 'KMCD00000001',
    stationName: '翠湖花园充电站',
    district: '五华区',
    connectedOn: '2026-03-15',
    operatorName: '昆明充电科技有限公司',
    operatorCreditCode: '91530100MA6K0AC42N',
    acPiles: 4,
    dcPiles: 1,
    totalKw: '88',
    ...changes,
  },
  months,
});

describe('validatePlatformRows — worked examples', () => {
  it('types a valid row: district by name or code, credit code normalised, months sorted', () => {
    const { records, errors } = validatePlatformRows(
      [
        good(2, {}, [
          { month: '2026-10', raw: 1234.5 },
          { month: '2026-09', raw: '980' },
          { month: '2026-08', raw: null },
        ]),
        good(3, { platformId: ' KMCD00000002 ', district: '530103', operatorCreditCode: null, totalKw: 7.035 }),
      ],
      context,
    );
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        platformId: 'KMCD00000001',
        stationName: '翠湖花园充电站',
        districtId: 1,
        connectedOn: '2026-03-15',
        operatorName: '昆明充电科技有限公司',
        operatorCreditCode: '91530100MA6K0AC42N',
        acPiles: 4,
        dcPiles: 1,
        totalKw: '88',
        // The blank August cell is "not given", not zero; months come out in calendar order.
        monthlyKwh: [
          { month: '2026-09', kwh: '980' },
          { month: '2026-10', kwh: '1234.5' },
        ],
      },
      expect.objectContaining({
        platformId: 'KMCD00000002',
        districtId: 2,
        operatorCreditCode: null,
        totalKw: '7.035',
      }),
    ]);
  });

  it('reports every bad cell of a row at once and keeps the row out', () => {
    const { records, errors } = validatePlatformRows(
      [
        good(5, {
          platformId: null,
          district: '西城区',
          connectedOn: '2026-11-21', // after today (2026-11-20)
          operatorCreditCode: '91530100MA6K0AC42P', // last character wrong
          acPiles: -1,
          dcPiles: 1.5,
          totalKw: '7.0351', // 4 decimals
        }),
      ],
      context,
    );
    expect(records).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
      [5, '<platformId>', null, '此项为必填，不能为空'],
      [5, '<connectedOn>', '2026-11-21', '日期应在 2000-01-01 到 2026-11-20 之间，实际为 2026-11-21'],
      [5, '<acPiles>', '-1', '应为 0 到 100000 之间的整数，实际为「-1」'],
      [5, '<dcPiles>', '1.5', '应为 0 到 100000 之间的整数，实际为「1.5」'],
      [5, '<totalKw>', '7.0351', '应为 0 到 999999999.999 之间的数值（最多 3 位小数），实际为「7.0351」'],
      [5, '<district>', '西城区', '所属区县「西城区」不是本市的区县（园区）名称或代码'],
      [5, '<operatorCreditCode>', '91530100MA6K0AC42P', '统一社会信用代码校验位错误，应为 N'],
    ]);
  });

  it('refuses power without piles and piles without power', () => {
    const { errors } = validatePlatformRows(
      [good(2, { acPiles: 0, dcPiles: 0, totalKw: '7' }), good(3, { platformId: 'B', totalKw: 0 })],
      context,
    );
    expect(errors.map((e) => [e.row, e.message])).toEqual([
      [2, '交流桩和直流桩均为 0 时，总功率应为 0'],
      [3, '有充电桩时总功率应大于 0'],
    ]);
  });

  it('names the first row of a repeated platform id', () => {
    const { errors } = validatePlatformRows([good(2), good(3, { platformId: 'X' }), good(7)], context);
    expect(errors.map((e) => [e.row, e.message])).toEqual([
      [7, '平台编号「KMCD00000001」与第 2 行重复：每个设施只能出现一次'],
    ]);
  });

  it('refuses a negative or malformed month figure and a month after the current one', () => {
    const { errors } = validatePlatformRows(
      [
        good(2, {}, [
          { month: '2026-10', raw: '-5' },
          { month: '2026-11', raw: '约300' },
          { month: '2026-12', raw: '10' },
        ]),
      ],
      context,
    );
    expect(errors.map((e) => [e.column, e.message])).toEqual([
      ['<2026-10>', '应为 0 到 99999999999.999 之间的数值（最多 3 位小数），实际为「-5」'],
      ['<2026-11>', '应为 0 到 99999999999.999 之间的数值（最多 3 位小数），实际为「约300」'],
      ['<2026-12>', '充电量月份 2026-12 晚于当前月份 2026-11'],
    ]);
  });

  it('refuses a formula: a platform export carries values', () => {
    const { errors } = validatePlatformRows([good(2, { acPiles: { formula: 'B2+1', result: 5 } })], context);
    expect(errors.map((e) => e.message)).toEqual(['此处应填写数值，不能使用公式']);
  });
});

describe('matchHeader', () => {
  it.each([
    ['平台编号', { kind: 'field', key: 'platformId' }],
    ['市级平台编号', { kind: 'field', key: 'platformId' }],
    ['总功率(kW)', { kind: 'field', key: 'totalKw' }], // half-width parentheses ≡ full-width
    ['总功率（ＫＷ）', { kind: 'field', key: 'totalKw' }],
    [' 交流桩数 ', { kind: 'field', key: 'acPiles' }],
    ['2026-10充电量（kWh）', { kind: 'month', month: '2026-10' }],
    ['2026年3月充电量(千瓦时)', { kind: 'month', month: '2026-03' }],
    ['2026/09 充电量', { kind: 'month', month: '2026-09' }],
    ['2026-13充电量', { kind: 'unknown' }],
    ['地址', { kind: 'unknown' }],
  ])('%s → %o', (text, match) => {
    expect(matchHeader(text)).toEqual(match);
  });
});
