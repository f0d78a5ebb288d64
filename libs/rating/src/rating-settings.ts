/**
 * What a property company is rated on (Jinpu §二(五), 住建局 "将既有小区充电设施安装情况纳入物业服务企业评优评比内容"),
 * and the office's configuration of it. Weights, grade thresholds and deductions are integers so that every figure
 * can be recomputed by hand: weights in basis points of the total (10000 = 100%), points in hundredths (9000 = 90.00).
 */

export enum RatingCriterion {
  /** 建设完成: eligible managed communities with a built public facility of their own / eligible managed communities. */
  Construction = 'construction',
  /** 配合自用桩安装: self-use installations completed / (completed + confirmed refusals), in the year. */
  SelfUseCooperation = 'selfUseCooperation',
  /** 日常巡查: communities with a facility patrolled at least minPatrolsPerYear times / communities with a facility. */
  Patrol = 'patrol',
  /** 隐患整改: issues found by patrols and rectified within rectificationDays / issues found, in the year. */
  SafetyRectification = 'safetyRectification',
}

/** Fixed order: breakdown rows and the tie-break follow it. */
export const RATING_CRITERIA: readonly RatingCriterion[] = Object.freeze([
  RatingCriterion.Construction,
  RatingCriterion.SelfUseCooperation,
  RatingCriterion.Patrol,
  RatingCriterion.SafetyRectification,
]);

export const RATING_CRITERION_LABELS_ZH: Readonly<Record<RatingCriterion, string>> = Object.freeze({
  [RatingCriterion.Construction]: '公用充电设施建设完成率',
  [RatingCriterion.SelfUseCooperation]: '配合自用充电设施安装',
  [RatingCriterion.Patrol]: '充电设施日常巡查',
  [RatingCriterion.SafetyRectification]: '安全隐患按期整改',
});

/** How each criterion's ratio is counted, shown beside the figure. */
export const RATING_CRITERION_DEFINITIONS_ZH: Readonly<Record<RatingCriterion, string>> = Object.freeze({
  [RatingCriterion.Construction]:
    '年末在管且符合建设条件的社区中，已建成（已验收且未退出）本社区公用充电设施的社区数 ÷ 年末在管且符合建设条件的社区数',
  [RatingCriterion.SelfUseCooperation]:
    '当年在管社区内验收的自用充电设施数 ÷（该数 + 当年受理并经市发展改革委认定属实的拒绝配合自用充电设施安装投诉数）',
  [RatingCriterion.Patrol]:
    '年内有在用充电设施的在管社区中，当年巡查记录达到规定次数的社区数 ÷ 年内有在用充电设施的在管社区数',
  [RatingCriterion.SafetyRectification]:
    '当年巡查发现隐患的记录中，在规定天数内整改完毕的记录数 ÷ 当年发现隐患的巡查记录数',
});

