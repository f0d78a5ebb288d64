import { formatExactScore, gradeOf, rateCompanies, RatingInputError, scoreRatio } from './property-company-score.js';
import { DEFAULT_RATING_SETTINGS, RatingCriterion, RatingGrade, RatingSettings } from './rating-settings.js';

const EQUAL: RatingSettings = {
  ...DEFAULT_RATING_SETTINGS,
  weights: {
    [RatingCriterion.Construction]: 2500,
    [RatingCriterion.SelfUseCooperation]: 2500,
    [RatingCriterion.Patrol]: 2500,
    [RatingCriterion.SafetyRectification]: 2500,
  },
};

function company(ratios: [number, number][], extra: Partial<{ confirmedObstructions: number }> = {}) {
  return {
    companyId: 'x',
    companyName: '测试物业',
    communities: 1,
    [RatingCriterion.Construction]: { numerator: ratios[0][0], denominator: ratios[0][1] },
    [RatingCriterion.SelfUseCooperation]: { numerator: ratios[1][0], denominator: ratios[1][1] },
    [RatingCriterion.Patrol]: { numerator: ratios[2][0], denominator: ratios[2][1] },
    [RatingCriterion.SafetyRectification]: { numerator: ratios[3][0], denominator: ratios[3][1] },
    confirmedObstructions: extra.confirmedObstructions ?? 0,
    confirmedOther: 0,
  };
}

describe('grade thresholds are compared with the exact score, not the rounded one', () => {
  it('a score shown as 90.00 but exactly 89.995 is B', () => {
    // Equal weights 25% each; rates 9/10 = 9000, 9000, 9000 and 4499/5000 = 8998.
    // Σ w·s = 2500 · (9000 + 9000 + 9000 + 8998) = 2500 · 35998 = 89,995,000; / 10000 = 8999.5 hundredths.
    // Shown half-up: 90.00. Exact 8999.5 < 9000 → B.
    const [row] = rateCompanies(
      [
        company([
          [9, 10],
          [9, 10],
          [9, 10],
          [4499, 5000],
        ]),
      ],
      EQUAL,
    );
    expect(row.scoreExact).toEqual({ numerator: 89_995_000, denominator: 10_000 });
    expect(row.score).toBe('90.00');
    expect(row.grade).toBe(RatingGrade.B);
  });

  it.each([
    // [exact hundredths as numerator/denominator, grade]
    [9000, 1, RatingGrade.A], // 90.00 exactly: A is inclusive
    [89_999, 10, RatingGrade.B], // 89.999
    [7500, 1, RatingGrade.B], // 75.00
    [74_999, 10, RatingGrade.C], // 74.999
    [6000, 1, RatingGrade.C], // 60.00
    [59_999, 10, RatingGrade.D], // 59.999
    [0, 1, RatingGrade.D],
    [10_000, 1, RatingGrade.A], // 100.00
  ] as const)('%i/%i hundredths → %s with the default lines 90/75/60', (numerator, denominator, grade) => {
    expect(gradeOf({ numerator, denominator }, DEFAULT_RATING_SETTINGS.gradeThresholds)).toBe(grade);
  });

  it('follows the office’s own lines: A ≥ 85, B ≥ 70, C ≥ 50', () => {
    const lines = { A: 8500, B: 7000, C: 5000 };
    expect(gradeOf({ numerator: 8500, denominator: 1 }, lines)).toBe(RatingGrade.A);
    expect(gradeOf({ numerator: 8499, denominator: 1 }, lines)).toBe(RatingGrade.B);
    expect(gradeOf({ numerator: 5000, denominator: 1 }, lines)).toBe(RatingGrade.C);
    expect(gradeOf({ numerator: 4999, denominator: 1 }, lines)).toBe(RatingGrade.D);
  });
});

describe('rounding is half-up and stated', () => {
  it('rounds a rate half-up to 0.01%', () => {
    expect(scoreRatio({ numerator: 1, denominator: 3 }, 'x').scoreBp).toBe(3333); // 3333.33…
    expect(scoreRatio({ numerator: 2, denominator: 3 }, 'x').scoreBp).toBe(6667); // 6666.67…
    expect(scoreRatio({ numerator: 1, denominator: 8 }, 'x').scoreBp).toBe(1250); // exact
    expect(scoreRatio({ numerator: 1, denominator: 16 }, 'x').scoreBp).toBe(625); // 625 exact
    expect(scoreRatio({ numerator: 1, denominator: 32 }, 'x').scoreBp).toBe(313); // 312.5 → 313 (half-up)
  });

  it('rounds the score half-up to 0.01 point', () => {
    expect(formatExactScore({ numerator: 15_005, denominator: 2 })).toBe('75.03'); // 7502.5 → 7503
    expect(formatExactScore({ numerator: 15_003, denominator: 2 })).toBe('75.02'); // 7501.5 → 7502
    expect(formatExactScore({ numerator: 1, denominator: 3 })).toBe('0.00');
  });
});

describe('bad counts are refused with a Chinese message', () => {
  it.each([
    [{ numerator: 3, denominator: 2 }, '的分子 3 大于分母 2'],
    [{ numerator: 1, denominator: 0 }, '的分母为 0 时分子须为 0'],
    [{ numerator: -1, denominator: 2 }, '的分子须为非负整数，当前为 -1'],
    [{ numerator: 1.5, denominator: 2 }, '的分子须为非负整数，当前为 1.5'],
  ])('%p', (ratio, message) => {
    expect(() => scoreRatio(ratio, '「测试物业」建设完成率')).toThrow(RatingInputError);
    expect(() => scoreRatio(ratio, '「测试物业」建设完成率')).toThrow(`「测试物业」建设完成率${message}`);
  });

  it('refuses the same company twice and invalid settings', () => {
    const row = company([
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(() => rateCompanies([row, { ...row }], DEFAULT_RATING_SETTINGS)).toThrow('物业服务企业重复：测试物业');
    expect(() =>
      rateCompanies([row], { ...DEFAULT_RATING_SETTINGS, gradeThresholds: { A: 7000, B: 7500, C: 6000 } }),
    ).toThrow('评价设置无效：分数线须满足 A > B > C');
  });
});
