import {
  addCalendarMonthsClamped,
  compareIsoDates,
  daysBetween,
  InvalidCalendarDateError,
  isIsoDate,
} from './calendar-date.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

export enum GridStep {
  /** 业务受理: within 1 working day after the grid application */
  ApplicationAcceptance = 'application_acceptance',
  /** 答复供电方案: within 3 working days after 受理 */
  SupplyPlanReply = 'supply_plan_reply',
  /** 装表接电: within 2 working days after construction completion */
  MeterInstallation = 'meter_installation',
  /** 接入市级平台: within 2 calendar months after acceptance (验收) */
  PlatformRegistration = 'platform_registration',
}

export enum TimeLimitUnit {
  WorkingDays = 'working_days',
  CalendarMonths = 'calendar_months',
}

/** Unit of an overrun: working days for working-day limits, calendar days for the calendar-month limit. */
export enum OverrunUnit {
  WorkingDays = 'working_days',
  CalendarDays = 'calendar_days',
}

export enum TimeLimitStatus {
  /** Done no later than the deadline */
  Met = 'met',
  /** Done after the deadline */
  Breached = 'breached',
  /** Not done yet, deadline not passed as of asOf */
  Pending = 'pending',
  /** Not done, deadline passed as of asOf */
  Overdue = 'overdue',
  /** The step's start date is missing (or after asOf) */
  NotApplicable = 'not_applicable',
  /** The end date is before the start date: the data needs correcting */
  InconsistentDates = 'inconsistent_dates',
}

/** A facility's grid-connection stage dates, ISO 'YYYY-MM-DD'; null or absent when not reached. */
export interface GridStageDates {
  /** 报装申请 (网上国网) */
  gridAppliedOn?: string | null;
  /** 受理 */
  gridAcceptedOn?: string | null;
  /** 答复供电方案 */
  supplyPlanRepliedOn?: string | null;
  /** 工程竣工 */
  constructionCompletedOn?: string | null;
  /** 装表接电 */
  meterInstalledOn?: string | null;
  /** 验收 */
  acceptedOn?: string | null;
  /** 接入市级平台 */
  platformConnectedOn?: string | null;
}

export type GridStageField = keyof GridStageDates;

export interface GridTimeLimitRule {
  step: GridStep;
  /** Step name shown to users */
  name: string;
  /** Verb phrase used in descriptions, e.g. 受理 */
  action: string;
  limit: number;
  unit: TimeLimitUnit;
  startField: GridStageField;
  startLabel: string;
  endField: GridStageField;
  endLabel: string;
  /** Policy clause the limit comes from, shown beside the figure */
  basis: string;
}

// Jinpu annex 1 (既有小区公用充电设施建设管理流程), also the SPEC's grid time limits.
export const GRID_TIME_LIMIT_RULES: readonly GridTimeLimitRule[] = [
  {
    step: GridStep.ApplicationAcceptance,
    name: '业务受理',
    action: '受理',
    limit: 1,
    unit: TimeLimitUnit.WorkingDays,
    startField: 'gridAppliedOn',
    startLabel: '报装申请',
    endField: 'gridAcceptedOn',
    endLabel: '受理',
    basis: '自申请用电日起，1个工作日内完成业务受理',
  },
  {
    step: GridStep.SupplyPlanReply,
    name: '答复供电方案',
    action: '答复供电方案',
    limit: 3,
    unit: TimeLimitUnit.WorkingDays,
    startField: 'gridAcceptedOn',
    startLabel: '受理',
    endField: 'supplyPlanRepliedOn',
    endLabel: '答复供电方案',
    basis: '自受理完成日起，3个工作日内答复供电方案',
  },
  {
    step: GridStep.MeterInstallation,
    name: '装表接电',
    action: '装表接电',
    limit: 2,
    unit: TimeLimitUnit.WorkingDays,
    startField: 'constructionCompletedOn',
    startLabel: '工程竣工',
    endField: 'meterInstalledOn',
    endLabel: '装表接电',
    basis: '工程竣工之日起2个工作日内完成装表接电',
  },
  {
    step: GridStep.PlatformRegistration,
    name: '接入市级平台',
    action: '接入市级平台',
    limit: 2,
    unit: TimeLimitUnit.CalendarMonths,
    startField: 'acceptedOn',
    startLabel: '验收',
    endField: 'platformConnectedOn',
    endLabel: '接入市级平台',
    basis: '验收后2个月内，向发改部门申报纳入平台统一管理',
  },
];

