import { FacilityUsage, isEligible } from '@app/org';
import {
  CommunityInputRow,
  FacilityInputRow,
  ReportError,
  STAGE_FIELDS,
  StageField,
  TemplateMeta,
} from './report-input.types.js';

/** Sheet names and the headers the rules quote; the template definition in @app/excel is the source. */
export interface SheetLabels {
  communitySheet: string;
  facilitySheet: string;
  metaSheet: string;
  community: Record<keyof Omit<CommunityInputRow, 'rowNumber'>, string>;
  facility: Record<keyof Omit<FacilityInputRow, 'rowNumber'>, string>;
}

export interface KnownCommunity {
  id: number;
  code: string;
  name: string;
  districtId: number;
  districtName: string;
  /** Underground, semi-underground or high-rise garage (Kunming §三(四)). */
  fireSafetyRequired: boolean;
}

/** A facility as the register holds it: the last accepted values. */
export interface KnownFacility extends Record<StageField, string | null> {
  id: number;
  code: string;
  districtId: number;
  districtName: string;
  communityCode: string;
  usage: FacilityUsage;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  retiredOn: string | null;
  platformId: string | null;
}

export interface ReportRuleContext {
  district: { id: number; code: string; name: string };
  /** The period the upload is for, 'YYYY-MM'. */
  month: string;
  districtNameByCode: ReadonlyMap<string, string>;
  /** Every community the file mentions, whichever district it belongs to, plus all of this district's. */
  communities: ReadonlyMap<string, KnownCommunity>;
  /** Codes of this district's communities in the register at the period's end: each must have a row. */
  districtCommunityCodes: ReadonlySet<string>;
  /** Every facility the file mentions, plus all of this district's. */
  facilities: ReadonlyMap<string, KnownFacility>;
  operators: ReadonlyMap<string, { id: number; name: string; listed: boolean }>;
  propertyCompanies: ReadonlyMap<string, { id: number }>;
}

export interface UnreadRows {
  communityCodes: ReadonlySet<string>;
  facilityCodes: ReadonlySet<string>;
  communitiesComplete: boolean;
  facilitiesComplete: boolean;
}

export interface UnreadRows {
  communityCodes: ReadonlySet<string>;
  facilityCodes: ReadonlySet<string>;
  communitiesComplete: boolean;
  facilitiesComplete: boolean;
}

export interface ResolvedCommunityRow extends CommunityInputRow {
  communityId: number;
  eligible: boolean;
}

export interface ResolvedFacilityRow extends FacilityInputRow {
  facilityId: number | null;
  communityId: number;
  operatorId: number | null;
  propertyCompanyId: number | null;
}

export interface ReportRuleResult {
  errors: ReportError[];
  communities: ResolvedCommunityRow[];
  facilities: ResolvedFacilityRow[];
}

/**
 * The checks that need the register: whose template, whose communities and facilities, what was accepted before.
 * Cell-level checks (types, ranges, formulas, duplicates in the file) happened in the reader. Every error is
 * collected; the caller writes nothing when there is one.
 */
export function applyReportRules(
  meta: TemplateMeta,
  communityRows: CommunityInputRow[],
  facilityRows: FacilityInputRow[],
  context: ReportRuleContext,
  labels: SheetLabels,
  /**
   * What the reader could not read: codes of rows with a bad cell (already reported, so not "missing" here), and
   * whether each sheet was read row by row at all (an unread sheet cannot tell what is missing).
   */
  unread: UnreadRows = {
    communityCodes: new Set(),
    facilityCodes: new Set(),
    communitiesComplete: true,
    facilitiesComplete: true,
  },
): ReportRuleResult {
  const errors: ReportError[] = [];
  const metaError = (message: string, value: string) =>
    errors.push({ sheet: labels.metaSheet, row: null, column: null, value, message });

  if (meta.districtCode !== context.district.code) {
    const owner = context.districtNameByCode.get(meta.districtCode);
    metaError(
      owner
        ? `该模板属于「${owner}」，不能由「${context.district.name}」上传，请下载本区县的模板`
        : `模板中的区县代码无法识别，请重新下载「${context.district.name}」的模板`,
      meta.districtCode,
    );
  }
  if (meta.period !== context.month) {
    metaError(`该模板为 ${meta.period} 月份的模板，本次报送的是 ${context.month} 月份，请下载当期模板`, meta.period);
  }
  // The template version is the reader's check: it skips the data sheets of another version.

  const periodEnd = lastDayOfMonth(context.month);
  const communities = checkCommunities(
    communityRows,
    context,
    labels,
    errors,
    unread.communitiesComplete ? unread.communityCodes : null,
  );
  const facilities = checkFacilities(
    facilityRows,
    context,
    labels,
    periodEnd,
    errors,
    unread.facilitiesComplete ? unread.facilityCodes : null,
  );
  return { errors, communities, facilities };
}

