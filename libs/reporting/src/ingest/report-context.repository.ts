import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FacilityUsage, fireSafetyRequired, GarageType, OperatorStatus } from '@app/org';
import { KnownCommunity, KnownFacility, ReportRuleContext, lastDayOfMonth } from './report-rules.js';
import { STAGE_FIELDS } from './report-input.types.js';

const STAGE_COLUMNS = STAGE_FIELDS.map((f) => `f.${f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${f}"`).join(
  ', ',
);

/** Loads what the report rules compare a file with. Queries only (STYLE habit 2). */
@Injectable()
export class ReportContextRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    district: { id: number; code: string; name: string },
    month: string,
    mentioned: { communityCodes: string[]; facilityCodes: string[]; platformIds: string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReportRuleContext> {
    const periodEnd = lastDayOfMonth(month);
    const [districts, communities, facilities, operators, companies] = await Promise.all([
      manager.query(`SELECT code, name FROM district`),
      manager.query(
        `SELECT c.id, c.code, c.name, c.district_id AS "districtId", d.name AS "districtName", c.garage_type AS "garageType",
                (c.district_id = $1 AND c.registered_on <= $3 AND (c.removed_on IS NULL OR c.removed_on > $3)) AS "inRegister"
           FROM community c JOIN district d ON d.id = c.district_id
          WHERE c.district_id = $1 OR c.code = ANY($2)`,
        [district.id, mentioned.communityCodes, periodEnd],
      ),
      manager.query(
        `SELECT f.id, f.code, c.district_id AS "districtId", d.name AS "districtName", c.code AS "communityCode", f.usage,
                f.ac_piles AS "acPiles", f.dc_piles AS "dcPiles", f.total_kw::text AS "totalKw", f.retired_on AS "retiredOn", f.platform_id AS "platformId", ${STAGE_COLUMNS}
           FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
          WHERE c.district_id = $1 OR f.code = ANY($2) OR f.platform_id = ANY($3)`,
        [district.id, mentioned.facilityCodes, mentioned.platformIds],
      ),
      manager.query(`SELECT id, name, credit_code AS "creditCode", status FROM operator_enterprise`),
      manager.query(`SELECT id, name FROM property_company`),
    ]);
    const knownCommunities = new Map<string, KnownCommunity>();
    const districtCommunityCodes = new Set<string>();
    for (const row of communities as (KnownCommunity & { garageType: GarageType; inRegister: boolean })[]) {
      knownCommunities.set(row.code, {
        id: row.id,
        code: row.code,
        name: row.name,
        districtId: row.districtId,
        districtName: row.districtName,
        fireSafetyRequired: fireSafetyRequired(row.garageType),
      });
      if (row.inRegister) districtCommunityCodes.add(row.code);
    }
    return {
      district,
      month,
      districtNameByCode: new Map((districts as { code: string; name: string }[]).map((d) => [d.code, d.name])),
      communities: knownCommunities,
      districtCommunityCodes,
      facilities: new Map(
        (facilities as KnownFacility[]).map((f) => [
          f.code,
          { ...f, totalKw: f.totalKw, usage: f.usage as FacilityUsage },
        ]),
      ),
      operators: new Map(
        (operators as { id: number; name: string; creditCode: string; status: OperatorStatus }[]).map((o) => [
          o.creditCode,
          { id: o.id, name: o.name, listed: o.status === OperatorStatus.Listed },
        ]),
      ),
      propertyCompanies: new Map((companies as { id: number; name: string }[]).map((c) => [c.name, { id: c.id }])),
    };
  }
}
