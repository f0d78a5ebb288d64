import { anomalyRulesText, DEFAULT_ANOMALY_SETTINGS, parseAnomalySettings } from './anomaly-settings.js';
import { formatFixed, median, medianAbsoluteDeviation, modifiedZ } from './anomaly-rules.js';

describe('anomaly settings', () => {
  it('accepts the defaults and states them in the rules text', () => {
    expect(parseAnomalySettings(JSON.parse(JSON.stringify(DEFAULT_ANOMALY_SETTINGS)))).toEqual({
      ok: true,
      settings: DEFAULT_ANOMALY_SETTINGS,
    });
    const text = anomalyRulesText(DEFAULT_ANOMALY_SETTINGS);
    expect(text).toContain('最近 12 个月的月增量');
    expect(text).toContain('超过 3.5');
    expect(text).toContain('MAD 不低于中位数的 25%');
    expect(text).toContain('可比区县少于 5 个的不判断');
  });

  it('lists every problem at once, in Chinese', () => {
    const result = parseAnomalySettings({
      jump: { historyMonths: 2, minHistoryMonths: 6.5, threshold: 0, minMad: { publicPiles: -1 } },
      peer: { minPeers: 5, threshold: 'x', minRelativeMad: 0.1 },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        '月增量异常的统计月数须为 3 至 36 的整数',
        '月增量异常的最少历史月数须为 2 至 36 的整数',
        '「公用充电桩数」的 MAD 下限须为不小于 0、不大于 1000000 的数',
        '「公用设施总功率（kW）」的 MAD 下限须为不小于 0、不大于 1000000 的数',
        '「已建成公用设施数」的 MAD 下限须为不小于 0、不大于 1000000 的数',
        '「已覆盖的符合条件社区数」的 MAD 下限须为不小于 0、不大于 1000000 的数',
        '月增量异常的修正 Z 值阈值须为大于 0、不大于 100 的数',
        '同城比较的修正 Z 值阈值须为大于 0、不大于 100 的数',
      ],
    });
    expect(parseAnomalySettings(null)).toMatchObject({ ok: false });
  });

  it('refuses a minimum history longer than the history', () => {
    const settings = JSON.parse(JSON.stringify(DEFAULT_ANOMALY_SETTINGS));
    settings.jump.minHistoryMonths = 13;
    expect(parseAnomalySettings(settings)).toEqual({ ok: false, errors: ['月增量异常的最少历史月数不能大于统计月数'] });
  });
});

describe('robust statistics', () => {
  it('median, MAD and the modified z-score by hand', () => {
    // 1 2 3 4 100: median 3; |x − 3| = 2 1 0 1 97 → MAD 1; z(100) = 0.6745 × 97 / 1 = 65.43
    expect(median([4, 100, 1, 3, 2])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(medianAbsoluteDeviation([4, 100, 1, 3, 2])).toBe(1);
    expect(formatFixed(modifiedZ(100, 3, 1), 2)).toBe('65.43');
  });

  it('rounds for display half away from zero', () => {
    expect(formatFixed(20.575, 2)).toBe('20.58');
    expect(formatFixed(-4.755, 2)).toBe('-4.76');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(88, 3)).toBe('88.000');
    expect(() => median([])).toThrow();
  });
});
