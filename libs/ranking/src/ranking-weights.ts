import { RankingInputError } from './ranking-input.error.js';

/** The four metrics a district is ranked on (SPEC "What is computed": Rankings). */
export enum RankingMetric {
  Completion = 'completion',
  Coverage = 'coverage',
  Timeliness = 'timeliness',
  DataQuality = 'dataQuality',
}

/** Fixed order of the metrics: breakdown rows and the tie-break both follow it. */
export const RANKING_METRICS: readonly RankingMetric[] = Object.freeze([
  RankingMetric.Completion,
  RankingMetric.Coverage,
  RankingMetric.Timeliness,
  RankingMetric.DataQuality,
]);

export const RANKING_METRIC_LABELS_ZH: Readonly<Record<RankingMetric, string>> = Object.freeze({
  [RankingMetric.Completion]: '目标完成率',
  [RankingMetric.Coverage]: '覆盖率',
  [RankingMetric.Timeliness]: '报送及时率',
  [RankingMetric.DataQuality]: '数据质量',
});

/** Weights in integer basis points (1 bp = 0.01%); a valid set sums to exactly {@link WEIGHT_TOTAL_BP}. */
export type RankingWeights = Readonly<Record<RankingMetric, number>>;

export const WEIGHT_TOTAL_BP = 10_000;

/**
 * Default weights until the office configures its own (SPEC: weights are configurable and shown beside every
 * ranking they shape). Completion 40%, coverage 30%, timeliness 15%, data quality 15%.
 */
export const DEFAULT_RANKING_WEIGHTS: RankingWeights = Object.freeze({
  [RankingMetric.Completion]: 4000,
  [RankingMetric.Coverage]: 3000,
  [RankingMetric.Timeliness]: 1500,
  [RankingMetric.DataQuality]: 1500,
});

/** 4000 → '40%', 9550 → '95.5%', 1 → '0.01%'. Integer arithmetic only. */
export function formatBasisPointsAsPercent(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** Every problem with the weights at once, in Chinese; an empty list means the weights are valid. */
export function validateRankingWeights(weights: RankingWeights): string[] {
  const errors: string[] = [];
  let allIntegers = true;
  for (const metric of RANKING_METRICS) {
    const label = RANKING_METRIC_LABELS_ZH[metric];
    const value = weights[metric];
    if (!Number.isSafeInteger(value)) {
      allIntegers = false;
      errors.push(`「${label}」权重须为整数基点（1 基点 = 0.01%），当前为 ${String(value)}`);
    } else if (value < 0) {
      errors.push(`「${label}」权重不能为负数，当前为 ${formatBasisPointsAsPercent(value)}`);
    }
  }
  if (allIntegers) {
    const total = RANKING_METRICS.reduce((sum, metric) => sum + weights[metric], 0);
    if (total !== WEIGHT_TOTAL_BP) {
      errors.push(`权重之和须为 100%，当前为 ${formatBasisPointsAsPercent(total)}`);
    }
  }
  return errors;
}

export function assertValidRankingWeights(weights: RankingWeights): void {
  const errors = validateRankingWeights(weights);
  if (errors.length > 0) {
    throw new RankingInputError(`排名权重无效：${errors.join('；')}`, errors);
  }
}
