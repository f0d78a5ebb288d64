import { Injectable } from '@nestjs/common';
import { AppError, Clock, shanghaiDate } from '@app/core';
import { GovCellKind } from '@app/excel';
import { GRID_TIME_LIMIT_RULES, GridBreachGroup, GridBreachTally, GridStep, GridTimeLimitService } from '@app/grid';
import {
  BulletinContext,
  BulletinSection,
  BulletinSectionContent,
  BulletinSectionProvider,
  BulletinTable,
} from '../bulletin-section.js';

export const GRID_SECTION_TITLE = '电网时限';
const BREACH_FILL = 'FFFFC7CE';

/** The month's last day, or today while the month is not over: the date the limits are judged at. */
export function gridAsOf(month: string, today: string): string {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  return today < last ? today : last;
}

/** Steps over their limit: done late (breached) or not done after the deadline (overdue). */
export function lateSteps(tally: GridBreachTally, step: GridStep): number {
  return tally.steps[step].breached + tally.steps[step].overdue;
}

export function gridSectionContent(
  asOf: string,
  result: { total: GridBreachTally; groups: GridBreachGroup[]; calendarGaps: unknown[] },
): BulletinSectionContent {
  const { total } = result;
  const gaps = result.calendarGaps.length
    ? [`另有 ${result.calendarGaps.length} 个设施因工作日历缺少相应年度未能判定。`]
    : [];
  if (total.facilitiesWithBreach === 0) {
    return {
      title: GRID_SECTION_TITLE,
      summary: [`截至 ${asOf}，纳入统计的 ${total.facilityCount} 个设施均无电网办理超时或逾期未办。`, ...gaps],
      table: null,
    };
  }
  const steps = GRID_TIME_LIMIT_RULES.map(
    (rule) => `${rule.name} ${lateSteps(total, rule.step)} 个（时限：${rule.basis}）`,
  ).join('；');
  const late = result.groups.filter((g) => g.facilitiesWithBreach > 0);
  const rowOf = (name: string, t: GridBreachTally) => [
    name,
    t.facilityCount,
    t.facilitiesWithBreach,
    ...GRID_TIME_LIMIT_RULES.map((rule) => lateSteps(t, rule.step)),
  ];
  const rows = [...late.map((g) => rowOf(g.name, g)), rowOf('合计', total)];
  const table: BulletinTable = {
    columns: [
      { header: '区县（园区）', kind: GovCellKind.Text, width: 16 },
      { header: '设施数', kind: GovCellKind.Integer, width: 8 },
      { header: '超时设施数', kind: GovCellKind.Integer, width: 10 },
      ...GRID_TIME_LIMIT_RULES.map((rule) => ({
        header: `${rule.name}超时`,
        kind: GovCellKind.Integer,
        width: 12,
      })),
    ],
    rows,
    fills: rows.map((row, r) => row.map((_, c) => (r < rows.length - 1 && c === 2 ? BREACH_FILL : null))),
  };
  return {
    title: GRID_SECTION_TITLE,
    summary: [
      `截至 ${asOf}，纳入统计的 ${total.facilityCount} 个设施中有 ${total.facilitiesWithBreach} 个存在电网办理超时或逾期未办，涉及 ${late.length} 个区县。`,
      `按环节（超时办结或逾期未办）：${steps}。工作日按国务院办公厅放假通知计算（法定节假日不计，调休上班日计入）。`,
      ...gaps,
    ],
    table,
  };
}

/** 电网时限 (SPEC "Grid time limits" in the 通报): facilities whose grid steps breached their limits, per district. */
@Injectable()
@BulletinSectionProvider()
export class GridBreachBulletinSection implements BulletinSection {
  readonly key = 'grid';
  readonly order = 40;

  constructor(
    private readonly grid: GridTimeLimitService,
    private readonly clock: Clock,
  ) {}

  async build({ user, month }: BulletinContext): Promise<BulletinSectionContent> {
    const asOf = gridAsOf(month, shanghaiDate(this.clock.now()));
    try {
      return gridSectionContent(asOf, await this.grid.breachesByDistrict(user, { asOf }));
    } catch (error) {
      // The working-day calendar lacks the year: say so rather than guess.
      if (error instanceof AppError && error.kind === 'validation') {
        return { title: GRID_SECTION_TITLE, summary: [`暂无法统计电网办理时限：${error.message}`], table: null };
      }
      throw error;
    }
  }
}
