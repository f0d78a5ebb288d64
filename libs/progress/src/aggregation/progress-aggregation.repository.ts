import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SnapshotRow } from './snapshot-rows.js';

/** Per-district figures of the register at one date (SPEC "Definitions the numbers rest on"). */
export interface DistrictFigures {
  districtId: number;
  cityId: number;
  registeredCommunities: number;
  eligibleCommunities: number;
  coveredEligible: number;
  coveredIneligible: number;
  builtPublicFacilities: number;
  operatingPublicFacilities: number;
  publicAcPiles: number;
  publicDcPiles: number;
  selfUseAcPiles: number;
  selfUseDcPiles: number;
  publicKw: string;
  selfUseKw: string;
}

export interface PlanRow {
  id: number;
  kind: string;
  startMonth: string;
  endMonth: string;
}

export interface TargetRow {
  planId: number;
  districtId: number;
  targetCount: number | null;
  targetRatio: string | null;
}

/**
 * The definitions the figures rest on (SPEC "Definitions"), as SQL predicates over a facility `f`, a link `n`, a
 * community `c` and a date `d`, shared by the month's aggregation and the district series below:
 *   standing  = accepted by d and not retired by d (built);
 *   built public = standing and public;
 *   a link is valid at d between its dates;
 *   in the register at d = registered by d and not removed by d.
 * A community is covered at d when it has a built public facility of its own, or a valid nearby-coverage link to one
 * (Kunming §二(一)2: within 1 km).
 */
const STANDING = (f: string, d: string) =>
  `${f}.accepted_on <= ${d} AND (${f}.retired_on IS NULL OR ${f}.retired_on > ${d})`;
const BUILT_PUBLIC = (f: string, d: string) => `${f}.usage = 'public' AND ${STANDING(f, d)}`;
const LINK_VALID = (n: string, d: string) =>
  `${n}.valid_from <= ${d} AND (${n}.valid_to IS NULL OR ${n}.valid_to > ${d})`;
const IN_REGISTER = (c: string, d: string) =>
  `${c}.registered_on <= ${d} AND (${c}.removed_on IS NULL OR ${c}.removed_on > ${d})`;

const BUILT_PUBLIC_AT = (d: string) => `SELECT f.id, f.community_id FROM facility f WHERE ${BUILT_PUBLIC('f', d)}`;

/** Communities covered at d, all at once (hash joins over the whole register). */
const COVERED_AT = (d: string) => `
  SELECT b.community_id FROM (${BUILT_PUBLIC_AT(d)}) b
  UNION
  SELECT n.community_id FROM nearby_coverage n JOIN (${BUILT_PUBLIC_AT(d)}) b ON b.id = n.facility_id
   WHERE ${LINK_VALID('n', d)}`;

/** Whether community c is covered at d, by index lookups (one district's communities, several dates). */
const IS_COVERED = (c: string, d: string) => `(
  EXISTS (SELECT 1 FROM facility f WHERE f.community_id = ${c}.id AND ${BUILT_PUBLIC('f', d)})
  OR EXISTS (SELECT 1 FROM nearby_coverage n JOIN facility f ON f.id = n.facility_id
              WHERE n.community_id = ${c}.id AND ${LINK_VALID('n', d)} AND ${BUILT_PUBLIC('f', d)}))`;

/** The per-district sums of standing facilities `f` (with a `usage`, `operating` and pile columns), grouped. */
const FACILITY_SUMS = `COUNT(*) FILTER (WHERE usage = 'public')::int AS built_public,
  COUNT(*) FILTER (WHERE usage = 'public' AND operating)::int AS operating_public,
  COALESCE(SUM(ac_piles) FILTER (WHERE usage = 'public'), 0)::int AS public_ac,
  COALESCE(SUM(dc_piles) FILTER (WHERE usage = 'public'), 0)::int AS public_dc,
  COALESCE(SUM(ac_piles) FILTER (WHERE usage = 'self_use'), 0)::int AS self_ac,
  COALESCE(SUM(dc_piles) FILTER (WHERE usage = 'self_use'), 0)::int AS self_dc,
  COALESCE(SUM(total_kw) FILTER (WHERE usage = 'public'), 0)::numeric(14,3)::text AS public_kw,
  COALESCE(SUM(total_kw) FILTER (WHERE usage = 'self_use'), 0)::numeric(14,3)::text AS self_kw`;

const FIGURE_COLUMNS = `COALESCE(c.registered, 0) AS "registeredCommunities", COALESCE(c.eligible, 0) AS "eligibleCommunities",
  COALESCE(c.covered_eligible, 0) AS "coveredEligible", COALESCE(c.covered_ineligible, 0) AS "coveredIneligible",
  COALESCE(f.built_public, 0) AS "builtPublicFacilities", COALESCE(f.operating_public, 0) AS "operatingPublicFacilities",
  COALESCE(f.public_ac, 0) AS "publicAcPiles", COALESCE(f.public_dc, 0) AS "publicDcPiles",
  COALESCE(f.self_ac, 0) AS "selfUseAcPiles", COALESCE(f.self_dc, 0) AS "selfUseDcPiles",
  COALESCE(f.public_kw, '0.000') AS "publicKw", COALESCE(f.self_kw, '0.000') AS "selfUseKw"`;

