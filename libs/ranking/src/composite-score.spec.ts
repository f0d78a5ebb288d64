import {
  DistrictRankingInput,
  formatCompositeScore,
  rankDistricts,
  RankOrderCriterion,
  scoreRatio,
  TIE_BREAK_RULE_ZH,
} from './composite-score.js';
import { RankingInputError } from './ranking-input.error.js';
import { DEFAULT_RANKING_WEIGHTS } from './ranking-weights.js';

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator });

const district = (code: string, overrides: Partial<DistrictRankingInput> = {}): DistrictRankingInput => ({
  districtId: `id-${code}`,
  districtCode: code,
  districtName: `区县${code}`,
  completion: ratio(1, 1),
  coverage: ratio(1, 1),
  timeliness: ratio(1, 1),
  dataQuality: ratio(1, 1),
  ...overrides,
});

describe('scoreRatio', () => {
  it.each([
    [1, 8, 1250],
    [1, 3, 3333], // 3333.33 → 3333
    [2, 3, 6667], // 6666.67 → 6667
    [1, 20_000, 1], // 0.5 → 1 (half-up)
    [1, 30_000, 0], // 0.33 → 0
    [0, 7, 0],
    [5, 5, 10_000],
  ])('%i/%i → %i bp', (numerator, denominator, expected) => {
    expect(scoreRatio(ratio(numerator, denominator)).scoreBp).toBe(expected);
  });

  it('caps above 100% and keeps the uncapped score', () => {
    expect(scoreRatio(ratio(6, 5))).toEqual({
      applicable: true,
      uncappedScoreBp: 12_000,
      scoreBp: 10_000,
      capped: true,
    });
  });

  it('treats denominator 0 as not applicable', () => {
    expect(scoreRatio(ratio(3, 0))).toEqual({ applicable: false, uncappedScoreBp: 0, scoreBp: 0, capped: false });
  });

  it.each([
    [ratio(-1, 5), '分子须为非负整数'],
    [ratio(1.5, 5), '分子须为非负整数'],
    [ratio(1, -5), '分母须为非负整数'],
    [ratio(1, Number.NaN), '分母须为非负整数'],
  ])('rejects %o', (bad, message) => {
    expect(() => scoreRatio(bad)).toThrow(message);
  });
});

describe('formatCompositeScore', () => {
  it.each([
    [0, '0.00'],
    [100_000_000, '100.00'],
    [78_250_000, '78.25'],
    [95_125_000, '95.13'], // 95.125 → half-up
    [95_124_999, '95.12'],
    [64_999_000, '65.00'],
    [4_999, '0.00'],
    [5_000, '0.01'],
  ])('%i → %s', (exact, text) => {
    expect(formatCompositeScore(exact)).toBe(text);
  });
});

describe('rankDistricts', () => {
  it('states the tie-break rule in Chinese', () => {
    expect(TIE_BREAK_RULE_ZH).toContain('区县代码升序');
  });

  it('goes on to timeliness when composite, completion and coverage are equal', () => {
    // A: 4000×10000 + 3000×8000 + 1500×9167 + 1500×8333 = 40,000,000 + 24,000,000 + 13,750,500 + 12,499,500
    //    = 90,250,000
    // B: 4000×10000 + 3000×8000 + 1500×10000 + 1500×7500 = 40,000,000 + 24,000,000 + 15,000,000 + 11,250,000
    //    = 90,250,000; B has the higher timeliness score (10000 > 9167) → B first although its code is larger.
    const a = district('A', { coverage: ratio(8, 10), timeliness: ratio(11, 12), dataQuality: ratio(10, 12) });
    const b = district('B', { coverage: ratio(8, 10), timeliness: ratio(12, 12), dataQuality: ratio(3, 4) });
    const rows = rankDistricts([a, b], DEFAULT_RANKING_WEIGHTS);
    expect(rows.map((row) => [row.districtCode, row.compositeExact, row.orderedBy])).toEqual([
      ['B', 90_250_000, null],
      ['A', 90_250_000, RankOrderCriterion.Timeliness],
    ]);
  });

  it('returns an empty ranking for no districts', () => {
    expect(rankDistricts([], DEFAULT_RANKING_WEIGHTS)).toEqual([]);
  });

  it('rejects invalid weights', () => {
    expect(() => rankDistricts([district('1')], { ...DEFAULT_RANKING_WEIGHTS, coverage: 2500 })).toThrow(
      '权重之和须为 100%，当前为 95%',
    );
  });

  it('rejects duplicate district ids and codes', () => {
    expect(() => rankDistricts([district('1'), district('1')], DEFAULT_RANKING_WEIGHTS)).toThrow(RankingInputError);
    expect(() =>
      rankDistricts([district('1'), { ...district('1'), districtId: 'other' }], DEFAULT_RANKING_WEIGHTS),
    ).toThrow('区县代码重复：1');
  });

  it('rejects a previous rank that is not a positive integer', () => {
    expect(() => rankDistricts([district('1')], DEFAULT_RANKING_WEIGHTS, new Map([['id-1', 0]]))).toThrow(
      '上期排名须为正整数',
    );
  });

  it('does not mutate its inputs', () => {
    const inputs = Object.freeze([
      Object.freeze(district('2', { completion: Object.freeze(ratio(1, 2)) })),
      Object.freeze(district('1')),
    ]);
    const copy = structuredClone(inputs);
    rankDistricts(inputs, DEFAULT_RANKING_WEIGHTS);
    expect(inputs).toEqual(copy);
  });
});
