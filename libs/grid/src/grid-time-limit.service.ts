import { Injectable } from '@nestjs/common';
import { AppError, assertDistrictAccess, AuthenticatedUser, Clock, readableDistrictIds, shanghaiDate } from '@app/core';
import { isIsoDate } from './calendar-date.js';
import { GridFacilitiesRepository, GridFacilityRow } from './grid-facilities.repository.js';
import {
  evaluateGridTimeLimits,
  GRID_TIME_LIMIT_RULES,
  GridBreachTally,
  GridStepEvaluation,
  tallyGridEvaluations,
  TimeLimitStatus,
} from './grid-time-limits.js';
import { CalendarNotCoveredError, WorkingDayCalendar } from './working-day-calendar.js';
import { WorkingCalendarService } from './working-calendar.service.js';

export interface GridFacilityEvaluation {
  facilityId: number;
  code: string;
  name: string | null;
  usage: string;
  communityName: string;
  districtId: number;
  districtName: string;
  operatorId: number | null;
  operatorName: string | null;
  late: boolean;
  steps: GridStepEvaluation[];
}

/** A step that breached its limit or is overdue, with the facility it belongs to. */
export interface GridBreach extends GridStepEvaluation {
  facilityId: number;
  code: string;
  facilityName: string | null;
  communityName: string;
  districtName: string;
  operatorName: string | null;
}

export interface GridBreachGroup extends GridBreachTally {
  key: number | null;
  name: string;
  breaches: GridBreach[];
}

/** A facility whose evaluation needs a year the calendar lacks: listed, not guessed. */
export interface CalendarGap {
  facilityId: number;
  code: string;
  message: string;
}

export interface GridQuery {
  asOf?: string;
  districtId?: number;
  operatorId?: number;
}

const NO_OPERATOR = '未指定运营企业（含自用）';
const LATE = new Set([TimeLimitStatus.Breached, TimeLimitStatus.Overdue]);

/**
 * Grid time limits over the register (SPEC "Grid time limits"; Jinpu annex 1): every facility's grid steps, working
 * days taken against each limit, as of a date. Computed on read from the stored stage dates and the office's working-
 * day calendar, so a calendar correction shows at once (bench/grid-breaches.bench.ts measures it at city scale).
 */
@Injectable()
export class GridTimeLimitService {
  constructor(
    private readonly facilities: GridFacilitiesRepository,
    private readonly calendars: WorkingCalendarService,
    private readonly clock: Clock,
  ) {}

  rules() {
    return GRID_TIME_LIMIT_RULES;
  }

  async evaluate(
    user: AuthenticatedUser,
    query: GridQuery,
  ): Promise<{
    asOf: string;
    evaluations: GridFacilityEvaluation[];
    calendarGaps: CalendarGap[];
    scope: number[] | null;
  }> {
    const asOf = query.asOf ?? shanghaiDate(this.clock.now());
    if (!isIsoDate(asOf)) throw AppError.validation(`统计截止日期无效：“${asOf}”，应为 YYYY-MM-DD`);
    if (query.districtId !== undefined) assertDistrictAccess(user, query.districtId);
    const scope = query.districtId !== undefined ? [query.districtId] : readableDistrictIds(user);
    const calendar = await this.calendars.load();
    if (!calendar.coversYear(Number(asOf.slice(0, 4)))) {
      throw AppError.validation(new CalendarNotCoveredError(Number(asOf.slice(0, 4))).message);
    }
    const rows = await this.facilities.facilities({ districtIds: scope, operatorId: query.operatorId, asOf });
    const evaluations: GridFacilityEvaluation[] = [];
    const calendarGaps: CalendarGap[] = [];
    for (const row of rows) {
      const steps = evaluateRow(row, asOf, calendar, calendarGaps);
      if (steps) evaluations.push(toEvaluation(row, steps));
    }
    return { asOf, evaluations, calendarGaps, scope };
  }

  async breachesByDistrict(user: AuthenticatedUser, query: GridQuery) {
    const { asOf, evaluations, calendarGaps, scope } = await this.evaluate(user, query);
    const districts = await this.facilities.districts(scope);
    const groups = group(
      evaluations,
      (e) => e.districtId,
      districts.map((d) => [d.id, d.name]),
    );
    return { asOf, ...summarise(evaluations, groups), calendarGaps };
  }

  async breachesByOperator(user: AuthenticatedUser, query: GridQuery) {
    const { asOf, evaluations, calendarGaps } = await this.evaluate(user, query);
    const names = new Map<number | null, string>();
    for (const e of evaluations) names.set(e.operatorId, e.operatorName ?? NO_OPERATOR);
    // Most facilities late first, then most late steps, then name (code points); no operator last.
    const groups = group(evaluations, (e) => e.operatorId, [...names.entries()]).sort(
      (a, b) =>
        Number(a.key === null) - Number(b.key === null) ||
        b.facilitiesWithBreach - a.facilitiesWithBreach ||
        b.breaches.length - a.breaches.length ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    return { asOf, ...summarise(evaluations, groups), calendarGaps };
  }
}

function evaluateRow(
  row: GridFacilityRow,
  asOf: string,
  calendar: WorkingDayCalendar,
  gaps: CalendarGap[],
): GridStepEvaluation[] | null {
  try {
    return evaluateGridTimeLimits(row, asOf, calendar);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) {
      gaps.push({ facilityId: row.facilityId, code: row.code, message: error.message });
      return null;
    }
    throw error;
  }
}

function toEvaluation(row: GridFacilityRow, steps: GridStepEvaluation[]): GridFacilityEvaluation {
  return {
    facilityId: row.facilityId,
    code: row.code,
    name: row.name,
    usage: row.usage,
    communityName: row.communityName,
    districtId: row.districtId,
    districtName: row.districtName,
    operatorId: row.operatorId,
    operatorName: row.operatorName,
    late: steps.some((s) => LATE.has(s.status)),
    steps,
  };
}

function group(
  evaluations: GridFacilityEvaluation[],
  keyOf: (e: GridFacilityEvaluation) => number | null,
  order: [number | null, string][],
): GridBreachGroup[] {
  const tally = tallyGridEvaluations(evaluations.map((e) => ({ groupKey: String(keyOf(e)), evaluations: e.steps })));
  const tallies = new Map(tally.groups.map((g) => [g.groupKey, g]));
  const empty = tallyGridEvaluations([]).total;
  return order.map(([key, name]) => {
    const { groupKey: _unused, ...counts } = tallies.get(String(key)) ?? { groupKey: '', ...empty };
    const breaches = evaluations.filter((e) => keyOf(e) === key).flatMap(breachesOf);
    return { key, name, ...counts, breaches };
  });
}

function summarise(evaluations: GridFacilityEvaluation[], groups: GridBreachGroup[]) {
  const { total } = tallyGridEvaluations(evaluations.map((e) => ({ groupKey: '', evaluations: e.steps })));
  return { rules: [...GRID_TIME_LIMIT_RULES], total, groups };
}

function breachesOf(e: GridFacilityEvaluation): GridBreach[] {
  return e.steps
    .filter((s) => LATE.has(s.status))
    .map((s) => ({
      step: s.step,
      name: s.name,
      limit: s.limit,
      unit: s.unit,
      startDate: s.startDate,
      endDate: s.endDate,
      deadline: s.deadline,
      used: s.used,
      overrun: s.overrun,
      overrunUnit: s.overrunUnit,
      status: s.status,
      description: s.description,
      facilityId: e.facilityId,
      code: e.code,
      facilityName: e.name,
      communityName: e.communityName,
      districtName: e.districtName,
      operatorName: e.operatorName,
    }));
}
