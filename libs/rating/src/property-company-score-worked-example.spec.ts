import { rateCompanies, RatingOrderCriterion } from './property-company-score.js';
import { DEFAULT_RATING_SETTINGS, RatingCriterion, RatingGrade } from './rating-settings.js';

/**
 * Four companies rated for one year with the default settings:
 *   weights 建设 40% · 自用桩 20% · 巡查 20% · 整改 20%; A ≥ 90.00, B ≥ 75.00, C ≥ 60.00;
 *   −10.00 per confirmed obstruction, −2.00 per other confirmed complaint.
 * Scores are in hundredths of a point: a criterion's rate in 0.01% (10000 = 100%) weighted by basis points gives
 * Σ w·s, and Σ w·s ÷ (Σ w of the applicable criteria) is the weighted score in hundredths.
 */
describe('a year of four property companies, rated by hand', () => {
  const rows = rateCompanies(
    [
      {
        companyId: '1',
        companyName: '昆明春城物业服务有限公司',
        communities: 14,
        [RatingCriterion.Construction]: { numerator: 9, denominator: 12 },
        [RatingCriterion.SelfUseCooperation]: { numerator: 3, denominator: 4 },
        [RatingCriterion.Patrol]: { numerator: 8, denominator: 10 },
        [RatingCriterion.SafetyRectification]: { numerator: 5, denominator: 6 },
        confirmedObstructions: 0,
        confirmedOther: 1,
      },
      {
        companyId: '2',
        companyName: '云南滇池物业管理有限公司',
        communities: 10,
        [RatingCriterion.Construction]: { numerator: 10, denominator: 10 },
        [RatingCriterion.SelfUseCooperation]: { numerator: 0, denominator: 0 },
        [RatingCriterion.Patrol]: { numerator: 6, denominator: 6 },
        [RatingCriterion.SafetyRectification]: { numerator: 0, denominator: 0 },
        confirmedObstructions: 1,
        confirmedOther: 0,
      },
      {
        companyId: '3',
        companyName: '昆明翠湖物业服务有限公司',
        communities: 5,
        [RatingCriterion.Construction]: { numerator: 1, denominator: 3 },
        [RatingCriterion.SelfUseCooperation]: { numerator: 0, denominator: 2 },
        [RatingCriterion.Patrol]: { numerator: 1, denominator: 4 },
        [RatingCriterion.SafetyRectification]: { numerator: 0, denominator: 1 },
        confirmedObstructions: 2,
        confirmedOther: 0,
      },
      {
        companyId: '4',
        companyName: '昆明金马物业服务有限公司',
        communities: 2,
        [RatingCriterion.Construction]: { numerator: 0, denominator: 0 },
        [RatingCriterion.SelfUseCooperation]: { numerator: 0, denominator: 0 },
        [RatingCriterion.Patrol]: { numerator: 0, denominator: 0 },
        [RatingCriterion.SafetyRectification]: { numerator: 0, denominator: 0 },
        confirmedObstructions: 0,
        confirmedOther: 0,
      },
    ],
    DEFAULT_RATING_SETTINGS,
  );
  const byName = (name: string) => rows.find((r) => r.companyName === name)!;

  it('春城: 77.67 weighted, −2.00 for one confirmed complaint = 75.67, grade B, eligible for awards', () => {
    // Rates: 9/12 = 7500; 3/4 = 7500; 8/10 = 8000; 5/6 = 8333.33… → 8333 (half-up).
    // Σ w·s = 4000·7500 + 2000·7500 + 2000·8000 + 2000·8333 = 30,000,000 + 15,000,000 + 16,000,000 + 16,666,000
    //       = 77,666,000; all applicable, W = 10000 → 7766.6 hundredths → shown 77.67.
    // Deduction 1 × 200 = 200 → (77,666,000 − 200·10000) / 10000 = 7566.6 → 75.67; 7566.6 ≥ 7500 → B.
    const row = byName('昆明春城物业服务有限公司');
    expect(row.breakdown.map((b) => b.scoreBp)).toEqual([7500, 7500, 8000, 8333]);
    expect(row.breakdown.map((b) => b.weighted)).toEqual([30_000_000, 15_000_000, 16_000_000, 16_666_000]);
    expect(row.applicableWeightBp).toBe(10_000);
    expect(row.weightedScore).toBe('77.67');
    expect(row.deductionTotal).toBe(200);
    expect(row.scoreExact).toEqual({ numerator: 75_666_000, denominator: 10_000 });
    expect(row.score).toBe('75.67');
    expect(row.grade).toBe(RatingGrade.B);
    expect(row.awardEligible).toBe(true);
    expect(row.disqualificationReasons).toEqual([]);
  });

  it('滇池: two criteria not applicable, their 40% shared out; 100.00 − 10.00 = 90.00 → A, but no awards', () => {
    // Applicable: 建设 10/10 = 10000 (w 4000) and 巡查 6/6 = 10000 (w 2000); W = 6000.
    // Σ w·s = 40,000,000 + 20,000,000 = 60,000,000 → 60,000,000 / 6000 = 10000 → 100.00.
    // One confirmed obstruction: −1000 → (60,000,000 − 1000·6000) / 6000 = 9000 → 90.00 ≥ 90.00 → A (inclusive).
    const row = byName('云南滇池物业管理有限公司');
    expect(row.breakdown.map((b) => b.applicable)).toEqual([true, false, true, false]);
    expect(row.breakdown[1].note).toBe('不适用（分母为 0），不计分，权重分摊给其余适用项');
    expect(row.applicableWeightBp).toBe(6000);
    expect(row.weightedScore).toBe('100.00');
    expect(row.scoreExact).toEqual({ numerator: 54_000_000, denominator: 6000 });
    expect(row.score).toBe('90.00');
    expect(row.grade).toBe(RatingGrade.A);
    expect(row.awardEligible).toBe(false);
    expect(row.disqualificationReasons).toEqual([
      '当年有 1 件经认定属实的阻挠或妨碍充电设施建设投诉，取消评优评先资格',
    ]);
  });

  it('翠湖: 18.33 weighted, −20.00 for two obstructions, floored at 0.00 → D', () => {
    // 1/3 = 3333.33… → 3333; 0/2 = 0; 1/4 = 2500; 0/1 = 0.
    // Σ w·s = 4000·3333 + 2000·2500 = 13,332,000 + 5,000,000 = 18,332,000 → 1833.2 → 18.33.
    // 18,332,000 − 2000·10000 < 0 → 0 → 0.00 → D.
    const row = byName('昆明翠湖物业服务有限公司');
    expect(row.breakdown.map((b) => b.scoreBp)).toEqual([3333, 0, 2500, 0]);
    expect(row.weightedScore).toBe('18.33');
    expect(row.deductions.map((d) => [d.count, d.total])).toEqual([
      [2, 2000],
      [0, 0],
    ]);
    expect(row.scoreExact).toEqual({ numerator: 0, denominator: 10_000 });
    expect(row.score).toBe('0.00');
    expect(row.grade).toBe(RatingGrade.D);
    expect(row.awardEligible).toBe(false);
  });

  it('金马: nothing to judge it on, so not rated: no score, no grade, no rank, listed last', () => {
    const row = byName('昆明金马物业服务有限公司');
    expect(row).toMatchObject({ rated: false, rank: null, score: null, grade: null, awardEligible: false });
    expect(row.note).toContain('不参评');
  });

  it('ranks 滇池 90.00, 春城 75.67, 翠湖 0.00, each set apart by the score', () => {
    expect(rows.map((r) => [r.rank, r.companyName, r.score, r.orderedBy])).toEqual([
      [1, '云南滇池物业管理有限公司', '90.00', null],
      [2, '昆明春城物业服务有限公司', '75.67', RatingOrderCriterion.Score],
      [3, '昆明翠湖物业服务有限公司', '0.00', RatingOrderCriterion.Score],
      [null, '昆明金马物业服务有限公司', null, null],
    ]);
  });
});