function checkCommunities(
  rows: CommunityInputRow[],
  context: ReportRuleContext,
  labels: SheetLabels,
  errors: ReportError[],
  /** null: the sheet was not read row by row, so absent rows are not reported. */
  unparsedCodes: ReadonlySet<string> | null,
): ResolvedCommunityRow[] {
  const sheet = labels.communitySheet;
  const header = labels.community;
  const resolved: ResolvedCommunityRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const push = (column: string | null, value: unknown, message: string) =>
      errors.push({ sheet, row: row.rowNumber, column, value: display(value), message });
    const community = context.communities.get(row.communityCode);
    if (!community) {
      push(
        header.communityCode,
        row.communityCode,
        '社区编码不存在，请勿修改锁定的编码列；新增社区请联系市发展改革委登记',
      );
      continue;
    }
    if (community.districtId !== context.district.id) {
      push(
        header.communityCode,
        row.communityCode,
        `该社区属于「${community.districtName}」，不能在「${context.district.name}」的报表中填报`,
      );
      continue;
    }
    seen.add(row.communityCode);
    if (row.communityName !== null && row.communityName !== community.name) {
      push(
        header.communityName,
        row.communityName,
        `社区名称与登记不一致（登记为「${community.name}」），请勿修改锁定列`,
      );
    }
    if (community.fireSafetyRequired && row.fireSafetyComplete === null) {
      push(header.fireSafetyComplete, null, '该社区为地下、半地下或高层车库，须填写消防设施是否齐全');
    }
    const eligible = isEligible({ ...row, fireSafetyRequired: community.fireSafetyRequired });
    if (!eligible && !row.ineligibleReason) {
      push(header.ineligibleReason, null, '不符合建设条件的社区须填写原因');
    }
    if (row.nearbyFacilityCode !== null) {
      const facility = context.facilities.get(row.nearbyFacilityCode);
      if (!facility) {
        push(header.nearbyFacilityCode, row.nearbyFacilityCode, '周边公用设施编码不存在');
      } else if (facility.usage !== FacilityUsage.Public) {
        push(header.nearbyFacilityCode, row.nearbyFacilityCode, '周边覆盖只能引用公用充电设施');
      } else if (facility.communityCode === row.communityCode) {
        push(header.nearbyFacilityCode, row.nearbyFacilityCode, '该设施位于本社区内，无需填写周边覆盖');
      }
      if (row.nearbyDistanceM === null) {
        push(header.nearbyDistanceM, null, '填写周边公用设施时须填写距离（不超过 1000 米）');
      }
    } else if (row.nearbyDistanceM !== null) {
      push(header.nearbyFacilityCode, null, '填写了距离但未填写周边公用设施编码');
    }
    resolved.push({ ...row, communityId: community.id, eligible });
  }
  for (const code of context.districtCommunityCodes) {
    if (unparsedCodes && !seen.has(code) && !unparsedCodes.has(code)) {
      const community = context.communities.get(code);
      errors.push({
        sheet,
        row: null,
        column: header.communityCode,
        value: code,
        message: `缺少社区「${community?.name ?? code}」的填报行：模板中的社区行不能删除`,
      });
    }
  }
  return resolved;
}

