import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EligibilitySource, fireSafetyRequired, GarageType, isEligible } from '@app/org';
import { STAGE_FIELDS } from '../ingest/report-input.types.js';

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const FACILITY_FIELDS = [
  'name',
  'usage',
  'operatorId',
  'propertyCompanyId',
  'acPiles',
  'dcPiles',
  'totalKw',
  'serviceFeeYuanPerKwh',
  'platformId',
  ...STAGE_FIELDS,
  'retiredOn',
  'retiredReason',
] as const;

export interface RegisterSyncOutcome {
  eligibilityChanges: number;
  pilotDesignations: number;
  nearbyLinksAdded: number;
  nearbyLinksClosed: number;
  facilitiesUpdated: number;
  facilitiesCreated: string[];
}

/**
 * Carries an accepted version into the register, inside the acceptance transaction: eligibility changes become new
 * history rows effective from the period's first day (a correction within the same month replaces that month's
 * row), pilots of an active pilot plan are designated, nearby-coverage links opened or closed, facilities updated
 * and new ones created with their code. Earlier months' history is never rewritten.
 */
@Injectable()
export class RegisterSyncService {
  async apply(
    manager: EntityManager,
    versionId: number,
    month: string,
    district: { id: number; code: string },
  ): Promise<RegisterSyncOutcome> {
    const effectiveFrom = `${month}-01`;
    const outcome: RegisterSyncOutcome = {
      eligibilityChanges: await this.syncEligibility(manager, versionId, effectiveFrom),
      pilotDesignations: await this.syncPilots(manager, versionId, month, effectiveFrom),
      ...(await this.syncNearby(manager, versionId, effectiveFrom)),
      facilitiesUpdated: 0,
      facilitiesCreated: [],
    };
    Object.assign(outcome, await this.syncFacilities(manager, versionId, district));
    return outcome;
  }

  private async syncEligibility(manager: EntityManager, versionId: number, effectiveFrom: string): Promise<number> {
    const rows: {
      communityId: number;
      garageType: GarageType;
      residentDemand: boolean;
      parkingAvailable: boolean;
      capacitySufficient: boolean;
      capacitySolutionAgreed: boolean;
      fireSafetyComplete: boolean | null;
      ineligibleReason: string | null;
      latest: Record<string, unknown> | null;
    }[] = await manager.query(
      `SELECT r.community_id AS "communityId", c.garage_type AS "garageType", r.resident_demand AS "residentDemand",
              r.parking_available AS "parkingAvailable", r.capacity_sufficient AS "capacitySufficient",
              r.capacity_solution_agreed AS "capacitySolutionAgreed", r.fire_safety_complete AS "fireSafetyComplete",
              r.ineligible_reason AS "ineligibleReason",
              (SELECT to_jsonb(e) FROM community_eligibility e WHERE e.community_id = r.community_id AND e.effective_from <= $2
                ORDER BY e.effective_from DESC LIMIT 1) AS latest
         FROM report_community_row r JOIN community c ON c.id = r.community_id
        WHERE r.version_id = $1`,
      [versionId, effectiveFrom],
    );
    let changes = 0;
    for (const row of rows) {
      const required = fireSafetyRequired(row.garageType);
      const facts = {
        residentDemand: row.residentDemand,
        parkingAvailable: row.parkingAvailable,
        capacitySufficient: row.capacitySufficient,
        capacitySolutionAgreed: row.capacitySolutionAgreed,
        fireSafetyRequired: required,
        fireSafetyComplete: required ? row.fireSafetyComplete : null,
      };
      const eligible = isEligible(facts);
      const reason = eligible ? null : row.ineligibleReason;
      const latest = row.latest;
      const unchanged =
        latest !== null &&
        latest.resident_demand === facts.residentDemand &&
        latest.parking_available === facts.parkingAvailable &&
        latest.capacity_sufficient === facts.capacitySufficient &&
        latest.capacity_solution_agreed === facts.capacitySolutionAgreed &&
        latest.fire_safety_required === facts.fireSafetyRequired &&
        latest.fire_safety_complete === facts.fireSafetyComplete &&
        latest.ineligible_reason === reason;
      if (unchanged) continue;
      await manager.query(
        `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available, capacity_sufficient,
           capacity_solution_agreed, fire_safety_required, fire_safety_complete, eligible, ineligible_reason, source, report_version_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (community_id, effective_from) DO UPDATE SET
           resident_demand = EXCLUDED.resident_demand, parking_available = EXCLUDED.parking_available,
           capacity_sufficient = EXCLUDED.capacity_sufficient, capacity_solution_agreed = EXCLUDED.capacity_solution_agreed,
           fire_safety_required = EXCLUDED.fire_safety_required, fire_safety_complete = EXCLUDED.fire_safety_complete,
           eligible = EXCLUDED.eligible, ineligible_reason = EXCLUDED.ineligible_reason, source = EXCLUDED.source,
           report_version_id = EXCLUDED.report_version_id, recorded_at = now()`,
        [
          row.communityId,
          effectiveFrom,
          facts.residentDemand,
          facts.parkingAvailable,
          facts.capacitySufficient,
          facts.capacitySolutionAgreed,
          facts.fireSafetyRequired,
          facts.fireSafetyComplete,
          eligible,
          reason,
          EligibilitySource.Report,
          versionId,
        ],
      );
      changes += 1;
    }
    return changes;
  }

