/**
 * Districts' reports against the municipal platform's records (issue 4 §4): which facilities a district reports as
 * connected that the platform does not list, which platform records no district reports, and where the two
 * disagree on the connection date, piles, power, operator or district. Matched on the 市级平台编号 the district
 * reported, exactly. Pure.
 */

export enum CrossCheckIssueKind {
  /** The district reports it connected (a platform id or a connection date); the platform has no such record. */
  ReportedNotConnected = 'reported_not_connected',
  /** A platform record whose id no facility in the register carries. */
  ConnectedNotReported = 'connected_not_reported',
  ConnectionDateMismatch = 'connection_date_mismatch',
  PileMismatch = 'pile_mismatch',
  PowerMismatch = 'power_mismatch',
  OperatorMismatch = 'operator_mismatch',
  DistrictMismatch = 'district_mismatch',
  /** Retired (Beijing (十三): the platform record is to be changed or cancelled) but still listed. */
  RetiredStillListed = 'retired_still_listed',
}

export const CROSS_CHECK_ISSUE_LABELS_ZH: Readonly<Record<CrossCheckIssueKind, string>> = {
  [CrossCheckIssueKind.ReportedNotConnected]: '报送已接入但平台无记录',
  [CrossCheckIssueKind.ConnectedNotReported]: '平台已接入但区县未报送',
  [CrossCheckIssueKind.ConnectionDateMismatch]: '接入日期不一致',
  [CrossCheckIssueKind.PileMismatch]: '充电桩数量不一致',
  [CrossCheckIssueKind.PowerMismatch]: '总功率不一致',
  [CrossCheckIssueKind.OperatorMismatch]: '运营企业不一致',
  [CrossCheckIssueKind.DistrictMismatch]: '所属区县不一致',
  [CrossCheckIssueKind.RetiredStillListed]: '已退出但平台仍有记录',
};

/** Mismatches: the facility is on the platform but a figure differs. */
const MISMATCHES = new Set([
  CrossCheckIssueKind.ConnectionDateMismatch,
  CrossCheckIssueKind.PileMismatch,
  CrossCheckIssueKind.PowerMismatch,
  CrossCheckIssueKind.OperatorMismatch,
  CrossCheckIssueKind.DistrictMismatch,
  CrossCheckIssueKind.RetiredStillListed,
]);

export interface ReportedFacility {
  facilityId: number;
  code: string;
  name: string | null;
  districtId: number;
  districtName: string;
  communityName: string;
  platformId: string | null;
  /** 接入市级平台日期 as the district reported it. */
  platformConnectedOn: string | null;
  retiredOn: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  operatorCreditCode: string | null;
}

export interface CurrentPlatformRecord {
  recordId: number;
  importId: number;
  platformId: string;
  stationName: string | null;
  districtId: number | null;
  districtName: string | null;
  connectedOn: string;
  operatorName: string | null;
  operatorCreditCode: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
}

export interface CrossCheckIssue {
  kind: CrossCheckIssueKind;
  label: string;
  message: string;
}

export interface FacilityCrossCheck {
  facility: ReportedFacility;
  platform: CurrentPlatformRecord | null;
  issues: CrossCheckIssue[];
}

export interface DistrictCrossCheck {
  /** null: platform records that name no district (or a district the register does not know). */
  districtId: number | null;
  districtName: string;
  /** Facilities the district reports as connected. */
  reportedConnected: number;
  /** …of which found on the platform. */
  matched: number;
  reportedNotConnected: number;
  connectedNotReported: number;
  /** Facilities on the platform with at least one figure that differs. */
  mismatched: number;
}

export interface CrossCheckResult {
  /** Facilities with at least one issue, in the order given. */
  facilities: FacilityCrossCheck[];
  /** Platform records no facility carries, by platform id. */
  unreported: CurrentPlatformRecord[];
  districts: DistrictCrossCheck[];
  totals: Omit<DistrictCrossCheck, 'districtId' | 'districtName'>;
}

const UNKNOWN_DISTRICT = '未标明区县';

