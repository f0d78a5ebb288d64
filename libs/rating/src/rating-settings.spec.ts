import { DEFAULT_RATING_SETTINGS, parseRatingSettings } from './rating-settings.js';
import { ratingRulesText } from './property-company-score.js';

describe('rating settings are validated with every problem in Chinese', () => {
  it('accepts the defaults', () => {
    expect(parseRatingSettings(DEFAULT_RATING_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_RATING_SETTINGS });
  });

  it('lists every problem at once', () => {
    const result = parseRatingSettings({
      weights: { construction: 5000, selfUseCooperation: 2000, patrol: 2000, safetyRectification: 1500, extra: 1 },
      gradeThresholds: { A: 7000, B: 7500, C: 6000 },
      deductions: { confirmedObstruction: -1, confirmedOther: 200 },
      minPatrolsPerYear: 0,
      rectificationDays: 15.5,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        '未知的评分项：extra',
        '权重之和须为 100%，当前为 105%',
        '分数线须满足 A > B > C，当前为 A 70.00、B 75.00、C 60.00',
        '经认定属实的阻挠投诉每件扣分须为 0 至 100.00 分（以 0.01 分为单位的整数 0–10000），当前为 -1',
        '每年最少巡查次数须为 1 至 366 的整数，当前为 0',
        '隐患整改期限须为 1 至 365 天的整数，当前为 15.5',
      ],
    });
  });

  it('refuses missing, fractional and out-of-range values', () => {
    const result = parseRatingSettings({ weights: { construction: 40.5 }, gradeThresholds: { A: 10001, B: 0 } });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: string[] }).errors;
    expect(errors).toContain('「公用充电设施建设完成率」权重须为整数基点（1 基点 = 0.01%），当前为 40.5');
    expect(errors).toContain('「配合自用充电设施安装」权重须为整数基点（1 基点 = 0.01%），当前为 undefined');
    expect(errors).toContain('A 级分数线须为 0.01 至 100.00 分（以 0.01 分为单位的整数 1–10000），当前为 10001');
    expect(errors).toContain('B 级分数线须为 0.01 至 100.00 分（以 0.01 分为单位的整数 1–10000），当前为 0');
    expect(errors).toContain('C 级分数线须为 0.01 至 100.00 分（以 0.01 分为单位的整数 1–10000），当前为 undefined');
    // No sum message while a weight is not an integer: the sum would be meaningless.
    expect(errors.some((e) => e.startsWith('权重之和'))).toBe(false);
  });

  it('states the rules it was computed with', () => {
    const text = ratingRulesText(DEFAULT_RATING_SETTINGS);
    expect(text).toContain(
      '权重：公用充电设施建设完成率 40%，配合自用充电设施安装 20%，充电设施日常巡查 20%，安全隐患按期整改 20%。',
    );
    expect(text).toContain('等级：A ≥ 90.00 分，B ≥ 75.00 分，C ≥ 60.00 分，其余为 D。');
    expect(text).toContain('至少巡查 4 次');
  });
});
