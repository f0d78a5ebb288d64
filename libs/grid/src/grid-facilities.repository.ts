import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GridStageDates } from './grid-time-limits.js';

export interface GridFacilityRow extends Required<GridStageDates> {
  facilityId: number;
  code: string;
  name: string | null;
  usage: string;
  communityName: string;
  districtId: number;
  districtName: string;
  operatorId: number | null;
  operatorName: string | null;
}

/** The facilities whose grid steps are evaluated: those that reached a step's start by asOf, in the scope asked. */
@Injectable()
export class GridFacilitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  facilities(filter: { districtIds: number[] | null; operatorId?: number; asOf: string }): Promise<GridFacilityRow[]> {
    return this.dataSource.query(
      `SELECT f.id AS "facilityId", f.code, f.name, f.usage, c.name AS "communityName",
              d.id AS "districtId", d.name AS "districtName", o.id AS "operatorId", o.name AS "operatorName",
              f.grid_applied_on::text AS "gridAppliedOn", f.grid_accepted_on::text AS "gridAcceptedOn",
              f.supply_plan_replied_on::text AS "supplyPlanRepliedOn",
              f.construction_completed_on::text AS "constructionCompletedOn",
              f.meter_installed_on::text AS "meterInstalledOn", f.accepted_on::text AS "acceptedOn",
              f.platform_connected_on::text AS "platformConnectedOn"
         FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
         LEFT JOIN operator_enterprise o ON o.id = f.operator_id
        WHERE ($1::int[] IS NULL OR c.district_id = ANY($1)) AND ($2::int IS NULL OR f.operator_id = $2)
          AND LEAST(f.grid_applied_on, f.grid_accepted_on, f.construction_completed_on, f.accepted_on) <= $3
        ORDER BY d.sort_order, d.code, f.code`,
      [filter.districtIds, filter.operatorId ?? null, filter.asOf],
    );
  }

  /** Districts in scope, in the register's order, so a district without facilities still shows a row. */
  districts(districtIds: number[] | null): Promise<{ id: number; name: string }[]> {
    return this.dataSource.query(
      `SELECT id, name FROM district WHERE ($1::int[] IS NULL OR id = ANY($1)) ORDER BY sort_order, code`,
      [districtIds],
    );
  }
}
