import { RankingInputError } from './ranking-input.error.js';
import {
  assertValidRankingWeights,
  formatBasisPointsAsPercent,
  RANKING_METRIC_LABELS_ZH,
  RANKING_METRICS,
  RankingMetric,
  RankingWeights,
} from './ranking-weights.js';

/** A metric as counted: e.g. on-time months / months in the span. Non-negative integers; denominator 0 = 不适用. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** One district's metrics over the ranking span; the definitions are in SPEC "Definitions the numbers rest on". */
export interface DistrictRankingInput extends Readonly<Record<RankingMetric, Ratio>> {
  readonly districtId: string;
  readonly districtCode: string;
  readonly districtName: string;
}

/** A metric score is in basis points of 1: 0..10000 (10000 = 100%). */
export const FULL_SCORE_BP = 10_000;

/** Composite = Σ weight_bp × score_bp, so 10000 × 10000 = 1e8 stands for 100 points. */
export const COMPOSITE_SCALE = 100_000_000;

/**
 * Ranking order, total and deterministic (ties on every score fall to the district code, which is unique):
 * higher exact composite; then higher completion score; then higher coverage; then higher timeliness; then higher
 * data quality; then district code ascending.
 */
export const TIE_BREAK_RULE_ZH =
  '按综合得分（精确值）从高到低排名；综合得分相同的，依次比较目标完成率得分、覆盖率得分、报送及时率得分、数据质量得分，高者在前；仍相同的，按区县代码升序排列。';

export const SCORE_ROUNDING_RULE_ZH =
  '各项指标得分 = 分子 × 10000 ÷ 分母，四舍五入到整数基点（0.01%），超过 100% 的按 100% 计分；分母为 0 的指标不适用，按 0 分计。综合得分按精确值排名，显示时保留两位小数（四舍五入）。';

/** What decided a row's place below the row above it. */
export enum RankOrderCriterion {
  Composite = 'composite',
  Completion = 'completion',
  Coverage = 'coverage',
  Timeliness = 'timeliness',
  DataQuality = 'dataQuality',
  DistrictCode = 'districtCode',
}

export const RANK_ORDER_CRITERION_LABELS_ZH: Readonly<Record<RankOrderCriterion, string>> = Object.freeze({
  [RankOrderCriterion.Composite]: '综合得分',
  [RankOrderCriterion.Completion]: '目标完成率得分',
  [RankOrderCriterion.Coverage]: '覆盖率得分',
  [RankOrderCriterion.Timeliness]: '报送及时率得分',
  [RankOrderCriterion.DataQuality]: '数据质量得分',
  [RankOrderCriterion.DistrictCode]: '区县代码',
});

export interface MetricScore {
  /** false when the denominator is 0: the metric scores 0. */
  readonly applicable: boolean;
  /** numerator × 10000 / denominator, rounded half-up, not capped (a pilot count above target shows e.g. 14000). */
  readonly uncappedScoreBp: number;
  /** uncappedScoreBp capped at 10000; this is what is weighted. */
  readonly scoreBp: number;
  readonly capped: boolean;
}

export interface MetricBreakdown extends MetricScore {
  readonly metric: RankingMetric;
  readonly label: string;
  readonly ratio: Ratio;
  readonly weightBp: number;
  /** weightBp × scoreBp, exact, on the composite scale (1e8 = 100 points). */
  readonly contribution: number;
  /** contribution in points, 2 decimals, half-up (display only). */
  readonly contributionPoints: string;
  /** Chinese remark for 不适用 or capped metrics, otherwise null. */
  readonly note: string | null;
}

export interface RankedDistrict {
  /** 1..n, no shared ranks. */
  readonly rank: number;
  readonly previousRank: number | null;
  /** previousRank − rank: positive = moved up; null when not ranked previously. */
  readonly rankChange: number | null;
  readonly districtId: string;
  readonly districtCode: string;
  readonly districtName: string;
  /** Σ weight_bp × score_bp, exact integer (1e8 = 100 points); ranking uses this. */
  readonly compositeExact: number;
  /** compositeExact on a 100-point scale, 2 decimals, half-up, e.g. '78.25' (display only). */
  readonly compositeScore: string;
  readonly breakdown: readonly MetricBreakdown[];
  /** The first criterion that differs from the row above (null for rank 1). */
  readonly orderedBy: RankOrderCriterion | null;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RankingInputError(`${what}须为非负整数，当前为 ${String(value)}`);
  }
}

/** Round-half-up of numerator × 10000 / denominator, computed in bigint, capped at 10000. */
export function scoreRatio(ratio: Ratio, what = '指标'): MetricScore {
  assertCount(ratio.numerator, `${what}的分子`);
  assertCount(ratio.denominator, `${what}的分母`);
  if (ratio.denominator === 0) {
    return { applicable: false, uncappedScoreBp: 0, scoreBp: 0, capped: false };
  }
  const n = BigInt(ratio.numerator);
  const d = BigInt(ratio.denominator);
  const uncapped = (2n * n * BigInt(FULL_SCORE_BP) + d) / (2n * d);
  if (uncapped > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RankingInputError(`${what}数值过大：${ratio.numerator}/${ratio.denominator}`);
  }
  const uncappedScoreBp = Number(uncapped);
  const capped = uncappedScoreBp > FULL_SCORE_BP;
  return { applicable: true, uncappedScoreBp, scoreBp: capped ? FULL_SCORE_BP : uncappedScoreBp, capped };
}

