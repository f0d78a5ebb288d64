import { Injectable } from '@nestjs/common';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { GovColumn } from '@app/excel';
import { ExportKind } from '../entities/export.enums.js';
import {
  ExportBuilder,
  ExportBuilderFor,
  ExportRequestInput,
  ExportRunContext,
  PreparedExport,
} from '../export-builder.js';
import { requireId, requireMonth, xlsxFileName } from '../export-formats.js';
import { BulletinCell, BulletinTable } from './bulletin-section.js';
import { BulletinData, BulletinService } from './bulletin.service.js';

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export function sectionHeading(index: number, title: string): string {
  return `${CHINESE_NUMERALS[index] ?? String(index + 1)}、${title}`;
}

type TableRow = { cells: BulletinCell[]; fills: (string | null)[] | undefined };

function columnsOf(table: BulletinTable): GovColumn<TableRow>[] {
  return table.columns.map((column, index) => ({
    ...column,
    value: (row) => row.cells[index],
    fill: (row) => row.fills?.[index] ?? null,
  }));
}

/** The 通报 as an official-style workbook: the text on the first sheet, each section's table on a sheet of its own. */
export async function writeBulletinWorkbook(
  data: BulletinData,
  context: Pick<ExportRunContext, 'workbook' | 'reportDate'>,
): Promise<number> {
  const { workbook } = context;
  workbook.addDocument({
    sheetName: '通报',
    title: data.title,
    unit: data.unit,
    reportDate: context.reportDate,
    paragraphs: data.sections.flatMap((section, index) => [
      `# ${sectionHeading(index, section.title)}`,
      ...section.summary,
    ]),
  });
  let rows = 0;
  for (const [index, section] of data.sections.entries()) {
    if (!section.table) continue;
    const result = await workbook.addTable(
      {
        sheetName: section.title,
        title: `${data.title}——${sectionHeading(index, section.title)}`,
        unit: data.unit,
        reportDate: context.reportDate,
        columns: columnsOf(section.table),
        frozenColumns: 1,
        orientation: 'landscape',
      },
      section.table.rows.map((cells, i) => ({ cells, fills: section.table!.fills?.[i] })),
    );
    rows += result.rows;
  }
  return rows;
}

/** 月度通报 (issue 5 §3) as a workbook; the same content prints from GET /api/bulletins/{month}/print. */
@Injectable()
@ExportBuilderFor(ExportKind.Bulletin)
export class BulletinExport implements ExportBuilder {
  constructor(private readonly bulletins: BulletinService) {}

  async prepare(user: AuthenticatedUser, input: ExportRequestInput): Promise<PreparedExport> {
    if (user.role === Role.District) throw AppError.forbidden('月度通报仅供市发展改革委与领导查看');
    const month = requireMonth(input.month);
    const planId = requireId(input.planId, '目标计划', 'planId');
    const data = await this.bulletins.compose(user, month, planId);
    return { params: { month, planId }, districtId: null, fileName: xlsxFileName(data.title) };
  }

  async write(context: ExportRunContext): Promise<{ rows: number }> {
    const { month, planId } = context.params as { month: string; planId: number };
    await context.progress(10, '正在汇集通报内容');
    const data = await this.bulletins.compose(context.user, month, planId);
    return { rows: await writeBulletinWorkbook(data, context) };
  }
}
