import {
  formatPoints,
  formatWeight,
  parseRatingSettings,
  RATING_CRITERIA,
  RATING_CRITERION_LABELS_ZH,
  RatingCriterion,
  RatingGrade,
  RatingSettings,
} from './rating-settings.js';

/** Raised when rating input is malformed; the message is user-facing Chinese. */
export class RatingInputError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RatingInputError';
  }
}

/** A criterion as counted. Denominator 0 = 不适用 (nothing to judge the company on). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** One property company's year, as counted from the register, facilities, complaints and patrol records. */
export interface CompanyRatingInput extends Readonly<Record<RatingCriterion, Ratio>> {
  readonly companyId: string;
  readonly companyName: string;
  /** Communities it manages in the register at the year's end (shown, not scored). */
  readonly communities: number;
  /** Obstruction complaints received in the year and confirmed by the office. */
  readonly confirmedObstructions: number;
  /** Other complaints received in the year and confirmed. */
  readonly confirmedOther: number;
}

export enum RatingOrderCriterion {
  Score = 'score',
  Construction = 'construction',
  SelfUseCooperation = 'selfUseCooperation',
  Patrol = 'patrol',
  SafetyRectification = 'safetyRectification',
  FewerObstructions = 'fewerObstructions',
  CompanyName = 'companyName',
}

export const RATING_ORDER_CRITERION_LABELS_ZH: Readonly<Record<RatingOrderCriterion, string>> = Object.freeze({
  [RatingOrderCriterion.Score]: '总分',
  [RatingOrderCriterion.Construction]: RATING_CRITERION_LABELS_ZH[RatingCriterion.Construction],
  [RatingOrderCriterion.SelfUseCooperation]: RATING_CRITERION_LABELS_ZH[RatingCriterion.SelfUseCooperation],
  [RatingOrderCriterion.Patrol]: RATING_CRITERION_LABELS_ZH[RatingCriterion.Patrol],
  [RatingOrderCriterion.SafetyRectification]: RATING_CRITERION_LABELS_ZH[RatingCriterion.SafetyRectification],
  [RatingOrderCriterion.FewerObstructions]: '属实阻挠投诉件数',
  [RatingOrderCriterion.CompanyName]: '企业名称',
});

export const RATING_ROUNDING_RULE_ZH =
  '各项得分率 = 分子 × 10000 ÷ 分母，四舍五入到 0.01%；分母为 0 的评分项不适用，不计分，其权重按比例分摊给其余适用项' +
  '（加权得分 = Σ 权重 × 得分率 ÷ 适用项权重之和）。总分 = 加权得分 − 投诉扣分，最低 0 分；' +
  '等级按总分精确值与分数线比较，显示时保留两位小数（四舍五入）。所有评分项均不适用的企业不参评。';

export const RATING_TIE_BREAK_RULE_ZH =
  '按总分（精确值）从高到低排序；总分相同的，依次比较公用充电设施建设完成率、配合自用充电设施安装、日常巡查、' +
  '隐患整改得分率（不适用者排后），高者在前；仍相同的，属实阻挠投诉少者在前；再相同的，按企业名称（字符编码）升序。';

export const AWARD_RULE_ZH =
  '当年有经认定属实的阻挠或妨碍充电设施建设投诉的，无论得分高低，取消评优评先资格（金普新区方案 二(五)）。';

export interface CriterionBreakdown {
  readonly criterion: RatingCriterion;
  readonly label: string;
  readonly ratio: Ratio;
  readonly applicable: boolean;
  /** numerator × 10000 / denominator, half-up; 0 when not applicable. */
  readonly scoreBp: number;
  /** The configured weight. */
  readonly weightBp: number;
  /** weightBp × scoreBp, exact (0 when not applicable). */
  readonly weighted: number;
  readonly note: string | null;
}

export interface DeductionLine {
  readonly kind: 'confirmedObstruction' | 'confirmedOther';
  readonly label: string;
  readonly count: number;
  /** Hundredths of a point per complaint. */
  readonly perItem: number;
  /** count × perItem, hundredths. */
  readonly total: number;
}

