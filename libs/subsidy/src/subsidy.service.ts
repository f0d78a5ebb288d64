import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, Clock, Role, shanghaiDate } from '@app/core';
import { AuditService } from '@app/auth';
import { computeSubsidyAmount, formatFen, ROUNDING_RULE_ZH, SubsidyAmountBreakdown } from './subsidy-amount.js';
import { SubsidyInputError } from './subsidy-input.error.js';
import { SubsidyCandidate } from './subsidy-round.js';
import {
  CORE_SUBSIDY_RULES,
  evaluateSubsidyEligibility,
  EZHOU_SERVICE_RULES,
  FacilityUsage,
  SUBSIDY_RULE_LABELS_ZH,
  SubsidyRule,
  SubsidyRuleResult,
} from './subsidy-rules.js';
import {
  readStoredSubsidySettings,
  SUBSIDY_SETTINGS_KEY,
  SubsidySettings,
  SubsidySettingsInput,
  SubsidySettingsView,
  parseSubsidySettings,
  subsidySettingsView,
} from './subsidy-settings.js';
import { SubsidyCandidateRow, SubsidyRepository } from './subsidy.repository.js';
import { FacilityServiceSurvey } from './entities/facility-service-survey.entity.js';

export interface EligibilityRow {
  facilityId: number;
  code: string;
  name: string | null;
  districtId: number;
  districtName: string;
  communityName: string;
  platformId: string | null;
  eligible: boolean;
  results: (SubsidyRuleResult & { label: string })[];
  /** Set for an eligible facility when a rate is configured. */
  amountFen: number | null;
  amountText: string | null;
  explanation: readonly string[];
}

export interface EligibilityView {
  settings: SubsidySettingsView | null;
  rulesText: string;
  totals: { facilities: number; eligible: number; totalFen: number; totalText: string };
  facilities: EligibilityRow[];
}

export interface ServiceSurveyInput {
  facilityId: number;
  surveyedOn: string;
  nearestPileDistanceM: number;
  queueMinutes: number;
  note?: string | null;
}

export const SUBSIDY_MESSAGES = {
  noSettings: '尚未设置补贴标准：请先由市发展改革委设置补贴单价（元/千瓦或元/台）',
  badSettings: '补贴标准不正确',
  facilityNotFound: '设施不存在',
  notPublic: '只有公用充电设施适用鄂州「三个5」服务标准调查',
  futureSurvey: (date: string, today: string) => `调查日期 ${date} 晚于今天 ${today}`,
} as const;