export interface GridStepEvaluation {
  step: GridStep;
  name: string;
  limit: number;
  unit: TimeLimitUnit;
  /** Start of the step, null when missing or after asOf */
  startDate: string | null;
  /** Completion, null when missing or after asOf (not done as of asOf) */
  endDate: string | null;
  /** Last day on which the step is on time; null when the start is unknown */
  deadline: string | null;
  /** Working days used (working-day steps that are done); null otherwise */
  used: number | null;
  /** How far past the deadline (Breached: at completion; Overdue: as of asOf); null when not late */
  overrun: number | null;
  overrunUnit: OverrunUnit;
  status: TimeLimitStatus;
  /** Chinese explanation, e.g. 受理用时 3 个工作日，超出时限 2 个工作日 */
  description: string;
}

const FIELD_LABELS: Record<GridStageField, string> = {
  gridAppliedOn: '报装申请日期',
  gridAcceptedOn: '受理日期',
  supplyPlanRepliedOn: '答复供电方案日期',
  constructionCompletedOn: '工程竣工日期',
  meterInstalledOn: '装表接电日期',
  acceptedOn: '验收日期',
  platformConnectedOn: '接入市级平台日期',
};

/**
 * Evaluates each grid time limit of one facility as of a date. Stage dates after asOf count as not yet reached, so a
 * month-end evaluation can be reproduced later. Throws CalendarNotCoveredError when a working-day step needs a year
 * the calendar does not hold.
 */
export function evaluateGridTimeLimits(
  stages: GridStageDates,
  asOf: string,
  calendar: WorkingDayCalendar,
): GridStepEvaluation[] {
  if (!isIsoDate(asOf)) throw new InvalidCalendarDateError(asOf, '统计截止日期');
  for (const field of Object.keys(FIELD_LABELS) as GridStageField[]) {
    const value = stages[field];
    if (value !== null && value !== undefined && !isIsoDate(value)) {
      throw new InvalidCalendarDateError(value, FIELD_LABELS[field]);
    }
  }
  const reached = (field: GridStageField): string | null => {
    const value = stages[field];
    return value && compareIsoDates(value, asOf) <= 0 ? value : null;
  };
  return GRID_TIME_LIMIT_RULES.map((rule) =>
    evaluateStep(rule, reached(rule.startField), reached(rule.endField), asOf, calendar),
  );
}

function evaluateStep(
  rule: GridTimeLimitRule,
  start: string | null,
  end: string | null,
  asOf: string,
  calendar: WorkingDayCalendar,
): GridStepEvaluation {
  const workingDays = rule.unit === TimeLimitUnit.WorkingDays;
  const overrunUnit = workingDays ? OverrunUnit.WorkingDays : OverrunUnit.CalendarDays;
  const unitText = workingDays ? '个工作日' : '天';
  // One literal per result, no object spread: spreading a shared base was most of the time of evaluating a
  // register of 10,000 facilities (bench/grid-breaches.bench.ts).
  const result = (
    startDate: string | null,
    endDate: string | null,
    deadline: string | null,
    used: number | null,
    overrun: number | null,
    status: TimeLimitStatus,
    description: string,
  ): GridStepEvaluation => ({
    step: rule.step,
    name: rule.name,
    limit: rule.limit,
    unit: rule.unit,
    startDate,
    endDate,
    deadline,
    used,
    overrun,
    overrunUnit,
    status,
    description,
  });

  if (start === null) {
    return result(
      null,
      end,
      null,
      null,
      null,
      TimeLimitStatus.NotApplicable,
      `尚无${rule.startLabel}日期，不计算${rule.name}时限`,
    );
  }
  if (end !== null && compareIsoDates(end, start) < 0) {
    return result(
      start,
      end,
      null,
      null,
      null,
      TimeLimitStatus.InconsistentDates,
      `${FIELD_LABELS[rule.endField]} ${end} 早于${FIELD_LABELS[rule.startField]} ${start}，请核对`,
    );
  }

  // SPEC: a time limit of N working days after day D ends at the close of the N-th working day after D.
  // Jinpu annex 1 / SPEC (Subsidy): 2 months after acceptance is the same day 2 months on, or that month's last day.
  const deadline = workingDays
    ? calendar.addWorkingDays(start, rule.limit)
    : addCalendarMonthsClamped(start, rule.limit);
  const lateness = (until: string): number =>
    workingDays ? calendar.workingDaysBetween(deadline, until) : daysBetween(deadline, until);

  if (end === null) {
    if (compareIsoDates(asOf, deadline) <= 0) {
      const window = workingDays ? `${rule.limit} 个工作日` : `${rule.limit} 个月`;
      return result(
        start,
        null,
        deadline,
        null,
        null,
        TimeLimitStatus.Pending,
        `尚未${rule.action}，期限为 ${deadline}（${rule.startLabel}后 ${window}）`,
      );
    }
    const overrun = lateness(asOf);
    return result(
      start,
      null,
      deadline,
      null,
      overrun,
      TimeLimitStatus.Overdue,
      overrun > 0
        ? `截至 ${asOf} 尚未${rule.action}，已超出期限 ${deadline} 共 ${overrun} ${unitText}`
        : `截至 ${asOf} 尚未${rule.action}，已超过期限 ${deadline}`,
    );
  }

  const used = workingDays ? calendar.workingDaysBetween(start, end) : null;
  const elapsed = workingDays ? `用时 ${used} 个工作日` : `于${rule.startLabel}后 ${daysBetween(start, end)} 天完成`;
  if (compareIsoDates(end, deadline) <= 0) {
    return result(
      start,
      end,
      deadline,
      used,
      null,
      TimeLimitStatus.Met,
      workingDays
        ? `${rule.action}${elapsed}，在时限 ${rule.limit} 个工作日内`
        : `${rule.action}${elapsed}，未超过期限 ${deadline}`,
    );
  }
  const overrun = lateness(end);
  return result(
    start,
    end,
    deadline,
    used,
    overrun,
    TimeLimitStatus.Breached,
    overrun > 0
      ? `${rule.action}${elapsed}，超出时限 ${overrun} ${unitText}`
      : // Done on a non-working day after the deadline closed: late, though no further working day had passed.
        `${rule.action}${elapsed}，但在期限 ${deadline} 之后的非工作日 ${end} 完成，超出时限`,
  );
}

