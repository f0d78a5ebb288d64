import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppError,
  assertDistrictAccess,
  AuthenticatedUser,
  Clock,
  districtScopeSql,
  JobQueue,
  QueueName,
  readableDistrictIds,
  shanghaiMonth,
} from '@app/core';
import { AuditService } from '@app/auth';
import { inspectWorkbookContainer } from '@app/excel';
import { ReportingPeriodService } from '../period/reporting-period.service.js';
import { DistrictReport } from '../entities/district-report.entity.js';
import { ReportUpload } from '../entities/report-upload.entity.js';
import { ReportState, UploadStatus } from '../entities/reporting.enums.js';
import { ReportIngestPayload } from './report-ingest.payload.js';

/** Issue 3 §3 and hostile-file limits (issue 6 §3): bigger files are refused before anything is stored. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadReceipt {
  uploadId: string;
  jobId: string;
  status: UploadStatus;
  /** The same bytes were uploaded for this report before: nothing new was created. */
  duplicate: boolean;
}

export function ingestJobId(uploadId: string): string {
  return `ingest:${uploadId}`;
}

/**
 * Receives a district's file: stores the original bytes and checksum durably first (the row is the outbox), then
 * queues the ingest job. Validation happens in the job; here only what must be refused at the door.
 */
@Injectable()
export class ReportUploadService {
  private readonly logger = new Logger('ReportUploadService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: ReportingPeriodService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async receive(
    user: AuthenticatedUser,
    districtId: number,
    month: string,
    file: { originalName: string; bytes: Buffer } | undefined,
  ): Promise<UploadReceipt> {
    assertDistrictAccess(user, districtId);
    if (!file) throw AppError.validation('请选择要上传的文件（表单字段 file）');
    if (month > shanghaiMonth(this.clock.now())) throw AppError.validation(`不能报送未来月份（${month}）的报表`);
    // Empty, too big, not an .xlsx at all, a legacy .xls, a zip bomb: refused at the door, nothing stored (issue 6 §3).
    const container = inspectWorkbookContainer(file.bytes, { maxFileBytes: MAX_UPLOAD_BYTES });
    if (!container.ok) throw AppError.validation(container.message);
    const period = await this.periods.ensurePeriod(month);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const fileName = file.originalName.slice(0, 255) || 'report.xlsx';

    const { upload, duplicate } = await this.dataSource.transaction(async (manager) => {
      const [report]: Pick<DistrictReport, 'id' | 'state'>[] = await manager.query(
        `SELECT id, state FROM district_report WHERE period_id = $1 AND district_id = $2 AND ${districtScopeSql('district_id', 3)}`,
        [period.id, districtId, readableDistrictIds(user)],
      );
      if (!report) throw AppError.notFound('该区县没有本期报表');
      if (report.state === ReportState.Accepted) {
        throw AppError.conflict('本期报表已审核通过，不能再上传；如需更正，请联系市发展改革委退回');
      }
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO report_upload (report_id, uploaded_by, file_name, size_bytes, sha256, content, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT "UQ_report_upload_report_sha" DO NOTHING RETURNING id`,
        [report.id, user.id, fileName, file.bytes.length, sha256, file.bytes, UploadStatus.Received],
      );
      if (inserted.length === 0) {
        const existing = await manager.findOneOrFail(ReportUpload, {
          where: { reportId: report.id, sha256 },
          select: { id: true, status: true },
        });
        return { upload: existing, duplicate: true };
      }
      await this.audit.record(
        user,
        {
          action: 'report.upload',
          entityType: 'report_upload',
          entityId: inserted[0].id,
          districtId,
          after: { month, fileName, sha256, sizeBytes: file.bytes.length },
        },
        manager,
      );
      return { upload: { id: inserted[0].id, status: UploadStatus.Received }, duplicate: false };
    });

    if (duplicate) return { uploadId: upload.id, jobId: ingestJobId(upload.id), status: upload.status, duplicate };
    const status = await this.enqueue(upload.id);
    return { uploadId: upload.id, jobId: ingestJobId(upload.id), status, duplicate: false };
  }

  /**
   * Hands a stored upload to the queue; with the queue down it stays 'received' and the relay retries later. The job
   * id is the upload's, so handing it over twice queues it once.
   */
  async enqueue(uploadId: string, options: { retryFailed?: boolean } = {}): Promise<UploadStatus> {
    try {
      await this.jobs.enqueue<ReportIngestPayload>(
        QueueName.ReportIngest,
        { uploadId },
        { jobId: ingestJobId(uploadId), attempts: 3, retryFailed: options.retryFailed },
      );
    } catch (error) {
      this.logger.warn(`上传 ${uploadId} 已保存，暂未进入队列：${(error as Error).message}`);
      return UploadStatus.Received;
    }
    await this.dataSource.query(`UPDATE report_upload SET status = $2 WHERE id = $1 AND status = $3`, [
      uploadId,
      UploadStatus.Queued,
      UploadStatus.Received,
    ]);
    return UploadStatus.Queued;
  }

  /**
   * The outbox relay: stored uploads not finished yet are handed to the queue again. That covers an upload never
   * queued (the queue was down, or the process died in between), a job the queue lost (Redis restarted without
   * persistence) and a job that failed for good (e.g. PostgreSQL was away for longer than its retries). A job still
   * waiting or running is left alone: its id is taken.
   */
  async relayPending(
    olderThanMs = 30_000,
    statuses: UploadStatus[] = [UploadStatus.Received, UploadStatus.Queued, UploadStatus.Processing],
  ): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM report_upload WHERE status = ANY($1) AND received_at <= now() - make_interval(secs => $2)
        ORDER BY received_at LIMIT 500`,
      [statuses, olderThanMs / 1000],
    );
    let relayed = 0;
    for (const row of rows) {
      if ((await this.enqueue(row.id, { retryFailed: true })) !== UploadStatus.Received) relayed += 1;
    }
    return relayed;
  }
}
