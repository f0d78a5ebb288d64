import { rankDistricts, RankOrderCriterion, DistrictRankingInput } from './composite-score.js';
import { DEFAULT_RANKING_WEIGHTS } from './ranking-weights.js';

/*
 * Worked example, default weights: completion 4000, coverage 3000, timeliness 1500, data quality 1500 (bp).
 * Score_bp = round-half-up(numerator × 10000 / denominator), capped at 10000. Composite = Σ weight × score.
 *
 * 盘龙区 530103: completion 7/5 = 14000 → capped 10000; coverage 18/20 = 9000; timeliness 12/12 = 10000;
 *   quality 7/8 = 8750.
 *   4000×10000 + 3000×9000 + 1500×10000 + 1500×8750
 *   = 40,000,000 + 27,000,000 + 15,000,000 + 13,125,000 = 95,125,000 → 95.125 → '95.13' (half-up)
 * 呈贡区 530114: completion 4/5 = 8000; coverage 12/15 = 8000; timeliness 12/12 = 10000; quality 9/12 = 7500.
 *   32,000,000 + 24,000,000 + 15,000,000 + 11,250,000 = 82,250,000 → '82.25'
 * 五华区 530102: completion 5/5 = 10000; coverage 5/10 = 5000; timeliness 9/12 = 7500; quality 8/10 = 8000.
 *   40,000,000 + 15,000,000 + 11,250,000 + 12,000,000 = 78,250,000 → '78.25'
 * 西山区 530112: completion 2/3 = 6666.67 → 6667; coverage 17/18 = 9444.44 → 9444; timeliness 9/12 = 7500;
 *   quality 8/10 = 8000.
 *   4000×6667 = 26,668,000; 3000×9444 = 28,332,000; 11,250,000; 12,000,000 → 78,250,000 → '78.25'
 *   Same exact composite as 五华区. Tie-break: completion score 10000 (五华) > 6667 (西山) → 五华区 3rd, 西山区 4th.
 * 阳宗海风景名胜区 530191: completion 1/1 = 10000; coverage 0/0 = 不适用 → 0; timeliness 10/12 = 8333.33 → 8333;
 *   quality 5/6 = 8333.33 → 8333.
 *   40,000,000 + 0 + 12,499,500 + 12,499,500 = 64,999,000 → 64.999 → '65.00'
 *
 * Previous ranks: 呈贡区 1, 盘龙区 2, 西山区 3, 五华区 4, 阳宗海 not ranked.
 * Changes (previous − now): 盘龙 2−1 = +1, 呈贡 1−2 = −1, 五华 4−3 = +1, 西山 3−4 = −1, 阳宗海 null.
 */
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator });

const districts: DistrictRankingInput[] = [
  {
    districtId: 'wuhua',
    districtCode: '530102',
    districtName: '五华区',
    completion: ratio(5, 5),
    coverage: ratio(5, 10),
    timeliness: ratio(9, 12),
    dataQuality: ratio(8, 10),
  },
  {
    districtId: 'panlong',
    districtCode: '530103',
    districtName: '盘龙区',
    completion: ratio(7, 5),
    coverage: ratio(18, 20),
    timeliness: ratio(12, 12),
    dataQuality: ratio(7, 8),
  },
  {
    districtId: 'xishan',
    districtCode: '530112',
    districtName: '西山区',
    completion: ratio(2, 3),
    coverage: ratio(17, 18),
    timeliness: ratio(9, 12),
    dataQuality: ratio(8, 10),
  },
  {
    districtId: 'chenggong',
    districtCode: '530114',
    districtName: '呈贡区',
    completion: ratio(4, 5),
    coverage: ratio(12, 15),
    timeliness: ratio(12, 12),
    dataQuality: ratio(9, 12),
  },
  {
    districtId: 'yangzonghai',
    districtCode: '530191',
    districtName: '阳宗海风景名胜区',
    completion: ratio(1, 1),
    coverage: ratio(0, 0),
    timeliness: ratio(10, 12),
    dataQuality: ratio(5, 6),
  },
];

