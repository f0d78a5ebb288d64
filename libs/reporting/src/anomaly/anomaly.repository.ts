import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { DistrictFigures, ProgressAggregationRepository } from '@app/progress';
import { AnomalyFlag } from '../entities/anomaly-flag.entity.js';
import { AnomalyKind } from './anomaly.enums.js';
import { CommunityComparison, DistrictTotals, FacilityComparison } from './anomaly-rules.js';

export type NewAnomalyFlag = Omit<
  AnomalyFlag,
  'id' | 'version' | 'district' | 'confirmer' | 'createdAt' | 'confirmedBy' | 'confirmedAt' | 'confirmationNote'
>;

export interface FlagListQuery {
  month?: string;
  districtId?: number;
  kind?: AnomalyKind;
  versionIds?: number[];
  flagIds?: number[];
  /** Only these districts (a district user's own); null = all. */
  scope: number[] | null;
}

export interface AnomalyFlagView {
  id: number;
  versionId: number;
  versionNo: number;
  versionState: string;
  districtId: number;
  districtName: string;
  month: string;
  kind: AnomalyKind;
  kindLabel: string;
  subject: string;
  subjectCode: string;
  subjectName: string;
  metric: string;
  metricLabel: string;
  previousValue: string | null;
  currentValue: string;
  threshold: string | null;
  figures: Record<string, unknown>;
  explanation: string;
  remarks: { source: string; text: string }[];
  explained: boolean;
  rulesText: string;
  createdAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  confirmationNote: string | null;
}

/** A flag as stored; the service adds the labels. */
export type AnomalyFlagRow = Omit<AnomalyFlagView, 'kindLabel' | 'metricLabel'>;

export const FLAG_COLUMNS = `a.id, a.version_id AS "versionId", v.version_no AS "versionNo", v.state AS "versionState",
  a.district_id AS "districtId", d.name AS "districtName", a.month, a.kind, a.subject, a.subject_code AS "subjectCode",
  a.subject_name AS "subjectName", a.metric, a.previous_value AS "previousValue", a.current_value AS "currentValue",
  a.threshold, a.figures, a.explanation, a.remarks, a.explained, a.rules_text AS "rulesText", a.created_at AS "createdAt",
  cu.display_name AS "confirmedBy", a.confirmed_at AS "confirmedAt", a.confirmation_note AS "confirmationNote"`;

