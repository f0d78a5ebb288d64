import { Injectable } from '@nestjs/common';
import { AppError } from '@app/core';
import { GovCellKind } from '@app/excel';
import {
  ANOMALY_KIND_LABELS,
  AnomalyFlagService,
  AnomalyFlagView,
  AnomalyKind,
  AnomalySubject,
  StatusBoard,
  StatusBoardService,
} from '@app/reporting';
import { monthLabel } from '../../export-formats.js';
import {
  BulletinContext,
  BulletinSection,
  BulletinSectionContent,
  BulletinSectionProvider,
  BulletinTable,
} from '../bulletin-section.js';

export const ANOMALY_SECTION_TITLE = '异常数据';
const UNEXPLAINED_FILL = 'FFFFEB9C';

/** The flags of each district's latest version of the month: the ones the status board counts. */
export function latestVersionFlags(board: StatusBoard, flags: readonly AnomalyFlagView[]): AnomalyFlagView[] {
  const latest = new Map(board.districts.map((d) => [d.districtId, d.versionCount]));
  return flags.filter((f) => latest.get(f.districtId) === f.versionNo);
}

export function anomalySectionContent(month: string, flags: readonly AnomalyFlagView[]): BulletinSectionContent {
  if (flags.length === 0) {
    return {
      title: ANOMALY_SECTION_TITLE,
      summary: [`${monthLabel(month)}无异常数据（以各区县本月最新报送版本为准）。`],
      table: null,
    };
  }
  const explained = flags.filter((f) => f.explained).length;
  const confirmed = flags.filter((f) => f.confirmedAt !== null).length;
  const byDistrict = new Map<string, { total: number; open: number }>();
  for (const f of flags) {
    const entry = byDistrict.get(f.districtName) ?? { total: 0, open: 0 };
    entry.total += 1;
    if (!f.explained && f.confirmedAt === null) entry.open += 1;
    byDistrict.set(f.districtName, entry);
  }
  const kinds = Object.values(AnomalyKind)
    .map((kind) => `${ANOMALY_KIND_LABELS[kind]} ${flags.filter((f) => f.kind === kind).length} 条`)
    .join('，');
  const districts = [...byDistrict.entries()]
    .map(([name, c]) => `${name} ${c.total} 条${c.open > 0 ? `（未说明且未核实 ${c.open} 条）` : ''}`)
    .join('、');
  const table: BulletinTable = {
    columns: [
      { header: '区县（园区）', kind: GovCellKind.Text, width: 14 },
      { header: '异常类型', kind: GovCellKind.Text, width: 14 },
      { header: '对象', kind: GovCellKind.Text, width: 20 },
      { header: '编号', kind: GovCellKind.Text, width: 12 },
      { header: '指标', kind: GovCellKind.Text, width: 16 },
      { header: '本月数值', kind: GovCellKind.Text, width: 10 },
      { header: '对比数值', kind: GovCellKind.Text, width: 10 },
      { header: '区县说明', kind: GovCellKind.Text, width: 9 },
      { header: '核实情况', kind: GovCellKind.Text, width: 9 },
      { header: '异常情况', kind: GovCellKind.Text, width: 50 },
    ],
    rows: flags.map((f) => [
      f.districtName,
      f.kindLabel,
      f.subject === AnomalySubject.Facility ? `设施：${f.subjectName}` : `区县：${f.subjectName}`,
      f.subjectCode,
      f.metricLabel,
      f.currentValue,
      f.previousValue,
      f.explained ? '已说明' : '未说明',
      f.confirmedAt ? '已核实' : '未核实',
      f.explanation,
    ]),
    fills: flags.map((f) => [
      ...Array(7).fill(null),
      f.explained ? null : UNEXPLAINED_FILL,
      f.confirmedAt || f.explained ? null : UNEXPLAINED_FILL,
      null,
    ]),
  };
  return {
    title: ANOMALY_SECTION_TITLE,
    summary: [
      `${monthLabel(month)}各区县最新报送版本中共有异常标记 ${flags.length} 条，涉及 ${byDistrict.size} 个区县；区县已说明 ${explained} 条、未说明 ${flags.length - explained} 条，经市发展改革委核实 ${confirmed} 条。`,
      `按类型：${kinds}。`,
      `分区县：${districts}。`,
    ],
    table,
  };
}

/** 异常数据 (issue 4 §8 in the 通报): the month's anomaly flags per district, explained or not. */
@Injectable()
@BulletinSectionProvider()
export class AnomalyBulletinSection implements BulletinSection {
  readonly key = 'anomalies';
  readonly order = 10;

  constructor(
    private readonly flags: AnomalyFlagService,
    private readonly board: StatusBoardService,
  ) {}

  async build({ user, month }: BulletinContext): Promise<BulletinSectionContent> {
    const board = await this.board.board(user, month).catch((error) => {
      if (error instanceof AppError && error.kind === 'not_found') return null;
      throw error;
    });
    if (!board) {
      return {
        title: ANOMALY_SECTION_TITLE,
        summary: [`${monthLabel(month)}报送期尚未开启，无异常数据。`],
        table: null,
      };
    }
    return anomalySectionContent(month, latestVersionFlags(board, await this.flags.list(user, { month })));
  }
}
