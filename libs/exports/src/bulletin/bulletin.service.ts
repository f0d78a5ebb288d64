import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, Role, shanghaiDate } from '@app/core';
import { GovCellKind } from '@app/excel';
import { ProgressQueryService, ProgressRow, ProgressTable, PROJECTION_RULE_ZH } from '@app/progress';
import { RankingService, RankingView } from '@app/ranking';
import { DistrictReportStatus, StatusBoard, StatusBoardService } from '@app/reporting';
import { completionRatio, effectiveTarget } from '../builders/city-summary.export.js';
import { RANK_CHANGE_FORMAT } from '../builders/ranking.export.js';
import { issuingUnit, monthLabel, RAG_FILLS, shanghaiDateTime } from '../export-formats.js';
import { BulletinSectionContent, BulletinSectionRegistry, BulletinTable } from './bulletin-section.js';

const STATE_LABELS: Record<string, string> = {
  not_submitted: '未报送',
  submitted: '已报送待审核',
  returned: '已退回',
  resubmitted: '重新报送待审核',
  accepted: '审核通过',
};

export interface BulletinData {
  month: string;
  title: string;
  unit: string;
  /** 'YYYY-MM-DD' */
  issuedOn: string;
  plan: ProgressTable['plan'];
  city: ProgressRow | null;
  districts: ProgressRow[];
  rag: { onTrack: string[]; atRisk: string[]; offTrack: string[]; noTarget: string[] };
  ranking: RankingView | null;
  board: StatusBoard | null;
  late: DistrictReportStatus[];
  missing: DistrictReportStatus[];
  /** The built-in sections first (总体情况, 进度预警, 排名, 报送情况), then the extension sections. */
  sections: (BulletinSectionContent & { key: string })[];
}

/**
 * The monthly 通报 (issue 5 §3), one click for the office: the ranking with its change, 正常/预警/滞后 from the
 * projection, districts late or missing from the status board, and whatever the extension sections add. Read with
 * the caller's scope through the same services as the API, so the bulletin shows the API's numbers.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressQueryService,
    private readonly rankings: RankingService,
    private readonly board: StatusBoardService,
    private readonly sectionRegistry: BulletinSectionRegistry,
    private readonly clock: Clock,
  ) {}

  async compose(user: AuthenticatedUser, month: string, planId: number): Promise<BulletinData> {
    if (user.role === Role.District) throw AppError.forbidden('月度通报仅供市发展改革委与领导查看');
    const table = await this.progress.table(user, month, planId);
    const city = table.rows.find((r) => r.districtId === null) ?? null;
    const districts = table.rows.filter((r) => r.districtId !== null);
    const ranking = await this.rankingOf(user, month);
    const board = await this.board.board(user, month).catch((error) => {
      if (error instanceof AppError && error.kind === 'not_found') return null;
      throw error;
    });
    const late = board?.districts.filter((d) => d.late && d.state !== 'not_submitted') ?? [];
    const missing = board?.districts.filter((d) => d.state === 'not_submitted') ?? [];
    const [{ name: cityName } = { name: '' }] = await this.dataSource.query(
      `SELECT name FROM city ORDER BY id LIMIT 1`,
    );
    const rag = { onTrack: [] as string[], atRisk: [] as string[], offTrack: [] as string[], noTarget: [] as string[] };
    for (const d of districts) {
      const status = d.projection?.status;
      (status === 'on_track'
        ? rag.onTrack
        : status === 'at_risk'
          ? rag.atRisk
          : status === 'off_track'
            ? rag.offTrack
            : rag.noTarget
      ).push(d.districtName);
    }
    const data: Omit<BulletinData, 'sections'> = {
      month,
      title: `${cityName}居住社区公用充电设施建设情况通报（${monthLabel(month)}）`,
      unit: await issuingUnit(this.dataSource, null),
      issuedOn: shanghaiDate(this.clock.now()),
      plan: table.plan,
      city,
      districts,
      rag,
      ranking,
      board,
      late,
      missing,
    };
    const extensions: BulletinData['sections'] = [];
    for (const section of this.sectionRegistry.all()) {
      const content = await section.build({ user, month, planId });
      if (content) extensions.push({ ...content, key: section.key });
    }
    return { ...data, sections: [...builtInSections(data), ...extensions] };
  }

  /** The month's published ranking; for the office a draft when nothing is published yet. */
  private async rankingOf(user: AuthenticatedUser, month: string): Promise<RankingView | null> {
    const list = await this.rankings.list(user, month);
    const chosen = list.find((r) => r.status === 'published') ?? list[0];
    return chosen ? this.rankings.view(user, chosen.id) : null;
  }
}

const pct = (ratio: string | null) => (ratio === null ? '—' : `${(Number(ratio) * 100).toFixed(2)}%`);
const signed = (n: number | undefined | null) => (n === undefined || n === null ? '—' : n > 0 ? `+${n}` : String(n));
const names = (list: string[]) => (list.length === 0 ? '无' : list.join('、'));

