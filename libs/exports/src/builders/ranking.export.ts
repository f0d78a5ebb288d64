import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { GovCellKind, GovColumn } from '@app/excel';
import {
  RANK_ORDER_CRITERION_LABELS_ZH,
  RankOrderCriterion,
  RANKING_METRIC_LABELS_ZH,
  RANKING_METRICS,
  RankingMetric,
  RankingService,
  RankingView,
} from '@app/ranking';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import { issuingUnit, monthLabel, requireId, xlsxFileName } from '../export-formats.js';

type RankingRowView = RankingView['rows'][number];

interface BreakdownEntry {
  metric: RankingMetric;
  applicable: boolean;
  scoreBp: number;
  weightBp: number;
  contributionPoints: string;
  ratio: { numerator: number; denominator: number };
}

/** A rank change stays a number (+2 moved up two places) and reads ↑2, ↓1, 持平. */
export const RANK_CHANGE_FORMAT = '"↑"0;"↓"0;"持平"';

export function rankingTitle(ranking: Pick<RankingView, 'month' | 'status'>): string {
  const draft = ranking.status === 'published' ? '' : '（草稿，未发布）';
  return `${monthLabel(ranking.month)}各区县居住社区公用充电设施建设工作排名${draft}`;
}

function metricOf(row: RankingRowView, metric: RankingMetric): BreakdownEntry | undefined {
  return (row.breakdown as BreakdownEntry[]).find((b) => b.metric === metric);
}

export function rankingColumns(ranking: RankingView): GovColumn<RankingRowView>[] {
  const metricColumns = RANKING_METRICS.flatMap((metric): GovColumn<RankingRowView>[] => {
    const group = `${RANKING_METRIC_LABELS_ZH[metric]}（权重 ${(ranking.weights[metric] ?? 0) / 100}%）`;
    return [
      {
        header: '分子/分母',
        group,
        kind: GovCellKind.Text,
        width: 11,
        value: (r) => {
          const b = metricOf(r, metric);
          return b ? (b.applicable ? `${b.ratio.numerator}/${b.ratio.denominator}` : '不适用') : null;
        },
      },
      {
        header: '得分',
        group,
        kind: GovCellKind.Percent,
        value: (r) => {
          const b = metricOf(r, metric);
          return b ? b.scoreBp / 10000 : null;
        },
      },
      {
        header: '加权得分',
        group,
        kind: GovCellKind.Decimal,
        scale: 2,
        value: (r) => metricOf(r, metric)?.contributionPoints,
      },
    ];
  });
  return [
    { header: '名次', kind: GovCellKind.Integer, width: 6, value: (r) => r.rank },
    { header: '区县（园区）', kind: GovCellKind.Text, width: 16, value: (r) => r.districtName },
    { header: '综合得分', kind: GovCellKind.Decimal, scale: 2, value: (r) => r.compositeScore },
    { header: '上期名次', kind: GovCellKind.Integer, width: 8, value: (r) => r.previousRank },
    { header: '名次变化', kind: GovCellKind.Integer, width: 8, numFmt: RANK_CHANGE_FORMAT, value: (r) => r.rankChange },
    ...metricColumns,
    {
      header: '与上一名的区分依据',
      kind: GovCellKind.Text,
      width: 16,
      value: (r) => (r.orderedBy ? RANK_ORDER_CRITERION_LABELS_ZH[r.orderedBy as RankOrderCriterion] : ''),
    },
  ];
}

export function rankingNotes(ranking: RankingView): string[] {
  return [
    `注：1. 目标计划「${ranking.planName}」；${ranking.status === 'published' ? `${new Date(ranking.publishedAt!).toISOString().slice(0, 10)} 发布，已冻结` : '草稿，发布前可能变化'}。`,
    `2. 计算规则：${ranking.rulesText}`,
    '3. 名次变化为上期名次减本期名次：↑ 为上升，↓ 为下降；空白为上期未排名。',
  ];
}

/** 排名表 (issue 5 §2): a ranking as GET /api/rankings/{id} shows it. */
@Injectable()
@ExportBuilderFor(ExportKind.Ranking)
export class RankingExport implements ExportBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
  ) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    if (user.role === Role.District) throw AppError.forbidden('区县用户只能导出本区县的原始数据');
    const rankingId = requireId(input.rankingId, '排名', 'rankingId');
    // Leaders see published rankings only; the service answers a draft with 404 for them.
    const ranking = await this.rankings.view(user, rankingId);
    return {
      params: { rankingId, month: ranking.month },
      districtId: null,
      fileName: xlsxFileName(rankingTitle(ranking)),
    };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    const { rankingId } = context.params as { rankingId: number };
    await context.progress(10, '正在读取排名');
    const ranking = await this.rankings.view(context.user, rankingId);
    await context.workbook.addTable(
      {
        sheetName: '排名',
        title: rankingTitle(ranking),
        unit: await issuingUnit(this.dataSource, null),
        reportDate: context.reportDate,
        measure: '单位：分',
        columns: rankingColumns(ranking),
        frozenColumns: 2,
        notes: rankingNotes(ranking),
      },
      ranking.rows,
    );
    return { rows: ranking.rows.length };
  }
}
