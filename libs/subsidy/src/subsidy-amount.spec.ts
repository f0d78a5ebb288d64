import {
  computeSubsidyAmount,
  formatFen,
  parseKilowattsToMilli,
  ROUNDING_RULE_ZH,
  SubsidyRate,
  validateSubsidyRate,
} from './subsidy-amount.js';
import { SubsidyInputError } from './subsidy-input.error.js';

const perKw = (fenPerKw: number, capFen: number | null = null): SubsidyRate => ({
  fenPerKw,
  fenPerPile: { ac: 0, dc: 0 },
  capFen,
});
const facility = (totalKw: string, acPiles = 0, dcPiles = 0) => ({ totalKw, acPiles, dcPiles });

describe('computeSubsidyAmount — worked examples', () => {
  it('120 kW at 200 元/kW = 24,000.00 元', () => {
    // 200 元 = 20,000 fen per kW; 120.000 kW = 120,000 thousandths; 20,000 × 120,000 / 1000 = 2,400,000 fen.
    const { amountFen, breakdown } = computeSubsidyAmount(facility('120'), perKw(20_000));
    expect(amountFen).toBe(2_400_000);
    expect(formatFen(amountFen)).toBe('24,000.00 元');
    expect(breakdown).toMatchObject({ kwMilli: 120_000, capacityFen: 2_400_000, capped: false });
    expect(breakdown.explanationZh).toEqual([
      '按容量：120 千瓦 × 200.00 元/千瓦 = 24,000.00 元（四舍五入到分）',
      '补贴金额：24,000.00 元',
    ]);
  });

  it('7.035 kW × 150 fen/kW = 1055.25 fen → 1055 fen (rounds down below .5)', () => {
    // 7035 × 150 = 1,055,250 thousandths of a fen = 1055.25 fen → 1055.
    expect(computeSubsidyAmount(facility('7.035'), perKw(150)).amountFen).toBe(1055);
  });

  it('7.037 kW × 150 fen/kW = 1055.55 fen → 1056 fen (rounds up above .5)', () => {
    // 7037 × 150 = 1,055,550 → 1055.55 fen → 1056.
    expect(computeSubsidyAmount(facility('7.037'), perKw(150)).amountFen).toBe(1056);
  });

  it('7.035 kW × 100 fen/kW = 703.5 fen → 704 fen (exactly half goes up)', () => {
    expect(computeSubsidyAmount(facility('7.035'), perKw(100)).amountFen).toBe(704);
    // 0.001 kW × 500 fen/kW = 0.5 fen → 1 fen; × 499 = 0.499 fen → 0.
    expect(computeSubsidyAmount(facility('0.001'), perKw(500)).amountFen).toBe(1);
    expect(computeSubsidyAmount(facility('0.001'), perKw(499)).amountFen).toBe(0);
  });

  it('adds per-pile amounts and caps the sum', () => {
    // 60 kW × 100 元 = 6,000.00; 4 AC × 1,000 元 = 4,000.00; 1 DC × 5,000 元 = 5,000.00; sum 15,000.00 元;
    // cap 10,000.00 元 → 10,000.00 元.
    const rate: SubsidyRate = { fenPerKw: 10_000, fenPerPile: { ac: 100_000, dc: 500_000 }, capFen: 1_000_000 };
    const { amountFen, breakdown } = computeSubsidyAmount(facility('60', 4, 1), rate);
    expect(amountFen).toBe(1_000_000);
    expect(breakdown).toMatchObject({
      capacityFen: 600_000,
      acPileFen: 400_000,
      dcPileFen: 500_000,
      uncappedFen: 1_500_000,
      capFen: 1_000_000,
      capped: true,
      amountFen: 1_000_000,
    });
    expect(breakdown.explanationZh).toEqual([
      '按容量：60 千瓦 × 100.00 元/千瓦 = 6,000.00 元（四舍五入到分）',
      '交流桩：4 台 × 1,000.00 元/台 = 4,000.00 元',
      '直流桩：1 台 × 5,000.00 元/台 = 5,000.00 元',
      '合计 15,000.00 元 超过上限 10,000.00 元，按上限补贴',
      '补贴金额：10,000.00 元',
    ]);
  });

  it('does not cap an amount equal to the cap', () => {
    const { amountFen, breakdown } = computeSubsidyAmount(facility('60'), perKw(10_000, 600_000));
    expect(amountFen).toBe(600_000);
    expect(breakdown.capped).toBe(false);
  });

  it('pays per pile only when the kW rate is 0', () => {
    // 2 AC × 800 元 + 1 DC × 3,000 元 = 1,600 + 3,000 = 4,600.00 元; capacity 30.5 kW is ignored.
    const rate: SubsidyRate = { fenPerKw: 0, fenPerPile: { ac: 80_000, dc: 300_000 }, capFen: null };
    const { amountFen, breakdown } = computeSubsidyAmount(facility('30.5', 2, 1), rate);
    expect(amountFen).toBe(460_000);
    expect(breakdown.capacityFen).toBe(0);
  });

  it('states the rounding rule', () => {
    expect(ROUNDING_RULE_ZH).toContain('四舍五入到分');
  });
});

describe('parseKilowattsToMilli', () => {
  it.each([
    ['120', 120_000],
    ['7.035', 7035],
    ['7.5', 7500],
    ['0.001', 1],
    ['0', 0],
    ['007.10', 7100],
  ])('%s kW → %i', (text, milli) => {
    expect(parseKilowattsToMilli(text)).toBe(milli);
  });

  it.each([
    ['-3', '装机容量不能为负数：-3'],
    ['-0.5', '装机容量不能为负数'],
    ['7.0351', '装机容量最多保留 3 位小数：7.0351'],
    ['abc', '装机容量格式无效'],
    ['1e3', '装机容量格式无效'],
    ['7.', '装机容量格式无效'],
    [' 7', '装机容量格式无效'],
    ['', '装机容量格式无效'],
  ])('rejects %p', (text, message) => {
    expect(() => parseKilowattsToMilli(text)).toThrow(SubsidyInputError);
    expect(() => parseKilowattsToMilli(text)).toThrow(message);
  });
});

describe('subsidy rate and pile counts', () => {
  it('rejects negative or fractional fen', () => {
    expect(validateSubsidyRate({ fenPerKw: -1, fenPerPile: { ac: 1.5, dc: 0 }, capFen: -100 })).toEqual([
      '按容量补贴单价须为非负整数（单位：分），当前为 -1',
      '交流桩补贴单价须为非负整数（单位：分），当前为 1.5',
      '单个设施补贴上限须为非负整数（单位：分），当前为 -100',
    ]);
    expect(() => computeSubsidyAmount(facility('1'), perKw(0.5))).toThrow('补贴标准无效');
  });

  it('rejects negative pile counts', () => {
    expect(() => computeSubsidyAmount(facility('1', -1), perKw(100))).toThrow('交流桩数量须为非负整数');
  });
});

describe('formatFen', () => {
  it.each([
    [1_234_567, '12,345.67 元'],
    [0, '0.00 元'],
    [5, '0.05 元'],
    [100, '1.00 元'],
    [99_999, '999.99 元'],
    [100_000, '1,000.00 元'],
    [123_456_789_012, '1,234,567,890.12 元'],
    [-150, '-1.50 元'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('rejects fractions of a fen', () => {
    expect(() => formatFen(10.5)).toThrow('金额须为整数分');
  });
});
