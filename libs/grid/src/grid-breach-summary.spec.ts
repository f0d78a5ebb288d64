import { createChinaWorkingDayCalendar } from './china-working-day-calendar.js';
import { GridStep, summariseGridBreaches, TimeLimitStatus } from './grid-time-limits.js';

describe('breaches summarised per district as of 2024-07-31', () => {
  // 五华区 A: the Spring Festival 2024 facility (see grid-time-limits-spring-festival-2024.spec.ts):
  //   受理 Breached, 供电方案 Met, 装表 Met, 平台 Breached.
  // 五华区 B: applied Mon 07-29, not accepted; deadline Tue 07-30, so Overdue on Wed 07-31; other steps N/A.
  // 盘龙区 C: applied Mon 07-01, accepted Tue 07-02 (used 1, Met), plan replied Fri 07-05
  //   (07-03, 07-04, 07-05 = 3, Met); other steps N/A.
  const summary = summariseGridBreaches(
    [
      {
        groupKey: '五华区',
        stages: {
          gridAppliedOn: '2024-02-09',
          gridAcceptedOn: '2024-02-19',
          supplyPlanRepliedOn: '2024-02-22',
          constructionCompletedOn: '2024-04-03',
          meterInstalledOn: '2024-04-08',
          acceptedOn: '2024-04-30',
          platformConnectedOn: '2024-07-01',
        },
      },
      {
        groupKey: '盘龙区',
        stages: { gridAppliedOn: '2024-07-01', gridAcceptedOn: '2024-07-02', supplyPlanRepliedOn: '2024-07-05' },
      },
      { groupKey: '五华区', stages: { gridAppliedOn: '2024-07-29' } },
    ],
    '2024-07-31',
    createChinaWorkingDayCalendar(),
  );

  it('lists groups in order of first appearance', () => {
    expect(summary.groups.map((group) => group.groupKey)).toEqual(['五华区', '盘龙区']);
  });

  it('counts 五华区: both facilities late somewhere', () => {
    const wuhua = summary.groups[0]!;
    expect(wuhua.facilityCount).toBe(2);
    expect(wuhua.facilitiesWithBreach).toBe(2);
    expect(wuhua.steps[GridStep.ApplicationAcceptance]).toMatchObject({
      [TimeLimitStatus.Breached]: 1,
      [TimeLimitStatus.Overdue]: 1,
      [TimeLimitStatus.Met]: 0,
    });
    expect(wuhua.steps[GridStep.SupplyPlanReply]).toMatchObject({
      [TimeLimitStatus.Met]: 1,
      [TimeLimitStatus.NotApplicable]: 1,
    });
    expect(wuhua.steps[GridStep.PlatformRegistration]).toMatchObject({
      [TimeLimitStatus.Breached]: 1,
      [TimeLimitStatus.NotApplicable]: 1,
    });
  });

  it('counts 盘龙区: on time', () => {
    const panlong = summary.groups[1]!;
    expect(panlong.facilitiesWithBreach).toBe(0);
    expect(panlong.steps[GridStep.ApplicationAcceptance][TimeLimitStatus.Met]).toBe(1);
    expect(panlong.steps[GridStep.SupplyPlanReply][TimeLimitStatus.Met]).toBe(1);
    expect(panlong.steps[GridStep.MeterInstallation][TimeLimitStatus.NotApplicable]).toBe(1);
  });

  it('adds a city total', () => {
    expect(summary.total.facilityCount).toBe(3);
    expect(summary.total.facilitiesWithBreach).toBe(2);
    expect(summary.total.steps[GridStep.ApplicationAcceptance]).toEqual({
      [TimeLimitStatus.Met]: 1,
      [TimeLimitStatus.Breached]: 1,
      [TimeLimitStatus.Pending]: 0,
      [TimeLimitStatus.Overdue]: 1,
      [TimeLimitStatus.NotApplicable]: 0,
      [TimeLimitStatus.InconsistentDates]: 0,
    });
  });
});
