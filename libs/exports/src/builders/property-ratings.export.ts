import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { GovCellKind, GovColumn } from '@app/excel';
import {
  CriterionBreakdown,
  DeductionLine,
  formatPoints,
  formatWeight,
  RATING_CRITERIA,
  RATING_CRITERION_LABELS_ZH,
  RATING_GRADE_LABELS_ZH,
  RATING_ORDER_CRITERION_LABELS_ZH,
  RatingCriterion,
  RatingGrade,
  RatingOrderCriterion,
  RatingRoundStatus,
  RatingRoundView,
  RatingRowView,
  RatingService,
} from '@app/rating';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import { issuingUnit, requireId, shanghaiDateTime, xlsxFileName } from '../export-formats.js';

export const PROPERTY_RATINGS_FORBIDDEN = '物业服务企业评价结果仅供市发展改革委与领导导出';

const criterionOf = (row: RatingRowView, criterion: RatingCriterion) =>
  (row.breakdown as CriterionBreakdown[]).find((b) => b.criterion === criterion);
const deductionOf = (row: RatingRowView, kind: DeductionLine['kind']) =>
  (row.deductions as DeductionLine[]).find((d) => d.kind === kind);

/** 有 / 取消 / 不参评: a company that is not rated has no award question to answer. */
export function awardText(row: RatingRowView): string {
  if (row.score === null) return '不参评';
  return row.awardEligible ? '有' : '取消';
}

export function propertyRatingsTitle(round: Pick<RatingRoundView, 'year' | 'status'>): string {
  const draft = round.status === RatingRoundStatus.Confirmed ? '' : '（草稿，未确认）';
  return `${round.year}年度物业服务企业居住社区充电设施建设评价结果${draft}`;
}

/** Weights as the round was computed with (its stored settings), else as the rows carry them. */
function weightOf(round: RatingRoundView, criterion: RatingCriterion): number | null {
  const weights = (round.settings as { weights?: Record<string, number> }).weights;
  if (weights && typeof weights[criterion] === 'number') return weights[criterion];
  const first = round.rows.map((r) => criterionOf(r, criterion)).find(Boolean);
  return first?.weightBp ?? null;
}

export function propertyRatingsColumns(round: RatingRoundView): GovColumn<RatingRowView>[] {
  const criteria = RATING_CRITERIA.flatMap((criterion): GovColumn<RatingRowView>[] => {
    const weight = weightOf(round, criterion);
    const group = `${RATING_CRITERION_LABELS_ZH[criterion]}（权重 ${weight === null ? '—' : formatWeight(weight)}）`;
    return [
      {
        header: '分子/分母',
        group,
        kind: GovCellKind.Text,
        width: 10,
        value: (r) => {
          const b = criterionOf(r, criterion);
          return b ? (b.applicable ? `${b.ratio.numerator}/${b.ratio.denominator}` : '不适用') : null;
        },
      },
      {
        header: '得分率',
        group,
        kind: GovCellKind.Percent,
        width: 9,
        value: (r) => {
          const b = criterionOf(r, criterion);
          return b && b.applicable ? b.scoreBp / 10000 : null;
        },
      },
    ];
  });
  return [
    { header: '名次', kind: GovCellKind.Integer, width: 6, value: (r) => r.rank },
    { header: '物业服务企业', kind: GovCellKind.Text, width: 26, value: (r) => r.propertyCompanyName },
    { header: '在管社区（个）', kind: GovCellKind.Integer, width: 9, value: (r) => r.communities },
    ...criteria,
    {
      header: '加权得分',
      kind: GovCellKind.Decimal,
      scale: 2,
      width: 9,
      value: (r) => (r.evidence.weightedScore as string | null | undefined) ?? null,
    },
    {
      header: '属实阻挠（件）',
      group: '投诉扣分',
      kind: GovCellKind.Integer,
      width: 9,
      value: (r) => deductionOf(r, 'confirmedObstruction')?.count,
    },
    {
      header: '属实其他（件）',
      group: '投诉扣分',
      kind: GovCellKind.Integer,
      width: 9,
      value: (r) => deductionOf(r, 'confirmedOther')?.count,
    },
    {
      header: '扣分',
      group: '投诉扣分',
      kind: GovCellKind.Decimal,
      scale: 2,
      width: 8,
      value: (r) => formatPoints((r.deductions as DeductionLine[]).reduce((n, d) => n + d.total, 0)),
    },
    { header: '总分', kind: GovCellKind.Decimal, scale: 2, width: 8, value: (r) => r.score },
    {
      header: '等级',
      kind: GovCellKind.Text,
      width: 10,
      value: (r) => (r.grade ? RATING_GRADE_LABELS_ZH[r.grade as RatingGrade] : '不参评'),
    },
    { header: '评优评先资格', kind: GovCellKind.Text, width: 9, value: awardText },
    {
      header: '因阻挠取消评优',
      kind: GovCellKind.Text,
      width: 9,
      value: (r) => (r.disqualificationReasons.length > 0 ? '是' : '否'),
    },
    { header: '取消原因', kind: GovCellKind.Text, width: 30, value: (r) => r.disqualificationReasons.join('；') },
    {
      header: '与上一名的区分依据',
      kind: GovCellKind.Text,
      width: 14,
      value: (r) => (r.orderedBy ? RATING_ORDER_CRITERION_LABELS_ZH[r.orderedBy as RatingOrderCriterion] : ''),
    },
    { header: '说明', kind: GovCellKind.Text, width: 30, value: (r) => r.note ?? '' },
  ];
}

