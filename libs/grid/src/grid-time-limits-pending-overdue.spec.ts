import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { evaluateGridTimeLimits, GridStep, GridStepEvaluation, TimeLimitStatus } from './grid-time-limits.js';

function stepOf(evaluations: GridStepEvaluation[], step: GridStep): GridStepEvaluation {
  return evaluations.find((evaluation) => evaluation.step === step)!;
}

describe('a meter not yet installed after construction finished on the eve of National Day 2025', () => {
  // Tue 09-30 completed | Wed 10-01 .. Wed 10-08 off | Thu 10-09 (1) | Fri 10-10 (2 = deadline)
  // Sat 10-11 WORK (调休) | Sun 10-12 off | Mon 10-13 work
  const calendar = createChinaWorkingDayCalendar();
  const stages = { constructionCompletedOn: '2025-09-30' };
  const meterAsOf = (asOf: string, extra = {}) =>
    stepOf(evaluateGridTimeLimits({ ...stages, ...extra }, asOf, calendar), GridStep.MeterInstallation);

  it('is Pending through the deadline day itself', () => {
    expect(meterAsOf('2025-10-08')).toMatchObject({
      status: TimeLimitStatus.Pending,
      deadline: '2025-10-10',
      overrun: null,
      description: '尚未装表接电，期限为 2025-10-10（工程竣工后 2 个工作日）',
    });
    expect(meterAsOf('2025-10-10').status).toBe(TimeLimitStatus.Pending);
  });

  it('is Overdue from the swapped Saturday 10-11, one working day past the deadline', () => {
    expect(meterAsOf('2025-10-11')).toMatchObject({
      status: TimeLimitStatus.Overdue,
      overrun: 1,
      description: '截至 2025-10-11 尚未装表接电，已超出期限 2025-10-10 共 1 个工作日',
    });
    // Sunday 10-12 adds no working day; Monday 10-13 does.
    expect(meterAsOf('2025-10-12').overrun).toBe(1);
    expect(meterAsOf('2025-10-13').overrun).toBe(2);
  });

  it('ignores a completion dated after asOf, so a month-end evaluation can be reproduced later', () => {
    // Installed Mon 10-20. As of 10-13 it had not happened yet.
    expect(meterAsOf('2025-10-13', { meterInstalledOn: '2025-10-20' })).toMatchObject({
      status: TimeLimitStatus.Overdue,
      endDate: null,
    });
    // As of 10-20: working days after 09-30 are 10-09, 10-10, 10-11, 10-13..10-17 (5), 10-20 → 9; over by 9 − 2 = 7.
    expect(meterAsOf('2025-10-20', { meterInstalledOn: '2025-10-20' })).toMatchObject({
      status: TimeLimitStatus.Breached,
      used: 9,
      overrun: 7,
    });
  });
});

describe('platform registration Pending and Overdue around a month-end deadline', () => {
  // Accepted 2025-08-31; + 2 months = 2025-10-31 (October has a 31st).
  const calendar = createChinaWorkingDayCalendar();
  const platformAsOf = (asOf: string) =>
    stepOf(evaluateGridTimeLimits({ acceptedOn: '2025-08-31' }, asOf, calendar), GridStep.PlatformRegistration);

  it('is Pending on 10-31 and Overdue by one calendar day on 11-01', () => {
    expect(platformAsOf('2025-10-31')).toMatchObject({
      status: TimeLimitStatus.Pending,
      deadline: '2025-10-31',
      description: '尚未接入市级平台，期限为 2025-10-31（验收后 2 个月）',
    });
    expect(platformAsOf('2025-11-01')).toMatchObject({
      status: TimeLimitStatus.Overdue,
      overrun: 1,
      description: '截至 2025-11-01 尚未接入市级平台，已超出期限 2025-10-31 共 1 天',
    });
  });
});
