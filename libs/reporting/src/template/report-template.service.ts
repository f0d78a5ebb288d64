import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  assertDistrictAccess,
  AuthenticatedUser,
  AppError,
  Clock,
  districtScopeSql,
  readableDistrictIds,
} from '@app/core';
import { CommunityTemplateRow, FacilityTemplateRow, writeReportTemplate } from '@app/excel';
import { ReportingPeriodService } from '../period/reporting-period.service.js';
import { STAGE_FIELDS } from '../ingest/report-input.types.js';
import { lastDayOfMonth } from '../ingest/report-rules.js';

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The district's template for a period (issue 3 §2): one row per community in its register and one per facility
 * not retired before the period, pre-filled with what the register holds, which is the last accepted values.
 */
@Injectable()
export class ReportTemplateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodService,
    private readonly clock: Clock,
  ) {}

  async build(
    user: AuthenticatedUser,
    districtId: number,
    month: string,
  ): Promise<{ fileName: string; content: Buffer }> {
    assertDistrictAccess(user, districtId);
    // Every later query is keyed by this district, found within the reader's scope.
    const [district] = await this.dataSource.query(
      `SELECT id, code, name FROM district WHERE id = $1 AND ${districtScopeSql('id', 2)}`,
      [districtId, readableDistrictIds(user)],
    );
    if (!district) throw AppError.notFound('区县不存在');
    const period = await this.periods.ensurePeriod(month);
    const periodStart = `${month}-01`;
    const periodEnd = lastDayOfMonth(month);

    const [plan] = await this.dataSource.query(
      `SELECT id, name FROM target_plan WHERE kind = 'pilot_count' AND start_month <= $1 AND end_month >= $1 ORDER BY start_month LIMIT 1`,
      [month],
    );
    const communities: CommunityTemplateRow[] = await this.dataSource.query(
      `SELECT c.code AS "communityCode", c.name AS "communityName",
              e.resident_demand AS "residentDemand", e.parking_available AS "parkingAvailable",
              e.capacity_sufficient AS "capacitySufficient", e.capacity_solution_agreed AS "capacitySolutionAgreed",
              e.fire_safety_complete AS "fireSafetyComplete", e.ineligible_reason AS "ineligibleReason",
              (p.id IS NOT NULL) AS pilot, nf.code AS "nearbyFacilityCode", n.distance_m AS "nearbyDistanceM"
         FROM community c
         LEFT JOIN LATERAL (SELECT * FROM community_eligibility x WHERE x.community_id = c.id AND x.effective_from <= $2
                             ORDER BY x.effective_from DESC LIMIT 1) e ON true
         LEFT JOIN pilot_designation p ON p.community_id = c.id AND p.plan_id = $3
         LEFT JOIN LATERAL (SELECT * FROM nearby_coverage y WHERE y.community_id = c.id AND y.valid_from <= $2
                             AND (y.valid_to IS NULL OR y.valid_to > $2) ORDER BY y.valid_from DESC LIMIT 1) n ON true
         LEFT JOIN facility nf ON nf.id = n.facility_id
        WHERE c.district_id = $1 AND c.registered_on <= $2 AND (c.removed_on IS NULL OR c.removed_on > $2)
        ORDER BY c.code`,
      [districtId, periodEnd, plan?.id ?? null],
    );
    const facilities: FacilityTemplateRow[] = await this.dataSource.query(
      `SELECT f.code AS "facilityCode", c.code AS "communityCode", f.name, f.usage, o.credit_code AS "operatorCreditCode",
              pc.name AS "propertyCompanyName", f.ac_piles AS "acPiles", f.dc_piles AS "dcPiles", f.total_kw::text AS "totalKw",
              f.service_fee_yuan_per_kwh::text AS "serviceFeeYuanPerKwh", f.platform_id AS "platformId",
              ${STAGE_FIELDS.map((s) => `f.${snake(s)} AS "${s}"`).join(', ')},
              f.retired_on AS "retiredOn", f.retired_reason AS "retiredReason"
         FROM facility f JOIN community c ON c.id = f.community_id
         LEFT JOIN operator_enterprise o ON o.id = f.operator_id
         LEFT JOIN property_company pc ON pc.id = f.property_company_id
        WHERE c.district_id = $1 AND (f.retired_on IS NULL OR f.retired_on >= $2)
        ORDER BY f.code`,
      [districtId, periodStart],
    );
    const operators: { creditCode: string; name: string }[] = await this.dataSource.query(
      `SELECT credit_code AS "creditCode", name FROM operator_enterprise WHERE status = 'listed' ORDER BY name`,
    );
    const companies: { name: string }[] = await this.dataSource.query(
      `SELECT name FROM property_company ORDER BY name`,
    );
    const content = await writeReportTemplate({
      district: { code: district.code, name: district.name },
      period: month,
      planName: plan?.name ?? null,
      deadline: new Date(period.deadlineAt).toISOString(),
      communities: communities.map(trimDecimals),
      facilities: facilities.map(trimDecimals),
      operators,
      propertyCompanies: companies.map((c) => c.name),
      generatedAt: this.clock.now(),
    });
    return { fileName: `${district.name}-${month}-充电设施建设月报.xlsx`, content };
  }
}

/** numeric columns come back as '190.000'; the template shows 190. */
function trimDecimals<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of ['totalKw', 'serviceFeeYuanPerKwh']) {
    const value = out[key];
    if (typeof value === 'string' && value.includes('.')) out[key] = value.replace(/\.?0+$/, '');
  }
  return out as T;
}
