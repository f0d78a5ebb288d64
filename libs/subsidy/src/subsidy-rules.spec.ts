import { SubsidyInputError } from './subsidy-input.error.js';
import {
  evaluateSubsidyEligibility,
  FacilityUsage,
  SubsidyEvaluationInput,
  SubsidyRule,
  SubsidyRuleSetOptions,
} from './subsidy-rules.js';

const CORE: SubsidyRuleSetOptions = { ezhouServiceStandard: false };
const EZHOU: SubsidyRuleSetOptions = { ezhouServiceStandard: true };

/** Passes every rule, Ezhou's included; each test changes one thing. */
const eligible: SubsidyEvaluationInput = {
  facility: {
    id: 'F-001',
    usage: FacilityUsage.Public,
    acceptedOn: '2024-12-31',
    totalKw: '120',
    acPiles: 4,
    dcPiles: 2,
    serviceFeeYuanPerKwh: '0.45',
  },
  platformRecord: { connectedOn: '2025-02-28' },
  confirmedRoundName: null,
  ezhouMeasurements: { nearestPileDistanceM: 320, queueMinutes: 4 },
};

const withFacility = (changes: Partial<SubsidyEvaluationInput['facility']>): SubsidyEvaluationInput => ({
  ...eligible,
  facility: { ...eligible.facility, ...changes },
});

const failed = (input: SubsidyEvaluationInput, options = CORE) =>
  evaluateSubsidyEligibility(input, options)
    .results.filter((r) => !r.passed)
    .map((r) => [r.rule, r.reason]);

describe('evaluateSubsidyEligibility — core rules', () => {
  it('passes a public, accepted facility connected on the last day of the window, with every reason', () => {
    const evaluation = evaluateSubsidyEligibility(eligible, CORE);
    expect(evaluation.facilityId).toBe('F-001');
    expect(evaluation.eligible).toBe(true);
    expect(evaluation.results).toEqual([
      { rule: SubsidyRule.Public, passed: true, reason: '设施性质为公用' },
      { rule: SubsidyRule.Accepted, passed: true, reason: '已于 2024-12-31 通过验收' },
      { rule: SubsidyRule.OnMunicipalPlatform, passed: true, reason: '市级平台记录显示已接入，接入日期 2025-02-28' },
      {
        rule: SubsidyRule.ConnectedInTime,
        passed: true,
        reason: '验收日期 2024-12-31，接入期限 2025-02-28，接入日期 2025-02-28，未超过期限',
      },
      { rule: SubsidyRule.NotYetSubsidised, passed: true, reason: '未列入任何已确认的补贴批次' },
    ]);
  });

  it('fails a self-use facility', () => {
    expect(failed(withFacility({ usage: FacilityUsage.SelfUse }))).toEqual([
      [SubsidyRule.Public, '设施性质为自用，仅公用充电设施可获补贴'],
    ]);
  });

  it('fails a facility not accepted (the connection deadline cannot be set either)', () => {
    expect(failed(withFacility({ acceptedOn: null }))).toEqual([
      [SubsidyRule.Accepted, '未通过验收（无验收日期）'],
      [SubsidyRule.ConnectedInTime, '无验收日期，无法确定接入平台期限'],
    ]);
  });

  it('fails a facility the municipal platform has no record of (so it was not connected in time either)', () => {
    expect(failed({ ...eligible, platformRecord: null })).toEqual([
      [SubsidyRule.OnMunicipalPlatform, '市级平台记录中未找到该设施（以平台记录为准，不以区县报送为准）'],
      [SubsidyRule.ConnectedInTime, '验收日期 2024-12-31，接入期限 2025-02-28，市级平台无接入记录'],
    ]);
  });

  it('names the platform id it searched for, or that the district gave none', () => {
    const withId = { ...withFacility({ platformId: 'KMCD00000007' }) };
    expect(evaluateSubsidyEligibility(withId, CORE).results[2].reason).toBe(
      '市级平台记录显示平台编号 KMCD00000007 已接入，接入日期 2025-02-28',
    );
    expect(failed({ ...withId, platformRecord: null })[0]).toEqual([
      SubsidyRule.OnMunicipalPlatform,
      '市级平台记录中未找到平台编号 KMCD00000007（以平台记录为准，不以区县报送为准）',
    ]);
    expect(failed({ ...withFacility({ platformId: null }), platformRecord: null })[0]).toEqual([
      SubsidyRule.OnMunicipalPlatform,
      '区县未填报市级平台编号，市级平台记录中无法找到该设施',
    ]);
  });

  it('fails a facility connected after the deadline', () => {
    expect(failed({ ...eligible, platformRecord: { connectedOn: '2025-03-01' } })).toEqual([
      [SubsidyRule.ConnectedInTime, '验收日期 2024-12-31，接入期限 2025-02-28，接入日期 2025-03-01，超过期限'],
    ]);
  });

  it('fails a facility already in a confirmed round', () => {
    expect(failed({ ...eligible, confirmedRoundName: '2024年第一批' })).toEqual([
      [SubsidyRule.NotYetSubsidised, '已列入已确认批次「2024年第一批」，不得重复补贴'],
    ]);
  });

  it('reports every failing rule at once', () => {
    const evaluation = evaluateSubsidyEligibility(
      {
        ...withFacility({ usage: FacilityUsage.SelfUse, acceptedOn: null }),
        platformRecord: null,
        confirmedRoundName: 'X',
      },
      CORE,
    );
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.results.every((r) => !r.passed)).toBe(true);
  });
});

