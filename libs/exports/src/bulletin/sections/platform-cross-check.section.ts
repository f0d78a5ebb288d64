import { Injectable } from '@nestjs/common';
import { GovCellKind } from '@app/excel';
import { CrossCheckView, PlatformCrossCheckService } from '@app/platform';
import { shanghaiDateTime } from '../../export-formats.js';
import {
  BulletinContext,
  BulletinSection,
  BulletinSectionContent,
  BulletinSectionProvider,
  BulletinTable,
} from '../bulletin-section.js';

export const PLATFORM_SECTION_TITLE = '平台比对';
const ISSUE_FILL = 'FFFFC7CE';

export function platformSectionContent(view: CrossCheckView): BulletinSectionContent {
  if (!view.latestImport) {
    return { title: PLATFORM_SECTION_TITLE, summary: ['尚未导入市级平台记录，本月无法进行平台比对。'], table: null };
  }
  const t = view.totals;
  const i = view.latestImport;
  const source = `以市级平台最近一次导入的记录为准（${shanghaiDateTime(i.importedAt)}，${i.sourceLabel}，${i.scopeLabel}，${i.recordCount} 条），按区县报送的市级平台编号逐一比对。`;
  const issues = t.reportedNotConnected + t.connectedNotReported + t.mismatched;
  if (issues === 0) {
    return {
      title: PLATFORM_SECTION_TITLE,
      summary: [
        source,
        `区县报送已接入市级平台的设施 ${t.reportedConnected} 个，平台均有记录且数据一致，平台比对无差异。`,
      ],
      table: null,
    };
  }
  const withIssues = view.districts.filter((d) => d.reportedNotConnected + d.connectedNotReported + d.mismatched > 0);
  const unnamed = view.districts.find((d) => d.districtId === null && d.connectedNotReported > 0);
  const rows = view.districts.map((d) => [
    d.districtName,
    d.reportedConnected,
    d.matched,
    d.reportedNotConnected,
    d.connectedNotReported,
    d.mismatched,
  ]);
  rows.push(['合计', t.reportedConnected, t.matched, t.reportedNotConnected, t.connectedNotReported, t.mismatched]);
  const table: BulletinTable = {
    columns: [
      { header: '区县（园区）', kind: GovCellKind.Text, width: 16 },
      { header: '报送已接入', kind: GovCellKind.Integer, width: 10 },
      { header: '平台有记录', kind: GovCellKind.Integer, width: 10 },
      { header: '报送已接入但平台无记录', kind: GovCellKind.Integer, width: 14 },
      { header: '平台已接入但区县未报送', kind: GovCellKind.Integer, width: 14 },
      { header: '数据不一致', kind: GovCellKind.Integer, width: 10 },
    ],
    rows,
    // The two kinds of absence are what a district must act on; the totals row is not coloured.
    fills: rows.map((row, r) =>
      row.map((value, c) => (r < rows.length - 1 && (c === 3 || c === 4) && Number(value) > 0 ? ISSUE_FILL : null)),
    ),
  };
  return {
    title: PLATFORM_SECTION_TITLE,
    summary: [
      source,
      `区县报送已接入的设施 ${t.reportedConnected} 个，平台有记录 ${t.matched} 个；报送已接入但平台无记录 ${t.reportedNotConnected} 个，平台已接入但区县未报送 ${t.connectedNotReported} 个，平台有记录但数据不一致 ${t.mismatched} 个，涉及 ${withIssues.filter((d) => d.districtId !== null).length} 个区县${unnamed ? `，另有平台未标明区县的记录 ${unnamed.connectedNotReported} 条` : ''}。`,
      '数据不一致包括接入日期、充电桩数量、总功率、运营企业或所属区县不一致，以及设施已退出但平台仍有记录。',
    ],
    table,
  };
}

/** 平台比对 (issue 4 §4 in the 通报): districts' reports against the municipal platform's current records. */
@Injectable()
@BulletinSectionProvider()
export class PlatformCrossCheckBulletinSection implements BulletinSection {
  readonly key = 'platform';
  readonly order = 20;

  constructor(private readonly crossCheck: PlatformCrossCheckService) {}

  async build({ user }: BulletinContext): Promise<BulletinSectionContent> {
    return platformSectionContent(await this.crossCheck.check(user));
  }
}
