import {
  CrossCheckIssueKind,
  crossCheckPlatform,
  CurrentPlatformRecord,
  ReportedFacility,
  unreportedMessage,
} from './platform-cross-check.js';

const facility = (id: number, changes: Partial<ReportedFacility>): ReportedFacility => ({
  facilityId: id,
  code: `F530102-${String(id).padStart(6, '0')}`,
  name: null,
  districtId: 1,
  districtName: '五华区',
  communityName: '翠湖花园',
  platformId: null,
  platformConnectedOn: null,
  retiredOn: null,
  acPiles: 4,
  dcPiles: 1,
  totalKw: '88.000',
  operatorCreditCode: '91530100MA6K0AC42N',
  ...changes,
});

const record = (platformId: string, changes: Partial<CurrentPlatformRecord> = {}): CurrentPlatformRecord => ({
  recordId: 1,
  importId: 1,
  platformId,
  stationName: null,
  districtId: 1,
  districtName: '五华区',
  connectedOn: '2026-03-15',
  operatorName: null,
  operatorCreditCode: '91530100MA6K0AC42N',
  acPiles: 4,
  dcPiles: 1,
  totalKw: '88',
  ...changes,
});

/*
 * The scenario, two districts (五华区 = 1, 盘龙区 = 2):
 *   F1 五华 reports P1 connected 2026-03-15, the platform agrees on everything          → matched, no issue
 *   F2 五华 reports P2 connected 2026-04-01, the platform has no P2                     → reported-not-connected
 *   F3 五华 reports a connection date but no platform id                               → reported-not-connected
 *   F4 五华 reports P4; the platform says 2026-05-02, 3 AC piles, 60 kW, another operator,
 *      and files it under 盘龙                                                          → matched, 5 mismatches
 *   F5 盘龙 reports nothing about the platform, and the platform has no record           → not counted
 *   F6 盘龙 retired 2026-06-30, reports P6; the platform still lists P6                  → matched, retired-still-listed
 *   F7 盘龙 retired, reports P7, the platform has dropped it                             → as it should be: no issue
 *   P8 (盘龙) and P9 (no district) are on the platform; no facility carries them         → connected-not-reported
 */
const facilities: ReportedFacility[] = [
  facility(1, { platformId: 'P1', platformConnectedOn: '2026-03-15' }),
  facility(2, { platformId: 'P2', platformConnectedOn: '2026-04-01' }),
  facility(3, { platformConnectedOn: '2026-04-10' }),
  facility(4, { platformId: 'P4', platformConnectedOn: '2026-05-01' }),
  facility(5, { districtId: 2, districtName: '盘龙区' }),
  facility(6, {
    districtId: 2,
    districtName: '盘龙区',
    platformId: 'P6',
    platformConnectedOn: '2026-03-15',
    retiredOn: '2026-06-30',
  }),
  facility(7, { districtId: 2, districtName: '盘龙区', platformId: 'P7', retiredOn: '2026-06-30' }),
];
const records: CurrentPlatformRecord[] = [
  record('P1'),
  record('P4', {
    connectedOn: '2026-05-02',
    acPiles: 3,
    totalKw: '60.5',
    operatorCreditCode: '91530100MA6K0AD57W',
    operatorName: '另一运营公司',
    districtId: 2,
    districtName: '盘龙区',
  }),
  record('P6', { districtId: 2, districtName: '盘龙区' }),
  record('P9', { districtId: null, districtName: null, stationName: '无主站' }),
  record('P8', { districtId: 2, districtName: '盘龙区' }),
];

describe('crossCheckPlatform — worked scenario', () => {
  const result = crossCheckPlatform(facilities, records);
  const issuesOf = (id: number) =>
    result.facilities.find((f) => f.facility.facilityId === id)?.issues.map((i) => [i.kind, i.message]) ?? [];

  it('lists only the facilities with an issue, in the order given', () => {
    expect(result.facilities.map((f) => f.facility.facilityId)).toEqual([2, 3, 4, 6]);
  });

  it('flags what the district reports connected but the platform does not list', () => {
    expect(issuesOf(2)).toEqual([
      [CrossCheckIssueKind.ReportedNotConnected, '区县报送平台编号 P2、于 2026-04-01 接入，市级平台记录中没有该编号'],
    ]);
    expect(issuesOf(3)).toEqual([
      [
        CrossCheckIssueKind.ReportedNotConnected,
        '区县报送于 2026-04-10 已接入市级平台，但未填写平台编号，无法在平台记录中核对',
      ],
    ]);
    expect(issuesOf(7)).toEqual([]);
  });

  it('names every figure that differs, with both values', () => {
    expect(issuesOf(4)).toEqual([
      [CrossCheckIssueKind.ConnectionDateMismatch, '区县报送接入日期 2026-05-01，市级平台记录 2026-05-02'],
      [CrossCheckIssueKind.PileMismatch, '区县报送交流桩 4 台、直流桩 1 台，市级平台记录交流桩 3 台、直流桩 1 台'],
      // 88.000 (the register's numeric(12,3)) vs 60.5: compared exactly, shown without trailing zeros.
      [CrossCheckIssueKind.PowerMismatch, '区县报送总功率 88 kW，市级平台记录 60.5 kW'],
      [
        CrossCheckIssueKind.OperatorMismatch,
        '区县报送运营企业统一社会信用代码 91530100MA6K0AC42N，市级平台记录 91530100MA6K0AD57W（另一运营公司）',
      ],
      [CrossCheckIssueKind.DistrictMismatch, '设施登记在五华区，市级平台记录在盘龙区'],
    ]);
    // 88.000 and 88 are the same power: F1 has no issue.
    expect(issuesOf(1)).toEqual([]);
  });

  it('flags a retired facility the platform still lists', () => {
    expect(issuesOf(6)).toEqual([
      [
        CrossCheckIssueKind.RetiredStillListed,
        '设施已于 2026-06-30 退出，市级平台仍有平台编号 P6 的记录，应变更或注销',
      ],
    ]);
  });

  it('lists platform records no facility carries, by platform id', () => {
    expect(result.unreported.map((r) => r.platformId)).toEqual(['P8', 'P9']);
    expect(unreportedMessage(result.unreported[1])).toBe(
      '市级平台记录平台编号 P9（无主站） 于 2026-03-15 接入，区县报送中没有该编号的设施',
    );
  });

  it('counts per district and in total', () => {
    // 五华: F1–F4 report a connection (4); found: F1, F4 (2); not found: F2, F3 (2); mismatched: F4 (1).
    // 盘龙: F6, F7 report one (2); found: F6 (1); F7 retired and dropped is no issue; P8 unreported (1);
    //       mismatched: F6 (1). No district: P9 (1).
    expect(result.districts).toEqual([
      {
        districtId: 1,
        districtName: '五华区',
        reportedConnected: 4,
        matched: 2,
        reportedNotConnected: 2,
        connectedNotReported: 0,
        mismatched: 1,
      },
      {
        districtId: 2,
        districtName: '盘龙区',
        reportedConnected: 2,
        matched: 1,
        reportedNotConnected: 0,
        connectedNotReported: 1,
        mismatched: 1,
      },
      {
        districtId: null,
        districtName: '未标明区县',
        reportedConnected: 0,
        matched: 0,
        reportedNotConnected: 0,
        connectedNotReported: 1,
        mismatched: 0,
      },
    ]);
    expect(result.totals).toEqual({
      reportedConnected: 6,
      matched: 3,
      reportedNotConnected: 2,
      connectedNotReported: 2,
      mismatched: 2,
    });
  });
});
