import {
  CommunityComparison,
  detectCumulativeDrops,
  DistrictTotals,
  DropInput,
  loweringRows,
} from './anomaly-rules.js';
import { AnomalyKind, AnomalyMetric, AnomalySubject } from './anomaly.enums.js';

/*
 * Worked example, (a) cumulative drops. 五华区 530102 reports a month in which:
 *   F530102-000001 (row 2): accepted 4 AC + 1 DC, 88 kW; reported 2 AC + 1 DC, 74 kW, 备注「两台交流桩损坏拆除」
 *     → AC 4 → 2 and kW 88.000 → 74.000 flagged on the facility, both explained by the remark; DC unchanged.
 *   F530102-000002 (row 3): unchanged → nothing.
 *   F530102-000003 (row 4): 2 AC, 14 kW, retired in this report, reason「小区改造拆除」, no 备注.
 *   社区 row 7 (金碧苑): the register links it to F530103-000009 nearby; the report drops the link, no 备注.
 *   社区 row 8 (篆塘小区): turns ineligible with the reason「业主不同意」.
 * Rows lowering district totals: F1 (fell, text = its 备注), F3 (retires, text = its retirement reason);
 *   金碧苑 (link lost, no text), 篆塘小区 (turns ineligible, text = the ineligibility reason).
 * District totals at the period's end, register as accepted → with the report applied:
 *   public piles 30 → 26 (−2 on F1, −2 with F3), kW 420 → 392 (−14, −14), built 6 → 5 (F3), covered 10 → 9.
 *   Piles, kW and built are lowered by facility rows only: F1 and F3, both with a text → explained.
 *   Coverage is lowered by facility and community rows: F1, F3, 金碧苑, 篆塘小区; 金碧苑 has no text → not explained.
 */
const accepted: DistrictTotals = {
  publicPiles: 30,
  publicKw: '420.000',
  builtPublicFacilities: 6,
  coveredEligible: 10,
  coveredIneligible: 2,
};
const reported: DistrictTotals = {
  publicPiles: 26,
  publicKw: '392.000',
  builtPublicFacilities: 5,
  coveredEligible: 9,
  coveredIneligible: 2,
};
const state = (acPiles: number, dcPiles: number, totalKw: string, retiredOn: string | null = null) => ({
  acPiles,
  dcPiles,
  totalKw,
  usage: 'public',
  acceptedOn: '2024-03-10',
  retiredOn,
});
const community = (rowNumber: number, name: string, extra: Partial<CommunityComparison>): CommunityComparison => ({
  code: `C530102-00${rowNumber}`,
  name,
  rowNumber,
  remark: null,
  ineligibleReason: null,
  acceptedEligible: true,
  reportedEligible: true,
  acceptedNearbyFacility: null,
  reportedNearbyFacility: null,
  ...extra,
});

const input: DropInput = {
  district: { code: '530102', name: '五华区' },
  accepted,
  reported,
  facilities: [
    {
      code: 'F530102-000001',
      name: '翠湖充电站',
      rowNumber: 2,
      accepted: state(4, 1, '88.000'),
      reported: state(2, 1, '74.000'),
      remark: '两台交流桩损坏拆除',
      retiredReason: null,
    },
    {
      code: 'F530102-000002',
      name: null,
      rowNumber: 3,
      accepted: state(2, 0, '14.000'),
      reported: state(2, 0, '14'),
      remark: null,
      retiredReason: null,
    },
    {
      code: 'F530102-000003',
      name: null,
      rowNumber: 4,
      accepted: state(2, 0, '14.000'),
      reported: state(2, 0, '14.000', '2026-11-10'),
      remark: null,
      retiredReason: '小区改造拆除',
    },
  ],
  communities: [
    community(6, '翠湖花园', {}),
    community(7, '金碧苑', { acceptedNearbyFacility: 'F530103-000009' }),
    community(8, '篆塘小区', { reportedEligible: false, ineligibleReason: '业主不同意' }),
  ],
};

describe('cumulative drops — worked example', () => {
  const findings = detectCumulativeDrops(input);

  it('flags each fallen figure of a facility, with its remark, as explained', () => {
    const facility = findings.filter((f) => f.subject === AnomalySubject.Facility);
    expect(facility.map((f) => [f.subjectCode, f.metric, f.previousValue, f.currentValue, f.explained])).toEqual([
      ['F530102-000001', AnomalyMetric.AcPiles, '4', '2', true],
      ['F530102-000001', AnomalyMetric.TotalKw, '88.000', '74.000', true],
    ]);
    expect(facility[0].explanation).toBe(
      '设施 F530102-000001 的交流桩数由上次审核通过的 4 个降为 2 个，备注：两台交流桩损坏拆除',
    );
    expect(facility[0].remarks).toEqual([{ source: '充电设施 第 2 行（F530102-000001）', text: '两台交流桩损坏拆除' }]);
    expect(facility.every((f) => f.kind === AnomalyKind.CumulativeDrop)).toBe(true);
  });

  it('finds the rows that lower the district’s totals, with the text each gave', () => {
    expect(loweringRows(input.facilities, input.communities)).toEqual([
      { source: '充电设施 第 2 行（F530102-000001）', lowers: 'facility', text: '两台交流桩损坏拆除' },
      { source: '充电设施 第 4 行（F530102-000003）', lowers: 'facility', text: '小区改造拆除' },
      { source: '社区 第 7 行（金碧苑）', lowers: 'community', text: null },
      { source: '社区 第 8 行（篆塘小区）', lowers: 'community', text: '业主不同意' },
    ]);
  });

  it('flags each fallen district total; explained only when every row lowering it says why', () => {
    const district = findings.filter((f) => f.subject === AnomalySubject.District);
    expect(district.map((f) => [f.metric, f.previousValue, f.currentValue, f.explained, f.remarks.length])).toEqual([
      [AnomalyMetric.PublicPiles, '30', '26', true, 2],
      [AnomalyMetric.PublicKw, '420.000', '392.000', true, 2],
      [AnomalyMetric.BuiltPublicFacilities, '6', '5', true, 2],
      [AnomalyMetric.CoveredEligible, '10', '9', false, 3],
    ]);
    expect(district[3].explanation).toBe(
      '五华区的已覆盖的符合条件社区数由上次审核通过的 10 个降为 9 个，涉及 4 行，其中 1 行未说明原因',
    );
    expect(district[1].figures).toEqual({ accepted: 420, reported: 392, change: -28, rowsLowering: 2 });
  });

  it('calls a district drop unexplained when no row of the report accounts for it', () => {
    const [only] = detectCumulativeDrops({
      ...input,
      facilities: [],
      communities: [],
      reported: { ...accepted, builtPublicFacilities: 5 },
    });
    expect(only).toMatchObject({ metric: AnomalyMetric.BuiltPublicFacilities, explained: false, remarks: [] });
    expect(only.explanation).toContain('报表中没有可解释下降的行');
  });

  it('has nothing to compare a district with before its first accepted figures', () => {
    expect(detectCumulativeDrops({ ...input, accepted: null, facilities: [] })).toEqual([]);
  });
});