/** An exact non-negative rational score in hundredths of a point: numerator / denominator. */
export interface ExactScore {
  readonly numerator: number;
  readonly denominator: number;
}

export interface RatedCompany {
  /** 1..n among rated companies; null for companies not rated (no applicable criterion). */
  readonly rank: number | null;
  readonly companyId: string;
  readonly companyName: string;
  readonly communities: number;
  readonly rated: boolean;
  readonly breakdown: readonly CriterionBreakdown[];
  /** Σ weight of the applicable criteria (what the weighted sum is divided by). */
  readonly applicableWeightBp: number;
  /** Weighted score before deductions, hundredths, 2 decimals half-up (display). */
  readonly weightedScore: string | null;
  readonly deductions: readonly DeductionLine[];
  readonly deductionTotal: number;
  /** max(0, Σ w·s − D·W) / W in hundredths of a point; null when not rated. */
  readonly scoreExact: ExactScore | null;
  /** Final score, 2 decimals half-up, e.g. '78.25'; null when not rated. */
  readonly score: string | null;
  readonly grade: RatingGrade | null;
  /** Jinpu §二(五): a confirmed obstruction in the year takes the company out of awards whatever its score. */
  readonly awardEligible: boolean;
  readonly disqualificationReasons: readonly string[];
  /** The first criterion that sets it below the row above (null for the first and for unrated rows). */
  readonly orderedBy: RatingOrderCriterion | null;
  readonly note: string | null;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RatingInputError(`${what}须为非负整数，当前为 ${String(value)}`);
  }
}

/** Half-up of numerator × 10000 / denominator; a ratio above 1 is refused (a count cannot exceed its base). */
export function scoreRatio(ratio: Ratio, what: string): { applicable: boolean; scoreBp: number } {
  assertCount(ratio.numerator, `${what}的分子`);
  assertCount(ratio.denominator, `${what}的分母`);
  if (ratio.denominator === 0) {
    if (ratio.numerator !== 0) throw new RatingInputError(`${what}的分母为 0 时分子须为 0`);
    return { applicable: false, scoreBp: 0 };
  }
  if (ratio.numerator > ratio.denominator) {
    throw new RatingInputError(`${what}的分子 ${ratio.numerator} 大于分母 ${ratio.denominator}`);
  }
  return {
    applicable: true,
    scoreBp: Math.floor((2 * ratio.numerator * 10_000 + ratio.denominator) / (2 * ratio.denominator)),
  };
}

/** Half-up of an exact score to hundredths, formatted: 60_000_000 / 8000 = 7500 → '75.00'; 2 / 3 → '0.01'. */
export function formatExactScore(score: ExactScore): string {
  return formatPoints(Math.floor((2 * score.numerator + score.denominator) / (2 * score.denominator)));
}

/** The grade of an exact score: the highest grade whose threshold it reaches (exact comparison, no rounding). */
export function gradeOf(score: ExactScore, thresholds: RatingSettings['gradeThresholds']): RatingGrade {
  if (score.numerator >= thresholds.A * score.denominator) return RatingGrade.A;
  if (score.numerator >= thresholds.B * score.denominator) return RatingGrade.B;
  if (score.numerator >= thresholds.C * score.denominator) return RatingGrade.C;
  return RatingGrade.D;
}

interface Scored {
  input: CompanyRatingInput;
  breakdown: CriterionBreakdown[];
  applicableWeightBp: number;
  deductions: DeductionLine[];
  deductionTotal: number;
  scoreExact: ExactScore | null;
}

