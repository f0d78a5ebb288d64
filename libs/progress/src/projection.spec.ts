import { PROJECTION_RULE_ZH, ProjectionStatus, projectTarget, targetCountOfRatio } from './projection';

const series = (start: string, values: number[]) =>
  values.map((achieved, i) => {
    const [y, m] = start.split('-').map(Number);
    const index = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, achieved };
  });

describe('projectTarget', () => {
  it('on track: 60 of 100 in 2025-06 after +5 a month; 8 more months reach 100 by 2026-02, before the 2026-12 end', () => {
    // Window: 2024-12 (30) … 2025-06 (60): gain 30 over 6 months = 5.00/month. Remaining 40 → 8 months → 2026-02.
    const result = projectTarget({
      history: series('2024-10', [20, 25, 30, 35, 40, 45, 50, 55, 60]),
      target: 100,
      endMonth: '2026-12',
    });
    expect(result).toMatchObject({
      status: ProjectionStatus.OnTrack,
      pace: '5.00',
      remaining: 40,
      projectedMonth: '2026-02',
    });
    // At the end (18 months on): 60 + 5 × 18 = 150.
    expect(result.projectedAtEnd).toBe(150);
  });

  it('at risk: 2 a month, 76 of 100 in 2025-01, 12 months left → 100 by 2026-01, one month after the 2025-12 end; 98% by then', () => {
    // Gain 12 over 6 months = 2.00. Remaining 24 → 12 months → 2026-01 > 2025-12. By the end: 76 + 2 × 11 = 98 → 98%.
    const result = projectTarget({
      history: series('2024-07', [64, 66, 68, 70, 72, 74, 76]),
      target: 100,
      endMonth: '2025-12',
    });
    expect(result).toMatchObject({
      status: ProjectionStatus.AtRisk,
      pace: '2.00',
      projectedMonth: '2026-01',
      projectedAtEnd: 98,
    });
  });

  it('off track: 1 a month, 50 of 100 in 2025-07 with 5 months left → 55% by the end', () => {
    const result = projectTarget({
      history: series('2025-01', [44, 45, 46, 47, 48, 49, 50]),
      target: 100,
      endMonth: '2025-12',
    });
    // 50 + 1 × 5 = 55 by 2025-12 → 55% < 90%; the remaining 50 take 50 months → 2029-09.
    expect(result).toMatchObject({
      status: ProjectionStatus.OffTrack,
      pace: '1.00',
      projectedAtEnd: 55,
      projectedMonth: '2029-09',
    });
  });

  it('off track with no progress; on track once reached, whatever the pace', () => {
    expect(projectTarget({ history: series('2025-01', [3, 3, 3]), target: 5, endMonth: '2025-12' })).toMatchObject({
      status: ProjectionStatus.OffTrack,
      projectedMonth: null,
      reason: '近 2 个月无净增，尚差 2 个',
    });
    expect(projectTarget({ history: series('2025-01', [6, 5]), target: 5, endMonth: '2025-12' })).toMatchObject({
      status: ProjectionStatus.OnTrack,
      remaining: 0,
    });
  });

  it('uses the months it has when the history is shorter than the window, and a fractional pace', () => {
    // Two months of history: +3 over 2 months = 1.50/month; remaining 4 → ceil(4 × 2 / 3) = 3 months.
    const result = projectTarget({ history: series('2025-01', [0, 1, 3]), target: 7, endMonth: '2025-12' });
    expect(result).toMatchObject({ pace: '1.50', projectedMonth: '2025-06', status: ProjectionStatus.OnTrack });
  });

  it('turns a ratio target into whole communities, rounding up', () => {
    expect(targetCountOfRatio('1.0000', 237)).toBe(237);
    expect(targetCountOfRatio('0.9500', 7)).toBe(7); // 6.65 → 7
    expect(targetCountOfRatio('0.5000', 7)).toBe(4); // 3.5 → 4
    expect(targetCountOfRatio('0.5000', 0)).toBe(0);
  });

  it('states its rule in Chinese', () => {
    expect(PROJECTION_RULE_ZH).toContain('最近 6 个月');
  });
});
