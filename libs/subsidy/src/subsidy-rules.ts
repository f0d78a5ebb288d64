import { addCalendarMonthsClamped, isIsoDate } from './calendar-months.js';
import { compareNonNegativeDecimals, isNonNegativeDecimal } from './decimal-string.js';
import { SubsidyInputError } from './subsidy-input.error.js';

export enum FacilityUsage {
  Public = 'public',
  SelfUse = 'self_use',
}

export enum SubsidyRule {
  Public = 'public',
  Accepted = 'accepted',
  OnMunicipalPlatform = 'on_municipal_platform',
  ConnectedInTime = 'connected_in_time',
  NotYetSubsidised = 'not_yet_subsidised',
  EzhouPileDistance = 'ezhou_pile_distance',
  EzhouServiceFee = 'ezhou_service_fee',
  EzhouQueueTime = 'ezhou_queue_time',
}

export const SUBSIDY_RULE_LABELS_ZH: Readonly<Record<SubsidyRule, string>> = Object.freeze({
  [SubsidyRule.Public]: '公用充电设施',
  [SubsidyRule.Accepted]: '已通过验收',
  [SubsidyRule.OnMunicipalPlatform]: '已接入市级平台',
  [SubsidyRule.ConnectedInTime]: '验收后 2 个月内接入平台',
  [SubsidyRule.NotYetSubsidised]: '未重复补贴',
  [SubsidyRule.EzhouPileDistance]: '找桩距离不大于 500 米',
  [SubsidyRule.EzhouServiceFee]: '服务费不高于 0.5 元/千瓦时',
  [SubsidyRule.EzhouQueueTime]: '排队时间不长于 5 分钟',
});

export const CORE_SUBSIDY_RULES: readonly SubsidyRule[] = Object.freeze([
  SubsidyRule.Public,
  SubsidyRule.Accepted,
  SubsidyRule.OnMunicipalPlatform,
  SubsidyRule.ConnectedInTime,
  SubsidyRule.NotYetSubsidised,
]);

/** Ezhou plan §一(三)1 "三个5"; optional, enabled per round. */
export const EZHOU_SERVICE_RULES: readonly SubsidyRule[] = Object.freeze([
  SubsidyRule.EzhouPileDistance,
  SubsidyRule.EzhouServiceFee,
  SubsidyRule.EzhouQueueTime,
]);

/** Jinpu annex 1 (项目验收): 验收后2个月内，向发改部门申报纳入平台统一管理. */
export const PLATFORM_CONNECTION_DEADLINE_MONTHS = 2;
export const EZHOU_MAX_PILE_DISTANCE_M = 500;
export const EZHOU_MAX_SERVICE_FEE_YUAN_PER_KWH = '0.5';
export const EZHOU_MAX_QUEUE_MINUTES = 5;

export interface SubsidyFacility {
  readonly id: string;
  readonly usage: FacilityUsage;
  /** 验收日期 'YYYY-MM-DD', or null when not accepted. */
  readonly acceptedOn: string | null;
  /** Installed capacity in kW, decimal string, at most 3 decimals. */
  readonly totalKw: string;
  readonly acPiles: number;
  readonly dcPiles: number;
  /** 充电服务费 in 元/kWh as a decimal string, or null when not reported. */
  readonly serviceFeeYuanPerKwh: string | null;
  /** The 市级平台编号 the district reported, which the platform's records were searched for; shown in the reason. */
  readonly platformId?: string | null;
}

/** The facility as the municipal platform records it; the platform's date counts, not the district's report. */
export interface MunicipalPlatformRecord {
  readonly connectedOn: string;
}

/** Measured for the Ezhou service standard; null = 未提供. */
export interface EzhouServiceMeasurements {
  readonly nearestPileDistanceM: number | null;
  readonly queueMinutes: number | null;
}

export interface SubsidyEvaluationInput {
  readonly facility: SubsidyFacility;
  /** null when the platform has no record of the facility. */
  readonly platformRecord: MunicipalPlatformRecord | null;
  /** Name of the confirmed round that already paid this facility, or null. */
  readonly confirmedRoundName: string | null;
  readonly ezhouMeasurements?: EzhouServiceMeasurements | null;
}

export interface SubsidyRuleSetOptions {
  /** Adds Ezhou's "三个5" service standard to the core rules. */
  readonly ezhouServiceStandard: boolean;
}

