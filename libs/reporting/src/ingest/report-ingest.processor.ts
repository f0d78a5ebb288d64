import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, JobContext, JobHandler, JobProcessor, QueueName } from '@app/core';
import { AuditService } from '@app/auth';
import { NotificationKind, NotificationService, NotifyResult, RecipientScope } from '@app/notify';
import { formatMonthZh } from '../period/period-month.js';
import { UploadStatus, ReportState, VersionState } from '../entities/reporting.enums.js';
import { ReportIngestPayload } from '../upload/report-ingest.payload.js';
import { ReportContextRepository } from './report-context.repository.js';
import { applyReportRules, ResolvedCommunityRow, ResolvedFacilityRow } from './report-rules.js';
import { ReportError } from './report-input.types.js';
import {
  DEFAULT_PARSE_TIMEOUT_MS,
  parseReportFile,
  REPORT_SHEET_LABELS,
  sortReportErrors,
} from './report-file.parser.js';
import { insertRows } from './row-insert.js';
import { AnomalyDetectionService } from '../anomaly/anomaly-detection.service.js';

export interface ReportIngestResult {
  uploadId: string;
  status: UploadStatus;
  versionId?: number;
  versionNo?: number;
  errorCount: number;
}

interface UploadForIngest {
  id: string;
  status: UploadStatus;
  content: Buffer;
  receivedAt: Date;
  uploadedBy: number;
  reportId: number;
  districtId: number;
  districtCode: string;
  districtName: string;
  month: string;
  deadlineAt: Date;
}

/** How many errors a rejected upload keeps for its error table (the first ones, in sheet/row order). */
export const MAX_STORED_ERRORS = 5000;

const TERMINAL = [UploadStatus.Accepted, UploadStatus.Rejected, UploadStatus.Duplicate];

/**
 * Issue 3 §3–4: parse and validate every cell of a stored upload, then either write the whole file as a new
 * version in one transaction or record every error and write nothing else. Idempotent: a retry after a crash
 * redoes the work from the stored bytes; a finished upload is left alone.
 */
@Injectable()
@JobHandler(QueueName.ReportIngest)
export class ReportIngestProcessor implements JobProcessor<ReportIngestPayload, ReportIngestResult> {
  private readonly logger = new Logger('ReportIngestProcessor');

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: ReportContextRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly anomalies: AnomalyDetectionService,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async process(job: JobContext<ReportIngestPayload>): Promise<ReportIngestResult> {
    const upload = await this.load(job.data.uploadId);
    if (!upload) throw new Error(`upload ${job.data.uploadId} not found`);
    if (TERMINAL.includes(upload.status)) return { uploadId: upload.id, status: upload.status, errorCount: 0 };
    await this.dataSource.query(`UPDATE report_upload SET status = $2 WHERE id = $1`, [
      upload.id,
      UploadStatus.Processing,
    ]);

    await job.updateProgress({ percent: 10, message: '正在读取文件' });
    const parsed = await parseReportFile(
      upload.content,
      this.config?.REPORT_PARSE_TIMEOUT_MS ?? DEFAULT_PARSE_TIMEOUT_MS,
    );
    const errors: ReportError[] = [...parsed.errors];
    let communities: ResolvedCommunityRow[] = [];
    let facilities: ResolvedFacilityRow[] = [];
    if (parsed.meta) {
      await job.updateProgress({ percent: 50, message: '正在核对登记信息' });
      const context = await this.contexts.load(
        { id: upload.districtId, code: upload.districtCode, name: upload.districtName },
        upload.month,
        {
          communityCodes: [
            ...parsed.communities.map((r) => r.communityCode),
            ...parsed.facilities.map((r) => r.communityCode),
          ],
          facilityCodes: [
            ...parsed.facilities.flatMap((r) => (r.facilityCode ? [r.facilityCode] : [])),
            ...parsed.communities.flatMap((r) => (r.nearbyFacilityCode ? [r.nearbyFacilityCode] : [])),
          ],
          platformIds: parsed.facilities.flatMap((r) => (r.platformId ? [r.platformId] : [])),
        },
      );
      // Rows that failed cell parsing are not in `parsed`; their codes still count as present.
      const rules = applyReportRules(parsed.meta, parsed.communities, parsed.facilities, context, REPORT_SHEET_LABELS, {
        communityCodes: parsed.unparsed.communityCodes,
        facilityCodes: parsed.unparsed.facilityCodes,
        communitiesComplete: parsed.complete.communities,
        facilitiesComplete: parsed.complete.facilities,
      });
      for (const error of rules.errors) errors.push(error);
      communities = rules.communities;
      facilities = rules.facilities;
    }

    if (errors.length > 0) {
      await this.reject(upload, errors);
      await job.updateProgress({ percent: 100, message: `发现 ${errors.length} 处错误，未写入任何数据` });
      return { uploadId: upload.id, status: UploadStatus.Rejected, errorCount: errors.length };
    }
    await job.updateProgress({ percent: 70, message: '正在写入新版本' });
    const version = await this.dataSource.transaction((manager) =>
      this.createVersion(manager, upload, parsed.meta!.templateVersion, communities, facilities),
    );
    await this.notifications.dispatch(...version.notified);
    await job.updateProgress({ percent: 100, message: `已生成第 ${version.versionNo} 版` });
    return {
      uploadId: upload.id,
      status: version.status,
      versionId: version.versionId,
      versionNo: version.versionNo,
      errorCount: 0,
    };
  }

