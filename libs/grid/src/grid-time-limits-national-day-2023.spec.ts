import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { evaluateGridTimeLimits, GridStep, GridStepEvaluation, TimeLimitStatus } from './grid-time-limits.js';

function stepOf(evaluations: GridStepEvaluation[], step: GridStep): GridStepEvaluation {
  return evaluations.find((evaluation) => evaluation.step === step)!;
}

describe('a supply plan accepted the day before the 2023 Mid-Autumn + National Day holiday', () => {
  // Thu 09-28 work | Fri 09-29 .. Fri 10-06 off | Sat 10-07 WORK | Sun 10-08 WORK | Mon 10-09 | Tue 10-10
  const calendar = createChinaWorkingDayCalendar();
  const stages = { gridAppliedOn: '2023-09-27', gridAcceptedOn: '2023-09-28' };

  it('受理 on Thu 09-28, one working day after Wed 09-27, is on time', () => {
    const evaluations = evaluateGridTimeLimits(stages, '2023-10-31', calendar);
    expect(stepOf(evaluations, GridStep.ApplicationAcceptance)).toMatchObject({
      deadline: '2023-09-28',
      used: 1,
      status: TimeLimitStatus.Met,
      description: '受理用时 1 个工作日，在时限 1 个工作日内',
    });
  });

  it('a reply on Mon 10-09, eleven calendar days later, is still within 3 working days', () => {
    // Working days after 09-28: Sat 10-07 (1), Sun 10-08 (2), Mon 10-09 (3 = deadline).
    const evaluations = evaluateGridTimeLimits(
      { ...stages, supplyPlanRepliedOn: '2023-10-09' },
      '2023-10-31',
      calendar,
    );
    expect(stepOf(evaluations, GridStep.SupplyPlanReply)).toMatchObject({
      deadline: '2023-10-09',
      used: 3,
      status: TimeLimitStatus.Met,
    });
  });

  it('a reply on Tue 10-10 breaches it by one working day', () => {
    const evaluations = evaluateGridTimeLimits(
      { ...stages, supplyPlanRepliedOn: '2023-10-10' },
      '2023-10-31',
      calendar,
    );
    expect(stepOf(evaluations, GridStep.SupplyPlanReply)).toMatchObject({
      used: 4,
      overrun: 1,
      status: TimeLimitStatus.Breached,
      description: '答复供电方案用时 4 个工作日，超出时限 1 个工作日',
    });
  });

  it('steps whose start is not reached are not applicable', () => {
    const evaluations = evaluateGridTimeLimits(stages, '2023-10-31', calendar);
    expect(stepOf(evaluations, GridStep.MeterInstallation)).toMatchObject({
      status: TimeLimitStatus.NotApplicable,
      deadline: null,
      description: '尚无工程竣工日期，不计算装表接电时限',
    });
    expect(stepOf(evaluations, GridStep.PlatformRegistration).status).toBe(TimeLimitStatus.NotApplicable);
  });
});
