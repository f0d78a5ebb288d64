import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { districtScopeSql } from '@app/core';
import { ReportState, UploadStatus, VersionState } from '../entities/reporting.enums.js';

export interface UploadRow {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: Date;
  uploadedBy: string;
  status: UploadStatus;
  errorCount: number;
  versionId: number | null;
  processedAt: Date | null;
}

export interface VersionRow {
  id: number;
  versionNo: number;
  uploadId: string;
  submittedAt: Date;
  submittedBy: string;
  onTime: boolean;
  state: VersionState;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  communityRowCount: number;
  facilityRowCount: number;
}

export interface ReportRow {
  reportId: number;
  month: string;
  districtId: number;
  districtName: string;
  deadlineAt: Date;
  state: ReportState;
  overdue: boolean;
}

/** `scope`: readableDistrictIds of the reader (null = every district); applied in every query's WHERE. */
export type DistrictScope = number[] | null;

const UPLOAD_COLUMNS = `u.id, u.file_name AS "fileName", u.size_bytes AS "sizeBytes", u.sha256, u.received_at AS "receivedAt",
  a.display_name AS "uploadedBy", u.status, u.error_count AS "errorCount", u.version_id AS "versionId", u.processed_at AS "processedAt"`;

/** Reads of reports, versions and uploads with the district scope in SQL. Queries only (STYLE habit 2). */
@Injectable()
export class ReportQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findReport(month: string, districtId: number, scope: DistrictScope): Promise<ReportRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT r.id AS "reportId", p.month, r.district_id AS "districtId", d.name AS "districtName", p.deadline_at AS "deadlineAt",
              r.state, r.overdue
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id JOIN district d ON d.id = r.district_id
        WHERE p.month = $1 AND r.district_id = $2 AND ${districtScopeSql('r.district_id', 3)}`,
      [month, districtId, scope],
    );
    return row ?? null;
  }

  versionsOf(reportId: number): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT v.id, v.version_no AS "versionNo", v.upload_id AS "uploadId", v.submitted_at AS "submittedAt", s.display_name AS "submittedBy",
              v.on_time AS "onTime", v.state, v.review_comment AS "reviewComment", rv.display_name AS "reviewedBy", v.reviewed_at AS "reviewedAt",
              v.community_row_count AS "communityRowCount", v.facility_row_count AS "facilityRowCount"
         FROM report_version v JOIN app_user s ON s.id = v.submitted_by LEFT JOIN app_user rv ON rv.id = v.reviewed_by
        WHERE v.report_id = $1 ORDER BY v.version_no DESC`,
      [reportId],
    );
  }

  uploadsOf(reportId: number): Promise<UploadRow[]> {
    return this.dataSource.query(
      `SELECT ${UPLOAD_COLUMNS} FROM report_upload u JOIN app_user a ON a.id = u.uploaded_by
        WHERE u.report_id = $1 ORDER BY u.received_at DESC`,
      [reportId],
    );
  }

  async findUpload(uploadId: string, scope: DistrictScope): Promise<(UploadRow & { errors: unknown }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${UPLOAD_COLUMNS}, u.errors
         FROM report_upload u JOIN district_report r ON r.id = u.report_id JOIN app_user a ON a.id = u.uploaded_by
        WHERE u.id = $1 AND ${districtScopeSql('r.district_id', 2)}`,
      [uploadId, scope],
    );
    return row ?? null;
  }

  async findVersionFile(
    versionId: number,
    scope: DistrictScope,
  ): Promise<{ fileName: string; content: Buffer } | null> {
    const [row] = await this.dataSource.query(
      `SELECT u.file_name AS "fileName", u.content
         FROM report_version v JOIN report_upload u ON u.id = v.upload_id JOIN district_report r ON r.id = v.report_id
        WHERE v.id = $1 AND ${districtScopeSql('r.district_id', 2)}`,
      [versionId, scope],
    );
    return row ?? null;
  }

  /** Whether the object exists at all, for telling "not yours" (403) from "no such thing" (404); no data. */
  async exists(kind: 'upload' | 'version', id: string | number): Promise<boolean> {
    const table = kind === 'upload' ? 'report_upload' : 'report_version';
    const [row] = await this.dataSource.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return Boolean(row);
  }
}
