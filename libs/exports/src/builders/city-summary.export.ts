import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { GovCellKind, GovColumn } from '@app/excel';
import {
  PROJECTION_RULE_ZH,
  ProgressQueryService,
  ProgressRow,
  ProgressTable,
  targetCountOfRatio,
} from '@app/progress';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import {
  issuingUnit,
  monthLabel,
  RAG_FILLS,
  ratioText,
  requireId,
  requireMonth,
  xlsxFileName,
} from '../export-formats.js';

interface CitySummaryParams extends Record<string, unknown> {
  month: string;
  planId: number;
}

/** Target in whole communities: a count, or a ratio of the eligible communities rounded up (as the ranking does). */
export function effectiveTarget(
  row: Pick<ProgressRow, 'targetCount' | 'targetRatio' | 'eligibleCommunities'>,
): number | null {
  if (row.targetCount !== null) return row.targetCount;
  return row.targetRatio === null ? null : targetCountOfRatio(row.targetRatio, row.eligibleCommunities);
}

/** 完成率 = achieved ÷ target in whole communities, 4 decimals half-up; null without a target. */
export function completionRatio(row: ProgressRow): string | null {
  const target = effectiveTarget(row);
  return target === null ? null : ratioText(row.achievedCount, target);
}

export function citySummaryTitle(table: Pick<ProgressTable, 'month'>, cityName: string): string {
  return `${cityName}居住社区公用充电设施建设情况汇总表（${monthLabel(table.month)}）`;
}

/** The summary's columns; the target column follows the plan's kind (a count, or a coverage ratio). */
export function citySummaryColumns(planKind: string): GovColumn<ProgressRow>[] {
  const target: GovColumn<ProgressRow> =
    planKind === 'coverage_ratio'
      ? { header: '目标覆盖率', group: '计划目标', kind: GovCellKind.Percent, value: (r) => r.targetRatio }
      : { header: '目标数', group: '计划目标', kind: GovCellKind.Integer, value: (r) => r.targetCount };
  return [
    { header: '序号', kind: GovCellKind.Index, value: () => null },
    { header: '区县（园区）', kind: GovCellKind.Text, width: 16, value: (r) => r.districtName },
    target,
    { header: '折算目标社区数', group: '计划目标', kind: GovCellKind.Integer, width: 12, value: effectiveTarget },
    { header: '完成数', group: '计划目标', kind: GovCellKind.Integer, value: (r) => r.achievedCount },
    { header: '完成率', group: '计划目标', kind: GovCellKind.Percent, value: completionRatio },
    { header: '在册', group: '居住社区（个）', kind: GovCellKind.Integer, value: (r) => r.registeredCommunities },
    { header: '符合建设条件', group: '居住社区（个）', kind: GovCellKind.Integer, value: (r) => r.eligibleCommunities },
    { header: '已覆盖', group: '居住社区（个）', kind: GovCellKind.Integer, value: (r) => r.coveredEligible },
    { header: '覆盖率', group: '居住社区（个）', kind: GovCellKind.Percent, value: (r) => r.coverageRatio },
    {
      header: '不符合条件但周边覆盖',
      group: '居住社区（个）',
      kind: GovCellKind.Integer,
      width: 12,
      value: (r) => r.coveredIneligible,
    },
    { header: '已建成', group: '公用充电设施（个）', kind: GovCellKind.Integer, value: (r) => r.builtPublicFacilities },
    {
      header: '已接入市级平台',
      group: '公用充电设施（个）',
      kind: GovCellKind.Integer,
      width: 12,
      value: (r) => r.operatingPublicFacilities,
    },
    { header: '公用交流', group: '充电桩（台）', kind: GovCellKind.Integer, value: (r) => r.publicAcPiles },
    { header: '公用直流', group: '充电桩（台）', kind: GovCellKind.Integer, value: (r) => r.publicDcPiles },
    { header: '自用交流', group: '充电桩（台）', kind: GovCellKind.Integer, value: (r) => r.selfUseAcPiles },
    { header: '自用直流', group: '充电桩（台）', kind: GovCellKind.Integer, value: (r) => r.selfUseDcPiles },
    { header: '公用', group: '总功率（kW）', kind: GovCellKind.Decimal, scale: 3, value: (r) => r.publicKw },
    { header: '自用', group: '总功率（kW）', kind: GovCellKind.Decimal, scale: 3, value: (r) => r.selfUseKw },
    { header: '计划完成数', group: '较上月变化', kind: GovCellKind.Integer, value: (r) => r.change?.achievedCount },
    { header: '已覆盖社区', group: '较上月变化', kind: GovCellKind.Integer, value: (r) => r.change?.coveredEligible },
    { header: '公用充电桩', group: '较上月变化', kind: GovCellKind.Integer, value: (r) => r.change?.publicPiles },
    {
      header: '进度状态',
      kind: GovCellKind.Text,
      width: 9,
      value: (r) => r.projection?.statusLabel ?? '无目标',
      fill: (r) => (r.projection ? (RAG_FILLS[r.projection.statusLabel] ?? null) : null),
    },
    { header: '说明', kind: GovCellKind.Text, width: 36, value: (r) => r.projection?.reason ?? '' },
  ];
}

