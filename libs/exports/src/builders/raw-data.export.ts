import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { COMMUNITY_HEADERS, FACILITY_HEADERS, GovCellKind, GovColumn } from '@app/excel';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import { issuingUnit, monthLabel, requireMonth, xlsxFileName } from '../export-formats.js';
import { keysetPages, RawCommunityRow, RawDataRepository, RawFacilityRow, RawVersion } from './raw-data.repository.js';

/** Rows per page: large enough that a round trip is cheap next to writing the page, small enough to stay flat. */
export const RAW_PAGE_ROWS = 5000;

interface RawDataParams extends Record<string, unknown> {
  month: string;
  districtId: number | null;
  versions: RawVersion[];
  missing: string[];
}

type Versioned<R> = R & { version: RawVersion };

const yesNo = (value: boolean | null) => (value === null ? null : value ? '是' : '否');
const USAGE_LABELS: Record<string, string> = { public: '公用', self_use: '自用' };

const versionColumns = <R>(): GovColumn<Versioned<R>>[] => [
  { header: '序号', kind: GovCellKind.Index, width: 8, value: () => null },
  { header: '区县（园区）', kind: GovCellKind.Text, width: 14, value: (r) => r.version.districtName },
];

export const RAW_COMMUNITY_COLUMNS: GovColumn<Versioned<RawCommunityRow>>[] = [
  ...versionColumns<RawCommunityRow>(),
  { header: COMMUNITY_HEADERS.communityCode, kind: GovCellKind.Text, width: 16, value: (r) => r.communityCode },
  { header: COMMUNITY_HEADERS.communityName, kind: GovCellKind.Text, width: 22, value: (r) => r.communityName },
  ...(
    [
      ['residentDemand', (r) => r.residentDemand],
      ['parkingAvailable', (r) => r.parkingAvailable],
      ['capacitySufficient', (r) => r.capacitySufficient],
      ['capacitySolutionAgreed', (r) => r.capacitySolutionAgreed],
      ['fireSafetyComplete', (r) => r.fireSafetyComplete],
    ] as const satisfies readonly [keyof typeof COMMUNITY_HEADERS, (r: RawCommunityRow) => boolean | null][]
  ).map(([key, get]): GovColumn<Versioned<RawCommunityRow>> => ({
    header: COMMUNITY_HEADERS[key],
    group: '建设条件',
    kind: GovCellKind.Text,
    width: 9,
    value: (r) => yesNo(get(r)),
  })),
  { header: '符合建设条件', kind: GovCellKind.Text, width: 9, value: (r) => yesNo(r.eligible) },
  { header: COMMUNITY_HEADERS.ineligibleReason, kind: GovCellKind.Text, width: 24, value: (r) => r.ineligibleReason },
  { header: COMMUNITY_HEADERS.pilot, kind: GovCellKind.Text, width: 8, value: (r) => yesNo(r.pilot) },
  {
    header: COMMUNITY_HEADERS.nearbyFacilityCode,
    group: '周边覆盖',
    kind: GovCellKind.Text,
    width: 18,
    value: (r) => r.nearbyFacilityCode,
  },
  {
    header: COMMUNITY_HEADERS.nearbyDistanceM,
    group: '周边覆盖',
    kind: GovCellKind.Integer,
    width: 9,
    value: (r) => r.nearbyDistanceM,
  },
  { header: COMMUNITY_HEADERS.remark, kind: GovCellKind.Text, width: 24, value: (r) => r.remark },
  { header: '报送版本', kind: GovCellKind.Integer, width: 8, value: (r) => r.version.versionNo },
];

const STAGES = [
  'surveyedOn',
  'agreementOn',
  'gridAppliedOn',
  'gridAcceptedOn',
  'supplyPlanRepliedOn',
  'constructionStartedOn',
  'constructionCompletedOn',
  'meterInstalledOn',
  'acceptedOn',
  'platformConnectedOn',
  'retiredOn',
] as const;

export const RAW_FACILITY_COLUMNS: GovColumn<Versioned<RawFacilityRow>>[] = [
  ...versionColumns<RawFacilityRow>(),
  {
    header: FACILITY_HEADERS.facilityCode,
    kind: GovCellKind.Text,
    width: 16,
    value: (r) => r.facilityCode ?? '（新增）',
  },
  { header: FACILITY_HEADERS.communityCode, kind: GovCellKind.Text, width: 16, value: (r) => r.communityCode },
  { header: '所在社区名称', kind: GovCellKind.Text, width: 20, value: (r) => r.communityName },
  { header: FACILITY_HEADERS.name, kind: GovCellKind.Text, width: 20, value: (r) => r.name },
  { header: '用途', kind: GovCellKind.Text, width: 6, value: (r) => USAGE_LABELS[r.usage] ?? r.usage },
  { header: FACILITY_HEADERS.operatorCreditCode, kind: GovCellKind.Text, width: 22, value: (r) => r.operatorName },
  {
    header: FACILITY_HEADERS.propertyCompanyName,
    kind: GovCellKind.Text,
    width: 22,
    value: (r) => r.propertyCompanyName,
  },
  { header: '交流', group: '充电桩（个）', kind: GovCellKind.Integer, width: 7, value: (r) => r.acPiles, total: 'sum' },
  { header: '直流', group: '充电桩（个）', kind: GovCellKind.Integer, width: 7, value: (r) => r.dcPiles, total: 'sum' },
  {
    header: FACILITY_HEADERS.totalKw,
    kind: GovCellKind.Decimal,
    scale: 3,
    width: 12,
    value: (r) => r.totalKw,
    total: 'sum',
  },
  {
    header: FACILITY_HEADERS.serviceFeeYuanPerKwh,
    kind: GovCellKind.Decimal,
    scale: 4,
    width: 10,
    value: (r) => r.serviceFeeYuanPerKwh,
  },
  { header: FACILITY_HEADERS.platformId, kind: GovCellKind.Text, width: 16, value: (r) => r.platformId },
  ...STAGES.map((stage): GovColumn<Versioned<RawFacilityRow>> => ({
    header: FACILITY_HEADERS[stage].replace(/日期$/, ''),
    group: '建设进度（日期）',
    kind: GovCellKind.Date,
    width: 11,
    value: (r) => r[stage],
  })),
  { header: FACILITY_HEADERS.retiredReason, kind: GovCellKind.Text, width: 16, value: (r) => r.retiredReason },
  { header: FACILITY_HEADERS.remark, kind: GovCellKind.Text, width: 24, value: (r) => r.remark },
  { header: '报送版本', kind: GovCellKind.Integer, width: 8, value: (r) => r.version.versionNo },
];