const previousRanks = new Map([
  ['chenggong', 1],
  ['panlong', 2],
  ['xishan', 3],
  ['wuhua', 4],
]);

describe('rankDistricts — worked example with a composite tie (default weights)', () => {
  const rows = rankDistricts(districts, DEFAULT_RANKING_WEIGHTS, previousRanks);

  it('ranks by exact composite and breaks the 五华/西山 tie on completion', () => {
    expect(rows.map((row) => [row.rank, row.districtName, row.compositeExact, row.compositeScore])).toEqual([
      [1, '盘龙区', 95_125_000, '95.13'],
      [2, '呈贡区', 82_250_000, '82.25'],
      [3, '五华区', 78_250_000, '78.25'],
      [4, '西山区', 78_250_000, '78.25'],
      [5, '阳宗海风景名胜区', 64_999_000, '65.00'],
    ]);
    expect(rows.map((row) => row.orderedBy)).toEqual([
      null,
      RankOrderCriterion.Composite,
      RankOrderCriterion.Composite,
      RankOrderCriterion.Completion,
      RankOrderCriterion.Composite,
    ]);
  });

  it('reports rank change against the previous ranking (positive = moved up)', () => {
    expect(rows.map((row) => [row.districtName, row.previousRank, row.rankChange])).toEqual([
      ['盘龙区', 2, 1],
      ['呈贡区', 1, -1],
      ['五华区', 4, 1],
      ['西山区', 3, -1],
      ['阳宗海风景名胜区', null, null],
    ]);
  });

  it('shows each metric: raw ratio, score, weight and contribution', () => {
    const xishan = rows.find((row) => row.districtId === 'xishan')!;
    expect(
      xishan.breakdown.map((m) => [m.label, m.ratio, m.scoreBp, m.weightBp, m.contribution, m.contributionPoints]),
    ).toEqual([
      ['目标完成率', ratio(2, 3), 6667, 4000, 26_668_000, '26.67'],
      ['覆盖率', ratio(17, 18), 9444, 3000, 28_332_000, '28.33'],
      ['报送及时率', ratio(9, 12), 7500, 1500, 11_250_000, '11.25'],
      ['数据质量', ratio(8, 10), 8000, 1500, 12_000_000, '12.00'],
    ]);
  });

  it('caps completion at 100% for scoring but keeps the uncapped value', () => {
    const completion = rows.find((row) => row.districtId === 'panlong')!.breakdown[0];
    expect(completion).toMatchObject({
      ratio: ratio(7, 5),
      uncappedScoreBp: 14_000,
      scoreBp: 10_000,
      capped: true,
      contribution: 40_000_000,
      note: '实际 140%，计分封顶 100%',
    });
  });

  it('scores a metric with denominator 0 as 0 and says so', () => {
    const coverage = rows.find((row) => row.districtId === 'yangzonghai')!.breakdown[1];
    expect(coverage).toMatchObject({
      applicable: false,
      scoreBp: 0,
      contribution: 0,
      note: '不适用（分母为 0），按 0 分计',
    });
  });

  it('falls through to the district code when every score is equal', () => {
    const twin = (districtId: string, districtCode: string): DistrictRankingInput => ({
      districtId,
      districtCode,
      districtName: districtId,
      completion: ratio(1, 1),
      coverage: ratio(1, 2),
      timeliness: ratio(1, 2),
      dataQuality: ratio(1, 2),
    });
    const tied = rankDistricts([twin('b', '530181'), twin('a', '530129')], DEFAULT_RANKING_WEIGHTS);
    expect(tied.map((row) => [row.rank, row.districtCode, row.orderedBy])).toEqual([
      [1, '530129', null],
      [2, '530181', RankOrderCriterion.DistrictCode],
    ]);
  });
});