describe('evaluateSubsidyEligibility — the 2-calendar-month window', () => {
  it.each([
    // Accepted on the 31st: February has no 31st, so the deadline is its last day.
    ['2024-12-31', '2025-02-28', true, '2025-02-28'],
    ['2024-12-31', '2025-03-01', false, '2025-02-28'],
    ['2023-12-31', '2024-02-29', true, '2024-02-29'],
    ['2023-12-31', '2024-03-01', false, '2024-02-29'],
    // Same day of the month two months later.
    ['2024-01-15', '2024-03-15', true, '2024-03-15'],
    ['2024-01-15', '2024-03-16', false, '2024-03-15'],
    // Year boundary.
    ['2024-11-30', '2025-01-30', true, '2025-01-30'],
    ['2024-11-30', '2025-01-31', false, '2025-01-30'],
    // Connected on the platform before the acceptance date is not late.
    ['2024-06-10', '2024-06-01', true, '2024-08-10'],
  ])('accepted %s, connected %s → %p (deadline %s)', (acceptedOn, connectedOn, passed, deadline) => {
    const evaluation = evaluateSubsidyEligibility(
      { ...withFacility({ acceptedOn }), platformRecord: { connectedOn } },
      CORE,
    );
    const rule = evaluation.results.find((r) => r.rule === SubsidyRule.ConnectedInTime)!;
    expect(rule.passed).toBe(passed);
    expect(rule.reason).toBe(
      `验收日期 ${acceptedOn}，接入期限 ${deadline}，接入日期 ${connectedOn}，${passed ? '未超过期限' : '超过期限'}`,
    );
    expect(evaluation.eligible).toBe(passed);
  });
});

