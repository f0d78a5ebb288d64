import { fenToYuan, parseSubsidySettings, readStoredSubsidySettings, yuanToFen } from './subsidy-settings.js';

describe('subsidy settings', () => {
  it('turns 元 into integer fen exactly', () => {
    // 200 元 = 20,000 分; 0.5 元 = 50 分; 12.34 元 = 1,234 分; 30,000 元 = 3,000,000 分.
    expect(['200', '0.5', '12.34', '30000', '0'].map(yuanToFen)).toEqual([20_000, 50, 1234, 3_000_000, 0]);
    expect(['-1', '1.005', '1e3', '１２', '', '2,000'].map(yuanToFen)).toEqual([null, null, null, null, null, null]);
    expect(fenToYuan(1234)).toBe('12.34');
    expect(fenToYuan(5)).toBe('0.05');
  });

  it('accepts a rate per kW with a cap, and per pile without one', () => {
    expect(parseSubsidySettings({ yuanPerKw: '200', capYuan: '30000', ezhouServiceStandard: false })).toEqual({
      ok: true,
      settings: {
        rate: { fenPerKw: 20_000, fenPerPile: { ac: 0, dc: 0 }, capFen: 3_000_000 },
        ezhouServiceStandard: false,
      },
    });
    expect(
      parseSubsidySettings({ yuanPerAcPile: '800', yuanPerDcPile: 3000, capYuan: '', ezhouServiceStandard: true }),
    ).toEqual({
      ok: true,
      settings: {
        rate: { fenPerKw: 0, fenPerPile: { ac: 80_000, dc: 300_000 }, capFen: null },
        ezhouServiceStandard: true,
      },
    });
  });

  it('reports every problem at once, in Chinese', () => {
    expect(
      parseSubsidySettings({ yuanPerKw: '-5', yuanPerAcPile: '1.234', capYuan: 'abc', ezhouServiceStandard: 'yes' }),
    ).toEqual({
      ok: false,
      errors: [
        '按容量补贴单价（元/千瓦）须为不小于 0 的金额（元），最多 2 位小数，当前为「-5」',
        '交流桩补贴单价（元/台）须为不小于 0 的金额（元），最多 2 位小数，当前为「1.234」',
        '单个设施补贴上限（元）须为不小于 0 的金额（元），最多 2 位小数，当前为「abc」',
        '是否启用鄂州「三个5」服务标准须为 true 或 false',
      ],
    });
    expect(parseSubsidySettings({ capYuan: '0', ezhouServiceStandard: false })).toEqual({
      ok: false,
      errors: ['补贴标准至少设置一项：按容量（元/千瓦）或按桩（元/台）', '单个设施补贴上限须大于 0；不设上限请留空'],
    });
  });

  it('trusts stored settings only when they pass the same check', () => {
    const good = { rate: { fenPerKw: 100, fenPerPile: { ac: 0, dc: 0 }, capFen: null }, ezhouServiceStandard: false };
    expect(readStoredSubsidySettings(good)).toEqual(good);
    expect(readStoredSubsidySettings({ ...good, rate: { ...good.rate, fenPerKw: 0 } })).toBeNull();
    expect(readStoredSubsidySettings(null)).toBeNull();
  });
});

describe('fenToYuan (amounts from integer fen, no float on the way)', () => {
  it('turns fen into yuan text digit for digit', () => {
    expect([0, 1, 10, 99, 100, 105525, 3_000_000].map(fenToYuan)).toEqual([
      '0.00',
      '0.01',
      '0.10',
      '0.99',
      '1.00',
      '1055.25',
      '30000.00',
    ]);
    // Every digit survives up to the largest safe integer.
    expect(fenToYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => fenToYuan(1.5)).toThrow();
  });
});