function builtInSections(data: Omit<BulletinData, 'sections'>): BulletinData['sections'] {
  const { city, month } = data;
  const overview = city
    ? [
        `截至${monthLabel(month)}末，全市在册居住社区 ${city.registeredCommunities} 个，其中符合建设条件 ${city.eligibleCommunities} 个，已覆盖 ${city.coveredEligible} 个（较上月 ${signed(city.change?.coveredEligible)}），覆盖率 ${pct(city.coverageRatio)}；另有 ${city.coveredIneligible} 个不符合条件的社区由周边 1 公里内公用设施覆盖。`,
        `全市已建成公用充电设施 ${city.builtPublicFacilities} 个，其中已接入市级平台 ${city.operatingPublicFacilities} 个；公用充电桩 ${city.publicAcPiles + city.publicDcPiles} 台（交流 ${city.publicAcPiles}、直流 ${city.publicDcPiles}，较上月 ${signed(city.change?.publicPiles)}），公用设施总功率 ${city.publicKw} kW。`,
        `目标计划「${data.plan.name}」完成 ${city.achievedCount} 个，完成率 ${pct(completionRatio(city))}。`,
      ]
    : ['本月尚无全市汇总数据。'];

  const rag = [
    `按近期建设速度推算：进度正常 ${data.rag.onTrack.length} 个，预警 ${data.rag.atRisk.length} 个，滞后 ${data.rag.offTrack.length} 个。`,
    `滞后：${names(data.rag.offTrack)}。预警：${names(data.rag.atRisk)}。`,
    `判定规则：${PROJECTION_RULE_ZH}`,
  ];
  const ragTable: BulletinTable = {
    columns: [
      { header: '区县（园区）', kind: GovCellKind.Text, width: 16 },
      { header: '折算目标', kind: GovCellKind.Integer },
      { header: '完成数', kind: GovCellKind.Integer },
      { header: '完成率', kind: GovCellKind.Percent },
      { header: '覆盖率', kind: GovCellKind.Percent },
      { header: '月均净增', kind: GovCellKind.Decimal, scale: 2 },
      { header: '预计完成月份', kind: GovCellKind.Text, width: 12 },
      { header: '进度状态', kind: GovCellKind.Text, width: 9 },
      { header: '说明', kind: GovCellKind.Text, width: 40 },
    ],
    rows: data.districts.map((d) => [
      d.districtName,
      effectiveTarget(d),
      d.achievedCount,
      completionRatio(d),
      d.coverageRatio,
      d.projection?.pace ?? null,
      d.projection?.projectedMonth ?? (d.projection?.remaining === 0 ? '已完成' : '—'),
      d.projection?.statusLabel ?? '无目标',
      d.projection?.reason ?? '',
    ]),
    fills: data.districts.map((d) => [
      ...Array(7).fill(null),
      d.projection ? (RAG_FILLS[d.projection.statusLabel] ?? null) : null,
      null,
    ]),
  };

  const ranking = data.ranking;
  const rankingSection: BulletinSectionContent & { key: string } = ranking
    ? {
        key: 'ranking',
        title: '综合排名',
        summary: [
          `${ranking.status === 'published' ? '' : '（排名尚未发布，以下为草稿）'}综合排名前三位：${ranking.rows
            .slice(0, 3)
            .map((r) => `${r.districtName}（${r.compositeScore} 分）`)
            .join('、')}；后三位：${ranking.rows
            .slice(-3)
            .map((r) => `${r.districtName}（${r.compositeScore} 分）`)
            .join('、')}。`,
          `名次上升：${names(ranking.rows.filter((r) => (r.rankChange ?? 0) > 0).map((r) => `${r.districtName}↑${r.rankChange}`))}；名次下降：${names(ranking.rows.filter((r) => (r.rankChange ?? 0) < 0).map((r) => `${r.districtName}↓${-r.rankChange!}`))}。`,
          `计算规则：${ranking.rulesText}`,
        ],
        table: {
          columns: [
            { header: '名次', kind: GovCellKind.Integer, width: 6 },
            { header: '区县（园区）', kind: GovCellKind.Text, width: 16 },
            { header: '综合得分', kind: GovCellKind.Decimal, scale: 2 },
            { header: '上期名次', kind: GovCellKind.Integer },
            { header: '名次变化', kind: GovCellKind.Integer, numFmt: RANK_CHANGE_FORMAT },
          ],
          rows: ranking.rows.map((r) => [r.rank, r.districtName, r.compositeScore, r.previousRank, r.rankChange]),
        },
      }
    : { key: 'ranking', title: '综合排名', summary: [`${monthLabel(month)}排名尚未计算或发布。`], table: null };

  const board = data.board;
  const lateOrMissing = [...data.missing, ...data.late];
  const reporting: BulletinSectionContent & { key: string } = board
    ? {
        key: 'reporting',
        title: '报送情况',
        summary: [
          `本月报送截止时间为 ${shanghaiDateTime(board.deadlineAt)}（北京时间）。应报 ${board.districts.length} 个，审核通过 ${board.totals.accepted} 个，待审核 ${board.totals.submitted + board.totals.resubmitted} 个，退回 ${board.totals.returned} 个。`,
          `未报送：${names(data.missing.map((d) => d.districtName))}。逾期报送：${names(data.late.map((d) => d.districtName))}。`,
        ],
        table:
          lateOrMissing.length === 0
            ? null
            : {
                columns: [
                  { header: '区县（园区）', kind: GovCellKind.Text, width: 16 },
                  { header: '报送状态', kind: GovCellKind.Text, width: 14 },
                  { header: '情况', kind: GovCellKind.Text, width: 10 },
                  { header: '首次报送时间', kind: GovCellKind.Text, width: 22 },
                  { header: '版本数', kind: GovCellKind.Integer },
                ],
                rows: lateOrMissing.map((d) => [
                  d.districtName,
                  STATE_LABELS[d.state] ?? d.state,
                  d.state === 'not_submitted' ? (d.late ? '逾期未报' : '未报送') : '逾期报送',
                  d.firstSubmittedAt ? shanghaiDateTime(d.firstSubmittedAt) : null,
                  d.versionCount,
                ]),
              },
      }
    : { key: 'reporting', title: '报送情况', summary: [`${monthLabel(month)}报送期尚未开启。`], table: null };

  return [
    { key: 'overview', title: '总体情况', summary: overview, table: null },
    { key: 'progress', title: '进度预警', summary: rag, table: ragTable },
    rankingSection,
    reporting,
  ];
}