/** The queries behind anomaly flags (STYLE habit 2: no rule here; the detectors are anomaly-rules.ts). */
@Injectable()
export class AnomalyRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: ProgressAggregationRepository,
  ) {}

  /** District figures from the register at each date ('YYYY-MM-DD'), for the given districts: date → district → totals. */
  async totals(
    manager: EntityManager,
    dates: string[],
    districtIds: number[],
  ): Promise<Map<string, Map<number, DistrictTotals>>> {
    const byDate = new Map<string, Map<number, DistrictTotals>>(dates.map((d) => [d, new Map()]));
    if (districtIds.length === 0) return byDate;
    for (const row of await this.figures.districtSeries(dates, districtIds, manager)) {
      byDate.get(row.date)?.set(row.districtId, toTotals(row));
    }
    return byDate;
  }

  /** The district's city and the other districts of it. */
  async cityPeers(
    manager: EntityManager,
    districtId: number,
  ): Promise<{ cityId: number; peers: { id: number; code: string }[] }> {
    const [row] = await manager.query(
      `SELECT d.city_id AS "cityId",
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'code', p.code) ORDER BY p.id) FROM district p
                         WHERE p.city_id = d.city_id AND p.id <> d.id), '[]') AS peers
         FROM district d WHERE d.id = $1`,
      [districtId],
    );
    return row;
  }

  /**
   * The district's month-end figures from its progress snapshots (what the dashboards show), one row per month that
   * has one; the figures are the same under every plan, so the lowest plan's row is taken.
   */
  async snapshotHistory(
    manager: EntityManager,
    cityId: number,
    districtId: number,
    fromMonth: string,
    toMonth: string,
  ): Promise<{ month: string; totals: DistrictTotals }[]> {
    const rows: ({ month: string } & DistrictTotals)[] = await manager.query(
      `SELECT DISTINCT ON (s.month) s.month, s.public_ac_piles + s.public_dc_piles AS "publicPiles",
              s.public_kw::text AS "publicKw", s.built_public_facilities AS "builtPublicFacilities",
              s.covered_eligible AS "coveredEligible", s.covered_ineligible AS "coveredIneligible"
         FROM progress_snapshot s
        WHERE s.city_id = $1 AND s.district_id = $2 AND s.month BETWEEN $3 AND $4
        ORDER BY s.month, s.plan_id`,
      [cityId, districtId, fromMonth, toMonth],
    );
    return rows.map(({ month, ...totals }) => ({ month, totals }));
  }

  /** Each facility row of the version that names a registered facility, beside the register's values. */
  async facilityComparisons(manager: EntityManager, versionId: number): Promise<FacilityComparison[]> {
    const rows = await manager.query(
      `SELECT r.facility_code AS code, COALESCE(r.name, f.name) AS name, r.row_no AS "rowNumber", r.remark,
              json_build_object('acPiles', f.ac_piles, 'dcPiles', f.dc_piles, 'totalKw', f.total_kw::text, 'usage', f.usage,
                                'acceptedOn', f.accepted_on, 'retiredOn', f.retired_on) AS accepted,
              json_build_object('acPiles', r.ac_piles, 'dcPiles', r.dc_piles, 'totalKw', r.total_kw::text, 'usage', r.usage,
                                'acceptedOn', r.accepted_on, 'retiredOn', r.retired_on) AS reported,
              r.retired_reason AS "retiredReason"
         FROM report_facility_row r JOIN facility f ON f.code = r.facility_code
        WHERE r.version_id = $1 ORDER BY r.row_no`,
      [versionId],
    );
    return rows;
  }

  /** Each community row of the version beside the register at `date`: eligibility, and the nearby link in force. */
  async communityComparisons(manager: EntityManager, versionId: number, date: string): Promise<CommunityComparison[]> {
    return manager.query(
      `SELECT c.code, c.name, r.row_no AS "rowNumber", r.remark, r.ineligible_reason AS "ineligibleReason",
              r.eligible AS "reportedEligible", r.nearby_facility_code AS "reportedNearbyFacility",
              (SELECT e.eligible FROM community_eligibility e WHERE e.community_id = r.community_id AND e.effective_from <= $2
                ORDER BY e.effective_from DESC LIMIT 1) AS "acceptedEligible",
              (SELECT f.code FROM nearby_coverage n JOIN facility f ON f.id = n.facility_id
                WHERE n.community_id = r.community_id AND n.valid_from <= $2 AND (n.valid_to IS NULL OR n.valid_to > $2)
                ORDER BY n.valid_from DESC, f.code LIMIT 1) AS "acceptedNearbyFacility"
         FROM report_community_row r JOIN community c ON c.id = r.community_id
        WHERE r.version_id = $1 ORDER BY r.row_no`,
      [versionId, date],
    );
  }

  async insert(manager: EntityManager, flags: NewAnomalyFlag[]): Promise<void> {
    // jsonb columns typed as records trip TypeORM's deep-partial type; the values are plain JSON.
    const rows = flags as QueryDeepPartialEntity<AnomalyFlag>[];
    for (let i = 0; i < rows.length; i += 200) await manager.insert(AnomalyFlag, rows.slice(i, i + 200));
  }

  async list(query: FlagListQuery, manager: EntityManager = this.dataSource.manager): Promise<AnomalyFlagRow[]> {
    return manager.query(
      `SELECT ${FLAG_COLUMNS}
         FROM anomaly_flag a JOIN report_version v ON v.id = a.version_id JOIN district d ON d.id = a.district_id
         LEFT JOIN app_user cu ON cu.id = a.confirmed_by
        WHERE ($1::char(7) IS NULL OR a.month = $1) AND ($2::int IS NULL OR a.district_id = $2)
          AND ($3::varchar IS NULL OR a.kind = $3) AND ($4::int[] IS NULL OR a.version_id = ANY($4))
          AND ($5::int[] IS NULL OR a.district_id = ANY($5)) AND ($6::int[] IS NULL OR a.id = ANY($6))
        ORDER BY a.month DESC, d.sort_order, d.code, v.version_no DESC, a.id`,
      [
        query.month ?? null,
        query.districtId ?? null,
        query.kind ?? null,
        query.versionIds ?? null,
        query.scope,
        query.flagIds ?? null,
      ],
    );
  }

  async findForUpdate(
    manager: EntityManager,
    flagId: number,
  ): Promise<{ id: number; districtId: number; confirmedAt: Date | null; versionState: string } | null> {
    const [row] = await manager.query(
      `SELECT a.id, a.district_id AS "districtId", a.confirmed_at AS "confirmedAt", v.state AS "versionState"
         FROM anomaly_flag a JOIN report_version v ON v.id = a.version_id WHERE a.id = $1 FOR UPDATE OF a`,
      [flagId],
    );
    return row ?? null;
  }

  async confirm(manager: EntityManager, flagId: number, userId: number, note: string): Promise<void> {
    await manager.query(
      `UPDATE anomaly_flag SET confirmed_by = $2, confirmed_at = now(), confirmation_note = $3 WHERE id = $1`,
      [flagId, userId, note],
    );
  }
}

function toTotals(row: DistrictFigures): DistrictTotals {
  return {
    publicPiles: row.publicAcPiles + row.publicDcPiles,
    publicKw: row.publicKw,
    builtPublicFacilities: row.builtPublicFacilities,
    coveredEligible: row.coveredEligible,
    coveredIneligible: row.coveredIneligible,
  };
}
