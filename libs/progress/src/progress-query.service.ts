import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  addMonths,
  AppError,
  assertDistrictAccess,
  AuthenticatedUser,
  districtScopeSql,
  previousMonth,
  readableDistrictIds,
  Role,
} from '@app/core';
import {
  PACE_WINDOW_MONTHS,
  Projection,
  PROJECTION_RULE_ZH,
  PROJECTION_STATUS_LABELS,
  projectTarget,
  targetCountOfRatio,
} from './projection.js';
import { Pacing, PACING_RULE_ZH, PACING_STATUS_LABELS, paceAgainstTarget } from './target-pacing.js';

/** The figures every dashboard row shows, whatever it stands for (a district, a city, a province, the nation). */
export interface ProgressFigures {
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

/** The rules that shape projection and pacing, to show beside the figures. */
export interface ProgressRules {
  projection: string;
  pacing: string;
}

const RULES: ProgressRules = { projection: PROJECTION_RULE_ZH, pacing: PACING_RULE_ZH };

export interface ProgressRow extends ProgressFigures {
  districtId: number | null;
  districtName: string;
}

export interface PlanRef {
  id: number;
  code: string;
  name: string;
  kind: string;
  startMonth: string;
  endMonth: string;
}

export interface CityRef {
  id: number;
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface ProgressTable {
  month: string;
  plan: PlanRef;
  city: CityRef;
  rows: ProgressRow[];
  rules: ProgressRules;
}

/** Above the city: a province's cities, or the nation's provinces. */
export enum RegionLevel {
  Province = 'province',
  Nation = 'nation',
}

export interface RegionProgressRow extends ProgressFigures {
  /** A city id (province level) or a province code (nation level); null for the total row. */
  regionCode: string | null;
  regionName: string;
  /** Cities behind the row. */
  cities: number;
}

export interface RegionProgressTable {
  month: string;
  plan: PlanRef;
  level: RegionLevel;
  provinceCode: string | null;
  rows: RegionProgressRow[];
  rules: ProgressRules;
}

/** One snapshot row as read, before change and projection are attached. */
type SnapshotFigures = Omit<ProgressFigures, 'change' | 'projection' | 'pacing'> & { month: string };

/** A community's standing at a date, for the drill-down's community list (SPEC "Definitions": covered). */
export interface CommunityStanding {
  eligible: boolean | null;
  /** 'own': a built public facility of its own; 'nearby': a valid 1 km link to one; null: not covered. */
  coveredBy: 'own' | 'nearby' | null;
  /** AC + DC piles of its own built public facilities. */
  publicPiles: number;
}

const FIGURE_COLUMNS = `s.target_count AS "targetCount",
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

const COLUMNS = `s.district_id AS "districtId", COALESCE(d.name, '全市') AS "districtName", ${FIGURE_COLUMNS}`;

/**
 * Sums of city rows for a region (SQL over `s`, the city rows). Counts add up; the ratio target is the
 * eligible-weighted mean of the cities' (4 decimals, half-up, as a city's is of its districts'); freshness is the
 * oldest city row's.
 */
const REGION_SUMS = `SUM(s.target_count)::int AS "targetCount",
  CASE WHEN COUNT(s.target_ratio) = 0 THEN NULL
       WHEN COALESCE(SUM(s.eligible_communities) FILTER (WHERE s.target_ratio IS NOT NULL), 0) = 0 THEN MIN(s.target_ratio)::text
       ELSE round(SUM(s.target_ratio * s.eligible_communities) / SUM(s.eligible_communities) FILTER (WHERE s.target_ratio IS NOT NULL), 4)::text
  END AS "targetRatio",
  SUM(s.achieved_count)::int AS "achievedCount", SUM(s.pilot_designated)::int AS "pilotDesignated",
  SUM(s.pilot_completed)::int AS "pilotCompleted", SUM(s.registered_communities)::int AS "registeredCommunities",
  SUM(s.eligible_communities)::int AS "eligibleCommunities", SUM(s.covered_eligible)::int AS "coveredEligible",
  SUM(s.covered_ineligible)::int AS "coveredIneligible",
  CASE WHEN SUM(s.eligible_communities) = 0 THEN NULL
       ELSE round(SUM(s.covered_eligible)::numeric / SUM(s.eligible_communities), 4)::text END AS "coverageRatio",
  SUM(s.built_public_facilities)::int AS "builtPublicFacilities",
  SUM(s.operating_public_facilities)::int AS "operatingPublicFacilities",
  SUM(s.public_ac_piles)::int AS "publicAcPiles", SUM(s.public_dc_piles)::int AS "publicDcPiles",
  SUM(s.self_use_ac_piles)::int AS "selfUseAcPiles", SUM(s.self_use_dc_piles)::int AS "selfUseDcPiles",
  SUM(s.public_kw)::numeric(16,3)::text AS "publicKw", SUM(s.self_use_kw)::numeric(16,3)::text AS "selfUseKw",
  MIN(s.computed_at) AS "computedAt", COUNT(*)::int AS cities`;

/**
 * Dashboards read snapshots, never raw rows. A city's table is its districts and the city row; a district user sees
 * its own row and its city's. Above the city (province, nation) the rows are sums of city rows, for the office and
 * leaders. Each table is read in one query over the pace window (PACE_WINDOW_MONTHS back): the current month's
 * rows, last month's for the change, and the series the projection needs.
 */
@Injectable()
export class ProgressQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async table(user: AuthenticatedUser, month: string, planId: number, cityId?: number): Promise<ProgressTable> {
    const { plan, city } = await this.planAndCity(user, planId, cityId);
    const scope = readableDistrictIds(user);
    const rows: (SnapshotFigures & { districtId: number | null; districtName: string })[] = await this.dataSource.query(
      `SELECT s.month, ${COLUMNS}
           FROM progress_snapshot s LEFT JOIN district d ON d.id = s.district_id
          WHERE s.city_id = $1 AND s.plan_id = $2 AND s.month BETWEEN $3 AND $4
            AND (s.district_id IS NULL OR $5::int[] IS NULL OR s.district_id = ANY($5))
          ORDER BY s.district_id IS NULL, d.sort_order, d.code, s.month`,
      [city.id, planId, addMonths(month, -PACE_WINDOW_MONTHS), month, scope],
    );
    const table = withChangeAndProjection(rows, (r) => String(r.districtId), month, plan);
    if (table.length === 0) throw AppError.notFound(`${month} 尚无该计划的汇总数据`);
    return {
      month,
      plan,
      city,
      rows: table.map(({ month: _m, ...row }) => row),
      rules: RULES,
    };
  }

  /**
   * A province's cities and the province's total, or the nation's provinces and the nation's total (issue 4 scale:
   * the same snapshots rolled up one GROUP BY higher).
   */
  async regionTable(
    user: AuthenticatedUser,
    month: string,
    planId: number,
    level: RegionLevel,
    provinceCode?: string,
  ): Promise<RegionProgressTable> {
    if (user.role === Role.District) throw AppError.forbidden('区县用户只能查看本区县与本市的进度');
    if (level === RegionLevel.Province && !provinceCode) throw AppError.validation('按省汇总时须指定省份代码');
    const province = level === RegionLevel.Province ? provinceCode! : null;
    const [key, name, sortKey] =
      level === RegionLevel.Province
        ? ['c.id::text', 'MIN(c.name)', 'MIN(c.code)']
        : ['c.province_code', 'MIN(c.province_name)', 'MIN(c.province_code)'];
    // Two independent reads, side by side on the pool: the plan (for its end month) and the sums.
    const [plan, rows] = await Promise.all([
      this.plan(planId),
      this.dataSource.query(
        `SELECT s.month, ${key} AS "regionCode",
                CASE WHEN GROUPING(${key}) = 1 THEN ${level === RegionLevel.Province ? 'MIN(c.province_name)' : "'全国'"}
                     ELSE ${name} END AS "regionName",
                ${REGION_SUMS}
           FROM progress_snapshot s JOIN city c ON c.id = s.city_id
          WHERE s.plan_id = $1 AND s.district_id IS NULL AND s.month BETWEEN $2 AND $3
            AND ($4::varchar IS NULL OR c.province_code = $4)
          GROUP BY GROUPING SETS ((s.month, ${key}), (s.month))
          ORDER BY GROUPING(${key}), ${sortKey}, s.month`,
        [planId, addMonths(month, -PACE_WINDOW_MONTHS), month, province],
      ) as Promise<(SnapshotFigures & { regionCode: string | null; regionName: string; cities: number })[]>,
    ]);
    const table = withChangeAndProjection(rows, (r) => String(r.regionCode), month, plan);
    if (table.length === 0)
      throw AppError.notFound(province ? `${month} 该省尚无该计划的汇总数据` : `${month} 尚无该计划的汇总数据`);
    return {
      month,
      plan,
      level,
      provinceCode: province,
      rows: table.map(({ month: _m, ...row }) => row),
      rules: RULES,
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

  /** One district's (or its city's, districtId null) monthly series under a plan, oldest first. */
  async trend(
    user: AuthenticatedUser,
    planId: number,
    districtId: number | null,
    cityId?: number,
  ): Promise<(Omit<ProgressRow, 'change' | 'projection' | 'pacing'> & { month: string })[]> {
    if (districtId !== null) {
      assertDistrictAccess(user, districtId);
      return this.dataSource.query(
        `SELECT s.month, ${COLUMNS} FROM progress_snapshot s JOIN district d ON d.id = s.district_id
          WHERE s.plan_id = $1 AND s.district_id = $2 AND ${districtScopeSql('s.district_id', 3)} ORDER BY s.month`,
        [planId, districtId, readableDistrictIds(user)],
      );
    }
    const city = await this.city(user, cityId);
    return this.dataSource.query(
      `SELECT s.month, ${COLUMNS} FROM progress_snapshot s LEFT JOIN district d ON d.id = s.district_id
        WHERE s.plan_id = $1 AND s.city_id = $2 AND s.district_id IS NULL ORDER BY s.month`,
      [planId, city.id],
    );
  }

  private async plan(planId: number): Promise<PlanRef> {
    const [plan] = await this.dataSource.query(
      `SELECT id, code, name, kind, start_month AS "startMonth", end_month AS "endMonth" FROM target_plan WHERE id = $1`,
      [planId],
    );
    if (!plan) throw AppError.notFound('目标计划不存在');
    return plan;
  }

  /** The plan and the city in one round trip (the city table is the dashboards' most frequent read). */
  private async planAndCity(
    user: AuthenticatedUser,
    planId: number,
    cityId?: number,
  ): Promise<{ plan: PlanRef; city: CityRef }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT json_build_object('id', id, 'code', code, 'name', name, 'kind', kind, 'startMonth', start_month,
                                        'endMonth', end_month) FROM target_plan WHERE id = $1) AS plan,
              (SELECT json_agg(x) FROM (${cityCandidates('$2', '$3')}) x) AS cities`,
      [planId, cityId ?? null, user.role === Role.District ? user.districtId : null],
    );
    if (!row.plan) throw AppError.notFound('目标计划不存在');
    return { plan: row.plan, city: pickCity(user, cityId, row.cities ?? []) };
  }

  private async city(user: AuthenticatedUser, cityId?: number): Promise<CityRef> {
    const cities = await this.dataSource.query(cityCandidates('$1', '$2'), [
      cityId ?? null,
      user.role === Role.District ? user.districtId : null,
    ]);
    return pickCity(user, cityId, cities);
  }
}