/** Subsidy eligibility (issue 4 §5): settings, the evaluation of every public facility, and service surveys. */
@Injectable()
export class SubsidyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SubsidyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async settings(manager: EntityManager = this.dataSource.manager): Promise<SubsidySettings | null> {
    const [row] = await manager.query(`SELECT value FROM app_setting WHERE key = $1`, [SUBSIDY_SETTINGS_KEY]);
    return row ? readStoredSubsidySettings(row.value) : null;
  }

  async settingsView(): Promise<SubsidySettingsView | null> {
    const settings = await this.settings();
    return settings ? subsidySettingsView(settings) : null;
  }

  async updateSettings(user: AuthenticatedUser, input: SubsidySettingsInput): Promise<SubsidySettingsView> {
    const parsed = parseSubsidySettings(input);
    if (!parsed.ok) throw AppError.validation(SUBSIDY_MESSAGES.badSettings, parsed.errors);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.settings(manager);
      await manager.query(
        `INSERT INTO app_setting (key, value, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [SUBSIDY_SETTINGS_KEY, JSON.stringify(parsed.settings), user.id],
      );
      await this.audit.record(
        user,
        {
          action: 'subsidy.settings.update',
          entityType: 'app_setting',
          entityId: SUBSIDY_SETTINGS_KEY,
          before: before ? { ...before } : null,
          after: { ...parsed.settings },
        },
        manager,
      );
    });
    return subsidySettingsView(parsed.settings);
  }

  /** Every public facility in scope with each rule's pass/fail and reason, and the amount where eligible. */
  async eligibility(user: AuthenticatedUser, districtId?: number, eligibleOnly = false): Promise<EligibilityView> {
    const scope = this.scope(user, districtId);
    const settings = await this.settings();
    const ezhou = settings?.ezhouServiceStandard ?? false;
    const rows = (await this.repository.candidates(scope)).map((row) => {
      const evaluation = evaluate(row, ezhou);
      const amount =
        evaluation.eligible && settings ? computeSubsidyAmount(toCandidate(row).facility, settings.rate) : null;
      return eligibilityRow(row, evaluation.results, evaluation.eligible, amount);
    });
    const eligible = rows.filter((r) => r.eligible);
    const totalFen = eligible.reduce((sum, r) => sum + (r.amountFen ?? 0), 0);
    return {
      settings: settings ? subsidySettingsView(settings) : null,
      rulesText: settings ? subsidyRulesText(settings) : `${ruleListText(false)}${SUBSIDY_MESSAGES.noSettings}。`,
      totals: { facilities: rows.length, eligible: eligible.length, totalFen, totalText: formatFen(totalFen) },
      facilities: eligibleOnly ? eligible : rows,
    };
  }

  async recordSurvey(user: AuthenticatedUser, input: ServiceSurveyInput) {
    const today = shanghaiDate(this.clock.now());
    if (input.surveyedOn > today) throw AppError.validation(SUBSIDY_MESSAGES.futureSurvey(input.surveyedOn, today));
    return this.dataSource.transaction(async (manager) => {
      const facility = await this.repository.facilityDistrict(manager, input.facilityId);
      if (!facility) throw AppError.notFound(SUBSIDY_MESSAGES.facilityNotFound);
      if (facility.usage !== FacilityUsage.Public) throw AppError.validation(SUBSIDY_MESSAGES.notPublic);
      const saved = await manager.save(
        manager.create(FacilityServiceSurvey, {
          facilityId: input.facilityId,
          surveyedOn: input.surveyedOn,
          nearestPileDistanceM: String(input.nearestPileDistanceM),
          queueMinutes: String(input.queueMinutes),
          note: input.note?.trim() || null,
          recordedBy: user.id,
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'subsidy.survey.record',
          entityType: 'facility_service_survey',
          entityId: saved.id,
          districtId: facility.districtId,
          after: { ...input },
        },
        manager,
      );
      return { id: saved.id, ...input, note: saved.note };
    });
  }

  surveys(user: AuthenticatedUser, districtId?: number) {
    return this.repository.surveys(this.scope(user, districtId));
  }

  /** The districts a query covers: a district user its own (asking for another is refused); null = all. */
  scope(user: AuthenticatedUser, districtId?: number): number[] | null {
    if (user.role === Role.District) {
      const own = districtId ?? (user.districtId as number);
      assertDistrictAccess(user, own);
      return [own];
    }
    return districtId === undefined ? null : [districtId];
  }
}

/** A stored row as the pure rules' input. */
export function toCandidate(row: SubsidyCandidateRow): SubsidyCandidate & { confirmedRoundName: string | null } {
  return {
    facility: {
      id: String(row.facilityId),
      usage: row.usage as FacilityUsage,
      acceptedOn: row.acceptedOn,
      totalKw: trimDecimal(row.totalKw),
      acPiles: row.acPiles,
      dcPiles: row.dcPiles,
      serviceFeeYuanPerKwh: row.serviceFee === null ? null : trimDecimal(row.serviceFee),
      platformId: row.platformId,
    },
    platformRecord: row.platformConnectedOn === null ? null : { connectedOn: row.platformConnectedOn },
    confirmedRoundName: row.confirmedRoundName,
    ezhouMeasurements:
      row.surveyedOn === null
        ? null
        : { nearestPileDistanceM: Number(row.nearestPileDistanceM), queueMinutes: Number(row.queueMinutes) },
  };
}

export function evaluate(row: SubsidyCandidateRow, ezhouServiceStandard: boolean) {
  try {
    return evaluateSubsidyEligibility(toCandidate(row), { ezhouServiceStandard });
  } catch (error) {
    if (error instanceof SubsidyInputError) throw AppError.validation(`设施 ${row.code}：${error.message}`);
    throw error;
  }
}

export function labelled(results: readonly SubsidyRuleResult[]): (SubsidyRuleResult & { label: string })[] {
  return results.map((r) => ({ ...r, label: SUBSIDY_RULE_LABELS_ZH[r.rule] }));
}

function eligibilityRow(
  row: SubsidyCandidateRow,
  results: readonly SubsidyRuleResult[],
  eligible: boolean,
  amount: { amountFen: number; breakdown: SubsidyAmountBreakdown } | null,
): EligibilityRow {
  return {
    facilityId: row.facilityId,
    code: row.code,
    name: row.name,
    districtId: row.districtId,
    districtName: row.districtName,
    communityName: row.communityName,
    platformId: row.platformId,
    eligible,
    results: labelled(results),
    amountFen: amount?.amountFen ?? null,
    amountText: amount ? formatFen(amount.amountFen) : null,
    explanation: amount?.breakdown.explanationZh ?? [],
  };
}

function ruleListText(ezhou: boolean): string {
  const rules: SubsidyRule[] = [...CORE_SUBSIDY_RULES, ...(ezhou ? EZHOU_SERVICE_RULES : [])];
  return `适用规则：${rules.map((rule) => SUBSIDY_RULE_LABELS_ZH[rule]).join('；')}（市级平台接入以平台记录为准，取最近一次全量导入及其后的最新记录${ezhou ? '；找桩距离与排队时间取最近一次服务调查，服务费取登记库' : ''}）。`;
}

/** The rules, rate and rounding as stated beside every amount. */
export function subsidyRulesText(settings: SubsidySettings): string {
  const { rate } = settings;
  const parts = [
    rate.fenPerKw > 0 ? `按容量 ${formatFen(rate.fenPerKw)}/千瓦` : null,
    rate.fenPerPile.ac > 0 ? `交流桩 ${formatFen(rate.fenPerPile.ac)}/台` : null,
    rate.fenPerPile.dc > 0 ? `直流桩 ${formatFen(rate.fenPerPile.dc)}/台` : null,
  ].filter(Boolean);
  const cap = rate.capFen === null ? '单个设施不设上限' : `单个设施上限 ${formatFen(rate.capFen)}`;
  return `${ruleListText(settings.ezhouServiceStandard)}补贴标准：${parts.join('，')}；${cap}。${ROUNDING_RULE_ZH}`;
}

/** '120.000' → '120', '0.4500' → '0.45'. */
function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
