import fc from 'fast-check';
import { CompanyRatingInput, rateCompanies, RatingOrderCriterion } from './property-company-score.js';
import { DEFAULT_RATING_SETTINGS, RATING_CRITERIA, RatingCriterion } from './rating-settings.js';

function input(
  name: string,
  ratios: Partial<Record<RatingCriterion, [number, number]>>,
  confirmedObstructions = 0,
): CompanyRatingInput {
  const base = Object.fromEntries(
    RATING_CRITERIA.map((c) => [c, { numerator: ratios[c]?.[0] ?? 0, denominator: ratios[c]?.[1] ?? 0 }]),
  ) as Record<RatingCriterion, { numerator: number; denominator: number }>;
  return { companyId: name, companyName: name, communities: 1, ...base, confirmedObstructions, confirmedOther: 0 };
}

describe('ties on the exact score are broken by the stated rule', () => {
  it('equal exact scores from different applicable weights compare equal, then construction decides', () => {
    // 甲: 建设 8/10 = 8000 (w 4000), 巡查 10/10 = 10000 (w 2000); W = 6000;
    //     Σ w·s = 32,000,000 + 20,000,000 = 52,000,000 → 8666.67 hundredths.
    // 乙: 建设 10/10 = 10000, 巡查 6/10 = 6000; Σ w·s = 40,000,000 + 12,000,000 = 52,000,000 / 6000 — equal.
    // Construction 10000 > 8000: 乙 first.
    const rows = rateCompanies(
      [
        input('甲物业', { construction: [8, 10], patrol: [10, 10] }),
        input('乙物业', { construction: [10, 10], patrol: [6, 10] }),
      ],
      DEFAULT_RATING_SETTINGS,
    );
    expect(rows.map((r) => [r.companyName, r.score, r.orderedBy])).toEqual([
      ['乙物业', '86.67', null],
      ['甲物业', '86.67', RatingOrderCriterion.Construction],
    ]);
  });

  it('compares fractions exactly: 80.00 over W 10000 and over W 6000 tie', () => {
    // 丙: all four at 8000 → Σ w·s = 10000 · 8000 = 80,000,000 / 10000 = 8000.
    // 丁: 建设 8/10 and 巡查 8/10 only → (4000 + 2000) · 8000 = 48,000,000 / 6000 = 8000.
    // Construction equal (8000); 自用桩: 丙 8000, 丁 not applicable (ranks below 0%) → 丙 first.
    const rows = rateCompanies(
      [
        input('丁物业', { construction: [8, 10], patrol: [8, 10] }),
        input('丙物业', {
          construction: [8, 10],
          selfUseCooperation: [4, 5],
          patrol: [8, 10],
          safetyRectification: [4, 5],
        }),
      ],
      DEFAULT_RATING_SETTINGS,
    );
    expect(rows.map((r) => [r.companyName, r.scoreExact, r.orderedBy])).toEqual([
      ['丙物业', { numerator: 80_000_000, denominator: 10_000 }, null],
      ['丁物业', { numerator: 48_000_000, denominator: 6000 }, RatingOrderCriterion.SelfUseCooperation],
    ]);
  });

  it('falls to the company name in code-point order when everything is equal', () => {
    // '云' is U+4E91, '昆' U+6606: 云南… sorts before 昆明… (code points, not pinyin or locale).
    const same = { construction: [3, 4] as [number, number] };
    const rows = rateCompanies([input('昆明甲物业', same), input('云南乙物业', same)], DEFAULT_RATING_SETTINGS);
    expect(rows.map((r) => [r.rank, r.companyName, r.orderedBy])).toEqual([
      [1, '云南乙物业', null],
      [2, '昆明甲物业', RatingOrderCriterion.CompanyName],
    ]);
  });
});

describe('properties', () => {
  const ratio = fc
    .tuple(fc.nat(50), fc.nat(50))
    .map(([a, b]) => (b === 0 ? [0, 0] : [Math.min(a, b), b]) as [number, number]);
  const company = fc.record({
    construction: ratio,
    selfUseCooperation: ratio,
    patrol: ratio,
    safetyRectification: ratio,
    obstructions: fc.nat(3),
  });

  it('gives the same order whatever order the companies come in, scores within 0–100, ranks 1..n', () => {
    fc.assert(
      fc.property(fc.array(company, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (companies, seeds) => {
        const inputs = companies.map((c, i) => input(`企业${String(i).padStart(2, '0')}`, c, c.obstructions));
        const shuffled = [...inputs]
          .map((value) => ({ value, key: seeds.next().value as number }))
          .sort((a, b) => a.key - b.key)
          .map((e) => e.value);
        const a = rateCompanies(inputs, DEFAULT_RATING_SETTINGS);
        const b = rateCompanies(shuffled, DEFAULT_RATING_SETTINGS);
        expect(b).toEqual(a);
        const rated = a.filter((r) => r.rated);
        expect(rated.map((r) => r.rank)).toEqual(rated.map((_, i) => i + 1));
        for (const row of rated) {
          const value = row.scoreExact!.numerator / row.scoreExact!.denominator;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(10_000);
          expect(row.awardEligible).toBe(row.disqualificationReasons.length === 0);
        }
        for (let i = 1; i < rated.length; i++) {
          const [p, q] = [rated[i - 1].scoreExact!, rated[i].scoreExact!];
          expect(p.numerator * q.denominator).toBeGreaterThanOrEqual(q.numerator * p.denominator);
        }
      }),
    );
  });
});
