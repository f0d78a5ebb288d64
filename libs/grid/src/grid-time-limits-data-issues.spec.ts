import { InvalidCalendarDateError } from './calendar-date.js';
import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { evaluateGridTimeLimits, GridStep, GridStepEvaluation, TimeLimitStatus } from './grid-time-limits.js';
import { CalendarNotCoveredError } from './working-day-calendar.js';

function stepOf(evaluations: GridStepEvaluation[], step: GridStep): GridStepEvaluation {
  return evaluations.find((evaluation) => evaluation.step === step)!;
}

describe('a facility with no stage dates', () => {
  it('has every step not applicable, each saying which date is missing', () => {
    const evaluations = evaluateGridTimeLimits({}, '2024-06-30', createChinaWorkingDayCalendar());
    expect(evaluations.map((evaluation) => evaluation.status)).toEqual(Array(4).fill(TimeLimitStatus.NotApplicable));
    expect(evaluations.map((evaluation) => evaluation.description)).toEqual([
      '尚无报装申请日期，不计算业务受理时限',
      '尚无受理日期，不计算答复供电方案时限',
      '尚无工程竣工日期，不计算装表接电时限',
      '尚无验收日期，不计算接入市级平台时限',
    ]);
  });
});

describe('a step completed on a non-working day after its deadline', () => {
  // Applied Thu 2025-10-16: deadline Fri 10-17. Accepted Sat 10-18 (an ordinary weekend day).
  // SPEC: the limit ends at the close of Fri 10-17, so Saturday is late, although no further working day had passed:
  // used = 1 working day (Fri 10-17), overrun = 0 working days, status Breached.
  it('is Breached with an explanation', () => {
    const evaluations = evaluateGridTimeLimits(
      { gridAppliedOn: '2025-10-16', gridAcceptedOn: '2025-10-18' },
      '2025-10-31',
      createChinaWorkingDayCalendar(),
    );
    expect(stepOf(evaluations, GridStep.ApplicationAcceptance)).toMatchObject({
      deadline: '2025-10-17',
      used: 1,
      overrun: 0,
      status: TimeLimitStatus.Breached,
      description: '受理用时 1 个工作日，但在期限 2025-10-17 之后的非工作日 2025-10-18 完成，超出时限',
    });
  });

  it('a step done the same day it started used 0 working days', () => {
    const evaluations = evaluateGridTimeLimits(
      { gridAppliedOn: '2025-10-16', gridAcceptedOn: '2025-10-16' },
      '2025-10-31',
      createChinaWorkingDayCalendar(),
    );
    expect(stepOf(evaluations, GridStep.ApplicationAcceptance)).toMatchObject({ used: 0, status: TimeLimitStatus.Met });
  });
});

describe('dates that contradict each other or are not dates', () => {
  const calendar = createChinaWorkingDayCalendar();

  it('flags an end before its start instead of counting it as met', () => {
    const evaluations = evaluateGridTimeLimits(
      { gridAppliedOn: '2024-03-05', gridAcceptedOn: '2024-03-01' },
      '2024-03-31',
      calendar,
    );
    expect(stepOf(evaluations, GridStep.ApplicationAcceptance)).toMatchObject({
      status: TimeLimitStatus.InconsistentDates,
      description: '受理日期 2024-03-01 早于报装申请日期 2024-03-05，请核对',
    });
  });

  it('rejects an impossible date naming the field', () => {
    expect(() => evaluateGridTimeLimits({ gridAcceptedOn: '2024-02-30' }, '2024-03-31', calendar)).toThrow(
      InvalidCalendarDateError,
    );
    expect(() => evaluateGridTimeLimits({ gridAcceptedOn: '2024-02-30' }, '2024-03-31', calendar)).toThrow(
      '受理日期格式无效',
    );
    expect(() => evaluateGridTimeLimits({}, '2024/03/31', calendar)).toThrow('统计截止日期格式无效');
  });
});

describe('a working-day step reaching into 2027, a year without a loaded notice', () => {
  const calendar = createChinaWorkingDayCalendar();

  it('throws CalendarNotCoveredError rather than guessing', () => {
    // Completed Thu 2026-12-31: the 2 working days after it are in 2027.
    expect(() => evaluateGridTimeLimits({ constructionCompletedOn: '2026-12-31' }, '2027-01-10', calendar)).toThrow(
      CalendarNotCoveredError,
    );
  });

  it('still evaluates the calendar-month step, which needs no holiday calendar', () => {
    const evaluations = evaluateGridTimeLimits(
      { acceptedOn: '2027-01-31', platformConnectedOn: '2027-03-31' },
      '2027-04-30',
      calendar,
    );
    // 2027-01-31 + 2 months = 2027-03-31.
    expect(stepOf(evaluations, GridStep.PlatformRegistration)).toMatchObject({
      deadline: '2027-03-31',
      status: TimeLimitStatus.Met,
    });
  });
});
