import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { GovCellKind, GovColumn } from '@app/excel';
import {
  CORE_SUBSIDY_RULES,
  EZHOU_SERVICE_RULES,
  fenToYuan,
  formatFen,
  RoundView,
  SUBSIDY_RULE_LABELS_ZH,
  SubsidyAmountBreakdown,
  SubsidyRoundService,
  SubsidyRoundStatus,
  SubsidyRule,
} from '@app/subsidy';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import { issuingUnit, requireId, shanghaiDateTime, xlsxFileName } from '../export-formats.js';

export const SUBSIDY_LIST_FORBIDDEN = '补贴清单仅供市发展改革委导出';

/** Thousandths of a kW as a decimal: 7035 → '7.035'. */
export function kwMilliText(kwMilli: number): string {
  return `${Math.floor(kwMilli / 1000)}.${String(kwMilli % 1000).padStart(3, '0')}`;
}

type RoundLine = RoundView['lines'][number];
interface LabelledRuleResult {
  rule: SubsidyRule;
  passed: boolean;
  reason: string;
  label?: string;
}

/** One line of the list, or the totals row (text fields empty, rule results none). */
export interface SubsidyListRow {
  districtName: string;
  communityName: string;
  facilityCode: string;
  facilityName: string | null;
  operatorName: string | null;
  platformId: string | null;
  acPiles: number;
  dcPiles: number;
  kwMilli: number;
  capacityFen: number;
  pileFen: number;
  capped: boolean | null;
  amountFen: number;
  results: Map<SubsidyRule, LabelledRuleResult>;
  explanation: string;
}

export function subsidyListRow(line: RoundLine, operatorName: string | null): SubsidyListRow {
  const b = line.breakdown as unknown as SubsidyAmountBreakdown;
  const results = (line.ruleResults as LabelledRuleResult[]).map((r) => [r.rule, r] as const);
  return {
    districtName: line.districtName,
    communityName: line.communityName,
    facilityCode: line.facilityCode,
    facilityName: line.facilityName,
    operatorName,
    platformId: line.platformId,
    acPiles: b.acPiles,
    dcPiles: b.dcPiles,
    kwMilli: b.kwMilli,
    capacityFen: b.capacityFen,
    pileFen: b.acPileFen + b.dcPileFen,
    capped: b.capped,
    amountFen: line.amountFen,
    results: new Map(results),
    explanation: line.explanation.join('；'),
  };
}

