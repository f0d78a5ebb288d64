import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RawVersion {
  versionId: number;
  districtId: number;
  districtName: string;
  versionNo: number;
  communityRows: number;
  facilityRows: number;
}

export interface RawCommunityRow {
  id: string;
  communityCode: string;
  communityName: string;
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  fireSafetyComplete: boolean | null;
  eligible: boolean;
  ineligibleReason: string | null;
  pilot: boolean;
  nearbyFacilityCode: string | null;
  nearbyDistanceM: number | null;
  remark: string | null;
}

export interface RawFacilityRow {
  id: string;
  facilityCode: string | null;
  communityCode: string;
  communityName: string;
  name: string | null;
  usage: string;
  operatorName: string | null;
  propertyCompanyName: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  serviceFeeYuanPerKwh: string | null;
  platformId: string | null;
  surveyedOn: string | null;
  agreementOn: string | null;
  gridAppliedOn: string | null;
  gridAcceptedOn: string | null;
  supplyPlanRepliedOn: string | null;
  constructionStartedOn: string | null;
  constructionCompletedOn: string | null;
  meterInstalledOn: string | null;
  acceptedOn: string | null;
  platformConnectedOn: string | null;
  retiredOn: string | null;
  retiredReason: string | null;
  remark: string | null;
}

export const RAW_FACILITY_SELECT = `r.id, r.facility_code AS "facilityCode", c.code AS "communityCode", c.name AS "communityName", r.name,
  r.usage, o.name AS "operatorName", pc.name AS "propertyCompanyName", r.ac_piles AS "acPiles", r.dc_piles AS "dcPiles",
  r.total_kw::text AS "totalKw", r.service_fee_yuan_per_kwh::text AS "serviceFeeYuanPerKwh", r.platform_id AS "platformId",
  r.surveyed_on AS "surveyedOn", r.agreement_on AS "agreementOn", r.grid_applied_on AS "gridAppliedOn",
  r.grid_accepted_on AS "gridAcceptedOn", r.supply_plan_replied_on AS "supplyPlanRepliedOn",
  r.construction_started_on AS "constructionStartedOn", r.construction_completed_on AS "constructionCompletedOn",
  r.meter_installed_on AS "meterInstalledOn", r.accepted_on AS "acceptedOn", r.platform_connected_on AS "platformConnectedOn",
  r.retired_on AS "retiredOn", r.retired_reason AS "retiredReason", r.remark`;

export const RAW_COMMUNITY_SELECT = `r.id, c.code AS "communityCode", c.name AS "communityName", r.resident_demand AS "residentDemand",
  r.parking_available AS "parkingAvailable", r.capacity_sufficient AS "capacitySufficient",
  r.capacity_solution_agreed AS "capacitySolutionAgreed", r.fire_safety_complete AS "fireSafetyComplete", r.eligible,
  r.ineligible_reason AS "ineligibleReason", r.pilot, r.nearby_facility_code AS "nearbyFacilityCode",
  r.nearby_distance_m AS "nearbyDistanceM", r.remark`;

/** Rows of accepted versions, a page at a time by (version_id, id): never a whole month in memory. */
@Injectable()
export class RawDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The accepted version of every district in scope for the month, in the districts' order. */
  acceptedVersions(month: string, districtId: number | null): Promise<RawVersion[]> {
    return this.dataSource.query(
      `SELECT v.id AS "versionId", d.id AS "districtId", d.name AS "districtName", v.version_no AS "versionNo",
              v.community_row_count AS "communityRows", v.facility_row_count AS "facilityRows"
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id JOIN district d ON d.id = r.district_id
         JOIN report_version v ON v.id = r.accepted_version_id
        WHERE p.month = $1 AND ($2::int IS NULL OR d.id = $2)
        ORDER BY d.sort_order, d.code`,
      [month, districtId],
    );
  }

  /** Districts in scope whose report for the month has no accepted version (named in the notes). */
  async districtsWithout(month: string, districtId: number | null): Promise<string[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT d.name FROM district_report r JOIN reporting_period p ON p.id = r.period_id JOIN district d ON d.id = r.district_id
        WHERE p.month = $1 AND r.accepted_version_id IS NULL AND ($2::int IS NULL OR d.id = $2)
        ORDER BY d.sort_order, d.code`,
      [month, districtId],
    );
    return rows.map((r) => r.name);
  }

  async periodExists(month: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM reporting_period WHERE month = $1`, [month])).length > 0;
  }

  communityPage(versionId: number, afterId: string, limit: number): Promise<RawCommunityRow[]> {
    return this.dataSource.query(
      `SELECT ${RAW_COMMUNITY_SELECT} FROM report_community_row r JOIN community c ON c.id = r.community_id
        WHERE r.version_id = $1 AND r.id > $2 ORDER BY r.version_id, r.id LIMIT $3`,
      [versionId, afterId, limit],
    );
  }

  facilityPage(versionId: number, afterId: string, limit: number): Promise<RawFacilityRow[]> {
    return this.dataSource.query(
      `SELECT ${RAW_FACILITY_SELECT} FROM report_facility_row r JOIN community c ON c.id = r.community_id
         LEFT JOIN operator_enterprise o ON o.id = r.operator_id LEFT JOIN property_company pc ON pc.id = r.property_company_id
        WHERE r.version_id = $1 AND r.id > $2 ORDER BY r.version_id, r.id LIMIT $3`,
      [versionId, afterId, limit],
    );
  }
}

/**
 * Pages of every version's rows in order, the next page asked for while the current one is being written (the
 * database works while the writer does).
 */
export async function* keysetPages<R extends { id: string }>(
  versions: readonly RawVersion[],
  page: (versionId: number, afterId: string, limit: number) => Promise<R[]>,
  limit: number,
): AsyncGenerator<(R & { version: RawVersion })[]> {
  for (const version of versions) {
    let next: Promise<R[]> | null = prefetch(page(version.versionId, '0', limit));
    while (next) {
      const rows: R[] = await next;
      next = rows.length === limit ? prefetch(page(version.versionId, rows[rows.length - 1].id, limit)) : null;
      if (rows.length > 0) yield rows.map((row) => Object.assign(row, { version }));
    }
  }
}

/** A page asked for ahead: if the consumer stops first, its failure must not become an unhandled rejection. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
