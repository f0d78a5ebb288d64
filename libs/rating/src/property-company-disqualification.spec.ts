import { AWARD_RULE_ZH, rateCompanies } from './property-company-score.js';
import { DEFAULT_RATING_SETTINGS, RatingCriterion, RatingGrade } from './rating-settings.js';

/** Jinpu §二(五): 对于阻挠或妨碍充电设施建设的取消评优评先资格 — whatever the score. */
describe('a confirmed obstruction disqualifies from awards whatever the score', () => {
  const perfect = {
    communities: 8,
    [RatingCriterion.Construction]: { numerator: 8, denominator: 8 },
    [RatingCriterion.SelfUseCooperation]: { numerator: 5, denominator: 5 },
    [RatingCriterion.Patrol]: { numerator: 8, denominator: 8 },
    [RatingCriterion.SafetyRectification]: { numerator: 2, denominator: 2 },
    confirmedOther: 0,
  };
  // No points taken off for obstructions here, so both companies score 100.00 and grade A.
  const settings = { ...DEFAULT_RATING_SETTINGS, deductions: { confirmedObstruction: 0, confirmedOther: 200 } };
  const rows = rateCompanies(
    [
      { ...perfect, companyId: '1', companyName: '甲物业', confirmedObstructions: 1 },
      { ...perfect, companyId: '2', companyName: '乙物业', confirmedObstructions: 0 },
    ],
    settings,
  );

  it('keeps the score and grade of a perfect company with one confirmed obstruction, and takes away awards', () => {
    const jia = rows.find((r) => r.companyName === '甲物业')!;
    // 100% on every criterion: Σ w·s = 10000 · 10000 = 100,000,000 / 10000 = 10000 → 100.00; deduction 0.
    expect(jia).toMatchObject({ score: '100.00', grade: RatingGrade.A, awardEligible: false });
    expect(jia.disqualificationReasons).toEqual([
      '当年有 1 件经认定属实的阻挠或妨碍充电设施建设投诉，取消评优评先资格',
    ]);
  });

  it('leaves the same company without the obstruction eligible; it ranks first on fewer obstructions', () => {
    const yi = rows.find((r) => r.companyName === '乙物业')!;
    expect(yi).toMatchObject({ score: '100.00', grade: RatingGrade.A, awardEligible: true, rank: 1 });
    expect(rows[1]).toMatchObject({ companyName: '甲物业', rank: 2, orderedBy: 'fewerObstructions' });
  });

  it('does not count other confirmed complaints against awards (they only cost points)', () => {
    const [row] = rateCompanies(
      [{ ...perfect, companyId: '3', companyName: '丙物业', confirmedObstructions: 0, confirmedOther: 3 }],
      settings,
    );
    // 100.00 − 3 × 2.00 = 94.00 → A, eligible.
    expect(row).toMatchObject({ score: '94.00', grade: RatingGrade.A, awardEligible: true });
  });

  it('states the rule with the policy clause', () => {
    expect(AWARD_RULE_ZH).toContain('取消评优评先资格');
    expect(AWARD_RULE_ZH).toContain('二(五)');
  });
});