export interface SubsidyRuleResult {
  readonly rule: SubsidyRule;
  readonly passed: boolean;
  /** Why, in Chinese, with the dates or values the decision rests on. */
  readonly reason: string;
}

export interface SubsidyEvaluation {
  readonly facilityId: string;
  /** All enabled rules passed. */
  readonly eligible: boolean;
  readonly results: readonly SubsidyRuleResult[];
}

const result = (rule: SubsidyRule, passed: boolean, reason: string): SubsidyRuleResult => ({ rule, passed, reason });

function assertDate(facilityId: string, date: string, label: string): void {
  if (!isIsoDate(date)) {
    throw new SubsidyInputError(`设施 ${facilityId} 的${label}无效：${date}（应为 YYYY-MM-DD）`);
  }
}

function assertMeasurement(facilityId: string, value: number | null, label: string): void {
  if (value !== null && (!Number.isFinite(value) || value < 0)) {
    throw new SubsidyInputError(`设施 ${facilityId} 的${label}须为非负数，当前为 ${String(value)}`);
  }
}

// Kunming plan §四(五): the subsidy is for 公用 facilities only.
function checkPublic(facility: SubsidyFacility): SubsidyRuleResult {
  return facility.usage === FacilityUsage.Public
    ? result(SubsidyRule.Public, true, '设施性质为公用')
    : result(SubsidyRule.Public, false, '设施性质为自用，仅公用充电设施可获补贴');
}

// Kunming plan §四(五): only facilities that passed acceptance (通过验收).
function checkAccepted(facility: SubsidyFacility): SubsidyRuleResult {
  return facility.acceptedOn === null
    ? result(SubsidyRule.Accepted, false, '未通过验收（无验收日期）')
    : result(SubsidyRule.Accepted, true, `已于 ${facility.acceptedOn} 通过验收`);
}

// Kunming plan §四(五): connected to the municipal platform (接入市级新能源平台), judged by the platform's records.
function checkOnPlatform(facility: SubsidyFacility, platformRecord: MunicipalPlatformRecord | null): SubsidyRuleResult {
  const id = facility.platformId;
  if (platformRecord !== null) {
    const which = id ? `平台编号 ${id} ` : '';
    return result(
      SubsidyRule.OnMunicipalPlatform,
      true,
      `市级平台记录显示${which}已接入，接入日期 ${platformRecord.connectedOn}`,
    );
  }
  if (id === null) {
    return result(SubsidyRule.OnMunicipalPlatform, false, '区县未填报市级平台编号，市级平台记录中无法找到该设施');
  }
  const which = id === undefined ? '该设施' : `平台编号 ${id}`;
  return result(
    SubsidyRule.OnMunicipalPlatform,
    false,
    `市级平台记录中未找到${which}（以平台记录为准，不以区县报送为准）`,
  );
}

// Jinpu annex 1 (项目验收): on the platform within 2 calendar months after acceptance; the deadline is the same day
// of the month, or the month's last day where that day does not exist (SPEC "Definitions").
function checkConnectedInTime(
  facility: SubsidyFacility,
  platformRecord: MunicipalPlatformRecord | null,
): SubsidyRuleResult {
  if (facility.acceptedOn === null) {
    return result(SubsidyRule.ConnectedInTime, false, '无验收日期，无法确定接入平台期限');
  }
  const deadline = addCalendarMonthsClamped(facility.acceptedOn, PLATFORM_CONNECTION_DEADLINE_MONTHS);
  const dates = `验收日期 ${facility.acceptedOn}，接入期限 ${deadline}`;
  if (platformRecord === null) {
    return result(SubsidyRule.ConnectedInTime, false, `${dates}，市级平台无接入记录`);
  }
  const connectedOn = platformRecord.connectedOn;
  return connectedOn <= deadline
    ? result(SubsidyRule.ConnectedInTime, true, `${dates}，接入日期 ${connectedOn}，未超过期限`)
    : result(SubsidyRule.ConnectedInTime, false, `${dates}，接入日期 ${connectedOn}，超过期限`);
}