function checkFacilities(
  rows: FacilityInputRow[],
  context: ReportRuleContext,
  labels: SheetLabels,
  periodEnd: string,
  errors: ReportError[],
  unparsedCodes: ReadonlySet<string> | null,
): ResolvedFacilityRow[] {
  const sheet = labels.facilitySheet;
  const header = labels.facility;
  const resolved: ResolvedFacilityRow[] = [];
  const reported = new Set<string>();
  const platformOwner = new Map<string, string>();
  for (const facility of context.facilities.values())
    if (facility.platformId) platformOwner.set(facility.platformId, facility.code);
  const platformRow = new Map<string, number>();
  for (const row of rows) {
    const push = (column: string | null, value: unknown, message: string) =>
      errors.push({ sheet, row: row.rowNumber, column, value: display(value), message });
    const community = context.communities.get(row.communityCode);
    if (!community) {
      push(header.communityCode, row.communityCode, '所在社区编码不存在');
    } else if (community.districtId !== context.district.id) {
      push(
        header.communityCode,
        row.communityCode,
        `该社区属于「${community.districtName}」，不能在「${context.district.name}」的报表中填报`,
      );
    }
    let known: KnownFacility | undefined;
    if (row.facilityCode !== null) {
      known = context.facilities.get(row.facilityCode);
      if (!known) {
        push(header.facilityCode, row.facilityCode, '设施编码不存在；新增设施请将设施编码留空');
      } else if (known.districtId !== context.district.id) {
        push(
          header.facilityCode,
          row.facilityCode,
          `该设施属于「${known.districtName}」，不能在「${context.district.name}」的报表中填报`,
        );
        known = undefined;
      } else {
        reported.add(known.code);
        if (known.communityCode !== row.communityCode) {
          push(
            header.communityCode,
            row.communityCode,
            `设施所在社区与登记不一致（登记为 ${known.communityCode}），请勿修改`,
          );
        }
      }
    }
    let operatorId: number | null = null;
    if (row.operatorCreditCode !== null) {
      const operator = context.operators.get(row.operatorCreditCode);
      if (!operator)
        push(header.operatorCreditCode, row.operatorCreditCode, '运营企业不在昆明市充电设施建设企业名录中');
      else if (!operator.listed && !known)
        push(
          header.operatorCreditCode,
          row.operatorCreditCode,
          `运营企业「${operator.name}」已移出企业名录，不能承建新设施`,
        );
      else operatorId = operator.id;
    } else if (row.usage === FacilityUsage.Public) {
      push(header.operatorCreditCode, null, '公用充电设施须填写运营企业');
    }
    let propertyCompanyId: number | null = null;
    if (row.propertyCompanyName !== null) {
      const company = context.propertyCompanies.get(row.propertyCompanyName);
      if (!company) push(header.propertyCompanyName, row.propertyCompanyName, '物业服务企业未登记，请从下拉列表中选择');
      else propertyCompanyId = company.id;
    }
    for (const field of [...STAGE_FIELDS, 'retiredOn'] as const) {
      const date = row[field];
      if (date !== null && date > periodEnd) push(header[field], date, `日期不能晚于本期末（${periodEnd}）`);
    }
    if (row.platformId !== null) {
      const owner = platformOwner.get(row.platformId);
      const firstRow = platformRow.get(row.platformId);
      if (firstRow !== undefined)
        push(header.platformId, row.platformId, `市级平台编号与第 ${firstRow} 行重复：每个设施的平台编号唯一`);
      else if (owner !== undefined && owner !== row.facilityCode) {
        push(header.platformId, row.platformId, `市级平台编号已登记给设施 ${owner}，请核对`);
      }
      platformRow.set(row.platformId, row.rowNumber);
    }
    if (known) checkAgainstAccepted(row, known, header, push);
    resolved.push({
      ...row,
      facilityId: known?.id ?? null,
      communityId: community?.id ?? 0,
      operatorId,
      propertyCompanyId,
    });
  }
  for (const facility of context.facilities.values()) {
    const absent = unparsedCodes !== null && !reported.has(facility.code) && !unparsedCodes.has(facility.code);
    if (facility.districtId === context.district.id && !facility.retiredOn && absent) {
      errors.push({
        sheet,
        row: null,
        column: header.facilityCode,
        value: facility.code,
        message: `设施 ${facility.code} 未出现在本次报表中：已登记的设施不能删除，如已退出请填写退出日期和原因`,
      });
    }
  }
  return resolved;
}

/** Cumulative figures may not fall, nor recorded stages disappear, without a remark (issue 3 §3). */
function checkAgainstAccepted(
  row: FacilityInputRow,
  known: KnownFacility,
  header: SheetLabels['facility'],
  push: (column: string | null, value: unknown, message: string) => void,
): void {
  if (row.remark) return;
  if (row.acPiles < known.acPiles)
    push(header.acPiles, row.acPiles, `交流桩数少于上期审核通过的 ${known.acPiles} 个，须在备注中说明原因`);
  if (row.dcPiles < known.dcPiles)
    push(header.dcPiles, row.dcPiles, `直流桩数少于上期审核通过的 ${known.dcPiles} 个，须在备注中说明原因`);
  if (compareDecimal(row.totalKw, known.totalKw) < 0) {
    push(header.totalKw, row.totalKw, `总功率少于上期审核通过的 ${known.totalKw} kW，须在备注中说明原因`);
  }
  for (const field of STAGE_FIELDS) {
    const before = known[field];
    if (before !== null && row[field] !== before) {
      push(header[field], row[field], `已审核通过的日期为 ${before}，修改或清空须在备注中说明原因`);
    }
  }
  if (known.retiredOn && !row.retiredOn)
    push(header.retiredOn, null, `该设施已于 ${known.retiredOn} 退出，恢复须在备注中说明原因`);
}

/** Exact comparison of non-negative decimal strings. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