/**
 * The city asked for (parameter `cityParam`), else the district user's own (`districtParam`), else every city, up to
 * two: enough to tell "the only one" from "ambiguous". `own` marks the district user's city.
 */
function cityCandidates(cityParam: string, districtParam: string): string {
  return `SELECT c.id, c.code, c.name, c.province_code AS "provinceCode", c.province_name AS "provinceName",
                 COALESCE(c.id = mine.city_id, false) AS "own"
            FROM city c LEFT JOIN (SELECT city_id FROM district WHERE id = ${districtParam}::int) mine ON true
           WHERE (${cityParam}::int IS NULL OR c.id = ${cityParam}::int)
             AND (${cityParam}::int IS NOT NULL OR ${districtParam}::int IS NULL OR c.id = mine.city_id)
           ORDER BY c.id LIMIT 2`;
}

function pickCity(
  user: AuthenticatedUser,
  cityId: number | undefined,
  cities: (CityRef & { own: boolean })[],
): CityRef {
  const strip = ({ own: _own, ...city }: CityRef & { own: boolean }): CityRef => city;
  if (cityId !== undefined) {
    const asked = cities.find((c) => c.id === cityId);
    if (!asked) throw AppError.notFound('城市不存在');
    if (user.role === Role.District && !asked.own) throw AppError.forbidden('区县用户只能查看本区县与本市的进度');
    return strip(asked);
  }
  if (user.role === Role.District) {
    const own = cities.find((c) => c.own);
    if (!own) throw AppError.notFound('未找到本区县所属城市');
    return strip(own);
  }
  if (cities.length === 0) throw AppError.notFound('尚未登记城市');
  if (cities.length > 1) throw AppError.validation('系统中有多个城市，请指定城市（cityId）');
  return strip(cities[0]);
}

