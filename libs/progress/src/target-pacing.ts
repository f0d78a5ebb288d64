/**
 * 红黄绿灯 against 序时进度: the share of a plan's target due by a month, pro-rated to the months of the plan that
 * have elapsed (linear from zero at the plan's first month to the whole target at its last). Whole communities,
 * compared exactly in integers.
 */
export enum PacingStatus {
  /** 绿灯: at or above the pro-rated target. */
  Green = 'green',
  /** 黄灯: below it, but at least AMBER_FLOOR_PERCENT of it. */
  Amber = 'amber',
  /** 红灯: below AMBER_FLOOR_PERCENT of it. */
  Red = 'red',
}

export const PACING_STATUS_LABELS: Record<PacingStatus, string> = {
  [PacingStatus.Green]: '绿灯',
  [PacingStatus.Amber]: '黄灯',
  [PacingStatus.Red]: '红灯',
};

export const AMBER_FLOOR_PERCENT = 90;

export const PACING_RULE_ZH =
  `序时进度 = 目标 × 计划已过月数 / 计划总月数（按月计，含起止月；计划结束后为全部目标）。` +
  `完成数达到序时进度为「绿灯」，达到序时进度的 ${AMBER_FLOOR_PERCENT}% 及以上为「黄灯」，低于 ${AMBER_FLOOR_PERCENT}% 为「红灯」。` +
  `覆盖率目标先换算为社区数（符合条件社区数 × 目标覆盖率，向上取整）。`;

export interface PacingInput {
  month: string;
  startMonth: string;
  endMonth: string;
  target: number;
  achieved: number;
}

export interface Pacing {
  status: PacingStatus;
  /** Months of the plan elapsed by the end of `month` (0 before its start, totalMonths after its end). */
  elapsedMonths: number;
  totalMonths: number;
  /** The pro-rated target in whole communities, rounded up. */
  expected: number;
  /** achieved / exact pro-rated target in percent, 1 decimal half-up; null when nothing is due yet. */
  percentOfExpected: string | null;
}

export function paceAgainstTarget(input: PacingInput): Pacing {
  const { month, startMonth, endMonth, target, achieved } = input;
  const totalMonths = monthIndex(endMonth) - monthIndex(startMonth) + 1;
  const elapsedMonths = Math.min(totalMonths, Math.max(0, monthIndex(month) - monthIndex(startMonth) + 1));
  // Exact pro-rated target = target × elapsed / total; compare achieved × total against target × elapsed.
  const due = target * elapsedMonths;
  const have = achieved * totalMonths;
  const expected = Math.ceil(due / totalMonths);
  const status =
    have >= due ? PacingStatus.Green : have * 100 >= due * AMBER_FLOOR_PERCENT ? PacingStatus.Amber : PacingStatus.Red;
  return {
    status,
    elapsedMonths,
    totalMonths,
    expected,
    percentOfExpected: due === 0 ? null : formatTenths(Math.floor((have * 1000) / due + 0.5)),
  };
}

function monthIndex(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return year * 12 + (m - 1);
}

function formatTenths(value: number): string {
  return `${Math.floor(value / 10)}.${value % 10}`;
}
