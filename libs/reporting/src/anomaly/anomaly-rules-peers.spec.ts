import { detectPeerOutliers, DistrictTotals, PeerInput } from './anomaly-rules.js';
import { DEFAULT_ANOMALY_SETTINGS } from './anomaly-settings.js';
import { AnomalyKind, AnomalyMetric } from './anomaly.enums.js';

/*
 * Worked example, (c) peers, default settings (at least 5 peers, |modified z| > 3.5, MAD ≥ 25% of the median).
 * 五华区 with the report applied: 40 public piles, 1,600 kW → 40 kW/pile; 10 covered → 4 piles per community.
 * The other districts of the city:
 *          piles  kW   covered   kW/pile   piles/community
 *   A        20   300     8        15        2.5
 *   B        30   480    10        16        3
 *   C        10   140     5        14        2
 *   D        25   450    10        18        2.5
 *   E        40   680    16        17        2.5
 *   F         0     0     3         —        0
 * kW/pile: peers 14 15 16 17 18 → median 16; |x − 16| 0 1 1 2 2 → MAD 1; floor 25% × 16 = 4 → 4.
 *   z = 0.6745 × (40 − 16) / 4 = 4.05 > 3.5 → flagged high; range 16 ∓ 3.5 × 4 / 0.6745 = −4.76 … 36.76.
 * piles/community: peers 0 2 2.5 2.5 2.5 3 → median 2.5; |x − 2.5| 0 0 0 0.5 0.5 2.5 → MAD 0.25;
 *   floor 25% × 2.5 = 0.625; z = 0.6745 × 1.5 / 0.625 = 1.62 → not flagged.
 */
const totals = (publicPiles: number, kw: number, covered: number): DistrictTotals => ({
  publicPiles,
  publicKw: `${kw}.000`,
  builtPublicFacilities: 1,
  coveredEligible: covered,
  coveredIneligible: 0,
});
const input: PeerInput = {
  district: { code: '530102', name: '五华区', totals: totals(40, 1600, 10) },
  peers: [
    { code: 'A', totals: totals(20, 300, 8) },
    { code: 'B', totals: totals(30, 480, 10) },
    { code: 'C', totals: totals(10, 140, 5) },
    { code: 'D', totals: totals(25, 450, 10) },
    { code: 'E', totals: totals(40, 680, 16) },
    { code: 'F', totals: totals(0, 0, 3) },
  ],
};

describe('peer outliers — worked example', () => {
  it('flags kW per pile far above the city’s other districts, and not piles per community', () => {
    const findings = detectPeerOutliers(input, DEFAULT_ANOMALY_SETTINGS.peer);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: AnomalyKind.PeerOutlier,
      metric: AnomalyMetric.KwPerPublicPile,
      previousValue: null,
      currentValue: '40.00',
      threshold: '36.76',
      explained: false,
    });
    expect(findings[0].figures).toEqual({
      value: 40,
      peers: 5,
      median: 16,
      mad: 1,
      madUsed: 4,
      modifiedZ: 4.05,
      threshold: 3.5,
      range: [-4.76, 36.76],
    });
    expect(findings[0].explanation).toBe(
      '五华区的公用桩平均功率（kW/桩）为 40.00，同城其他 5 个区县的中位数为 16.00（正常范围 -4.76–36.76，修正 Z 值 4.05），明显偏高',
    );
  });

  it('flags a ratio far below the peers too', () => {
    const low = { ...input, district: { ...input.district, totals: totals(40, 80, 10) } }; // 2 kW/pile
    // z = 0.6745 × (2 − 16) / 4 = −2.36: inside. At 1% of the median as the floor (MAD 1): −9.44 → flagged.
    expect(detectPeerOutliers(low, DEFAULT_ANOMALY_SETTINGS.peer)).toEqual([]);
    const strict = { ...DEFAULT_ANOMALY_SETTINGS.peer, minRelativeMad: 0.01 };
    const [finding] = detectPeerOutliers(low, strict);
    expect(finding).toMatchObject({ metric: AnomalyMetric.KwPerPublicPile, currentValue: '2.00' });
    expect(finding.figures.modifiedZ).toBe(-9.44);
    expect(finding.explanation).toContain('明显偏低');
  });

  it('does not judge with fewer peers than the minimum', () => {
    expect(detectPeerOutliers({ ...input, peers: input.peers.slice(0, 4) }, DEFAULT_ANOMALY_SETTINGS.peer)).toEqual([]);
  });
});
