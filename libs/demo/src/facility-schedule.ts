import { isWeekend, onOrAfterWeekday } from './demo-dates.js';
import { Random } from './prng.js';
import { FACILITY_STAGES, FacilityStage } from './kunming-demo.types.js';

/** SPEC grid time limits, in working days: accept the application, reply with a supply plan, install the meter. */
export const GRID_ACCEPT_WORKING_DAYS = 1;
export const SUPPLY_PLAN_WORKING_DAYS = 3;
export const METER_WORKING_DAYS = 2;

/**
 * A grid step either within its limit or late. An on-time step never spans a weekend, so it is within the limit
 * whatever the holiday calendar says (holidays only add time; swapped workdays fall on weekends). A late step
 * takes at least 14 calendar days, which holds at least 4 working days even across the Spring Festival.
 */
type GridStep = { late: false; workingDays: number } | { late: true; days: number };

export enum ScheduleProfile {
  /** 2022 pilots: fast-tracked by the district, no grid delays. */
  Pilot = 'pilot',
  Public = 'public',
  SelfUse = 'self_use',
}

export interface StageDurations {
  agreement: number;
  apply: number;
  gridAccept: GridStep;
  supplyPlan: GridStep;
  startGap: number;
  build: number;
  meter: GridStep;
  acceptance: number;
  /** Days from acceptance to the municipal platform; null: never connected. */
  platform: number | null;
}

export interface BreachRisk {
  gridAccept: number;
  supplyPlan: number;
  meter: number;
  platformLate: number;
  platformNever: number;
}

export type StageDays = Record<FacilityStage, number | null>;

export function drawDurations(rng: Random, profile: ScheduleProfile, risk: BreachRisk): StageDurations {
  const pilot = profile === ScheduleProfile.Pilot;
  const selfUse = profile === ScheduleProfile.SelfUse;
  const step = (limit: number, probability: number, lateMin: number, lateMax: number): GridStep =>
    !pilot && rng.chance(probability)
      ? { late: true, days: rng.int(lateMin, lateMax) }
      : { late: false, workingDays: rng.int(0, limit) };
  const durations: StageDurations = {
    agreement: pilot
      ? rng.int(5, 15)
      : selfUse
        ? rng.int(3, 20)
        : rng.int(7, 30) + (rng.chance(0.3) ? rng.int(0, 45) : 0),
    apply: pilot ? rng.int(2, 7) : selfUse ? rng.int(1, 5) : rng.int(2, 20),
    gridAccept: step(GRID_ACCEPT_WORKING_DAYS, risk.gridAccept, 14, 25),
    supplyPlan: step(SUPPLY_PLAN_WORKING_DAYS, risk.supplyPlan, 15, 30),
    startGap: pilot ? rng.int(5, 12) : selfUse ? rng.int(3, 15) : rng.int(5, 35),
    build: pilot ? rng.int(10, 25) : selfUse ? rng.int(2, 7) : rng.int(10, 50),
    meter: step(METER_WORKING_DAYS, risk.meter, 14, 28),
    acceptance: pilot ? rng.int(3, 10) : selfUse ? rng.int(1, 7) : rng.int(3, 25),
    platform: null,
  };
  if (!selfUse) {
    // Jinpu: register on the municipal platform within 2 months of acceptance; 2 calendar months are ≥ 59 days.
    if (!pilot && rng.chance(risk.platformNever)) durations.platform = null;
    else if (!pilot && rng.chance(risk.platformLate)) durations.platform = rng.int(70, 200);
    else durations.platform = rng.int(5, 50);
  }
  return durations;
}

/** Every stage date from the survey day on, in order. */
export function scheduleFrom(surveyDay: number, d: StageDurations): StageDays {
  const surveyed = onOrAfterWeekday(surveyDay);
  const agreement = surveyed + d.agreement;
  const applied = agreement + d.apply;
  const gridAccepted = gridStep(applied, d.gridAccept);
  const supplyPlan = gridStep(gridAccepted, d.supplyPlan);
  const started = supplyPlan + d.startGap;
  const completed = started + d.build;
  const meter = gridStep(completed, d.meter);
  const accepted = onOrAfterWeekday(meter + d.acceptance);
  return {
    surveyedOn: surveyed,
    agreementOn: agreement,
    gridAppliedOn: applied,
    gridAcceptedOn: gridAccepted,
    supplyPlanRepliedOn: supplyPlan,
    constructionStartedOn: started,
    constructionCompletedOn: completed,
    meterInstalledOn: meter,
    acceptedOn: accepted,
    platformConnectedOn: d.platform === null ? null : accepted + d.platform,
  };
}

/** The schedule whose acceptance lands near `targetAccept`, starting no earlier than `notBefore`. */
export function scheduleForAcceptance(targetAccept: number, notBefore: number, d: StageDurations): StageDays {
  const trial = scheduleFrom(0, d);
  return scheduleFrom(Math.max(notBefore, targetAccept - (trial.acceptedOn ?? 0)), d);
}

export function stageList(days: StageDays): (number | null)[] {
  return FACILITY_STAGES.map((stage) => days[stage]);
}

function gridStep(from: number, step: GridStep): number {
  if (step.late) return from + step.days;
  let k = step.workingDays;
  while (k > 0 && spansWeekend(from, k)) k--;
  return from + k;
}

function spansWeekend(from: number, days: number): boolean {
  for (let day = from + 1; day <= from + days; day++) if (isWeekend(day)) return true;
  return false;
}