export function crossCheckPlatform(
  facilities: readonly ReportedFacility[],
  records: readonly CurrentPlatformRecord[],
): CrossCheckResult {
  const byPlatformId = new Map(records.map((record) => [record.platformId, record]));
  const claimed = new Set<string>();
  const checked: FacilityCrossCheck[] = [];
  const districts = new Map<number | null, DistrictCrossCheck>();
  const district = (id: number | null, name: string | null): DistrictCrossCheck => {
    let entry = districts.get(id);
    if (!entry) {
      entry = {
        districtId: id,
        districtName: name ?? UNKNOWN_DISTRICT,
        reportedConnected: 0,
        matched: 0,
        reportedNotConnected: 0,
        connectedNotReported: 0,
        mismatched: 0,
      };
      districts.set(id, entry);
    }
    return entry;
  };

  for (const facility of facilities) {
    if (facility.platformId !== null) claimed.add(facility.platformId);
    const says = facility.platformId !== null || facility.platformConnectedOn !== null;
    const record = facility.platformId === null ? null : (byPlatformId.get(facility.platformId) ?? null);
    if (!says) continue;
    const tally = district(facility.districtId, facility.districtName);
    tally.reportedConnected += 1;
    const issues = record ? compare(facility, record) : notFound(facility);
    if (record) tally.matched += 1;
    if (issues.some((issue) => issue.kind === CrossCheckIssueKind.ReportedNotConnected))
      tally.reportedNotConnected += 1;
    if (issues.some((issue) => MISMATCHES.has(issue.kind))) tally.mismatched += 1;
    if (issues.length > 0) checked.push({ facility, platform: record, issues });
  }

  const unreported = records
    .filter((record) => !claimed.has(record.platformId))
    .sort((a, b) => (a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0));
  for (const record of unreported) district(record.districtId, record.districtName).connectedNotReported += 1;

  const list = [...districts.values()];
  const totals = list.reduce(
    (sum, d) => ({
      reportedConnected: sum.reportedConnected + d.reportedConnected,
      matched: sum.matched + d.matched,
      reportedNotConnected: sum.reportedNotConnected + d.reportedNotConnected,
      connectedNotReported: sum.connectedNotReported + d.connectedNotReported,
      mismatched: sum.mismatched + d.mismatched,
    }),
    { reportedConnected: 0, matched: 0, reportedNotConnected: 0, connectedNotReported: 0, mismatched: 0 },
  );
  return { facilities: checked, unreported, districts: list, totals };
}

/** The message a platform record no district reports carries. */
export function unreportedMessage(record: CurrentPlatformRecord): string {
  return `市级平台记录平台编号 ${record.platformId}${record.stationName ? `（${record.stationName}）` : ''} 于 ${record.connectedOn} 接入，区县报送中没有该编号的设施`;
}

function issue(kind: CrossCheckIssueKind, message: string): CrossCheckIssue {
  return { kind, label: CROSS_CHECK_ISSUE_LABELS_ZH[kind], message };
}

function notFound(facility: ReportedFacility): CrossCheckIssue[] {
  // A retired facility's record is meant to be cancelled: its absence is what should happen.
  if (facility.retiredOn !== null) return [];
  const when = facility.platformConnectedOn ? `于 ${facility.platformConnectedOn} ` : '';
  const message =
    facility.platformId === null
      ? `区县报送${when}已接入市级平台，但未填写平台编号，无法在平台记录中核对`
      : `区县报送平台编号 ${facility.platformId}${when ? `、${when}接入` : ''}，市级平台记录中没有该编号`;
  return [issue(CrossCheckIssueKind.ReportedNotConnected, message)];
}

function compare(facility: ReportedFacility, record: CurrentPlatformRecord): CrossCheckIssue[] {
  const issues: CrossCheckIssue[] = [];
  if (facility.retiredOn !== null) {
    issues.push(
      issue(
        CrossCheckIssueKind.RetiredStillListed,
        `设施已于 ${facility.retiredOn} 退出，市级平台仍有平台编号 ${record.platformId} 的记录，应变更或注销`,
      ),
    );
  }
  if (facility.platformConnectedOn !== record.connectedOn) {
    issues.push(
      issue(
        CrossCheckIssueKind.ConnectionDateMismatch,
        `区县报送接入日期 ${facility.platformConnectedOn ?? '（未填）'}，市级平台记录 ${record.connectedOn}`,
      ),
    );
  }
  if (facility.acPiles !== record.acPiles || facility.dcPiles !== record.dcPiles) {
    issues.push(
      issue(
        CrossCheckIssueKind.PileMismatch,
        `区县报送交流桩 ${facility.acPiles} 台、直流桩 ${facility.dcPiles} 台，市级平台记录交流桩 ${record.acPiles} 台、直流桩 ${record.dcPiles} 台`,
      ),
    );
  }
  if (kwMilli(facility.totalKw) !== kwMilli(record.totalKw)) {
    issues.push(
      issue(
        CrossCheckIssueKind.PowerMismatch,
        `区县报送总功率 ${plainKw(facility.totalKw)} kW，市级平台记录 ${plainKw(record.totalKw)} kW`,
      ),
    );
  }
  if (
    facility.operatorCreditCode !== null &&
    record.operatorCreditCode !== null &&
    facility.operatorCreditCode !== record.operatorCreditCode
  ) {
    issues.push(
      issue(
        CrossCheckIssueKind.OperatorMismatch,
        `区县报送运营企业统一社会信用代码 ${facility.operatorCreditCode}，市级平台记录 ${record.operatorCreditCode}${record.operatorName ? `（${record.operatorName}）` : ''}`,
      ),
    );
  }
  if (record.districtId !== null && record.districtId !== facility.districtId) {
    issues.push(
      issue(
        CrossCheckIssueKind.DistrictMismatch,
        `设施登记在${facility.districtName}，市级平台记录在${record.districtName ?? UNKNOWN_DISTRICT}`,
      ),
    );
  }
  return issues;
}

/** '120.000' → 120000n, '7.5' → 7500n: kW compared exactly. */
function kwMilli(kw: string): bigint {
  const [whole, fraction = ''] = kw.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
}

/** '120.000' → '120', '7.500' → '7.5'. */
function plainKw(kw: string): string {
  return kw.includes('.') ? kw.replace(/0+$/, '').replace(/\.$/, '') : kw;
}