export type GridStatusCounts = Record<TimeLimitStatus, number>;

export interface GridBreachTally {
  facilityCount: number;
  /** Facilities with at least one step Breached or Overdue */
  facilitiesWithBreach: number;
  steps: Record<GridStep, GridStatusCounts>;
}

export interface GridBreachGroupTally extends GridBreachTally {
  /** District id, operator id, … whatever the caller groups by */
  groupKey: string;
}

export interface GridBreachSummary {
  /** One entry per group key, in order of first appearance */
  groups: GridBreachGroupTally[];
  total: GridBreachTally;
}

export interface GroupedGridStages {
  groupKey: string;
  stages: GridStageDates;
}

export interface GroupedGridEvaluations {
  groupKey: string;
  evaluations: readonly GridStepEvaluation[];
}

/** Evaluates every facility as of asOf and counts statuses per step within each group (district, operator, …). */
export function summariseGridBreaches(
  facilities: readonly GroupedGridStages[],
  asOf: string,
  calendar: WorkingDayCalendar,
): GridBreachSummary {
  return tallyGridEvaluations(
    facilities.map((facility) => ({
      groupKey: facility.groupKey,
      evaluations: evaluateGridTimeLimits(facility.stages, asOf, calendar),
    })),
  );
}

/** Counts statuses per step within each group, from evaluations already made. */
export function tallyGridEvaluations(facilities: readonly GroupedGridEvaluations[]): GridBreachSummary {
  const groups = new Map<string, GridBreachGroupTally>();
  const total = emptyTally();
  for (const facility of facilities) {
    let group = groups.get(facility.groupKey);
    if (!group) {
      group = { groupKey: facility.groupKey, ...emptyTally() };
      groups.set(facility.groupKey, group);
    }
    const late = facility.evaluations.some(
      (evaluation) => evaluation.status === TimeLimitStatus.Breached || evaluation.status === TimeLimitStatus.Overdue,
    );
    for (const tally of [group, total]) {
      tally.facilityCount += 1;
      if (late) tally.facilitiesWithBreach += 1;
      for (const evaluation of facility.evaluations) tally.steps[evaluation.step][evaluation.status] += 1;
    }
  }
  return { groups: [...groups.values()], total };
}

function emptyTally(): GridBreachTally {
  const steps = {} as Record<GridStep, GridStatusCounts>;
  for (const step of Object.values(GridStep)) steps[step] = emptyCounts();
  return { facilityCount: 0, facilitiesWithBreach: 0, steps };
}

function emptyCounts(): GridStatusCounts {
  const counts = {} as GridStatusCounts;
  for (const status of Object.values(TimeLimitStatus)) counts[status] = 0;
  return counts;
}
