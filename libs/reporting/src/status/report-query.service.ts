import { Injectable } from '@nestjs/common';
import {
  AppError,
  assertDistrictAccess,
  AuthenticatedUser,
  JobProgress,
  JobQueue,
  QueueName,
  readableDistrictIds,
} from '@app/core';
import { UploadStatus } from '../entities/reporting.enums.js';
import { ingestJobId } from '../upload/report-upload.service.js';
import { AnomalyFlagService } from '../anomaly/anomaly-flag.service.js';
import { AnomalyFlagView } from '../anomaly/anomaly.repository.js';
import { ReportQueryRepository, ReportRow, UploadRow, VersionRow } from './report-query.repository.js';

export interface UploadView extends UploadRow {
  errors: unknown;
  /** Live progress of the ingest job while it runs. */
  progress: JobProgress | null;
}

/** A version with what the system flagged when it came in (issue 4 §8), for the review. */
export type VersionView = VersionRow & { anomalies: AnomalyFlagView[] };

export interface ReportView extends ReportRow {
  versions: VersionView[];
  uploads: UploadRow[];
}

/**
 * Reads of reports, versions and uploads. The district scope is checked here (a clear 403) and applied again in
 * every query (ReportQueryRepository), so that no read returns another district's data.
 */
@Injectable()
export class ReportQueryService {
  constructor(
    private readonly repository: ReportQueryRepository,
    private readonly jobs: JobQueue,
    private readonly anomalies: AnomalyFlagService,
  ) {}

  async report(user: AuthenticatedUser, month: string, districtId: number): Promise<ReportView> {
    assertDistrictAccess(user, districtId);
    const report = await this.repository.findReport(month, districtId, readableDistrictIds(user));
    if (!report) throw AppError.notFound(`${month} 没有该区县的报表`);
    const [versions, uploads] = await Promise.all([
      this.repository.versionsOf(report.reportId),
      this.repository.uploadsOf(report.reportId),
    ]);
    const flags = await this.anomalies.byVersion(versions.map((v) => v.id));
    return { ...report, versions: versions.map((v) => ({ ...v, anomalies: flags.get(v.id) ?? [] })), uploads };
  }

  async upload(user: AuthenticatedUser, uploadId: string): Promise<UploadView> {
    const upload = await this.repository.findUpload(uploadId, readableDistrictIds(user));
    if (!upload) throw await this.missing('upload', uploadId, '上传记录不存在');
    const running = [UploadStatus.Queued, UploadStatus.Processing].includes(upload.status);
    const status = running
      ? await this.jobs.getStatus(QueueName.ReportIngest, ingestJobId(uploadId)).catch(() => null)
      : null;
    return { ...upload, progress: status?.progress ?? null };
  }

  /** The original bytes of a version's upload, exactly as the district sent them. */
  async versionFile(user: AuthenticatedUser, versionId: number): Promise<{ fileName: string; content: Buffer }> {
    const file = await this.repository.findVersionFile(versionId, readableDistrictIds(user));
    if (!file) throw await this.missing('version', versionId, '报表版本不存在');
    return file;
  }

  private async missing(kind: 'upload' | 'version', id: string | number, notFound: string): Promise<AppError> {
    return (await this.repository.exists(kind, id))
      ? AppError.forbidden('无权访问其他区县的数据')
      : AppError.notFound(notFound);
  }
}
