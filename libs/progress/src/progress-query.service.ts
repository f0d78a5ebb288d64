import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, districtScopeSql, readableDistrictIds } from '@app/core';
import {
  PACE_WINDOW_MONTHS,
  Projection,
  PROJECTION_STATUS_LABELS,
  projectTarget,
  PROJECTION_RULE_ZH,
  targetCountOfRatio,
} from './projection.js';
import { Pacing, PACING_RULE_ZH, PACING_STATUS_LABELS, paceAgainstTarget } from './target-pacing.js';

export interface ProgressRow {
  districtId: number | null;
  districtName: string;
  targetCount: number | null;
  targetRatio: string | null;
  achievedCount: number;
  pilotDesignated: number;
  pilotCompleted: number;
  registeredCommunities: number;
  eligibleCommunities: number;
  coveredEligible: number;
  coveredIneligible: number;
  /** coveredEligible / eligibleCommunities, 4 decimals half-up; null when nothing is eligible. */
  coverageRatio: string | null;
  builtPublicFacilities: number;
  operatingPublicFacilities: number;
  publicAcPiles: number;
  publicDcPiles: number;
  selfUseAcPiles: number;
  selfUseDcPiles: number;
  publicKw: string;
  selfUseKw: string;
  /** Change against the previous month's snapshot; null when there is none. */
  change: { achievedCount: number; coveredEligible: number; publicPiles: number } | null;
  /** Whether the target is reached at the recent pace; null without a target. */
  projection: (Projection & { statusLabel: string }) | null;
  /** 红黄绿灯 against the target pro-rated to the plan's elapsed months; null without a target. */
  pacing: (Pacing & { statusLabel: string }) | null;
  computedAt: Date;
}

export interface ProgressTable {
  month: string;
  plan: { id: number; code: string; name: string; kind: string; startMonth: string; endMonth: string };
  rows: ProgressRow[];
  /** The rules that shape projection and pacing, to show beside the figures. */
  rules: { projection: string; pacing: string };
}

const COLUMNS = `s.district_id AS "districtId", COALESCE(d.name, '全市') AS "districtName", s.target_count AS "targetCount",
  s.target_ratio::text AS "targetRatio", s.achieved_count AS "achievedCount", s.pilot_designated AS "pilotDesignated",
  s.pilot_completed AS "pilotCompleted", s.registered_communities AS "registeredCommunities",
  s.eligible_communities AS "eligibleCommunities", s.covered_eligible AS "coveredEligible",
  s.covered_ineligible AS "coveredIneligible",
  CASE WHEN s.eligible_communities = 0 THEN NULL
       ELSE round(s.covered_eligible::numeric / s.eligible_communities, 4)::text END AS "coverageRatio",
  s.built_public_facilities AS "builtPublicFacilities", s.operating_public_facilities AS "operatingPublicFacilities",
  s.public_ac_piles AS "publicAcPiles", s.public_dc_piles AS "publicDcPiles", s.self_use_ac_piles AS "selfUseAcPiles",
  s.self_use_dc_piles AS "selfUseDcPiles", s.public_kw::text AS "publicKw", s.self_use_kw::text AS "selfUseKw",
  s.computed_at AS "computedAt"`;

/** A community's standing at a date, for the drill-down's community list (SPEC "Definitions": covered). */
export interface CommunityStanding {
  eligible: boolean | null;
  /** 'own': a built public facility of its own; 'nearby': a valid 1 km link to one; null: not covered. */
  coveredBy: 'own' | 'nearby' | null;
  /** AC + DC piles of its own built public facilities. */
  publicPiles: number;
}