  private async load(uploadId: string): Promise<UploadForIngest | null> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.status, u.content, u.received_at AS "receivedAt", u.uploaded_by AS "uploadedBy", r.id AS "reportId",
              d.id AS "districtId", d.code AS "districtCode", d.name AS "districtName", p.month, p.deadline_at AS "deadlineAt"
         FROM report_upload u JOIN district_report r ON r.id = u.report_id JOIN district d ON d.id = r.district_id
         JOIN reporting_period p ON p.id = r.period_id
        WHERE u.id = $1`,
      [uploadId],
    );
    return row ?? null;
  }

  private async reject(upload: UploadForIngest, errors: ReportError[]): Promise<void> {
    const sorted = sortReportErrors(errors);
    // The count is always exact; the list keeps the first MAX_STORED_ERRORS in sheet/row order, so that a junk file
    // with a hundred thousand bad cells does not put tens of megabytes of JSON into one row and into the browser.
    const stored = sorted.length > MAX_STORED_ERRORS ? sorted.slice(0, MAX_STORED_ERRORS) : sorted;
    await this.dataSource.query(
      `UPDATE report_upload SET status = $2, errors = $3, error_count = $4, processed_at = now() WHERE id = $1 AND status = $5`,
      [upload.id, UploadStatus.Rejected, JSON.stringify(stored), sorted.length, UploadStatus.Processing],
    );
    this.logger.log(`上传 ${upload.id}（${upload.districtName} ${upload.month}）未通过校验：${sorted.length} 处错误`);
    await this.notifications.notify({
      recipients: { scope: RecipientScope.Districts, districtIds: [upload.districtId] },
      kind: NotificationKind.UploadRejected,
      title: `${formatMonthZh(upload.month)}报表未通过校验`,
      body: `${upload.districtName}上传的${formatMonthZh(upload.month)}报表发现 ${sorted.length} 处错误，未写入任何数据。请按错误清单修改后重新上传。`,
      link: `/reports/${upload.month}/uploads/${upload.id}`,
      districtId: upload.districtId,
      month: upload.month,
      dedupeKey: `upload-rejected:${upload.id}`,
    });
  }

  private async createVersion(
    manager: EntityManager,
    upload: UploadForIngest,
    templateVersion: string,
    communities: ResolvedCommunityRow[],
    facilities: ResolvedFacilityRow[],
  ): Promise<{ versionId?: number; versionNo?: number; status: UploadStatus; notified: NotifyResult[] }> {
    // The report row lock serialises this district's ingests and reviews.
    const [report] = await manager.query(
      `SELECT state, version_count AS "versionCount" FROM district_report WHERE id = $1 FOR UPDATE`,
      [upload.reportId],
    );
    const [current] = await manager.query(`SELECT status FROM report_upload WHERE id = $1`, [upload.id]);
    if (TERMINAL.includes(current.status)) return { status: current.status, notified: [] };
    if (report.state === ReportState.Accepted) {
      await this.reject(upload, [
        {
          sheet: '',
          row: null,
          column: null,
          value: null,
          message: '本期报表已审核通过，不能再提交新版本；如需更正，请联系市发展改革委退回',
        },
      ]);
      return { status: UploadStatus.Rejected, notified: [] };
    }
    const versionNo = report.versionCount + 1;
    const onTime = new Date(upload.receivedAt) <= new Date(upload.deadlineAt);
    const [{ id: versionId }] = await manager.query(
      `INSERT INTO report_version (report_id, version_no, upload_id, template_version, submitted_at, submitted_by, on_time,
         community_row_count, facility_row_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        upload.reportId,
        versionNo,
        upload.id,
        templateVersion,
        upload.receivedAt,
        upload.uploadedBy,
        onTime,
        communities.length,
        facilities.length,
      ],
    );
    await insertRows(manager, versionId, communities, facilities);
    const flags = await this.anomalies.flagVersion(manager, {
      id: versionId,
      month: upload.month,
      district: { id: upload.districtId, code: upload.districtCode, name: upload.districtName },
    });
    const unexplained = flags.filter((f) => !f.explained).length;
    await manager.query(`UPDATE report_version SET state = $3 WHERE report_id = $1 AND id <> $2 AND state = $4`, [
      upload.reportId,
      versionId,
      VersionState.Superseded,
      VersionState.Submitted,
    ]);
    const nextState =
      report.state === ReportState.Returned
        ? ReportState.Resubmitted
        : report.state === ReportState.NotSubmitted
          ? ReportState.Submitted
          : report.state;
    await manager.query(
      `UPDATE district_report SET state = $2, version_count = $3, first_submitted_at = COALESCE(first_submitted_at, $4),
         last_submitted_at = $4, updated_at = now() WHERE id = $1`,
      [upload.reportId, nextState, versionNo, upload.receivedAt],
    );
    await manager.query(
      `UPDATE report_upload SET status = $2, version_id = $3, error_count = 0, errors = NULL, processed_at = now() WHERE id = $1`,
      [upload.id, UploadStatus.Accepted, versionId],
    );
    const [actor] = await manager.query(
      `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId" FROM app_user WHERE id = $1`,
      [upload.uploadedBy],
    );
    await this.audit.record(
      actor,
      {
        action: 'report.version.create',
        entityType: 'report_version',
        entityId: versionId,
        districtId: upload.districtId,
        before: { reportState: report.state, versionCount: report.versionCount },
        after: {
          reportState: nextState,
          versionNo,
          uploadId: upload.id,
          onTime,
          communityRows: communities.length,
          facilityRows: facilities.length,
          anomalies: flags.length,
        },
      },
      manager,
    );
    const title = `${upload.districtName}${formatMonthZh(upload.month)}报表第 ${versionNo} 版已提交`;
    const notified = [
      await this.notifications.notify(
        {
          recipients: { scope: RecipientScope.Districts, districtIds: [upload.districtId] },
          kind: NotificationKind.UploadAccepted,
          title,
          body: `文件已通过校验，生成第 ${versionNo} 版，${onTime ? '按时' : '晚于截止时间'}提交，等待市发展改革委审核。`,
          link: `/reports/${upload.month}`,
          districtId: upload.districtId,
          month: upload.month,
          dedupeKey: `version:${versionId}`,
        },
        manager,
      ),
      await this.notifications.notify(
        {
          recipients: { scope: RecipientScope.Office },
          kind: NotificationKind.UploadAccepted,
          title: `${title}，待审核`,
          body:
            `${upload.districtName}提交了${formatMonthZh(upload.month)}报表第 ${versionNo} 版（${onTime ? '按时' : '逾期'}），请审核。` +
            (flags.length > 0
              ? `系统标出 ${flags.length} 处数据异常（其中 ${unexplained} 处未说明原因），请审核时留意。`
              : ''),
          link: `/review/${upload.month}/${upload.districtId}`,
          districtId: upload.districtId,
          month: upload.month,
          dedupeKey: `version:${versionId}`,
        },
        manager,
      ),
    ];
    return { versionId, versionNo, status: UploadStatus.Accepted, notified };
  }
}
