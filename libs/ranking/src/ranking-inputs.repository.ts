import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface RankingSourceRow {
  districtId: number;
  districtCode: string;
  districtName: string;
  achievedCount: number;
  targetCount: number | null;
  targetRatio: string | null;
  eligibleCommunities: number;
  coveredEligible: number;
  /** Periods in the span with a reporting period. */
  periods: number;
  /** Of those, months whose report was accepted and whose first version came in by the deadline. */
  onTimeMonths: number;
}

export interface DistrictUploadRecord {
  districtId: number;
  accepted: boolean;
  unexplainedAnomalies: number;
}

/** Queries behind a ranking: the month's snapshots and the reporting record over the span. */
@Injectable()
export class RankingInputsRepository {
  async sources(manager: EntityManager, month: string, planId: number, fromMonth: string): Promise<RankingSourceRow[]> {
    return manager.query(
      `WITH span AS (SELECT id, month FROM reporting_period WHERE month BETWEEN $3 AND $1),
       timeliness AS (
         SELECT r.district_id,
                COUNT(*) FILTER (WHERE r.state = 'accepted' AND first_v.on_time)::int AS on_time
           FROM district_report r JOIN span ON span.id = r.period_id
           LEFT JOIN LATERAL (SELECT v.on_time FROM report_version v WHERE v.report_id = r.id ORDER BY v.version_no LIMIT 1) first_v ON true
          GROUP BY r.district_id)
       SELECT d.id AS "districtId", d.code AS "districtCode", d.name AS "districtName",
              s.achieved_count AS "achievedCount", s.target_count AS "targetCount", s.target_ratio::text AS "targetRatio",
              s.eligible_communities AS "eligibleCommunities", s.covered_eligible AS "coveredEligible",
              (SELECT COUNT(*) FROM span)::int AS periods,
              COALESCE(t.on_time, 0) AS "onTimeMonths"
         FROM progress_snapshot s JOIN district d ON d.id = s.district_id
         LEFT JOIN timeliness t ON t.district_id = d.id
        WHERE s.month = $1 AND s.plan_id = $2
        ORDER BY d.code`,
      [month, planId, fromMonth],
    );
  }

  /**
   * Every validated upload of the span (accepted into a version, or rejected; duplicates and uploads still in the
   * queue have no outcome), with whether its version was accepted and its anomaly flags neither explained nor
   * confirmed.
   */
  async uploadRecords(manager: EntityManager, month: string, fromMonth: string): Promise<DistrictUploadRecord[]> {
    return manager.query(
      `SELECT r.district_id AS "districtId", COALESCE(v.state = 'accepted', false) AS accepted,
              (SELECT COUNT(*) FROM anomaly_flag a
                WHERE a.version_id = v.id AND NOT a.explained AND a.confirmed_at IS NULL)::int AS "unexplainedAnomalies"
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id AND p.month BETWEEN $2 AND $1
         JOIN report_upload u ON u.report_id = r.id AND u.status IN ('accepted', 'rejected')
         LEFT JOIN report_version v ON v.id = u.version_id`,
      [month, fromMonth],
    );
  }

  async previousRanks(manager: EntityManager, month: string): Promise<Map<number, number>> {
    const rows: { districtId: number; rank: number }[] = await manager.query(
      `SELECT rr.district_id AS "districtId", rr.rank FROM ranking_row rr JOIN ranking r ON r.id = rr.ranking_id
        WHERE r.status = 'published' AND r.month = (SELECT max(month) FROM ranking WHERE status = 'published' AND month < $1)`,
      [month],
    );
    return new Map(rows.map((r) => [r.districtId, r.rank]));
  }
}
