import { RankingInputError } from './ranking-input.error.js';
import {
  assertValidRankingWeights,
  DEFAULT_RANKING_WEIGHTS,
  formatBasisPointsAsPercent,
  RankingMetric,
  validateRankingWeights,
} from './ranking-weights.js';

describe('ranking weights', () => {
  it('defaults to 40/30/15/15 and is valid', () => {
    expect(DEFAULT_RANKING_WEIGHTS).toEqual({
      [RankingMetric.Completion]: 4000,
      [RankingMetric.Coverage]: 3000,
      [RankingMetric.Timeliness]: 1500,
      [RankingMetric.DataQuality]: 1500,
    });
    expect(validateRankingWeights(DEFAULT_RANKING_WEIGHTS)).toEqual([]);
  });

  it('accepts a weight of 0 when the rest sum to 100%', () => {
    expect(validateRankingWeights({ completion: 5000, coverage: 5000, timeliness: 0, dataQuality: 0 })).toEqual([]);
  });

  it('rejects a sum other than 100%', () => {
    expect(validateRankingWeights({ completion: 4000, coverage: 2500, timeliness: 1500, dataQuality: 1500 })).toEqual([
      '权重之和须为 100%，当前为 95%',
    ]);
    expect(validateRankingWeights({ completion: 4000, coverage: 3050, timeliness: 1500, dataQuality: 1500 })).toEqual([
      '权重之和须为 100%，当前为 100.5%',
    ]);
  });

  it('rejects a negative weight even when the sum is 100%', () => {
    expect(validateRankingWeights({ completion: 6000, coverage: 3000, timeliness: 1500, dataQuality: -500 })).toEqual([
      '「数据质量」权重不能为负数，当前为 -5%',
    ]);
  });

  it('rejects weights that are not whole basis points', () => {
    expect(validateRankingWeights({ completion: 4000.5, coverage: 3000, timeliness: 1500, dataQuality: 1500 })).toEqual(
      ['「目标完成率」权重须为整数基点（1 基点 = 0.01%），当前为 4000.5'],
    );
    expect(
      validateRankingWeights({ completion: Number.NaN, coverage: 3000, timeliness: 1500, dataQuality: 1500 }),
    ).toEqual(['「目标完成率」权重须为整数基点（1 基点 = 0.01%），当前为 NaN']);
  });

  it('throws a RankingInputError listing every problem', () => {
    const bad = { completion: -100, coverage: 3000, timeliness: 1500, dataQuality: 1500 };
    expect(() => assertValidRankingWeights(bad)).toThrow(RankingInputError);
    expect(() => assertValidRankingWeights(bad)).toThrow(
      '排名权重无效：「目标完成率」权重不能为负数，当前为 -1%；权重之和须为 100%，当前为 59%',
    );
  });

  it.each([
    [10_000, '100%'],
    [9_550, '95.5%'],
    [1, '0.01%'],
    [0, '0%'],
    [-500, '-5%'],
  ])('formats %i bp as %s', (bp, text) => {
    expect(formatBasisPointsAsPercent(bp)).toBe(text);
  });
});
