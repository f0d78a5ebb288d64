import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { AuditEvent, AuditService } from '@app/auth';
import { RatingRound, RatingRoundStatus } from '../entities/rating-round.entity.js';
import { RatingRow } from '../entities/rating-row.entity.js';
import { CompanyRatingInput, rateCompanies, ratingRulesText, RatingInputError } from '../property-company-score.js';
import {
  DEFAULT_RATING_SETTINGS,
  parseRatingSettings,
  RATING_CRITERION_DEFINITIONS_ZH,
  RatingCriterion,
  RatingGrade,
  RatingSettings,
} from '../rating-settings.js';
import { RatingInputsRepository, RatingSourceRow } from './rating-inputs.repository.js';

/** app_setting key of the office's rating configuration. */
export const RATING_SETTINGS_KEY = 'rating.settings';

export interface RatingRoundSummary {
  id: number;
  year: number;
  status: RatingRoundStatus;
  settings: Record<string, unknown>;
  rulesText: string;
  createdAt: Date;
  confirmedAt: Date | null;
  companies: number;
  /** Rated companies per grade, and how many lost award eligibility. */
  gradeCounts: Record<RatingGrade, number>;
  notRated: number;
  disqualified: number;
}

export interface RatingRowView {
  rank: number | null;
  propertyCompanyId: number;
  propertyCompanyName: string;
  communities: number;
  score: string | null;
  grade: string | null;
  awardEligible: boolean;
  breakdown: unknown[];
  deductions: unknown[];
  disqualificationReasons: string[];
  evidence: Record<string, unknown>;
  orderedBy: string | null;
  note: string | null;
}

export interface RatingRoundView extends RatingRoundSummary {
  definitions: Record<RatingCriterion, string>;
  rows: RatingRowView[];
}

const SUMMARY = `SELECT r.id, r.year, r.status, r.settings, r.rules_text AS "rulesText", r.created_at AS "createdAt",
       r.confirmed_at AS "confirmedAt", count(w.id)::int AS companies,
       count(*) FILTER (WHERE w.grade = 'A')::int AS a, count(*) FILTER (WHERE w.grade = 'B')::int AS b,
       count(*) FILTER (WHERE w.grade = 'C')::int AS c, count(*) FILTER (WHERE w.grade = 'D')::int AS d,
       count(*) FILTER (WHERE w.id IS NOT NULL AND w.grade IS NULL)::int AS "notRated",
       count(*) FILTER (WHERE jsonb_array_length(w.disqualification_reasons) > 0)::int AS disqualified
  FROM rating_round r LEFT JOIN rating_row w ON w.round_id = r.id`;

/**
 * Yearly property-company ratings (issue 4 §6; Jinpu §二(五), 住建局 评优评比): the office computes a draft for a
 * year, reviews and confirms it; a confirmed round is frozen by the database. Drafts are the office's alone.
 */