function scoreCompany(input: CompanyRatingInput, settings: RatingSettings): Scored {
  const breakdown = RATING_CRITERIA.map((criterion): CriterionBreakdown => {
    const label = RATING_CRITERION_LABELS_ZH[criterion];
    const ratio = { numerator: input[criterion].numerator, denominator: input[criterion].denominator };
    const { applicable, scoreBp } = scoreRatio(ratio, `「${input.companyName}」${label}`);
    const weightBp = settings.weights[criterion];
    return {
      criterion,
      label,
      ratio,
      applicable,
      scoreBp,
      weightBp,
      weighted: applicable ? weightBp * scoreBp : 0,
      note: applicable ? null : '不适用（分母为 0），不计分，权重分摊给其余适用项',
    };
  });
  assertCount(input.confirmedObstructions, `「${input.companyName}」属实阻挠投诉件数`);
  assertCount(input.confirmedOther, `「${input.companyName}」属实其他投诉件数`);
  assertCount(input.communities, `「${input.companyName}」在管社区数`);
  const deductions: DeductionLine[] = [
    {
      kind: 'confirmedObstruction',
      label: '经认定属实的阻挠投诉',
      count: input.confirmedObstructions,
      perItem: settings.deductions.confirmedObstruction,
      total: input.confirmedObstructions * settings.deductions.confirmedObstruction,
    },
    {
      kind: 'confirmedOther',
      label: '经认定属实的其他投诉',
      count: input.confirmedOther,
      perItem: settings.deductions.confirmedOther,
      total: input.confirmedOther * settings.deductions.confirmedOther,
    },
  ];
  const deductionTotal = deductions.reduce((sum, d) => sum + d.total, 0);
  // Weights of applicable criteria only (a zero-weight applicable criterion adds nothing either way).
  const applicableWeightBp = breakdown.reduce((sum, b) => sum + (b.applicable ? b.weightBp : 0), 0);
  let scoreExact: ExactScore | null = null;
  if (applicableWeightBp > 0) {
    const weightedSum = breakdown.reduce((sum, b) => sum + b.weighted, 0);
    // Σw·s / W is in hundredths of a point (s in 0.01%, 100% = 100.00 points); subtract D in the same unit.
    scoreExact = {
      numerator: Math.max(0, weightedSum - deductionTotal * applicableWeightBp),
      denominator: applicableWeightBp,
    };
  }
  return { input, breakdown, applicableWeightBp, deductions, deductionTotal, scoreExact };
}

function compareExact(a: ExactScore, b: ExactScore): number {
  // Both ≤ 1e8 · 1e4 = 1e12: exact in doubles.
  return a.numerator * b.denominator - b.numerator * a.denominator;
}

const TIE_BREAK_CRITERIA: readonly [RatingOrderCriterion, number][] = [
  [RatingOrderCriterion.Construction, 0],
  [RatingOrderCriterion.SelfUseCooperation, 1],
  [RatingOrderCriterion.Patrol, 2],
  [RatingOrderCriterion.SafetyRectification, 3],
];

/** A criterion's score for the tie-break: not applicable ranks below 0%. */
function tieScore(scored: Scored, index: number): number {
  const row = scored.breakdown[index];
  return row.applicable ? row.scoreBp : -1;
}