// SPEC "Subsidy": a facility in a confirmed earlier round is not paid again.
function checkNotYetSubsidised(confirmedRoundName: string | null): SubsidyRuleResult {
  return confirmedRoundName === null
    ? result(SubsidyRule.NotYetSubsidised, true, '未列入任何已确认的补贴批次')
    : result(SubsidyRule.NotYetSubsidised, false, `已列入已确认批次「${confirmedRoundName}」，不得重复补贴`);
}

// Ezhou plan §一(三)1, §二(一)3: a public pile within 500 m (找桩距离不大于500米).
function checkPileDistance(distanceM: number | null): SubsidyRuleResult {
  if (distanceM === null) {
    return result(SubsidyRule.EzhouPileDistance, false, '未提供找桩距离');
  }
  return distanceM <= EZHOU_MAX_PILE_DISTANCE_M
    ? result(SubsidyRule.EzhouPileDistance, true, `找桩距离 ${distanceM} 米，不大于 ${EZHOU_MAX_PILE_DISTANCE_M} 米`)
    : result(SubsidyRule.EzhouPileDistance, false, `找桩距离 ${distanceM} 米，大于 ${EZHOU_MAX_PILE_DISTANCE_M} 米`);
}

// Ezhou plan §一(三)1, §二(三)8: service fee not above 0.5 元/kWh.
function checkServiceFee(fee: string | null): SubsidyRuleResult {
  const limit = EZHOU_MAX_SERVICE_FEE_YUAN_PER_KWH;
  if (fee === null) {
    return result(SubsidyRule.EzhouServiceFee, false, '未提供充电服务费');
  }
  return compareNonNegativeDecimals(fee, limit) <= 0
    ? result(SubsidyRule.EzhouServiceFee, true, `服务费 ${fee} 元/千瓦时，不高于 ${limit} 元/千瓦时`)
    : result(SubsidyRule.EzhouServiceFee, false, `服务费 ${fee} 元/千瓦时，高于 ${limit} 元/千瓦时`);
}

// Ezhou plan §一(三)1, §二(三)9: queue not longer than 5 minutes.
function checkQueueTime(minutes: number | null): SubsidyRuleResult {
  if (minutes === null) {
    return result(SubsidyRule.EzhouQueueTime, false, '未提供排队时间');
  }
  return minutes <= EZHOU_MAX_QUEUE_MINUTES
    ? result(SubsidyRule.EzhouQueueTime, true, `排队时间 ${minutes} 分钟，不长于 ${EZHOU_MAX_QUEUE_MINUTES} 分钟`)
    : result(SubsidyRule.EzhouQueueTime, false, `排队时间 ${minutes} 分钟，长于 ${EZHOU_MAX_QUEUE_MINUTES} 分钟`);
}

/**
 * Evaluates every enabled rule (none short-circuits, so the office sees all reasons at once). Malformed data — an
 * impossible date, a fee that is not a decimal, a negative measurement — throws SubsidyInputError; missing data fails
 * the rule it concerns.
 */
export function evaluateSubsidyEligibility(
  input: SubsidyEvaluationInput,
  options: SubsidyRuleSetOptions,
): SubsidyEvaluation {
  const { facility, platformRecord } = input;
  if (facility.acceptedOn !== null) {
    assertDate(facility.id, facility.acceptedOn, '验收日期');
  }
  if (platformRecord !== null) {
    assertDate(facility.id, platformRecord.connectedOn, '平台接入日期');
  }

  const results = [
    checkPublic(facility),
    checkAccepted(facility),
    checkOnPlatform(facility, platformRecord),
    checkConnectedInTime(facility, platformRecord),
    checkNotYetSubsidised(input.confirmedRoundName),
  ];

  if (options.ezhouServiceStandard) {
    const fee = facility.serviceFeeYuanPerKwh;
    if (fee !== null && !isNonNegativeDecimal(fee)) {
      throw new SubsidyInputError(`设施 ${facility.id} 的充电服务费格式无效：${fee}`);
    }
    const distance = input.ezhouMeasurements?.nearestPileDistanceM ?? null;
    const queue = input.ezhouMeasurements?.queueMinutes ?? null;
    assertMeasurement(facility.id, distance, '找桩距离');
    assertMeasurement(facility.id, queue, '排队时间');
    results.push(checkPileDistance(distance), checkServiceFee(fee), checkQueueTime(queue));
  }

  return { facilityId: facility.id, eligible: results.every((r) => r.passed), results };
}
