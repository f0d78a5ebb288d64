import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, JobProgress, JobQueue, QueueName } from '@app/core';
import { ReportState, UploadStatus, VersionState } from '../entities/reporting.enums.js';
import { ingestJobId } from '../upload/report-upload.service.js';
import { AnomalyFlagService } from '../anomaly/anomaly-flag.service.js';
import { AnomalyFlagView } from '../anomaly/anomaly.repository.js';

export interface UploadView {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: Date;
  uploadedBy: string;
  status: UploadStatus;
  errorCount: number;
  errors: unknown;
  versionId: number | null;
  processedAt: Date | null;
  /** Live progress of the ingest job while it runs. */
  progress: JobProgress | null;
}

export interface VersionView {
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
  /** Issue 4 §8: what the system flagged when the version came in, for the review. */
  anomalies: AnomalyFlagView[];
}

export interface ReportView {
  reportId: number;
  month: string;
  districtId: number;
  districtName: string;
  deadlineAt: Date;
  state: ReportState;
  overdue: boolean;
  versions: VersionView[];
  uploads: Omit<UploadView, 'errors' | 'progress'>[];
}

/** Reads of reports, versions and uploads, scoped to the reader's district. */
@Injectable()
export class ReportQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly anomalies: AnomalyFlagService,
  ) {}

  async report(user: AuthenticatedUser, month: string, districtId: number): Promise<ReportView> {
    assertDistrictAccess(user, districtId);
    const [report] = await this.dataSource.query(
      `SELECT r.id AS "reportId", p.month, r.district_id AS "districtId", d.name AS "districtName", p.deadline_at AS "deadlineAt",
              r.state, r.overdue
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id JOIN district d ON d.id = r.district_id
        WHERE p.month = $1 AND r.district_id = $2`,
      [month, districtId],
    );
    if (!report) throw AppError.notFound(`${month} 没有该区县的报表`);
    const versions: Omit<VersionView, 'anomalies'>[] = await this.dataSource.query(
      `SELECT v.id, v.version_no AS "versionNo", v.upload_id AS "uploadId", v.submitted_at AS "submittedAt", s.display_name AS "submittedBy",
              v.on_time AS "onTime", v.state, v.review_comment AS "reviewComment", rv.display_name AS "reviewedBy", v.reviewed_at AS "reviewedAt",
              v.community_row_count AS "communityRowCount", v.facility_row_count AS "facilityRowCount"
         FROM report_version v JOIN app_user s ON s.id = v.submitted_by LEFT JOIN app_user rv ON rv.id = v.reviewed_by
        WHERE v.report_id = $1 ORDER BY v.version_no DESC`,
      [report.reportId],
    );
    const uploads = await this.dataSource.query(
      `SELECT ${UPLOAD_COLUMNS} FROM report_upload u JOIN app_user a ON a.id = u.uploaded_by
        WHERE u.report_id = $1 ORDER BY u.received_at DESC`,
      [report.reportId],
    );
    const flags = await this.anomalies.byVersion(versions.map((v) => v.id));
    return { ...report, versions: versions.map((v) => ({ ...v, anomalies: flags.get(v.id) ?? [] })), uploads };
  }

  async upload(user: AuthenticatedUser, uploadId: string): Promise<UploadView> {
    const [row] = await this.dataSource.query(
      `SELECT ${UPLOAD_COLUMNS}, u.errors, r.district_id AS "districtId"
         FROM report_upload u JOIN district_report r ON r.id = u.report_id JOIN app_user a ON a.id = u.uploaded_by
        WHERE u.id = $1`,
      [uploadId],
    );
    if (!row) throw AppError.notFound('上传记录不存在');
    assertDistrictAccess(user, row.districtId);
    const { districtId: _districtId, ...upload } = row;
    const running = [UploadStatus.Queued, UploadStatus.Processing].includes(upload.status);
    const status = running
      ? await this.jobs.getStatus(QueueName.ReportIngest, ingestJobId(uploadId)).catch(() => null)
      : null;
    return { ...upload, progress: status?.progress ?? null };
  }

  /** The original bytes of a version's upload, exactly as the district sent them. */
  async versionFile(user: AuthenticatedUser, versionId: number): Promise<{ fileName: string; content: Buffer }> {
    const [row] = await this.dataSource.query(
      `SELECT u.file_name AS "fileName", u.content, r.district_id AS "districtId"
         FROM report_version v JOIN report_upload u ON u.id = v.upload_id JOIN district_report r ON r.id = v.report_id
        WHERE v.id = $1`,
      [versionId],
    );
    if (!row) throw AppError.notFound('报表版本不存在');
    assertDistrictAccess(user, row.districtId);
    return { fileName: row.fileName, content: row.content };
  }
}

const UPLOAD_COLUMNS = `u.id, u.file_name AS "fileName", u.size_bytes AS "sizeBytes", u.sha256, u.received_at AS "receivedAt",
  a.display_name AS "uploadedBy", u.status, u.error_count AS "errorCount", u.version_id AS "versionId", u.processed_at AS "processedAt"`;