/** Negative when a is above b (see RATING_TIE_BREAK_RULE_ZH); both rated. */
function compareRated(a: Scored, b: Scored): { order: number; criterion: RatingOrderCriterion } {
  const byScore = compareExact(b.scoreExact!, a.scoreExact!);
  if (byScore !== 0) return { order: byScore, criterion: RatingOrderCriterion.Score };
  for (const [criterion, index] of TIE_BREAK_CRITERIA) {
    const diff = tieScore(b, index) - tieScore(a, index);
    if (diff !== 0) return { order: diff, criterion };
  }
  const obstructions = a.input.confirmedObstructions - b.input.confirmedObstructions;
  if (obstructions !== 0) return { order: obstructions, criterion: RatingOrderCriterion.FewerObstructions };
  return { order: compareText(a.input.companyName, b.input.companyName), criterion: RatingOrderCriterion.CompanyName };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rates every company of a year: score with its breakdown, grade, award eligibility, and a total order with the
 * stated tie-break. Pure: depends only on the set of inputs and the settings.
 */
export function rateCompanies(inputs: readonly CompanyRatingInput[], settings: RatingSettings): RatedCompany[] {
  const parsed = parseRatingSettings(settings);
  if (!parsed.ok) throw new RatingInputError(`评价设置无效：${parsed.errors.join('；')}`, parsed.errors);
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const input of inputs) {
    if (ids.has(input.companyId)) throw new RatingInputError(`物业服务企业重复：${input.companyName}`);
    if (names.has(input.companyName)) throw new RatingInputError(`物业服务企业名称重复：${input.companyName}`);
    ids.add(input.companyId);
    names.add(input.companyName);
  }
  const scored = inputs.map((input) => scoreCompany(input, settings));
  const rated = scored.filter((s) => s.scoreExact !== null).sort((a, b) => compareRated(a, b).order);
  const unrated = scored
    .filter((s) => s.scoreExact === null)
    .sort((a, b) => compareText(a.input.companyName, b.input.companyName));
  return [
    ...rated.map((s, index) =>
      toRow(s, settings, index + 1, index === 0 ? null : compareRated(rated[index - 1], s).criterion),
    ),
    ...unrated.map((s) => toRow(s, settings, null, null)),
  ];
}

function toRow(
  s: Scored,
  settings: RatingSettings,
  rank: number | null,
  orderedBy: RatingOrderCriterion | null,
): RatedCompany {
  const reasons =
    s.input.confirmedObstructions > 0
      ? [`当年有 ${s.input.confirmedObstructions} 件经认定属实的阻挠或妨碍充电设施建设投诉，取消评优评先资格`]
      : [];
  const weightedExact =
    s.applicableWeightBp > 0
      ? { numerator: s.breakdown.reduce((sum, b) => sum + b.weighted, 0), denominator: s.applicableWeightBp }
      : null;
  return {
    rank,
    companyId: s.input.companyId,
    companyName: s.input.companyName,
    communities: s.input.communities,
    rated: s.scoreExact !== null,
    breakdown: s.breakdown,
    applicableWeightBp: s.applicableWeightBp,
    weightedScore: weightedExact ? formatExactScore(weightedExact) : null,
    deductions: s.deductions,
    deductionTotal: s.deductionTotal,
    scoreExact: s.scoreExact,
    score: s.scoreExact ? formatExactScore(s.scoreExact) : null,
    grade: s.scoreExact ? gradeOf(s.scoreExact, settings.gradeThresholds) : null,
    awardEligible: reasons.length === 0 && s.scoreExact !== null,
    disqualificationReasons: reasons,
    orderedBy,
    note:
      s.scoreExact === null ? '所有评分项均不适用（无符合条件的在管社区、自用桩安装与巡查记录），本年度不参评' : null,
  };
}

/** The rules as stated when a round is computed (Chinese), kept with the round and shown beside its figures. */
export function ratingRulesText(settings: RatingSettings): string {
  const weights = RATING_CRITERIA.map(
    (criterion) => `${RATING_CRITERION_LABELS_ZH[criterion]} ${formatWeight(settings.weights[criterion])}`,
  ).join('，');
  const t = settings.gradeThresholds;
  return [
    `权重：${weights}。`,
    `等级：A ≥ ${formatPoints(t.A)} 分，B ≥ ${formatPoints(t.B)} 分，C ≥ ${formatPoints(t.C)} 分，其余为 D。`,
    `扣分：属实阻挠投诉每件 ${formatPoints(settings.deductions.confirmedObstruction)} 分，属实其他投诉每件 ${formatPoints(settings.deductions.confirmedOther)} 分。`,
    `巡查：年内每个有在用充电设施的社区至少巡查 ${settings.minPatrolsPerYear} 次；隐患须在巡查后 ${settings.rectificationDays} 天内整改。`,
    RATING_ROUNDING_RULE_ZH,
    RATING_TIE_BREAK_RULE_ZH,
    AWARD_RULE_ZH,
  ].join('');
}
