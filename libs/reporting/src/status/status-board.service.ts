import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, readableDistrictIds } from '@app/core';
import { ReportState } from '../entities/reporting.enums.js';

export interface DistrictReportStatus {
  districtId: number;
  districtCode: string;
  districtName: string;
  reportId: number;
  state: ReportState;
  overdue: boolean;
  versionCount: number;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  acceptedAt: Date | null;
  /** Nothing submitted by the deadline, or the first submission came after it. */
  late: boolean;
  /** Errors of the newest rejected upload, if the newest upload was rejected. */
  lastRejectedErrorCount: number | null;
  /** An upload is queued or being validated. */
  processing: boolean;
  /** Anomaly flags on the newest version (issue 4 §8), and how many of them neither explained nor confirmed. */
  anomalyCount: number;
  unexplainedAnomalyCount: number;
}

export interface StatusBoard {
  month: string;
  deadlineAt: Date;
  /** Seconds to the deadline; negative once past. */
  secondsToDeadline: number;
  districts: DistrictReportStatus[];
  totals: Record<ReportState, number> & { late: number; overdue: number };
}

/** Issue 3 §6: every district's state for a period, for the office's board (a district sees its own row). */
@Injectable()
export class StatusBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async board(user: AuthenticatedUser, month: string): Promise<StatusBoard> {
    const [period] = await this.dataSource.query(
      `SELECT id, deadline_at AS "deadlineAt" FROM reporting_period WHERE month = $1`,
      [month],
    );
    if (!period) throw AppError.notFound(`${month} 报送期尚未开启`);
    const scope = readableDistrictIds(user);
    const rows: (Omit<DistrictReportStatus, 'late'> & { sortOrder: number })[] = await this.dataSource.query(
      `SELECT d.id AS "districtId", d.code AS "districtCode", d.name AS "districtName", r.id AS "reportId", r.state, r.overdue,
              r.version_count AS "versionCount", r.first_submitted_at AS "firstSubmittedAt", r.last_submitted_at AS "lastSubmittedAt",
              r.accepted_at AS "acceptedAt",
              (SELECT CASE WHEN u.status = 'rejected' THEN u.error_count END FROM report_upload u
                WHERE u.report_id = r.id ORDER BY u.received_at DESC LIMIT 1) AS "lastRejectedErrorCount",
              EXISTS (SELECT 1 FROM report_upload u WHERE u.report_id = r.id AND u.status IN ('received', 'queued', 'processing')) AS processing,
              COALESCE(flags.total, 0) AS "anomalyCount", COALESCE(flags.unexplained, 0) AS "unexplainedAnomalyCount"
         FROM district_report r JOIN district d ON d.id = r.district_id
         LEFT JOIN LATERAL (
           SELECT COUNT(*)::int AS total, COUNT(*) FILTER (WHERE NOT a.explained AND a.confirmed_at IS NULL)::int AS unexplained
             FROM report_version v JOIN anomaly_flag a ON a.version_id = v.id
            WHERE v.report_id = r.id AND v.version_no = r.version_count) flags ON true
        WHERE r.period_id = $1 AND ($2::int[] IS NULL OR d.id = ANY($2))
        ORDER BY d.sort_order, d.code`,
      [period.id, scope],
    );
    const now = this.clock.now();
    const deadline = new Date(period.deadlineAt);
    const districts = rows.map(({ sortOrder: _sortOrder, ...row }) => ({
      ...row,
      late: row.firstSubmittedAt ? new Date(row.firstSubmittedAt) > deadline : now > deadline,
    }));
    const totals = {
      ...(Object.fromEntries(Object.values(ReportState).map((s) => [s, 0])) as Record<ReportState, number>),
      late: 0,
      overdue: 0,
    };
    for (const d of districts) {
      totals[d.state] += 1;
      if (d.late) totals.late += 1;
      if (d.overdue) totals.overdue += 1;
    }
    return {
      month,
      deadlineAt: deadline,
      secondsToDeadline: Math.round((deadline.getTime() - now.getTime()) / 1000),
      districts,
      totals,
    };
  }
}
