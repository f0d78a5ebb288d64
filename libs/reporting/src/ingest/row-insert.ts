import { EntityManager } from 'typeorm';
import { ResolvedCommunityRow, ResolvedFacilityRow } from './report-rules.js';
import { STAGE_FIELDS } from './report-input.types.js';

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Column<R> = [column: string, sqlType: string, value: (row: R) => unknown];

const COMMUNITY_COLUMNS: Column<ResolvedCommunityRow>[] = [
  ['row_no', 'int', (r) => r.rowNumber],
  ['community_id', 'int', (r) => r.communityId],
  ['resident_demand', 'boolean', (r) => r.residentDemand],
  ['parking_available', 'boolean', (r) => r.parkingAvailable],
  ['capacity_sufficient', 'boolean', (r) => r.capacitySufficient],
  ['capacity_solution_agreed', 'boolean', (r) => r.capacitySolutionAgreed],
  ['fire_safety_complete', 'boolean', (r) => r.fireSafetyComplete],
  ['eligible', 'boolean', (r) => r.eligible],
  ['ineligible_reason', 'varchar', (r) => r.ineligibleReason],
  ['pilot', 'boolean', (r) => r.pilot],
  ['nearby_facility_code', 'varchar', (r) => r.nearbyFacilityCode],
  ['nearby_distance_m', 'int', (r) => r.nearbyDistanceM],
  ['remark', 'varchar', (r) => r.remark],
];

const FACILITY_COLUMNS: Column<ResolvedFacilityRow>[] = [
  ['row_no', 'int', (r) => r.rowNumber],
  ['facility_code', 'varchar', (r) => r.facilityCode],
  ['community_id', 'int', (r) => r.communityId],
  ['name', 'varchar', (r) => r.name],
  ['usage', 'varchar', (r) => r.usage],
  ['operator_id', 'int', (r) => r.operatorId],
  ['property_company_id', 'int', (r) => r.propertyCompanyId],
  ['ac_piles', 'int', (r) => r.acPiles],
  ['dc_piles', 'int', (r) => r.dcPiles],
  ['total_kw', 'numeric', (r) => r.totalKw],
  ['service_fee_yuan_per_kwh', 'numeric', (r) => r.serviceFeeYuanPerKwh],
  ['platform_id', 'varchar', (r) => r.platformId],
  ...STAGE_FIELDS.map((field): Column<ResolvedFacilityRow> => [snake(field), 'date', (r) => r[field]]),
  ['retired_on', 'date', (r) => r.retiredOn],
  ['retired_reason', 'varchar', (r) => r.retiredReason],
  ['remark', 'varchar', (r) => r.remark],
];

/** One INSERT … SELECT FROM unnest(arrays) per table: thousands of rows in one round trip. */
async function insertUnnest<R>(
  manager: EntityManager,
  table: string,
  versionId: number,
  columns: Column<R>[],
  rows: R[],
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map(([, , value]) => rows.map(value));
  const params = columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ');
  await manager.query(
    `INSERT INTO ${table} (version_id, ${columns.map(([name]) => name).join(', ')})
     SELECT $1, * FROM unnest(${params})`,
    [versionId, ...arrays],
  );
}

export async function insertRows(
  manager: EntityManager,
  versionId: number,
  communities: ResolvedCommunityRow[],
  facilities: ResolvedFacilityRow[],
): Promise<void> {
  await insertUnnest(manager, 'report_community_row', versionId, COMMUNITY_COLUMNS, communities);
  await insertUnnest(manager, 'report_facility_row', versionId, FACILITY_COLUMNS, facilities);
}