@Injectable()
export class RatingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: RatingInputsRepository,
    private readonly audit: AuditService,
  ) {}

  async settings(manager: EntityManager = this.dataSource.manager): Promise<RatingSettings> {
    const [row] = await manager.query(`SELECT value FROM app_setting WHERE key = $1`, [RATING_SETTINGS_KEY]);
    if (!row) return DEFAULT_RATING_SETTINGS;
    const parsed = parseRatingSettings(row.value);
    return parsed.ok ? parsed.settings : DEFAULT_RATING_SETTINGS;
  }

  async updateSettings(user: AuthenticatedUser, value: unknown): Promise<RatingSettings> {
    const parsed = parseRatingSettings(value);
    if (!parsed.ok) throw AppError.validation('物业服务企业评价设置不正确', parsed.errors);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.settings(manager);
      await manager.query(
        `INSERT INTO app_setting (key, value, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [RATING_SETTINGS_KEY, JSON.stringify(parsed.settings), user.id],
      );
      await this.audit.record(
        user,
        {
          action: 'rating.settings.update',
          entityType: 'app_setting',
          entityId: RATING_SETTINGS_KEY,
          before: { ...before },
          after: { ...parsed.settings },
        },
        manager,
      );
    });
    return parsed.settings;
  }

  /** Computes (or recomputes) the year's draft; refused once the year is confirmed. user null = the system. */
  async draft(user: AuthenticatedUser | null, year: number): Promise<RatingRoundView> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw AppError.validation('年度须为 2000 至 2100 的整数');
    const id = await this.dataSource.transaction(async (manager) => {
      const [confirmed] = await manager.query(`SELECT id FROM rating_round WHERE year = $1 AND status = 'confirmed'`, [
        year,
      ]);
      if (confirmed) throw AppError.conflict(`${year} 年度物业服务企业评价已确认，不能再修改`);
      const settings = await this.settings(manager);
      const sources = await this.inputs.sources(manager, year, settings.minPatrolsPerYear, settings.rectificationDays);
      if (sources.length === 0) throw AppError.validation(`${year} 年没有可评价的物业服务企业`);
      let rated;
      try {
        rated = rateCompanies(sources.map(toInput), settings);
      } catch (error) {
        if (error instanceof RatingInputError) throw AppError.validation(error.message, error.details);
        throw error;
      }
      const evidence = new Map(sources.map((s) => [String(s.companyId), evidenceOf(s)]));
      await manager.query(`DELETE FROM rating_round WHERE year = $1 AND status = 'draft'`, [year]);
      const round = await manager.save(
        manager.create(RatingRound, {
          year,
          status: RatingRoundStatus.Draft,
          settings: { ...settings },
          rulesText: ratingRulesText(settings),
          createdBy: user?.id ?? null,
        }),
      );
      await manager.save(
        rated.map((r) =>
          manager.create(RatingRow, {
            roundId: round.id,
            propertyCompanyId: Number(r.companyId),
            rank: r.rank,
            communities: r.communities,
            score: r.score,
            scoreNumerator: r.scoreExact === null ? null : String(r.scoreExact.numerator),
            scoreDenominator: r.scoreExact?.denominator ?? null,
            grade: r.grade,
            awardEligible: r.awardEligible,
            breakdown: r.breakdown.map((b) => ({ ...b })),
            deductions: r.deductions.map((d) => ({ ...d })),
            disqualificationReasons: [...r.disqualificationReasons],
            evidence: { ...evidence.get(r.companyId), weightedScore: r.weightedScore },
            orderedBy: r.orderedBy,
            note: r.note,
          }),
        ),
        { reload: false },
      );
      await this.audit.record(
        user,
        {
          action: 'rating.draft',
          entityType: 'rating_round',
          entityId: round.id,
          after: { year, companies: rated.length },
        },
        manager,
      );
      return round.id;
    });
    return this.viewAs(null, id);
  }

  async confirm(user: AuthenticatedUser, roundId: number): Promise<RatingRoundView> {
    await this.dataSource.transaction(async (manager) => {
      const round = await manager.findOne(RatingRound, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw AppError.notFound('评价不存在');
      if (round.status === RatingRoundStatus.Confirmed) throw AppError.conflict('该评价已确认');
      await manager.update(RatingRound, round.id, {
        status: RatingRoundStatus.Confirmed,
        confirmedBy: user.id,
        confirmedAt: new Date(),
      });
      await this.audit.record(
        user,
        {
          action: 'rating.confirm',
          entityType: 'rating_round',
          entityId: round.id,
          before: { status: round.status },
          after: { status: RatingRoundStatus.Confirmed, year: round.year },
        },
        manager,
      );
    });
    return this.view(user, roundId);
  }

  /** Leaders and districts see confirmed rounds only. */
  async list(user: AuthenticatedUser, year?: number): Promise<RatingRoundSummary[]> {
    const rows = await this.dataSource.query(
      `${SUMMARY} WHERE ($1::int IS NULL OR r.year = $1) AND (NOT $2 OR r.status = 'confirmed')
        GROUP BY r.id ORDER BY r.year DESC, r.id DESC`,
      [year ?? null, user.role !== Role.Office],
    );
    return rows.map(toSummary);
  }

  /** A district sees the companies that manage communities in its district; others see every company. */
  view(user: AuthenticatedUser, roundId: number): Promise<RatingRoundView> {
    return this.viewAs(user, roundId);
  }

  private async viewAs(user: AuthenticatedUser | null, roundId: number): Promise<RatingRoundView> {
    const [round] = await this.dataSource.query(`${SUMMARY} WHERE r.id = $1 GROUP BY r.id`, [roundId]);
    if (!round || (user !== null && user.role !== Role.Office && round.status !== RatingRoundStatus.Confirmed)) {
      throw AppError.notFound('评价不存在');
    }
    const district = user?.role === Role.District ? user.districtId : null;
    const rows: RatingRowView[] = await this.dataSource.query(
      `SELECT w.rank, w.property_company_id AS "propertyCompanyId", p.name AS "propertyCompanyName", w.communities,
              w.score, w.grade, w.award_eligible AS "awardEligible", w.breakdown, w.deductions,
              w.disqualification_reasons AS "disqualificationReasons", w.evidence, w.ordered_by AS "orderedBy", w.note
         FROM rating_row w JOIN property_company p ON p.id = w.property_company_id
        WHERE w.round_id = $1
          AND ($2::int IS NULL OR EXISTS (SELECT 1 FROM community c WHERE c.property_company_id = w.property_company_id AND c.district_id = $2))
        ORDER BY w.rank NULLS LAST, p.name`,
      [roundId, district],
    );
    return { ...toSummary(round), definitions: { ...RATING_CRITERION_DEFINITIONS_ZH }, rows };
  }
}

interface SummaryRow extends Omit<RatingRoundSummary, 'gradeCounts'> {
  a: number;
  b: number;
  c: number;
  d: number;
}

function toSummary(row: SummaryRow): RatingRoundSummary {
  return {
    id: row.id,
    year: row.year,
    status: row.status,
    settings: row.settings,
    rulesText: row.rulesText,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    companies: row.companies,
    gradeCounts: { [RatingGrade.A]: row.a, [RatingGrade.B]: row.b, [RatingGrade.C]: row.c, [RatingGrade.D]: row.d },
    notRated: row.notRated,
    disqualified: row.disqualified,
  };
}

/**
 * The four criteria from the counts (definitions in RATING_CRITERION_DEFINITIONS_ZH). Self-use cooperation: what the
 * data can show is installations that went ahead in the company's communities and refusals the office confirmed
 * (Jinpu §二(五) 不得以任何理由拒绝配合居民安装自用汽车充电设施).
 */
function toInput(row: RatingSourceRow): CompanyRatingInput {
  return {
    companyId: String(row.companyId),
    companyName: row.companyName,
    communities: row.communities,
    [RatingCriterion.Construction]: { numerator: row.eligibleWithPublicFacility, denominator: row.eligibleManaged },
    [RatingCriterion.SelfUseCooperation]: {
      numerator: row.selfUseInstalled,
      denominator: row.selfUseInstalled + row.selfUseRefusals,
    },
    [RatingCriterion.Patrol]: { numerator: row.communitiesPatrolled, denominator: row.communitiesInUse },
    [RatingCriterion.SafetyRectification]: { numerator: row.issuesRectifiedInTime, denominator: row.issuesFound },
    confirmedObstructions: row.confirmedObstructions,
    confirmedOther: row.confirmedOther,
  };
}

function evidenceOf(row: RatingSourceRow): Record<string, unknown> {
  return {
    eligibleManaged: row.eligibleManaged,
    eligibleWithPublicFacility: row.eligibleWithPublicFacility,
    selfUseInstalled: row.selfUseInstalled,
    selfUseRefusals: row.selfUseRefusals,
    communitiesInUse: row.communitiesInUse,
    communitiesPatrolled: row.communitiesPatrolled,
    patrols: row.patrols,
    issuesFound: row.issuesFound,
    issuesRectifiedInTime: row.issuesRectifiedInTime,
    confirmedComplaintIds: row.complaintIds,
  };
}

/** The year's draft outside Nest (the demo's first start), as the system. */
export async function draftRatingRound(dataSource: DataSource, year: number): Promise<RatingRoundView> {
  const service = new RatingService(
    dataSource,
    new RatingInputsRepository(),
    new AuditService(dataSource.getRepository(AuditEvent)),
  );
  return service.draft(null, year);
}
