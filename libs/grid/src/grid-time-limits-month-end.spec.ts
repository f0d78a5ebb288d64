import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { evaluateGridTimeLimits, GridStep, GridStepEvaluation, TimeLimitStatus } from './grid-time-limits.js';

function platform(acceptedOn: string, platformConnectedOn: string): GridStepEvaluation {
  const evaluations = evaluateGridTimeLimits(
    { acceptedOn, platformConnectedOn },
    '2026-06-30',
    createChinaWorkingDayCalendar(),
  );
  return evaluations.find((evaluation) => evaluation.step === GridStep.PlatformRegistration)!;
}

describe('the 2-month platform deadline clamps to the last day of a shorter month', () => {
  // SPEC (Subsidy): the same day of the month two months on, or that month's last day where it does not exist.

  it('accepted 2023-12-31: 2024-02-31 does not exist, so the deadline is 2024-02-29 (leap year)', () => {
    // 12-31 → 02-29 is 31 (January) + 29 (February) = 60 days.
    expect(platform('2023-12-31', '2024-02-29')).toMatchObject({
      deadline: '2024-02-29',
      status: TimeLimitStatus.Met,
      description: '接入市级平台于验收后 60 天完成，未超过期限 2024-02-29',
    });
    expect(platform('2023-12-31', '2024-03-01')).toMatchObject({ status: TimeLimitStatus.Breached, overrun: 1 });
  });

  it('accepted 2022-12-30: the deadline is 2023-02-28 (not a leap year)', () => {
    expect(platform('2022-12-30', '2023-02-28').deadline).toBe('2023-02-28');
    expect(platform('2022-12-30', '2023-03-01').status).toBe(TimeLimitStatus.Breached);
  });

  it('accepted 2024-08-31: October has a 31st, so the deadline is 2024-10-31', () => {
    expect(platform('2024-08-31', '2024-10-31')).toMatchObject({ deadline: '2024-10-31', status: TimeLimitStatus.Met });
  });

  it('a deadline falling on a holiday stays put: accepted 2025-08-01, deadline 2025-10-01 (国庆)', () => {
    // Calendar months are not working days; the notice does not move this deadline.
    expect(platform('2025-08-01', '2025-10-09')).toMatchObject({
      deadline: '2025-10-01',
      status: TimeLimitStatus.Breached,
      overrun: 8,
    });
  });
});