export enum RatingGrade {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

export const RATING_GRADE_LABELS_ZH: Readonly<Record<RatingGrade, string>> = Object.freeze({
  [RatingGrade.A]: 'A（优秀）',
  [RatingGrade.B]: 'B（良好）',
  [RatingGrade.C]: 'C（合格）',
  [RatingGrade.D]: 'D（不合格）',
});

export type RatingWeights = Readonly<Record<RatingCriterion, number>>;

export const WEIGHT_TOTAL_BP = 10_000;
/** 100.00 points in hundredths. */
export const FULL_POINTS = 10_000;

export interface RatingSettings {
  /** Basis points per criterion, summing to 10000. */
  weights: RatingWeights;
  /** Lowest score (hundredths of a point) of each grade; below C is D. A > B > C > 0. */
  gradeThresholds: { A: number; B: number; C: number };
  /** Points (hundredths) taken off per complaint confirmed in the year. */
  deductions: { confirmedObstruction: number; confirmedOther: number };
  /** Patrol records a community with a facility needs in the year to count as patrolled. */
  minPatrolsPerYear: number;
  /** Calendar days after the patrol within which a found issue must be rectified. */
  rectificationDays: number;
}

/**
 * Defaults until the office sets its own (SPEC: configurable, shown beside every figure). Construction weighs most
 * because it is what the policy measures first (既有小区充电设施建设情况); A ≥ 90, B ≥ 75, C ≥ 60; a confirmed
 * obstruction costs 10 points, another confirmed complaint 2; quarterly patrols (4 a year); issues fixed in 15 days.
 */
export const DEFAULT_RATING_SETTINGS: RatingSettings = Object.freeze({
  weights: Object.freeze({
    [RatingCriterion.Construction]: 4000,
    [RatingCriterion.SelfUseCooperation]: 2000,
    [RatingCriterion.Patrol]: 2000,
    [RatingCriterion.SafetyRectification]: 2000,
  }),
  gradeThresholds: Object.freeze({ A: 9000, B: 7500, C: 6000 }),
  deductions: Object.freeze({ confirmedObstruction: 1000, confirmedOther: 200 }),
  minPatrolsPerYear: 4,
  rectificationDays: 15,
}) as RatingSettings;

/** 9000 → '90.00'. */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 4000 → '40%', 1250 → '12.5%'. */
export function formatWeight(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Validates stored or submitted settings; every problem at once, in Chinese. */
export function parseRatingSettings(
  value: unknown,
): { ok: true; settings: RatingSettings } | { ok: false; errors: string[] } {
  const input = (value ?? {}) as Record<string, Record<string, unknown> | unknown>;
  const errors: string[] = [];
  const weightsIn = (input.weights ?? {}) as Record<string, unknown>;
  const weights = {} as Record<RatingCriterion, number>;
  let weightsAreIntegers = true;
  for (const criterion of RATING_CRITERIA) {
    const label = RATING_CRITERION_LABELS_ZH[criterion];
    const weight = weightsIn[criterion];
    if (!isInt(weight)) {
      weightsAreIntegers = false;
      errors.push(`「${label}」权重须为整数基点（1 基点 = 0.01%），当前为 ${String(weight)}`);
    } else if (weight < 0) {
      weightsAreIntegers = false;
      errors.push(`「${label}」权重不能为负数`);
    }
    weights[criterion] = Number(weight);
  }
  for (const key of Object.keys(weightsIn)) {
    if (!RATING_CRITERIA.includes(key as RatingCriterion)) errors.push(`未知的评分项：${key}`);
  }
  if (weightsAreIntegers) {
    const total = RATING_CRITERIA.reduce((sum, criterion) => sum + weights[criterion], 0);
    if (total !== WEIGHT_TOTAL_BP) errors.push(`权重之和须为 100%，当前为 ${formatWeight(total)}`);
  }

  const thresholdsIn = (input.gradeThresholds ?? {}) as Record<string, unknown>;
  const thresholds = { A: thresholdsIn.A, B: thresholdsIn.B, C: thresholdsIn.C };
  let thresholdsValid = true;
  for (const grade of ['A', 'B', 'C'] as const) {
    const t = thresholds[grade];
    if (!isInt(t) || t < 1 || t > FULL_POINTS) {
      thresholdsValid = false;
      errors.push(`${grade} 级分数线须为 0.01 至 100.00 分（以 0.01 分为单位的整数 1–10000），当前为 ${String(t)}`);
    }
  }
  if (thresholdsValid) {
    const { A, B, C } = thresholds as { A: number; B: number; C: number };
    if (!(A > B && B > C)) {
      errors.push(`分数线须满足 A > B > C，当前为 A ${formatPoints(A)}、B ${formatPoints(B)}、C ${formatPoints(C)}`);
    }
  }

  const deductionsIn = (input.deductions ?? {}) as Record<string, unknown>;
  const deductionLabels = { confirmedObstruction: '经认定属实的阻挠投诉', confirmedOther: '经认定属实的其他投诉' };
  for (const key of ['confirmedObstruction', 'confirmedOther'] as const) {
    const d = deductionsIn[key];
    if (!isInt(d) || d < 0 || d > FULL_POINTS) {
      errors.push(
        `${deductionLabels[key]}每件扣分须为 0 至 100.00 分（以 0.01 分为单位的整数 0–10000），当前为 ${String(d)}`,
      );
    }
  }

  const minPatrols = input.minPatrolsPerYear;
  if (!isInt(minPatrols) || minPatrols < 1 || minPatrols > 366) {
    errors.push(`每年最少巡查次数须为 1 至 366 的整数，当前为 ${String(minPatrols)}`);
  }
  const days = input.rectificationDays;
  if (!isInt(days) || days < 1 || days > 365) {
    errors.push(`隐患整改期限须为 1 至 365 天的整数，当前为 ${String(days)}`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      weights,
      gradeThresholds: thresholds as RatingSettings['gradeThresholds'],
      deductions: {
        confirmedObstruction: deductionsIn.confirmedObstruction as number,
        confirmedOther: deductionsIn.confirmedOther as number,
      },
      minPatrolsPerYear: minPatrols as number,
      rectificationDays: days as number,
    },
  };
}