/**
 * 原始数据 (issue 5 §2): every community and facility row of the month's accepted versions, streamed page by page.
 * The versions are fixed when the export is requested; version rows never change (the database refuses it), so the
 * file is consistent however long it takes. A district user gets its own district only.
 */
@Injectable()
@ExportBuilderFor(ExportKind.RawData)
export class RawDataExport implements ExportBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly raw: RawDataRepository,
  ) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    const month = requireMonth(input.month);
    let districtId = input.districtId ?? null;
    if (user.role === Role.District) {
      if (districtId !== null && districtId !== user.districtId) throw AppError.forbidden('无权导出其他区县的数据');
      districtId = user.districtId;
    }
    if (districtId !== null) {
      const [district] = await this.dataSource.query(`SELECT id FROM district WHERE id = $1`, [districtId]);
      if (!district) throw AppError.notFound('区县不存在');
    }
    if (!(await this.raw.periodExists(month))) throw AppError.notFound(`${month} 报送期尚未开启`);
    const versions = await this.raw.acceptedVersions(month, districtId);
    if (versions.length === 0) throw AppError.validation(`${month} 尚无审核通过的报表，没有可导出的原始数据`);
    const missing = await this.raw.districtsWithout(month, districtId);
    const params: RawDataParams = { month, districtId, versions, missing };
    const scope = districtId === null ? '全市' : versions[0].districtName;
    return { params, districtId, fileName: xlsxFileName(rawDataTitle(month, scope)) };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    const { month, districtId, versions, missing } = context.params as RawDataParams;
    const communities = versions.reduce((n, v) => n + v.communityRows, 0);
    const facilities = versions.reduce((n, v) => n + v.facilityRows, 0);
    const total = Math.max(1, communities + facilities);
    const scope = districtId === null ? '全市' : versions[0].districtName;
    const unit = await issuingUnit(this.dataSource, districtId);
    const notes = [
      `注：1. 本表为${monthLabel(month)}各区县审核通过的报送版本中的全部行（${versions.length} 个区县）。`,
      ...(missing.length > 0 ? [`2. 本月尚无审核通过版本的区县（未列入）：${missing.join('、')}。`] : []),
    ];
    const base = { unit, reportDate: context.reportDate, frozenColumns: 4, notes };
    const progress = progressBehind(context.progress);

    const community = await context.workbook.addTable(
      { ...base, sheetName: '社区', title: `${rawDataTitle(month, scope)}——社区`, columns: RAW_COMMUNITY_COLUMNS },
      keysetPages(versions, (v, after, limit) => this.raw.communityPage(v, after, limit), RAW_PAGE_ROWS),
      (n) => progress.report((n * 100) / total, `正在写入社区数据（${n}/${communities}）`),
    );
    const facility = await context.workbook.addTable(
      {
        ...base,
        sheetName: '充电设施',
        title: `${rawDataTitle(month, scope)}——充电设施`,
        measure: '计量单位：个、千瓦、元/千瓦时',
        columns: RAW_FACILITY_COLUMNS,
        totals: { label: '合计' },
      },
      keysetPages(versions, (v, after, limit) => this.raw.facilityPage(v, after, limit), RAW_PAGE_ROWS),
      (n) => progress.report(((community.rows + n) * 100) / total, `正在写入充电设施数据（${n}/${facilities}）`),
    );
    await progress.settled();
    return { rows: community.rows + facility.rows };
  }
}

/**
 * Progress reported one batch behind: each report is stored while the next batch is written, and the writer waits
 * only for the one before it (in order, at most one in flight; a failed report fails the export at the next batch).
 */
export function progressBehind(report: ExportRunContext['progress']): {
  report(percent: number, message: string): Promise<void>;
  settled(): Promise<void>;
} {
  let last: Promise<void> = Promise.resolve();
  return {
    report(percent, message) {
      const previous = last;
      last = previous.then(() => report(percent, message));
      last.catch(() => undefined);
      return previous;
    },
    settled: () => last,
  };
}

export function rawDataTitle(month: string, scope: string): string {
  return `${scope}居住社区公用充电设施建设月度报送原始数据（${monthLabel(month)}）`;
}
