import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import {
  evaluateGridTimeLimits,
  GridStep,
  GridStepEvaluation,
  OverrunUnit,
  TimeLimitStatus,
  TimeLimitUnit,
} from './grid-time-limits.js';

function stepOf(evaluations: GridStepEvaluation[], step: GridStep): GridStepEvaluation {
  return evaluations.find((evaluation) => evaluation.step === step)!;
}

describe('a facility applied for on 除夕, the Friday before Spring Festival 2024', () => {
  // Calendar used below (国办发明电〔2023〕7号):
  //   Fri 02-09 work | Sat 02-10 .. Sat 02-17 春节 off | Sun 02-18 WORK (调休) | Mon 02-19 ..
  //   Wed 04-03 work | Thu 04-04 .. Sat 04-06 清明 off | Sun 04-07 WORK (调休) | Mon 04-08 work
  const calendar = createChinaWorkingDayCalendar();
  const evaluations = evaluateGridTimeLimits(
    {
      gridAppliedOn: '2024-02-09',
      gridAcceptedOn: '2024-02-19',
      supplyPlanRepliedOn: '2024-02-22',
      constructionCompletedOn: '2024-04-03',
      meterInstalledOn: '2024-04-08',
      acceptedOn: '2024-04-30',
      platformConnectedOn: '2024-07-01',
    },
    '2024-07-31',
    calendar,
  );

  it('returns the four steps in order', () => {
    expect(evaluations.map((evaluation) => evaluation.step)).toEqual([
      GridStep.ApplicationAcceptance,
      GridStep.SupplyPlanReply,
      GridStep.MeterInstallation,
      GridStep.PlatformRegistration,
    ]);
  });

  it('acceptance on Mon 02-19 breaches the 1-working-day limit by 1: the swapped Sunday 02-18 was the deadline', () => {
    // Working days after Fri 02-09: Sun 02-18 (1st = deadline), Mon 02-19 (2nd). Used 2, limit 1, over by 1.
    expect(stepOf(evaluations, GridStep.ApplicationAcceptance)).toEqual({
      step: GridStep.ApplicationAcceptance,
      name: '业务受理',
      limit: 1,
      unit: TimeLimitUnit.WorkingDays,
      startDate: '2024-02-09',
      endDate: '2024-02-19',
      deadline: '2024-02-18',
      used: 2,
      overrun: 1,
      overrunUnit: OverrunUnit.WorkingDays,
      status: TimeLimitStatus.Breached,
      description: '受理用时 2 个工作日，超出时限 1 个工作日',
    });
  });

  it('the supply plan on Thu 02-22 meets the 3-working-day limit counted from 受理 (Mon 02-19)', () => {
    // Tue 02-20 (1), Wed 02-21 (2), Thu 02-22 (3 = deadline).
    const supplyPlan = stepOf(evaluations, GridStep.SupplyPlanReply);
    expect(supplyPlan).toMatchObject({ deadline: '2024-02-22', used: 3, overrun: null, status: TimeLimitStatus.Met });
    expect(supplyPlan.description).toBe('答复供电方案用时 3 个工作日，在时限 3 个工作日内');
  });

  it('the meter on Mon 04-08 meets the 2-working-day limit across 清明', () => {
    // After Wed 04-03: Thu–Sat 04-04..06 off, Sun 04-07 (1, swapped workday), Mon 04-08 (2 = deadline).
    expect(stepOf(evaluations, GridStep.MeterInstallation)).toMatchObject({
      deadline: '2024-04-08',
      used: 2,
      status: TimeLimitStatus.Met,
    });
  });

  it('platform registration on 07-01 is one calendar day past the 2-month deadline 06-30', () => {
    // 04-30 + 2 months = 06-30 (a Sunday: calendar months are not moved to a working day).
    // 04-30 → 07-01 is 62 days; 06-30 → 07-01 is 1 day late.
    expect(stepOf(evaluations, GridStep.PlatformRegistration)).toEqual({
      step: GridStep.PlatformRegistration,
      name: '接入市级平台',
      limit: 2,
      unit: TimeLimitUnit.CalendarMonths,
      startDate: '2024-04-30',
      endDate: '2024-07-01',
      deadline: '2024-06-30',
      used: null,
      overrun: 1,
      overrunUnit: OverrunUnit.CalendarDays,
      status: TimeLimitStatus.Breached,
      description: '接入市级平台于验收后 62 天完成，超出时限 1 天',
    });
  });
});
