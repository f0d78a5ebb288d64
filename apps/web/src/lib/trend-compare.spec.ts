import { compareSeries } from './trend-compare';

describe('compareSeries (环比 / 同比)', () => {
  it('compares each month with the month before and the same month a year earlier', () => {
    // 2025-10: 80 → 2025-11: 90 → … 2026-10: 120 → 2026-11: 126.
    // 2026-11 环比: 126 − 120 = 6, 6 / 120 = 5.0%; 同比: 126 − 90 = 36, 36 / 90 = 40.0%.
    const points = [
      { month: '2025-10', value: 80 },
      { month: '2025-11', value: 90 },
      { month: '2026-10', value: 120 },
      { month: '2026-11', value: 126 },
    ];
    const [first, second, , last] = compareSeries(points);
    expect(last).toEqual({
      month: '2026-11',
      value: 126,
      monthOnMonth: { change: 6, percent: '5.0' },
      yearOnYear: { change: 36, percent: '40.0' },
    });
    // 2025-11 环比: 90 − 80 = 10, 12.5%; no 2024-11 → 同比 missing.
    expect(second.monthOnMonth).toEqual({ change: 10, percent: '12.5' });
    expect(second.yearOnYear).toEqual({ change: null, percent: null });
    expect(first.monthOnMonth).toEqual({ change: null, percent: null });
  });

  it('a gap in the series leaves 环比 missing rather than comparing with an older month', () => {
    // 2025-11 is missing, so 2025-12 has no month before it.
    const [, december] = compareSeries([
      { month: '2025-10', value: 5 },
      { month: '2025-12', value: 7 },
    ]);
    expect(december.monthOnMonth).toEqual({ change: null, percent: null });
  });

  it('from zero there is a change but no percentage; falls give negative figures, rounded half away from zero', () => {
    const [, growth] = compareSeries([
      { month: '2026-01', value: 0 },
      { month: '2026-02', value: 3 },
    ]);
    expect(growth.monthOnMonth).toEqual({ change: 3, percent: null });
    // 3 → 2: −1 / 3 = −33.33…% → −33.3; 8 → 7: −1 / 8 = −12.5% → −12.5 exactly; 16 → 15: −6.25% → −6.3.
    const falls = compareSeries([
      { month: '2026-01', value: 3 },
      { month: '2026-02', value: 2 },
      { month: '2027-01', value: 8 },
      { month: '2027-02', value: 7 },
      { month: '2028-01', value: 16 },
      { month: '2028-02', value: 15 },
    ]);
    expect(falls[1].monthOnMonth.percent).toBe('-33.3');
    expect(falls[3].monthOnMonth.percent).toBe('-12.5');
    expect(falls[5].monthOnMonth.percent).toBe('-6.3');
  });

  it('ratios (coverage) keep 4 decimals in the change: 0.4512 → 0.4630 is +0.0118, +2.6%', () => {
    // 0.0118 / 0.4512 = 2.615…% → 2.6.
    const [, b] = compareSeries([
      { month: '2026-09', value: 0.4512 },
      { month: '2026-10', value: 0.463 },
    ]);
    expect(b.monthOnMonth).toEqual({ change: 0.0118, percent: '2.6' });
  });
});