describe('evaluateSubsidyEligibility — Ezhou "三个5" (optional)', () => {
  it('is off unless enabled', () => {
    const evaluation = evaluateSubsidyEligibility({ ...eligible, ezhouMeasurements: null }, CORE);
    expect(evaluation.eligible).toBe(true);
    expect(evaluation.results).toHaveLength(5);
  });

  it('adds three passing rules with their values', () => {
    const evaluation = evaluateSubsidyEligibility(eligible, EZHOU);
    expect(evaluation.eligible).toBe(true);
    expect(evaluation.results.slice(5)).toEqual([
      { rule: SubsidyRule.EzhouPileDistance, passed: true, reason: '找桩距离 320 米，不大于 500 米' },
      { rule: SubsidyRule.EzhouServiceFee, passed: true, reason: '服务费 0.45 元/千瓦时，不高于 0.5 元/千瓦时' },
      { rule: SubsidyRule.EzhouQueueTime, passed: true, reason: '排队时间 4 分钟，不长于 5 分钟' },
    ]);
  });

  it.each([
    [500, true],
    [500.5, false],
    [501, false],
  ])('nearest pile %p m → %p', (nearestPileDistanceM, passed) => {
    const input = { ...eligible, ezhouMeasurements: { nearestPileDistanceM, queueMinutes: 4 } };
    expect(failed(input, EZHOU)).toEqual(
      passed ? [] : [[SubsidyRule.EzhouPileDistance, `找桩距离 ${nearestPileDistanceM} 米，大于 500 米`]],
    );
  });

  it.each([
    ['0.5', true],
    ['0.5000', true],
    ['0', true],
    ['0.5001', false],
    ['0.51', false],
    ['1', false],
  ])('service fee %s 元/kWh → %p (compared exactly)', (fee, passed) => {
    expect(failed(withFacility({ serviceFeeYuanPerKwh: fee }), EZHOU)).toEqual(
      passed ? [] : [[SubsidyRule.EzhouServiceFee, `服务费 ${fee} 元/千瓦时，高于 0.5 元/千瓦时`]],
    );
  });

  it.each([
    [5, true],
    [5.5, false],
    [12, false],
  ])('queue %p min → %p', (queueMinutes, passed) => {
    const input = { ...eligible, ezhouMeasurements: { nearestPileDistanceM: 320, queueMinutes } };
    expect(failed(input, EZHOU)).toEqual(
      passed ? [] : [[SubsidyRule.EzhouQueueTime, `排队时间 ${queueMinutes} 分钟，长于 5 分钟`]],
    );
  });

  it('fails each value that was not provided (未提供)', () => {
    expect(failed({ ...withFacility({ serviceFeeYuanPerKwh: null }), ezhouMeasurements: null }, EZHOU)).toEqual([
      [SubsidyRule.EzhouPileDistance, '未提供找桩距离'],
      [SubsidyRule.EzhouServiceFee, '未提供充电服务费'],
      [SubsidyRule.EzhouQueueTime, '未提供排队时间'],
    ]);
    expect(failed({ ...eligible, ezhouMeasurements: { nearestPileDistanceM: null, queueMinutes: 3 } }, EZHOU)).toEqual([
      [SubsidyRule.EzhouPileDistance, '未提供找桩距离'],
    ]);
  });
});

describe('evaluateSubsidyEligibility — malformed data', () => {
  it.each([
    [withFacility({ acceptedOn: '2024-02-30' }), CORE, '设施 F-001 的验收日期无效：2024-02-30'],
    [{ ...eligible, platformRecord: { connectedOn: '2025/02/28' } }, CORE, '设施 F-001 的平台接入日期无效'],
    [withFacility({ serviceFeeYuanPerKwh: '约0.5' }), EZHOU, '设施 F-001 的充电服务费格式无效：约0.5'],
    [
      { ...eligible, ezhouMeasurements: { nearestPileDistanceM: -1, queueMinutes: 3 } },
      EZHOU,
      '设施 F-001 的找桩距离须为非负数',
    ],
    [
      { ...eligible, ezhouMeasurements: { nearestPileDistanceM: 100, queueMinutes: Number.NaN } },
      EZHOU,
      '设施 F-001 的排队时间须为非负数',
    ],
  ])('throws for %o', (input, options, message) => {
    expect(() => evaluateSubsidyEligibility(input, options)).toThrow(SubsidyInputError);
    expect(() => evaluateSubsidyEligibility(input, options)).toThrow(message);
  });
});
