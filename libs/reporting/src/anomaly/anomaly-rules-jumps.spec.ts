import { detectMonthJumps, DistrictTotals, JumpInput } from './anomaly-rules.js';
import { DEFAULT_ANOMALY_SETTINGS } from './anomaly-settings.js';
import { AnomalyKind, AnomalyMetric } from './anomaly.enums.js';

/*
 * Worked example, (b) month jumps, default settings (12 months, at least 6, modified z > 3.5; MAD floors 2 piles,
 * 20 kW, 1 facility, 1 community). 五华区 reports 2026-11; month ends 2025-10 … 2026-10 give 12 increases:
 *   piles  +3 +5 +4 +6 +5 +2 +7 +5 +4 +6 +3 +5 (100 at 2025-10 → 155 at 2026-10)
 *     sorted 2 3 3 4 4 5 5 5 5 6 6 7 → median (5 + 5) / 2 = 5
 *     |x − 5| sorted 0 0 0 0 1 1 1 1 2 2 2 3 → MAD (1 + 1) / 2 = 1, below the floor → 2
 *     limit = 5 + 3.5 × 2 / 0.6745 = 5 + 10.378 = 15.38
 *     2026-11: 185 piles, +30 → z = 0.6745 × (30 − 5) / 2 = 8.43 > 3.5 → flagged
 *   kW     7 × the piles' increases: median 35, MAD 7 → floor 20; limit 35 + 3.5 × 20 / 0.6745 = 138.78
 *     2026-11: +120 kW → z = 0.6745 × 85 / 20 = 2.87 → not flagged
 *   built  +1 every month: median 1, MAD 0 → 1; +2 → z = 0.6745 × 1 / 1 = 0.67 → not flagged
 *   covered +0 every month; +0 this month → not an increase, not judged
 */
const pileIncreases = [3, 5, 4, 6, 5, 2, 7, 5, 4, 6, 3, 5];
const months = Array.from({ length: 13 }, (_, i) => {
  const index = 2025 * 12 + 9 + i; // 2025-10 + i
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});
const totalsAt = (i: number): DistrictTotals => {
  const piles = 100 + pileIncreases.slice(0, i).reduce((a, b) => a + b, 0);
  return {
    publicPiles: piles,
    publicKw: `${piles * 7}.000`,
    builtPublicFacilities: 20 + i,
    coveredEligible: 12,
    coveredIneligible: 1,
  };
};
const input: JumpInput = {
  district: { code: '530102', name: '五华区' },
  month: '2026-11',
  history: months.map((month, i) => ({ month, totals: totalsAt(i) })),
  reported: {
    publicPiles: 185,
    publicKw: '1205.000',
    builtPublicFacilities: 34,
    coveredEligible: 12,
    coveredIneligible: 1,
  },
};

describe('month jumps — worked example', () => {
  it('flags the piles, whose increase is far above the district’s own, and nothing else', () => {
    expect(input.history.at(-1)).toMatchObject({
      month: '2026-10',
      totals: { publicPiles: 155, publicKw: '1085.000' },
    });
    const findings = detectMonthJumps(input, DEFAULT_ANOMALY_SETTINGS.jump);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: AnomalyKind.MonthJump,
      metric: AnomalyMetric.PublicPiles,
      previousValue: '155',
      currentValue: '30',
      threshold: '15.38',
      explained: false,
    });
    expect(findings[0].figures).toEqual({
      increase: 30,
      history: [5, 3, 6, 4, 5, 7, 2, 5, 6, 4, 5, 3],
      median: 5,
      mad: 1,
      madUsed: 2,
      modifiedZ: 8.43,
      threshold: 3.5,
      limit: 15.38,
    });
    expect(findings[0].explanation).toBe(
      '五华区本月公用充电桩数增加 30 个，远高于本区县近 12 个月的月增量（中位数 5.00，MAD 2.00，修正 Z 值 8.43 > 3.5，即超过 15.38 个）',
    );
  });

  it('does not judge with fewer increases than the minimum', () => {
    const short = { ...input, history: input.history.slice(-6) }; // 6 month ends → 5 increases
    expect(detectMonthJumps(short, DEFAULT_ANOMALY_SETTINGS.jump)).toEqual([]);
    expect(
      detectMonthJumps({ ...input, history: input.history.slice(-7) }, DEFAULT_ANOMALY_SETTINGS.jump),
    ).toHaveLength(1);
  });

  it('does not judge without last month’s figures (nothing to take the increase from)', () => {
    expect(detectMonthJumps({ ...input, history: input.history.slice(0, -1) }, DEFAULT_ANOMALY_SETTINGS.jump)).toEqual(
      [],
    );
  });

  it('follows the office’s threshold: at z > 9 the same month passes', () => {
    expect(detectMonthJumps(input, { ...DEFAULT_ANOMALY_SETTINGS.jump, threshold: 9 })).toEqual([]);
  });
});
