import { Injectable } from '@nestjs/common';
import { shanghaiMonth } from '@app/core';
import { GovCellKind } from '@app/excel';
import { fenToYuan, formatFen, RoundSummary, SubsidyRoundService, SubsidyRoundStatus } from '@app/subsidy';
import { monthLabel, shanghaiDateTime } from '../../export-formats.js';
import {
  BulletinContext,
  BulletinSection,
  BulletinSectionContent,
  BulletinSectionProvider,
} from '../bulletin-section.js';

export const SUBSIDY_SECTION_TITLE = '补贴';

/** Rounds confirmed in the month (Asia/Shanghai), oldest first. */
export function roundsConfirmedIn(month: string, rounds: readonly RoundSummary[]): RoundSummary[] {
  return rounds
    .filter((r) => r.status === SubsidyRoundStatus.Confirmed && r.confirmedAt !== null)
    .filter((r) => shanghaiMonth(new Date(r.confirmedAt!)) === month)
    .sort((a, b) => new Date(a.confirmedAt!).getTime() - new Date(b.confirmedAt!).getTime() || a.id - b.id);
}

export function subsidySectionContent(month: string, rounds: readonly RoundSummary[]): BulletinSectionContent {
  if (rounds.length === 0) {
    return { title: SUBSIDY_SECTION_TITLE, summary: [`${monthLabel(month)}无确认的补贴批次。`], table: null };
  }
  const facilities = rounds.reduce((n, r) => n + r.lineCount, 0);
  const totalFen = rounds.reduce((n, r) => n + r.totalFen, 0);
  return {
    title: SUBSIDY_SECTION_TITLE,
    summary: [
      `${monthLabel(month)}确认补贴批次 ${rounds.length} 个，补贴公用充电设施 ${facilities} 个，补贴金额合计 ${formatFen(totalFen)}。`,
      `确认的批次：${rounds.map((r) => `「${r.name}」${r.lineCount} 个设施 ${r.totalText}`).join('；')}。`,
    ],
    table: {
      columns: [
        { header: '批次名称', kind: GovCellKind.Text, width: 30 },
        { header: '确认时间', kind: GovCellKind.Text, width: 18 },
        { header: '范围', kind: GovCellKind.Text, width: 10 },
        { header: '设施数（个）', kind: GovCellKind.Integer, width: 10 },
        { header: '补贴金额（元）', kind: GovCellKind.Decimal, scale: 2, width: 16 },
      ],
      rows: [
        ...rounds.map((r) => [r.name, shanghaiDateTime(r.confirmedAt!), r.scope, r.lineCount, fenToYuan(r.totalFen)]),
        ['合计', null, null, facilities, fenToYuan(totalFen)],
      ],
    },
  };
}

/** 补贴 (issue 4 §5 in the 通报): subsidy rounds the office confirmed in the month, with their totals. */
@Injectable()
@BulletinSectionProvider()
export class SubsidyBulletinSection implements BulletinSection {
  readonly key = 'subsidy';
  readonly order = 30;

  constructor(private readonly rounds: SubsidyRoundService) {}

  async build({ user, month }: BulletinContext): Promise<BulletinSectionContent> {
    return subsidySectionContent(month, roundsConfirmedIn(month, await this.rounds.list(user)));
  }
}
