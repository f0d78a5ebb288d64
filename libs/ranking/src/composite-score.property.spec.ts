import fc from 'fast-check';
import { DistrictRankingInput, rankDistricts, RankedDistrict, Ratio } from './composite-score.js';
import { RankingInputError } from './ranking-input.error.js';
import { RANKING_METRICS, RankingMetric, RankingWeights, validateRankingWeights } from './ranking-weights.js';

// Small numbers on purpose: they make equal composites (and so the tie-break) common.
const ratioArb: fc.Arbitrary<Ratio> = fc
  .record({ denominator: fc.integer({ min: 0, max: 6 }), extra: fc.integer({ min: 0, max: 8 }) })
  .map(({ denominator, extra }) => ({ numerator: Math.min(extra, denominator + 2), denominator }));

const districtArb: fc.Arbitrary<DistrictRankingInput> = fc
  .record({
    code: fc.integer({ min: 0, max: 400 }),
    completion: ratioArb,
    coverage: ratioArb,
    timeliness: ratioArb,
    dataQuality: ratioArb,
  })
  .map(({ code, ...metrics }) => ({
    districtId: `d-${code}`,
    districtCode: String(code),
    districtName: `区县${code}`,
    ...metrics,
  }));

const districtsArb = fc.uniqueArray(districtArb, { selector: (d) => d.districtCode, maxLength: 14 });

const toWeights = ([a, b, c]: number[]): RankingWeights => {
  const [x, y, z] = [a, b, c].sort((p, q) => p - q);
  return { completion: x, coverage: y - x, timeliness: z - y, dataQuality: 10_000 - z };
};

const validWeightsArb: fc.Arbitrary<RankingWeights> = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }).map(toWeights),
  fc
    .array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 })
    .map((cuts) => toWeights(cuts.map((n) => n * 500))),
);

const scores = (row: RankedDistrict): number[] => row.breakdown.map((m) => m.scoreBp);

/** Independent statement of the order: composite, then the four scores (all descending), then code ascending. */
function ranksAbove(a: RankedDistrict, b: RankedDistrict): boolean {
  const keysA = [a.compositeExact, ...scores(a)];
  const keysB = [b.compositeExact, ...scores(b)];
  for (let i = 0; i < keysA.length; i++) {
    if (keysA[i] !== keysB[i]) {
      return keysA[i] > keysB[i];
    }
  }
  return a.districtCode < b.districtCode;
}

describe('rankDistricts — properties', () => {
  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(
        districtsArb.chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds, { minLength: ds.length }))),
        validWeightsArb,
        ([districts, shuffled], weights) => {
          expect(rankDistricts(shuffled, weights)).toEqual(rankDistricts(districts, weights));
        },
      ),
    );
  });

  it('gives ranks exactly 1..n, one row per district', () => {
    fc.assert(
      fc.property(districtsArb, validWeightsArb, (districts, weights) => {
        const rows = rankDistricts(districts, weights);
        expect(rows.map((row) => row.rank)).toEqual(districts.map((_, i) => i + 1));
        expect(rows.map((row) => row.districtId).sort()).toEqual(districts.map((d) => d.districtId).sort());
      }),
    );
  });

  it('computes the composite as Σ weight × capped score, within 0..1e8', () => {
    fc.assert(
      fc.property(districtsArb, validWeightsArb, (districts, weights) => {
        for (const row of rankDistricts(districts, weights)) {
          const expected = RANKING_METRICS.reduce(
            (sum, metric, i) => sum + weights[metric] * row.breakdown[i].scoreBp,
            0,
          );
          expect(row.compositeExact).toBe(expected);
          expect(row.compositeExact).toBeGreaterThanOrEqual(0);
          expect(row.compositeExact).toBeLessThanOrEqual(100_000_000);
        }
      }),
    );
  });

  it('orders every adjacent pair by the stated rule, including equal composites', () => {
    fc.assert(
      fc.property(districtsArb, validWeightsArb, (districts, weights) => {
        const rows = rankDistricts(districts, weights);
        for (let i = 1; i < rows.length; i++) {
          expect(ranksAbove(rows[i - 1], rows[i])).toBe(true);
        }
      }),
      { numRuns: 1000 }, // ties that reach the later criteria are rarer; give them more chances
    );
  });

  it('never lowers a district’s rank when one of its metrics increases', () => {
    fc.assert(
      fc.property(
        districtsArb.filter((ds) => ds.length > 0),
        validWeightsArb,
        fc.nat(),
        fc.constantFrom(...RANKING_METRICS),
        fc.integer({ min: 1, max: 5 }),
        (districts, weights, pick, metric: RankingMetric, step) => {
          const target = districts[pick % districts.length];
          const old = target[metric];
          const raised: Ratio =
            old.denominator === 0
              ? { numerator: step, denominator: step }
              : { numerator: old.numerator + step, denominator: old.denominator };
          const improved = districts.map((d) => (d === target ? { ...d, [metric]: raised } : d));
          const rankOf = (rows: RankedDistrict[]) => rows.find((row) => row.districtId === target.districtId)!.rank;
          expect(rankOf(rankDistricts(improved, weights))).toBeLessThanOrEqual(
            rankOf(rankDistricts(districts, weights)),
          );
        },
      ),
    );
  });

  it('reports rank change as previous − current', () => {
    fc.assert(
      fc.property(
        districtsArb.chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds))),
        validWeightsArb,
        ([districts, previouslyRanked], weights) => {
          const previous = new Map(previouslyRanked.map((d, i) => [d.districtId, i + 1]));
          for (const row of rankDistricts(districts, weights, previous)) {
            const before = previous.get(row.districtId);
            expect(row.rankChange).toBe(before === undefined ? null : before - row.rank);
          }
        },
      ),
    );
  });

  it('rejects weights that do not sum to 10000 bp', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 })
          .filter((ws) => ws.reduce((a, b) => a + b, 0) !== 10_000),
        districtsArb,
        ([completion, coverage, timeliness, dataQuality], districts) => {
          const weights = { completion, coverage, timeliness, dataQuality };
          expect(validateRankingWeights(weights).some((e) => e.startsWith('权重之和须为 100%'))).toBe(true);
          expect(() => rankDistricts(districts, weights)).toThrow(RankingInputError);
        },
      ),
    );
  });

  it('accepts any non-negative integer weights summing to 10000 bp', () => {
    fc.assert(
      fc.property(validWeightsArb, (weights) => {
        expect(validateRankingWeights(weights)).toEqual([]);
      }),
    );
  });
});