  /** The pilot column designates communities for every pilot plan running in that month. */
  private async syncPilots(
    manager: EntityManager,
    versionId: number,
    month: string,
    effectiveFrom: string,
  ): Promise<number> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO pilot_designation (plan_id, community_id, designated_on)
       SELECT p.id, r.community_id, $3::date FROM report_community_row r
         JOIN target_plan p ON p.kind = 'pilot_count' AND p.start_month <= $2 AND p.end_month >= $2
        WHERE r.version_id = $1 AND r.pilot
       ON CONFLICT (plan_id, community_id) DO NOTHING RETURNING id`,
      [versionId, month, effectiveFrom],
    );
    return inserted.length;
  }

  private async syncNearby(
    manager: EntityManager,
    versionId: number,
    effectiveFrom: string,
  ): Promise<{ nearbyLinksAdded: number; nearbyLinksClosed: number }> {
    // A link the district no longer states ends at the period's start; one opened this very month is withdrawn.
    const withdrawn: unknown[] = await manager.query(
      `DELETE FROM nearby_coverage n USING report_community_row r
        WHERE r.version_id = $1 AND n.community_id = r.community_id AND n.valid_to IS NULL AND n.valid_from >= $2
          AND n.facility_id IS DISTINCT FROM (SELECT f.id FROM facility f WHERE f.code = r.nearby_facility_code)
       RETURNING n.id`,
      [versionId, effectiveFrom],
    );
    const closed: unknown[] = await manager.query(
      `UPDATE nearby_coverage n SET valid_to = $2 FROM report_community_row r
        WHERE r.version_id = $1 AND n.community_id = r.community_id AND n.valid_to IS NULL AND n.valid_from < $2
          AND n.facility_id IS DISTINCT FROM (SELECT f.id FROM facility f WHERE f.code = r.nearby_facility_code)
       RETURNING n.id`,
      [versionId, effectiveFrom],
    );
    const added: unknown[] = await manager.query(
      `INSERT INTO nearby_coverage (community_id, facility_id, distance_m, valid_from)
       SELECT r.community_id, f.id, r.nearby_distance_m, $2::date FROM report_community_row r JOIN facility f ON f.code = r.nearby_facility_code
        WHERE r.version_id = $1 AND NOT EXISTS (
          SELECT 1 FROM nearby_coverage n WHERE n.community_id = r.community_id AND n.facility_id = f.id AND n.valid_to IS NULL)
       ON CONFLICT (community_id, facility_id, valid_from) DO UPDATE SET distance_m = EXCLUDED.distance_m, valid_to = NULL
       RETURNING id`,
      [versionId, effectiveFrom],
    );
    return { nearbyLinksAdded: added.length, nearbyLinksClosed: closed.length + withdrawn.length };
  }

  private async syncFacilities(
    manager: EntityManager,
    versionId: number,
    district: { id: number; code: string },
  ): Promise<{ facilitiesUpdated: number; facilitiesCreated: string[] }> {
    const columns = FACILITY_FIELDS.map(snake);
    // Only facilities whose row differs: an unchanged one keeps its updated_at, and a big district's file costs what
    // it changes (the anomaly check runs this sync once more, as a preview).
    const updated: unknown[] = await manager.query(
      `UPDATE facility f SET ${columns.map((c) => `${c} = r.${c}`).join(', ')}, community_id = r.community_id, updated_at = now()
         FROM report_facility_row r
        WHERE r.version_id = $1 AND r.facility_code = f.code
          AND (${columns.map((c) => `f.${c}`).join(', ')}, f.community_id)
              IS DISTINCT FROM (${columns.map((c) => `r.${c}`).join(', ')}, r.community_id)
       RETURNING f.id`,
      [versionId],
    );
    // New facilities get the next code of their district: F<district code>-<6 digits>. The caller holds the
    // district report's row lock, so two acceptances of one district cannot race for a number.
    const created: { code: string }[] = await manager.query(
      `WITH next AS (
         SELECT COALESCE(MAX(substring(f.code FROM '-([0-9]+)$')::int), 0) AS last
           FROM facility f WHERE f.code LIKE 'F' || $2 || '-%')
       INSERT INTO facility (code, community_id, ${columns.join(', ')})
       SELECT 'F' || $2 || '-' || lpad((next.last + row_number() OVER (ORDER BY r.row_no))::text, 6, '0'), r.community_id, ${columns.map((c) => `r.${c}`).join(', ')}
         FROM report_facility_row r, next
        WHERE r.version_id = $1 AND r.facility_code IS NULL
       RETURNING code`,
      [versionId, district.code],
    );
    return { facilitiesUpdated: updated.length, facilitiesCreated: created.map((c) => c.code) };
  }
}