/** Dashboards read snapshots, never raw rows. A district user sees its own row and the city's. */
@Injectable()
export class ProgressQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async table(user: AuthenticatedUser, month: string, planId: number): Promise<ProgressTable> {
    const [plan] = await this.dataSource.query(
      `SELECT id, code, name, kind, start_month AS "startMonth", end_month AS "endMonth" FROM target_plan WHERE id = $1`,
      [planId],
    );
    if (!plan) throw AppError.notFound('目标计划不存在');
    const scope = readableDistrictIds(user);
    const previous = previousMonth(month);
    const rows: (ProgressRow & {
      prevAchieved: number | null;
      prevCovered: number | null;
      prevPiles: number | null;
    })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, p.achieved_count AS "prevAchieved", p.covered_eligible AS "prevCovered",
                p.public_ac_piles + p.public_dc_piles AS "prevPiles"
           FROM progress_snapshot s LEFT JOIN district d ON d.id = s.district_id
           LEFT JOIN progress_snapshot p ON p.month = $3 AND p.plan_id = s.plan_id AND p.district_id IS NOT DISTINCT FROM s.district_id
          WHERE s.month = $1 AND s.plan_id = $2 AND (s.district_id IS NULL OR $4::int[] IS NULL OR s.district_id = ANY($4))
          ORDER BY s.district_id IS NULL, d.sort_order, d.code`,
      [month, planId, previous, scope],
    );
    if (rows.length === 0) throw AppError.notFound(`${month} 尚无该计划的汇总数据`);
    const history: { districtId: number | null; month: string; achieved: number }[] = await this.dataSource.query(
      `SELECT district_id AS "districtId", month, achieved_count AS achieved FROM progress_snapshot
        WHERE plan_id = $1 AND month <= $2 AND month >= $3 ORDER BY month`,
      [planId, month, addMonths(month, -PACE_WINDOW_MONTHS)],
    );
    const targetOf = (row: ProgressRow): number | null =>
      row.targetCount ??
      (row.targetRatio !== null ? targetCountOfRatio(row.targetRatio, row.eligibleCommunities) : null);
    const pacingOf = (row: ProgressRow): ProgressRow['pacing'] => {
      const target = targetOf(row);
      if (target === null || target === 0) return null;
      const pacing = paceAgainstTarget({
        month,
        startMonth: plan.startMonth,
        endMonth: plan.endMonth,
        target,
        achieved: row.achievedCount,
      });
      return { ...pacing, statusLabel: PACING_STATUS_LABELS[pacing.status] };
    };
    const projectionOf = (row: ProgressRow): ProgressRow['projection'] => {
      const target = targetOf(row);
      if (target === null || target === 0) return null;
      const points = history
        .filter((h) => h.districtId === row.districtId)
        .map(({ month: m, achieved }) => ({ month: m, achieved }));
      const projection = projectTarget({ history: points, target, endMonth: plan.endMonth });
      return { ...projection, statusLabel: PROJECTION_STATUS_LABELS[projection.status] };
    };
    return {
      month,
      plan,
      rows: rows.map(({ prevAchieved, prevCovered, prevPiles, ...row }) => ({
        ...row,
        projection: projectionOf(row as ProgressRow),
        pacing: pacingOf(row as ProgressRow),
        change:
          prevAchieved === null
            ? null
            : {
                achievedCount: row.achievedCount - prevAchieved,
                coveredEligible: row.coveredEligible - (prevCovered ?? 0),
                publicPiles: row.publicAcPiles + row.publicDcPiles - (prevPiles ?? 0),
              },
      })),
      rules: { projection: PROJECTION_RULE_ZH, pacing: PACING_RULE_ZH },
    };
  }

  /** Eligibility and coverage of the given communities at `date` (YYYY-MM-DD), by the snapshot's definitions. */
  async communityStandings(communityIds: number[], date: string): Promise<Map<number, CommunityStanding>> {
    if (communityIds.length === 0) return new Map();
    const rows: { id: number; eligible: boolean | null; ownFacilities: number; piles: number; nearby: boolean }[] =
      await this.dataSource.query(
        `WITH built AS (
           SELECT f.id, f.community_id, f.ac_piles + f.dc_piles AS piles FROM facility f
            WHERE f.usage = 'public' AND f.accepted_on <= $2 AND (f.retired_on IS NULL OR f.retired_on > $2)),
         elig AS (
           SELECT DISTINCT ON (e.community_id) e.community_id, e.eligible FROM community_eligibility e
            WHERE e.community_id = ANY($1) AND e.effective_from <= $2 ORDER BY e.community_id, e.effective_from DESC)
         SELECT c.id, e.eligible,
                (SELECT count(*)::int FROM built b WHERE b.community_id = c.id) AS "ownFacilities",
                (SELECT COALESCE(sum(b.piles), 0)::int FROM built b WHERE b.community_id = c.id) AS piles,
                EXISTS (SELECT 1 FROM nearby_coverage n JOIN built b ON b.id = n.facility_id
                         WHERE n.community_id = c.id AND n.valid_from <= $2 AND (n.valid_to IS NULL OR n.valid_to > $2)) AS nearby
           FROM community c LEFT JOIN elig e ON e.community_id = c.id WHERE c.id = ANY($1)`,
        [communityIds, date],
      );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          eligible: r.eligible,
          coveredBy: r.ownFacilities > 0 ? 'own' : r.nearby ? 'nearby' : null,
          publicPiles: r.piles,
        },
      ]),
    );
  }

  /** One district's (or the city's, districtId null) monthly series under a plan, oldest first. */
  async trend(
    user: AuthenticatedUser,
    planId: number,
    districtId: number | null,
  ): Promise<(Omit<ProgressRow, 'change' | 'projection' | 'pacing'> & { month: string })[]> {
    if (districtId !== null) assertDistrictAccess(user, districtId);
    return this.dataSource.query(
      `SELECT s.month, ${COLUMNS} FROM progress_snapshot s LEFT JOIN district d ON d.id = s.district_id
        WHERE s.plan_id = $1 AND s.district_id IS NOT DISTINCT FROM $2
          AND (s.district_id IS NULL OR ${districtScopeSql('s.district_id', 3)}) ORDER BY s.month`,
      [planId, districtId, readableDistrictIds(user)],
    );
  }
}

function previousMonth(month: string): string {
  return addMonths(month, -1);
}

function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