/** The totals row: piles, kW and parts summed over the lines, the amount the round's stored total. */
export function subsidyTotalsRow(rows: readonly SubsidyListRow[], totalFen: number): SubsidyListRow {
  const sum = (pick: (r: SubsidyListRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    districtName: '',
    communityName: '',
    facilityCode: '',
    facilityName: null,
    operatorName: null,
    platformId: null,
    acPiles: sum((r) => r.acPiles),
    dcPiles: sum((r) => r.dcPiles),
    kwMilli: sum((r) => r.kwMilli),
    capacityFen: sum((r) => r.capacityFen),
    pileFen: sum((r) => r.pileFen),
    capped: null,
    amountFen: totalFen,
    results: new Map(),
    explanation: '',
  };
}

/** The rules the round was computed with, in the order they are applied: the core rules, then Ezhou's 「三个5」. */
export function subsidyListRules(ezhouServiceStandard: boolean): SubsidyRule[] {
  return [...CORE_SUBSIDY_RULES, ...(ezhouServiceStandard ? EZHOU_SERVICE_RULES : [])];
}

export function subsidyListColumns(rules: readonly SubsidyRule[]): GovColumn<SubsidyListRow>[] {
  const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
  return [
    { header: '序号', kind: GovCellKind.Index, value: () => null },
    { header: '区县（园区）', kind: GovCellKind.Text, width: 14, value: (r) => r.districtName },
    { header: '居住社区', kind: GovCellKind.Text, width: 18, value: (r) => r.communityName },
    { header: '设施编号', kind: GovCellKind.Text, width: 14, value: (r) => r.facilityCode },
    { header: '设施名称', kind: GovCellKind.Text, width: 20, value: (r) => r.facilityName },
    { header: '运营企业', kind: GovCellKind.Text, width: 20, value: (r) => r.operatorName },
    { header: '市级平台编号', kind: GovCellKind.Text, width: 14, value: (r) => r.platformId },
    { header: '交流', group: '充电桩（台）', kind: GovCellKind.Integer, width: 7, value: (r) => r.acPiles },
    { header: '直流', group: '充电桩（台）', kind: GovCellKind.Integer, width: 7, value: (r) => r.dcPiles },
    {
      header: '装机容量（kW）',
      kind: GovCellKind.Decimal,
      scale: 3,
      width: 12,
      value: (r) => kwMilliText(r.kwMilli),
    },
    ...rules.map((rule): GovColumn<SubsidyListRow> => ({
      header: SUBSIDY_RULE_LABELS_ZH[rule],
      group: '补贴条件核验',
      kind: GovCellKind.Text,
      width: 10,
      value: (r) => {
        const result = r.results.get(rule);
        return result ? (result.passed ? '通过' : '未通过') : '';
      },
    })),
    {
      header: '按容量',
      group: '补贴金额（元）',
      kind: GovCellKind.Decimal,
      scale: 2,
      value: (r) => yuan(r.capacityFen),
    },
    { header: '按桩', group: '补贴金额（元）', kind: GovCellKind.Decimal, scale: 2, value: (r) => yuan(r.pileFen) },
    {
      header: '是否封顶',
      group: '补贴金额（元）',
      kind: GovCellKind.Text,
      width: 8,
      value: (r) => (r.capped === null ? '' : r.capped ? '是' : '否'),
    },
    {
      header: '补贴金额',
      group: '补贴金额（元）',
      kind: GovCellKind.Decimal,
      scale: 2,
      value: (r) => yuan(r.amountFen),
    },
    { header: '计算过程', kind: GovCellKind.Text, width: 40, value: (r) => r.explanation },
    {
      header: '核验依据',
      kind: GovCellKind.Text,
      width: 60,
      value: (r) =>
        [...r.results.values()].map((x) => `${x.label ?? SUBSIDY_RULE_LABELS_ZH[x.rule]}：${x.reason}`).join('；'),
    },
  ];
}

export function subsidyListTitle(cityName: string, round: Pick<RoundView, 'name' | 'status'>): string {
  const state = round.status === SubsidyRoundStatus.Confirmed ? '已确认' : '草稿，未确认';
  return `${cityName}居住社区公用充电设施补贴清单：${round.name}（${state}）`;
}

export function subsidyListNotes(round: RoundView, linesSumFen: number): string[] {
  const state =
    round.status === SubsidyRoundStatus.Confirmed
      ? `已于 ${shanghaiDateTime(round.confirmedAt!)} 由${round.confirmedByName ?? '市发展改革委'}确认，已冻结`
      : '草稿，确认前金额与明细可能变化';
  const agree =
    linesSumFen === round.totalFen
      ? '，与各行金额之和一致'
      : `；各行金额之和为 ${formatFen(linesSumFen)}，与批次总额不一致，请核查`;
  return [
    `注：1. 批次「${round.name}」：${state}；范围：${round.scope}；共 ${round.lineCount} 个设施，补贴金额合计 ${round.totalText}。`,
    `2. ${round.rulesText}`,
    `3. 金额按整数分计算并保存，表中以元显示（保留 2 位小数，由分直接换算）；合计行的补贴金额为批次记录的总额${agree}。`,
    '4. 充电桩数与装机容量为计算批次时登记库中的数值；「补贴条件核验」各列为计算批次时各项规则的核验结果，依据见「核验依据」列。',
  ];
}

interface SubsidyListParams extends Record<string, unknown> {
  roundId: number;
}

/**
 * 补贴清单 of one round (issue 5 §2, issue 4 §5): a row per line as GET /api/subsidy/rounds/{id} shows it, with the
 * piles and kW the amount was computed from, each rule's result and the amount in 元 from the stored fen; the totals
 * row is the round's stored total. Office only: drafts are the office's, and a list names every district's payees.
 */
@Injectable()
@ExportBuilderFor(ExportKind.SubsidyList)
export class SubsidyListExport implements ExportBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: SubsidyRoundService,
  ) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    if (user.role !== Role.Office) throw AppError.forbidden(SUBSIDY_LIST_FORBIDDEN);
    const roundId = requireId(input.roundId, '补贴批次', 'roundId');
    const round = await this.rounds.view(user, roundId);
    const params: SubsidyListParams = { roundId, status: round.status };
    return { params, districtId: null, fileName: xlsxFileName(subsidyListTitle(await this.cityName(), round)) };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    if (context.user.role !== Role.Office) throw AppError.forbidden(SUBSIDY_LIST_FORBIDDEN);
    const { roundId } = context.params as SubsidyListParams;
    await context.progress(10, '正在读取补贴批次');
    const round = await this.rounds.view(context.user, roundId);
    const operators = await this.operatorNames(round.lines.map((l) => l.facilityId));
    const rows = round.lines.map((line) => subsidyListRow(line, operators.get(line.facilityId) ?? null));
    const linesSumFen = rows.reduce((n, r) => n + r.amountFen, 0);
    const title = subsidyListTitle(await this.cityName(), round);
    const unit = await issuingUnit(this.dataSource, null);
    await context.progress(30, '正在写入补贴清单');
    await context.workbook.addTable(
      {
        sheetName: '补贴清单',
        title,
        unit,
        reportDate: context.reportDate,
        measure: '金额单位：元；容量单位：千瓦',
        columns: subsidyListColumns(subsidyListRules(round.rate.ezhouServiceStandard)),
        frozenColumns: 4,
        totals: { label: '合计', row: subsidyTotalsRow(rows, round.totalFen) },
        notes: subsidyListNotes(round, linesSumFen),
      },
      rows,
    );
    type DistrictTotal = RoundView['districts'][number];
    await context.workbook.addTable<DistrictTotal>(
      {
        sheetName: '分区县汇总',
        title: `${title}——分区县汇总`,
        unit,
        reportDate: context.reportDate,
        measure: '金额单位：元',
        columns: [
          { header: '序号', kind: GovCellKind.Index, value: () => null },
          { header: '区县（园区）', kind: GovCellKind.Text, width: 16, value: (d) => d.districtName },
          { header: '设施数（个）', kind: GovCellKind.Integer, width: 12, value: (d) => d.lineCount },
          {
            header: '补贴金额（元）',
            kind: GovCellKind.Decimal,
            scale: 2,
            width: 16,
            value: (d) => fenToYuan(d.totalFen),
          },
        ],
        totals: {
          label: '合计',
          row: { districtId: 0, districtName: '', lineCount: round.lineCount, totalFen: round.totalFen, totalText: '' },
        },
      },
      round.districts,
    );
    return { rows: rows.length };
  }

  private async operatorNames(facilityIds: number[]): Promise<Map<number, string>> {
    if (facilityIds.length === 0) return new Map();
    const rows: { id: number; name: string }[] = await this.dataSource.query(
      `SELECT f.id, o.name FROM facility f JOIN operator_enterprise o ON o.id = f.operator_id WHERE f.id = ANY($1)`,
      [facilityIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async cityName(): Promise<string> {
    const [city] = await this.dataSource.query(`SELECT name FROM city ORDER BY id LIMIT 1`);
    return city?.name ?? '';
  }
}
