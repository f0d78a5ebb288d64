import { PacingStatus, paceAgainstTarget } from './target-pacing';

describe('paceAgainstTarget (序时进度)', () => {
  // Kunming 2025 plan: 2022-07 … 2025-12 is 42 months.
  const plan = { startMonth: '2022-07', endMonth: '2025-12' };

  it('green: 2024-06 is month 24 of 42; a target of 70 is due 70 × 24 / 42 = 40; 40 achieved is on pace', () => {
    expect(paceAgainstTarget({ ...plan, month: '2024-06', target: 70, achieved: 40 })).toEqual({
      status: PacingStatus.Green,
      elapsedMonths: 24,
      totalMonths: 42,
      expected: 40,
      percentOfExpected: '100.0',
    });
  });

  it('amber: 37 of the 40 due is 92.5% (≥ 90%)', () => {
    // 37 × 42 = 1554; 70 × 24 = 1680; 1554 / 1680 = 92.5%.
    expect(paceAgainstTarget({ ...plan, month: '2024-06', target: 70, achieved: 37 })).toMatchObject({
      status: PacingStatus.Amber,
      percentOfExpected: '92.5',
    });
  });

  it('red: 35 of the 40 due is 87.5% (< 90%)', () => {
    expect(paceAgainstTarget({ ...plan, month: '2024-06', target: 70, achieved: 35 })).toMatchObject({
      status: PacingStatus.Red,
      percentOfExpected: '87.5',
    });
  });

  it('the boundary: exactly 90% of the exact pro-rated target is amber, just under is red', () => {
    // Pilot plan 2022-07 … 2022-12 (6 months), 2022-09 is month 3. Target 5: 2.5 due (shown rounded up as 3);
    // 2 achieved is 2 / 2.5 = 80% → red.
    const pilot = { startMonth: '2022-07', endMonth: '2022-12', month: '2022-09' };
    expect(paceAgainstTarget({ ...pilot, target: 5, achieved: 2 })).toMatchObject({
      status: PacingStatus.Red,
      expected: 3,
      percentOfExpected: '80.0',
    });
    // Target 20, month 3 of 6: 10 due; 9 is exactly 90% → amber.
    expect(paceAgainstTarget({ ...pilot, target: 20, achieved: 9 })).toMatchObject({
      status: PacingStatus.Amber,
      percentOfExpected: '90.0',
    });
  });

  it('before the plan starts nothing is due; after it ends the whole target is', () => {
    expect(paceAgainstTarget({ ...plan, month: '2022-05', target: 70, achieved: 0 })).toEqual({
      status: PacingStatus.Green,
      elapsedMonths: 0,
      totalMonths: 42,
      expected: 0,
      percentOfExpected: null,
    });
    // 2026-11 is after the end: all 70 are due; 63 is 90.0% → amber.
    expect(paceAgainstTarget({ ...plan, month: '2026-11', target: 70, achieved: 63 })).toMatchObject({
      status: PacingStatus.Amber,
      elapsedMonths: 42,
      expected: 70,
      percentOfExpected: '90.0',
    });
  });

  it('rounds the shown percentage half-up: 1 of 3 due is 33.3%, 2 of 3 is 66.7%', () => {
    // One-month plan, target 3.
    const one = { startMonth: '2025-01', endMonth: '2025-01', month: '2025-01', target: 3 };
    expect(paceAgainstTarget({ ...one, achieved: 1 }).percentOfExpected).toBe('33.3');
    expect(paceAgainstTarget({ ...one, achieved: 2 }).percentOfExpected).toBe('66.7');
  });
});
