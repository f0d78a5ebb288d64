/**
 * Whether a district reaches its target at its recent pace (issue 4 §2). Everything is in whole communities:
 * a ratio target becomes a count of eligible communities (rounded up: 100% of 7 is 7, 95% of 7 is 6.65 → 7).
 */
export enum ProjectionStatus {
  /** 正常: reached, or reached by the plan's end at the recent pace. */
  OnTrack = 'on_track',
  /** 预警: at the recent pace, 90%–100% of the target by the plan's end. */
  AtRisk = 'at_risk',
  /** 滞后: below 90% by the plan's end, or no progress at all while work remains. */
  OffTrack = 'off_track',
}

export const PROJECTION_STATUS_LABELS: Record<ProjectionStatus, string> = {
  [ProjectionStatus.OnTrack]: '正常',
  [ProjectionStatus.AtRisk]: '预警',
  [ProjectionStatus.OffTrack]: '滞后',
};

/** The pace is the average monthly gain over the last PACE_WINDOW_MONTHS months (fewer if the history is shorter). */
export const PACE_WINDOW_MONTHS = 6;
/** Below this share of the target by the plan's end (at the recent pace) a district is 滞后; from it up to 100%, 预警. */
export const AT_RISK_FLOOR_PERCENT = 90;

export const PROJECTION_RULE_ZH =
  `按最近 ${PACE_WINDOW_MONTHS} 个月的月均净增（不足 ${PACE_WINDOW_MONTHS} 个月按实际月数）推算：计划截止时预计完成目标的 100% 及以上为「正常」，` +
  `${AT_RISK_FLOOR_PERCENT}%–100% 为「预警」，低于 ${AT_RISK_FLOOR_PERCENT}% 或近期无进展为「滞后」；已完成目标为「正常」。`;

export interface ProjectionInput {
  /** Achieved counts by month, oldest first, consecutive months ending with the current one. */
  history: { month: string; achieved: number }[];
  target: number;
  /** The plan's last month, 'YYYY-MM'. */
  endMonth: string;
}

export interface Projection {
  status: ProjectionStatus;
  /** Communities a month, over the window; 2 decimals half-up, as text. */
  pace: string;
  remaining: number;
  /** The month the target is reached at this pace; null if never (no progress) or already reached. */
  projectedMonth: string | null;
  /** Achieved by the plan's end at this pace (whole communities, rounded down). */
  projectedAtEnd: number;
  reason: string;
}

export function targetCountOfRatio(ratio: string, eligible: number): number {
  const [whole, fraction = ''] = ratio.split('.');
  const tenThousandths = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  const product = tenThousandths * BigInt(eligible);
  return Number((product + 9999n) / 10000n);
}

export function projectTarget(input: ProjectionInput): Projection {
  const { history, target, endMonth } = input;
  if (history.length === 0) throw new Error('projection needs at least the current month');
  const current = history[history.length - 1];
  const remaining = Math.max(0, target - current.achieved);
  const window = history.slice(-(PACE_WINDOW_MONTHS + 1));
  const months = window.length - 1;
  const gain = months > 0 ? current.achieved - window[0].achieved : 0;
  // pace = gain / months, kept exact as a fraction until the end.
  const paceText = months > 0 ? formatHundredths(Math.round((gain * 100) / months)) : '0.00';
  const monthsLeft = Math.max(0, monthDiff(current.month, endMonth));
  const projectedAtEnd =
    months > 0 && gain > 0 ? current.achieved + Math.floor((gain * monthsLeft) / months) : current.achieved;

  if (remaining === 0) {
    return {
      status: ProjectionStatus.OnTrack,
      pace: paceText,
      remaining,
      projectedMonth: null,
      projectedAtEnd,
      reason: '已完成目标',
    };
  }
  if (gain <= 0) {
    return {
      status: ProjectionStatus.OffTrack,
      pace: paceText,
      remaining,
      projectedMonth: null,
      projectedAtEnd,
      reason: `近 ${Math.max(months, 1)} 个月无净增，尚差 ${remaining} 个`,
    };
  }
  const monthsNeeded = Math.ceil((remaining * months) / gain);
  const projectedMonth = addMonths(current.month, monthsNeeded);
  const percentAtEnd = (projectedAtEnd * 100) / target;
  const status =
    projectedMonth <= endMonth
      ? ProjectionStatus.OnTrack
      : percentAtEnd >= AT_RISK_FLOOR_PERCENT
        ? ProjectionStatus.AtRisk
        : ProjectionStatus.OffTrack;
  return {
    status,
    pace: paceText,
    remaining,
    projectedMonth,
    projectedAtEnd,
    reason: `按月均 ${paceText} 个推算，预计 ${projectedMonth} 完成（计划截止 ${endMonth}），截止时约完成 ${Math.floor(percentAtEnd)}%`,
  };
}

function monthDiff(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function formatHundredths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