/** Exact composite-scale integer → points with 2 decimals, half-up: 78_250_000 → '78.25', 64_999_000 → '65.00'. */
export function formatCompositeScore(exact: number): string {
  const hundredths = Math.floor((exact + 5_000) / 10_000);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

function metricNote(score: MetricScore): string | null {
  if (!score.applicable) {
    return '不适用（分母为 0），按 0 分计';
  }
  if (score.capped) {
    return `实际 ${formatBasisPointsAsPercent(score.uncappedScoreBp)}，计分封顶 100%`;
  }
  return null;
}

interface ScoredDistrict {
  readonly input: DistrictRankingInput;
  readonly breakdown: readonly MetricBreakdown[];
  readonly compositeExact: number;
}

function scoreDistrict(input: DistrictRankingInput, weights: RankingWeights): ScoredDistrict {
  const breakdown = RANKING_METRICS.map((metric): MetricBreakdown => {
    const label = RANKING_METRIC_LABELS_ZH[metric];
    const ratio = { numerator: input[metric].numerator, denominator: input[metric].denominator };
    const score = scoreRatio(ratio, `「${input.districtName}」${label}`);
    const contribution = weights[metric] * score.scoreBp;
    return {
      metric,
      label,
      ratio,
      ...score,
      weightBp: weights[metric],
      contribution,
      contributionPoints: formatCompositeScore(contribution),
      note: metricNote(score),
    };
  });
  const compositeExact = breakdown.reduce((sum, row) => sum + row.contribution, 0);
  return { input, breakdown, compositeExact };
}

function scoreOf(district: ScoredDistrict, metric: RankingMetric): number {
  return district.breakdown[RANKING_METRICS.indexOf(metric)].scoreBp;
}

const TIE_BREAK_METRICS: readonly [RankOrderCriterion, RankingMetric][] = [
  [RankOrderCriterion.Completion, RankingMetric.Completion],
  [RankOrderCriterion.Coverage, RankingMetric.Coverage],
  [RankOrderCriterion.Timeliness, RankingMetric.Timeliness],
  [RankOrderCriterion.DataQuality, RankingMetric.DataQuality],
];

/** Negative when `a` ranks above `b`; see TIE_BREAK_RULE_ZH. Codes compare by code unit, not locale. */
function compareScored(a: ScoredDistrict, b: ScoredDistrict): { order: number; criterion: RankOrderCriterion } {
  if (a.compositeExact !== b.compositeExact) {
    return { order: b.compositeExact - a.compositeExact, criterion: RankOrderCriterion.Composite };
  }
  for (const [criterion, metric] of TIE_BREAK_METRICS) {
    const diff = scoreOf(b, metric) - scoreOf(a, metric);
    if (diff !== 0) {
      return { order: diff, criterion };
    }
  }
  const codeA = a.input.districtCode;
  const codeB = b.input.districtCode;
  return { order: codeA < codeB ? -1 : codeA > codeB ? 1 : 0, criterion: RankOrderCriterion.DistrictCode };
}

function assertUnique(inputs: readonly DistrictRankingInput[]): void {
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const input of inputs) {
    if (ids.has(input.districtId)) {
      throw new RankingInputError(`区县重复：${input.districtName}（${input.districtId}）`);
    }
    if (codes.has(input.districtCode)) {
      throw new RankingInputError(`区县代码重复：${input.districtCode}`);
    }
    ids.add(input.districtId);
    codes.add(input.districtCode);
  }
}

/**
 * Ranks districts by the weighted composite with the stated tie-break (TIE_BREAK_RULE_ZH). Pure: the result
 * depends only on the set of inputs, not their order, and inputs are not mutated.
 */
export function rankDistricts(
  inputs: readonly DistrictRankingInput[],
  weights: RankingWeights,
  previousRanks?: ReadonlyMap<string, number>,
): RankedDistrict[] {
  assertValidRankingWeights(weights);
  assertUnique(inputs);
  for (const [districtId, rank] of previousRanks ?? []) {
    if (!Number.isSafeInteger(rank) || rank < 1) {
      throw new RankingInputError(`上期排名须为正整数：${districtId} 为 ${String(rank)}`);
    }
  }
  const sorted = inputs.map((input) => scoreDistrict(input, weights)).sort((a, b) => compareScored(a, b).order);
  return sorted.map((district, index): RankedDistrict => {
    const rank = index + 1;
    const previousRank = previousRanks?.get(district.input.districtId) ?? null;
    return {
      rank,
      previousRank,
      rankChange: previousRank === null ? null : previousRank - rank,
      districtId: district.input.districtId,
      districtCode: district.input.districtCode,
      districtName: district.input.districtName,
      compositeExact: district.compositeExact,
      compositeScore: formatCompositeScore(district.compositeExact),
      breakdown: district.breakdown,
      orderedBy: index === 0 ? null : compareScored(sorted[index - 1], district).criterion,
    };
  });
}