/** Queries only (STYLE habit 2): the aggregation service decides what the figures mean for each plan. */
@Injectable()
export class ProgressAggregationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async districtFigures(date: string, manager: EntityManager = this.dataSource.manager): Promise<DistrictFigures[]> {
    return manager.query(
      `WITH reg AS (SELECT c.id, c.district_id FROM community c WHERE ${IN_REGISTER('c', '$1')}),
       elig AS (
         SELECT DISTINCT ON (e.community_id) e.community_id, e.eligible FROM community_eligibility e
          WHERE e.effective_from <= $1 ORDER BY e.community_id, e.effective_from DESC),
       cov AS (${COVERED_AT('$1')}),
       communities AS (
         SELECT r.district_id, COUNT(*)::int AS registered,
                COUNT(*) FILTER (WHERE e.eligible)::int AS eligible,
                COUNT(*) FILTER (WHERE e.eligible AND cov.community_id IS NOT NULL)::int AS covered_eligible,
                COUNT(*) FILTER (WHERE NOT COALESCE(e.eligible, false) AND cov.community_id IS NOT NULL)::int AS covered_ineligible
           FROM reg r LEFT JOIN elig e ON e.community_id = r.id LEFT JOIN cov ON cov.community_id = r.id
          GROUP BY r.district_id),
       built AS (
         SELECT c.district_id, f.usage, f.ac_piles, f.dc_piles, f.total_kw,
                (f.platform_connected_on IS NOT NULL AND f.platform_connected_on <= $1) AS operating
           FROM facility f JOIN community c ON c.id = f.community_id WHERE ${STANDING('f', '$1')}),
       facilities AS (SELECT district_id, ${FACILITY_SUMS} FROM built GROUP BY district_id)
       SELECT d.id AS "districtId", d.city_id AS "cityId", ${FIGURE_COLUMNS}
         FROM district d LEFT JOIN communities c ON c.district_id = d.id LEFT JOIN facilities f ON f.district_id = d.id
        ORDER BY d.city_id, d.id`,
      [date],
    );
  }

  /**
   * The same figures for a few districts at several dates (anomaly checks: one district's month ends, its city's
   * peers at one). Written per community with index lookups, so its cost follows the districts asked for, not the
   * register's size; the aggregation's query above reads the whole register with hash joins instead. Both use the
   * predicates defined once above, and a medium test holds them equal.
   */
  async districtSeries(
    dates: string[],
    districtIds: number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(DistrictFigures & { date: string })[]> {
    return manager.query(
      `WITH dates AS (SELECT DISTINCT unnest($1::date[]) AS at),
       reg AS (
         SELECT d.at, c.id, c.district_id FROM dates d JOIN community c ON c.district_id = ANY($2::int[])
          WHERE ${IN_REGISTER('c', 'd.at')}),
       communities AS (
         SELECT r.at, r.district_id, COUNT(*)::int AS registered,
                COUNT(*) FILTER (WHERE e.eligible)::int AS eligible,
                COUNT(*) FILTER (WHERE e.eligible AND cov.covered)::int AS covered_eligible,
                COUNT(*) FILTER (WHERE NOT COALESCE(e.eligible, false) AND cov.covered)::int AS covered_ineligible
           FROM reg r
           LEFT JOIN LATERAL (SELECT e.eligible FROM community_eligibility e
                               WHERE e.community_id = r.id AND e.effective_from <= r.at
                               ORDER BY e.effective_from DESC LIMIT 1) e ON true
           CROSS JOIN LATERAL (SELECT ${IS_COVERED('r', 'r.at')} AS covered) cov
          GROUP BY r.at, r.district_id),
       built AS (
         SELECT d.at, c.district_id, f.usage, f.ac_piles, f.dc_piles, f.total_kw,
                (f.platform_connected_on IS NOT NULL AND f.platform_connected_on <= d.at) AS operating
           FROM dates d JOIN community c ON c.district_id = ANY($2::int[]) JOIN facility f ON f.community_id = c.id
          WHERE ${STANDING('f', 'd.at')}),
       facilities AS (SELECT at, district_id, ${FACILITY_SUMS} FROM built GROUP BY at, district_id)
       SELECT to_char(dt.at, 'YYYY-MM-DD') AS date, d.id AS "districtId", d.city_id AS "cityId", ${FIGURE_COLUMNS}
         FROM dates dt CROSS JOIN district d
         LEFT JOIN communities c ON c.at = dt.at AND c.district_id = d.id
         LEFT JOIN facilities f ON f.at = dt.at AND f.district_id = d.id
        WHERE d.id = ANY($2::int[])
        ORDER BY dt.at, d.id`,
      [dates, districtIds],
    );
  }

  /** Per district: communities covered at $1 (any eligibility). */
  async coveredCounts(date: string, manager: EntityManager = this.dataSource.manager): Promise<Map<number, number>> {
    const rows: { districtId: number; covered: number }[] = await manager.query(
      `SELECT c.district_id AS "districtId", COUNT(*)::int AS covered FROM (${COVERED_AT('$1')}) cov
         JOIN community c ON c.id = cov.community_id GROUP BY c.district_id`,
      [date],
    );
    return new Map(rows.map((r) => [r.districtId, r.covered]));
  }

  /**
   * Per district for a pilot plan: communities designated by $2, and those of them covered at $3. A pilot an expert
   * panel evaluated and failed (Ezhou) does not count as completed.
   */
  async pilotCounts(
    planId: number,
    designatedBy: string,
    coveredAt: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, { designated: number; completed: number }>> {
    const rows: { districtId: number; designated: number; completed: number }[] = await manager.query(
      `WITH cov AS (${COVERED_AT('$3')})
       SELECT c.district_id AS "districtId", COUNT(*)::int AS designated,
              COUNT(*) FILTER (WHERE cov.community_id IS NOT NULL AND p.evaluation_result IS DISTINCT FROM 'failed')::int AS completed
         FROM pilot_designation p JOIN community c ON c.id = p.community_id
         LEFT JOIN (SELECT DISTINCT community_id FROM cov) cov ON cov.community_id = p.community_id
        WHERE p.plan_id = $1 AND p.designated_on <= $2
        GROUP BY c.district_id`,
      [planId, designatedBy, coveredAt],
    );
    return new Map(rows.map((r) => [r.districtId, { designated: r.designated, completed: r.completed }]));
  }

  plansStartedBy(month: string, manager: EntityManager = this.dataSource.manager): Promise<PlanRow[]> {
    return manager.query(
      `SELECT id, kind, start_month AS "startMonth", end_month AS "endMonth" FROM target_plan WHERE start_month <= $1 ORDER BY id`,
      [month],
    );
  }

  targets(planIds: number[], manager: EntityManager = this.dataSource.manager): Promise<TargetRow[]> {
    return manager.query(
      `SELECT plan_id AS "planId", district_id AS "districtId", target_count AS "targetCount", target_ratio::text AS "targetRatio"
         FROM district_target WHERE plan_id = ANY($1)`,
      [planIds],
    );
  }

  /**
   * Writes snapshot rows set-based: one INSERT … SELECT over a JSON array per 5,000 rows (an entity insert of the
   * nation's ~10,000 rows a month spent seconds building statements; this is one round trip each).
   */
  async insertSnapshots(manager: EntityManager, rows: SnapshotRow[], computedAt: Date): Promise<void> {
    const columns = Object.keys(SNAPSHOT_COLUMN_TYPES);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows
        .slice(i, i + 5000)
        .map((row) => Object.fromEntries(columns.map((column) => [column, row[camel(column) as keyof SnapshotRow]])));
      await manager.query(
        `INSERT INTO progress_snapshot (${columns.join(', ')}, frozen, computed_at)
         SELECT ${columns.join(', ')}, false, $2 FROM jsonb_to_recordset($1::jsonb)
             AS x(${columns.map((c) => `${c} ${SNAPSHOT_COLUMN_TYPES[c]}`).join(', ')})`,
        [JSON.stringify(chunk), computedAt],
      );
    }
  }

  async frozenKeys(month: string, manager: EntityManager): Promise<Set<string>> {
    const rows: { planId: number; cityId: number; districtId: number | null }[] = await manager.query(
      `SELECT plan_id AS "planId", city_id AS "cityId", district_id AS "districtId" FROM progress_snapshot WHERE month = $1 AND frozen`,
      [month],
    );
    return new Set(rows.map(snapshotKey));
  }
}

const SNAPSHOT_COLUMN_TYPES: Record<string, string> = {
  month: 'char(7)',
  plan_id: 'int',
  city_id: 'int',
  district_id: 'int',
  target_count: 'int',
  target_ratio: 'numeric',
  achieved_count: 'int',
  pilot_designated: 'int',
  pilot_completed: 'int',
  registered_communities: 'int',
  eligible_communities: 'int',
  covered_eligible: 'int',
  covered_ineligible: 'int',
  built_public_facilities: 'int',
  operating_public_facilities: 'int',
  public_ac_piles: 'int',
  public_dc_piles: 'int',
  self_use_ac_piles: 'int',
  self_use_dc_piles: 'int',
  public_kw: 'numeric',
  self_use_kw: 'numeric',
};

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A snapshot row's identity within a month: plan and district, or plan and city for a city row. */
export function snapshotKey(row: { planId: number; cityId: number; districtId: number | null }): string {
  return `${row.planId}:${row.districtId ?? `city-${row.cityId}`}`;
}