/**
 * Rows of the pace window (every month from month − PACE_WINDOW_MONTHS to month, per entity, oldest first) →
 * one row per entity of `month`, with the change against last month and the projection over the window.
 */
function withChangeAndProjection<T extends SnapshotFigures>(
  rows: T[],
  keyOf: (row: T) => string,
  month: string,
  plan: Pick<PlanRef, 'startMonth' | 'endMonth'>,
): (T & Pick<ProgressFigures, 'change' | 'projection' | 'pacing'>)[] {
  const series = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = series.get(key);
    if (list) list.push(row);
    else series.set(key, [row]);
  }
  const previous = previousMonth(month);
  const result: (T & Pick<ProgressFigures, 'change' | 'projection' | 'pacing'>)[] = [];
  for (const list of series.values()) {
    const current = list.at(-1)!;
    if (current.month !== month) continue;
    const before = list.find((r) => r.month === previous);
    result.push({
      ...current,
      change: before
        ? {
            achievedCount: current.achievedCount - before.achievedCount,
            coveredEligible: current.coveredEligible - before.coveredEligible,
            publicPiles: current.publicAcPiles + current.publicDcPiles - (before.publicAcPiles + before.publicDcPiles),
          }
        : null,
      projection: projectionOf(list, plan.endMonth),
      pacing: pacingOf(current, month, plan),
    });
  }
  return result;
}

function targetOf(row: SnapshotFigures): number | null {
  return (
    row.targetCount ?? (row.targetRatio !== null ? targetCountOfRatio(row.targetRatio, row.eligibleCommunities) : null)
  );
}

function pacingOf(
  row: SnapshotFigures,
  month: string,
  plan: Pick<PlanRef, 'startMonth' | 'endMonth'>,
): ProgressFigures['pacing'] {
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
}

function projectionOf(series: SnapshotFigures[], endMonth: string): ProgressFigures['projection'] {
  const current = series.at(-1)!;
  const target = targetOf(current);
  if (target === null || target === 0) return null;
  const projection = projectTarget({
    history: series.map(({ month, achievedCount }) => ({ month, achieved: achievedCount })),
    target,
    endMonth,
  });
  return { ...projection, statusLabel: PROJECTION_STATUS_LABELS[projection.status] };
}
