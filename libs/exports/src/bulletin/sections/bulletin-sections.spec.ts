import { GridStep, TimeLimitStatus } from '@app/grid';
import { AnomalyFlagView, StatusBoard } from '@app/reporting';
import { RoundSummary, SubsidyRoundStatus } from '@app/subsidy';
import { anomalySectionContent, latestVersionFlags } from './anomaly.section.js';
import { gridAsOf, gridSectionContent } from './grid-breach.section.js';
import { platformSectionContent } from './platform-cross-check.section.js';
import { roundsConfirmedIn, subsidySectionContent } from './subsidy.section.js';

const flag = (over: Partial<AnomalyFlagView>): AnomalyFlagView =>
  ({
    districtId: 1,
    districtName: '五华区',
    versionNo: 2,
    kind: 'month_jump',
    kindLabel: '月增量异常',
    subject: 'facility',
    subjectCode: 'F1',
    subjectName: '一号站',
    metricLabel: '交流桩数',
    currentValue: '10',
    previousValue: '2',
    explained: false,
    confirmedAt: null,
    explanation: '增量过大',
    ...over,
  }) as AnomalyFlagView;

describe('通报 extension sections (issue 5 §3)', () => {
  it('counts the flags of each district’s latest version only, and says so when there are none', () => {
    const board = { districts: [{ districtId: 1, versionCount: 2 }] } as unknown as StatusBoard;
    const flags = [flag({}), flag({ versionNo: 1 }), flag({ explained: true, kind: 'cumulative_drop' as never })];
    const latest = latestVersionFlags(board, flags);
    expect(latest).toHaveLength(2);
    const content = anomalySectionContent('2026-10', latest);
    expect(content.summary[0]).toBe(
      '2026年10月各区县最新报送版本中共有异常标记 2 条，涉及 1 个区县；区县已说明 1 条、未说明 1 条，经市发展改革委核实 0 条。',
    );
    expect(content.table!.rows).toHaveLength(2);
    expect(anomalySectionContent('2026-10', [])).toEqual({
      title: '异常数据',
      summary: ['2026年10月无异常数据（以各区县本月最新报送版本为准）。'],
      table: null,
    });
  });

  it('reads the platform cross-check, or says nothing was imported', () => {
    expect(platformSectionContent({ latestImport: null } as never).summary).toEqual([
      '尚未导入市级平台记录，本月无法进行平台比对。',
    ]);
    const totals = {
      reportedConnected: 3,
      matched: 3,
      reportedNotConnected: 0,
      connectedNotReported: 0,
      mismatched: 0,
    };
    const clean = platformSectionContent({
      latestImport: {
        importedAt: new Date('2026-10-01T00:00:00Z'),
        sourceLabel: '文件',
        scopeLabel: '全量',
        recordCount: 3,
      },
      totals,
      districts: [{ districtId: 1, districtName: '五华区', ...totals }],
    } as never);
    expect(clean.table).toBeNull();
    expect(clean.summary[1]).toContain('平台比对无差异');
  });

  it('lists rounds confirmed in the month (Beijing time) with their totals', () => {
    const round = (id: number, confirmedAt: string | null, status = SubsidyRoundStatus.Confirmed) =>
      ({
        id,
        name: `第${id}批`,
        status,
        confirmedAt,
        lineCount: 2,
        totalFen: 105525,
        totalText: '1,055.25 元',
      }) as never;
    const rounds: RoundSummary[] = [
      round(1, '2026-09-30T16:30:00Z'), // 2026-10-01 00:30 in Shanghai
      round(2, '2026-09-30T15:30:00Z'), // still September there
      round(3, null, SubsidyRoundStatus.Draft),
    ];
    const october = roundsConfirmedIn('2026-10', rounds);
    expect(october.map((r) => r.id)).toEqual([1]);
    const content = subsidySectionContent('2026-10', october);
    expect(content.summary[0]).toBe('2026年10月确认补贴批次 1 个，补贴公用充电设施 2 个，补贴金额合计 1,055.25 元。');
    expect(content.table!.rows.at(-1)).toEqual(['合计', null, null, 2, '1055.25']);
    expect(subsidySectionContent('2026-11', []).summary).toEqual(['2026年11月无确认的补贴批次。']);
  });

  it('judges grid limits at the month’s end, or today while the month runs', () => {
    expect(gridAsOf('2026-02', '2026-12-01')).toBe('2026-02-28');
    expect(gridAsOf('2024-02', '2026-12-01')).toBe('2024-02-29');
    expect(gridAsOf('2026-12', '2026-12-01')).toBe('2026-12-01');
    const steps = Object.fromEntries(
      Object.values(GridStep).map((s) => [s, Object.fromEntries(Object.values(TimeLimitStatus).map((t) => [t, 0]))]),
    ) as never;
    const none = gridSectionContent('2026-10-31', {
      total: { facilityCount: 5, facilitiesWithBreach: 0, steps },
      groups: [],
      calendarGaps: [],
    });
    expect(none).toEqual({
      title: '电网时限',
      summary: ['截至 2026-10-31，纳入统计的 5 个设施均无电网办理超时或逾期未办。'],
      table: null,
    });
  });
});