export function citySummaryNotes(table: ProgressTable): string[] {
  const computedAt = table.rows.map((r) => new Date(r.computedAt).getTime()).reduce((a, b) => Math.max(a, b), 0);
  return [
    `注：1. 数据来源为${monthLabel(table.month)}月末进度快照，目标计划「${table.plan.name}」（${table.plan.startMonth} 至 ${table.plan.endMonth}），快照计算时间 ${new Date(computedAt).toISOString()}。`,
    '2. 覆盖率 = 已覆盖的符合建设条件社区 ÷ 月末在册的符合建设条件社区，四舍五入保留 4 位小数；不符合条件但由周边 1 公里内公用设施覆盖的社区单列，不计入覆盖率。',
    '3. 完成率 = 完成数 ÷ 折算目标社区数（比例目标按符合条件社区数折算并向上取整），四舍五入保留 4 位小数；全市合计行为全市快照数据。',
    `4. 进度状态：${PROJECTION_RULE_ZH}`,
  ];
}

/** 全市月度汇总表 (issue 5 §2): the API's progress table of a month and plan, in the government format. */
@Injectable()
@ExportBuilderFor(ExportKind.CitySummary)
export class CitySummaryExport implements ExportBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressQueryService,
  ) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    if (user.role === Role.District) throw AppError.forbidden('区县用户只能导出本区县的原始数据');
    const month = requireMonth(input.month);
    const planId = requireId(input.planId, '目标计划', 'planId');
    const table = await this.progress.table(user, month, planId);
    const params: CitySummaryParams = { month, planId };
    return { params, districtId: null, fileName: xlsxFileName(citySummaryTitle(table, await this.cityName())) };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    const { month, planId } = context.params as CitySummaryParams;
    await context.progress(10, '正在读取进度快照');
    const table = await this.progress.table(context.user, month, planId);
    const districts = table.rows.filter((r) => r.districtId !== null);
    const city = table.rows.find((r) => r.districtId === null);
    await context.workbook.addTable(
      {
        sheetName: '汇总表',
        title: citySummaryTitle(table, await this.cityName()),
        unit: await issuingUnit(this.dataSource, null),
        reportDate: context.reportDate,
        measure: '计量单位：个、台、千瓦',
        columns: citySummaryColumns(table.plan.kind),
        frozenColumns: 2,
        totals: city ? { label: '全市合计', row: city } : undefined,
        notes: citySummaryNotes(table),
      },
      districts,
    );
    return { rows: districts.length };
  }

  private async cityName(): Promise<string> {
    const [city] = await this.dataSource.query(`SELECT name FROM city ORDER BY id LIMIT 1`);
    return city?.name ?? '';
  }
}
