import { detectCumulativeDrops, DistrictTotals, DropInput } from './anomaly-rules.js';
import { AnomalyKind, AnomalyMetric, AnomalySubject } from './anomaly.enums.js';

/*
 * Worked example, (a) cumulative drops. 五华区 530102 reports a month in which:
 *   F530102-000001 (row 2): accepted 4 AC + 1 DC, 88 kW; reported 2 AC + 1 DC, 74 kW, 备注「两台交流桩损坏拆除」
 *     → AC 4 → 2 and kW 88.000 → 74.000 flagged on the facility, both explained by the remark; DC unchanged.
 *   F530102-000002 (row 3): unchanged → nothing.
 *   F530102-000003 (row 4): retired this month, reason「小区改造拆除」(2 AC, 14 kW).
 *   c7 (社区 row 7) turned ineligible, no reason text given in the remark column (null here).
 * District totals at the period's end, register as accepted → with the report applied:
 *   public piles 30 → 26 (−2 on F1, −2 with F3), kW 420 → 392 (−14, −14), built 6 → 5 (F3), covered 10 → 9.
 *   Piles, kW and built are lowered by facility rows only: F1 and F3, both with a text → explained.
 *   Coverage is lowered by facility and community rows: F1, F3 and c7; c7 has no text → not explained.
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

const input: DropInput = {
  district: { code: '530102', name: '五华区' },
  accepted,
  reported,
  facilities: [
    {
      code: 'F530102-000001',
      name: '翠湖充电站',
      rowNumber: 2,
      accepted: { acPiles: 4, dcPiles: 1, totalKw: '88.000' },
      reported: { acPiles: 2, dcPiles: 1, totalKw: '74.000' },
      remark: '两台交流桩损坏拆除',
    },
    {
      code: 'F530102-000002',
      name: null,
      rowNumber: 3,
      accepted: { acPiles: 2, dcPiles: 0, totalKw: '14.000' },
      reported: { acPiles: 2, dcPiles: 0, totalKw: '14' },
      remark: null,
    },
  ],
  lowering: [
    { source: '充电设施 第 2 行（F530102-000001）', lowers: 'facility', text: '两台交流桩损坏拆除' },
    { source: '充电设施 第 4 行（F530102-000003）', lowers: 'facility', text: '小区改造拆除' },
    { source: '社区 第 7 行（c7）', lowers: 'community', text: null },
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

  it('flags each fallen district total; explained only when every row lowering it says why', () => {
    const district = findings.filter((f) => f.subject === AnomalySubject.District);
    expect(district.map((f) => [f.metric, f.previousValue, f.currentValue, f.explained, f.remarks.length])).toEqual([
      [AnomalyMetric.PublicPiles, '30', '26', true, 2],
      [AnomalyMetric.PublicKw, '420.000', '392.000', true, 2],
      [AnomalyMetric.BuiltPublicFacilities, '6', '5', true, 2],
      [AnomalyMetric.CoveredEligible, '10', '9', false, 2],
    ]);
    expect(district[3].explanation).toBe(
      '五华区的已覆盖的符合条件社区数由上次审核通过的 10 个降为 9 个，涉及 3 行，其中 1 行未说明原因',
    );
    expect(district[1].figures).toEqual({ accepted: 420, reported: 392, change: -28, rowsLowering: 2 });
  });

  it('calls a district drop unexplained when no row of the report accounts for it', () => {
    const [only] = detectCumulativeDrops({
      ...input,
      facilities: [],
      lowering: [],
      reported: { ...accepted, builtPublicFacilities: 5 },
    });
    expect(only).toMatchObject({ metric: AnomalyMetric.BuiltPublicFacilities, explained: false, remarks: [] });
    expect(only.explanation).toContain('报表中没有可解释下降的行');
  });

  it('has nothing to compare a district with before its first accepted figures', () => {
    expect(detectCumulativeDrops({ ...input, accepted: null, facilities: [] })).toEqual([]);
  });
});