export function propertyRatingsNotes(round: RatingRoundView): string[] {
  const grades = Object.values(RatingGrade)
    .map((g) => `${g} 级 ${round.gradeCounts[g]} 家`)
    .join('、');
  const state =
    round.status === RatingRoundStatus.Confirmed
      ? `已于 ${shanghaiDateTime(round.confirmedAt!)} 确认，已冻结`
      : '草稿，确认前可能变化';
  return [
    `注：1. ${round.year} 年度评价（${state}）：参评 ${round.companies - round.notRated} 家（${grades}），不参评 ${round.notRated} 家，因经认定属实的阻挠投诉取消评优评先资格 ${round.disqualified} 家。`,
    `2. 评价规则：${round.rulesText}`,
    ...RATING_CRITERIA.map(
      (criterion, i) => `${i + 3}. ${RATING_CRITERION_LABELS_ZH[criterion]}：${round.definitions[criterion]}。`,
    ),
  ];
}

/**
 * 物业服务企业评价 of a year's round (issue 5 §2, issue 4 §6): the rows as GET /api/ratings/{id} shows them — company,
 * communities managed, each criterion's ratio and score, complaint deductions, total, grade, award eligibility and the
 * obstruction that cost it. The office exports drafts too; leaders confirmed rounds only (the service answers 404).
 */
@Injectable()
@ExportBuilderFor(ExportKind.PropertyRatings)
export class PropertyRatingsExport implements ExportBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ratings: RatingService,
  ) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    if (user.role === Role.District) throw AppError.forbidden(PROPERTY_RATINGS_FORBIDDEN);
    const roundId = requireId(input.roundId, '评价批次', 'roundId');
    const round = await this.ratings.view(user, roundId);
    return {
      params: { roundId, year: round.year, status: round.status },
      districtId: null,
      fileName: xlsxFileName(propertyRatingsTitle(round)),
    };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    if (context.user.role === Role.District) throw AppError.forbidden(PROPERTY_RATINGS_FORBIDDEN);
    const { roundId } = context.params as { roundId: number };
    await context.progress(10, '正在读取评价结果');
    const round = await this.ratings.view(context.user, roundId);
    await context.workbook.addTable(
      {
        sheetName: '评价结果',
        title: propertyRatingsTitle(round),
        unit: await issuingUnit(this.dataSource, null),
        reportDate: context.reportDate,
        measure: '单位：分、个、件',
        columns: propertyRatingsColumns(round),
        frozenColumns: 2,
        notes: propertyRatingsNotes(round),
      },
      round.rows,
    );
    return { rows: round.rows.length };
  }
}
