import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser, JobQueue, QueueName } from '@app/core';
import { AuditService } from '@app/auth';
import { PeriodAggregatePayload } from '@app/progress';
import { NotificationKind, NotificationService, RecipientScope } from '@app/notify';
import { formatMonthZh } from '../period/period-month.js';
import { ReportVersion } from '../entities/report-version.entity.js';
import { DistrictReport } from '../entities/district-report.entity.js';
import { ReportState, VersionState } from '../entities/reporting.enums.js';
import { RegisterSyncOutcome, RegisterSyncService } from './register-sync.service.js';

interface LockedVersion {
  version: ReportVersion;
  report: DistrictReport;
  month: string;
  district: { id: number; code: string; name: string };
}

export interface ReviewResult {
  versionId: number;
  state: VersionState;
  reportState: ReportState;
  aggregationJobId?: string;
  register?: RegisterSyncOutcome;
}

/**
 * The office's review (issue 3 §5): accept, or return with a comment; only the newest submitted version can be
 * reviewed. Acceptance carries the version into the register and enqueues the month's aggregation.
 */
@Injectable()
export class ReportReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registerSync: RegisterSyncService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationService,
  ) {}

  async accept(user: AuthenticatedUser, versionId: number): Promise<ReviewResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      const { version, report, month, district } = await this.lockReviewable(manager, versionId);
      const reviewedAt = new Date();
      await manager.update(ReportVersion, version.id, {
        state: VersionState.Accepted,
        reviewedBy: user.id,
        reviewedAt,
      });
      await manager.update(DistrictReport, report.id, {
        state: ReportState.Accepted,
        acceptedVersionId: version.id,
        acceptedAt: reviewedAt,
      });
      const register = await this.registerSync.apply(manager, version.id, month, district);
      await this.audit.record(
        user,
        {
          action: 'report.accept',
          entityType: 'report_version',
          entityId: version.id,
          districtId: district.id,
          before: { versionState: version.state, reportState: report.state },
          after: {
            versionState: VersionState.Accepted,
            reportState: ReportState.Accepted,
            month,
            register: { ...register },
          },
        },
        manager,
      );
      const notified = await this.notifications.notify(
        {
          recipients: { scope: RecipientScope.Districts, districtIds: [district.id] },
          kind: NotificationKind.ReportAccepted,
          title: `${formatMonthZh(month)}报表第 ${version.versionNo} 版已审核通过`,
          body: `${district.name}${formatMonthZh(month)}报表第 ${version.versionNo} 版已由市发展改革委审核通过，数据已纳入本月统计。`,
          link: `/reports/${month}`,
          districtId: district.id,
          month,
          dedupeKey: `accepted:${version.id}`,
        },
        manager,
      );
      return {
        versionId: version.id,
        state: VersionState.Accepted,
        reportState: ReportState.Accepted,
        register,
        month,
        notified,
      };
    });
    await this.notifications.dispatch(result.notified);
    const aggregationJobId = await this.jobs.enqueue<PeriodAggregatePayload>(
      QueueName.PeriodAggregate,
      { month: result.month, reason: `report_version:${result.versionId}` },
      { jobId: `aggregate:${result.month}:v${result.versionId}` },
    );
    const { month: _month, notified: _notified, ...rest } = result;
    return { ...rest, aggregationJobId };
  }

  async return(user: AuthenticatedUser, versionId: number, comment: string): Promise<ReviewResult> {
    const text = comment.trim();
    if (!text) throw AppError.validation('退回时须填写退回意见');
    if (text.length > 1000) throw AppError.validation('退回意见不能超过 1000 个字');
    const result = await this.dataSource.transaction(async (manager) => {
      const { version, report, district, month } = await this.lockReviewable(manager, versionId);
      await manager.update(ReportVersion, version.id, {
        state: VersionState.Returned,
        reviewComment: text,
        reviewedBy: user.id,
        reviewedAt: new Date(),
      });
      await manager.update(DistrictReport, report.id, { state: ReportState.Returned });
      await this.audit.record(
        user,
        {
          action: 'report.return',
          entityType: 'report_version',
          entityId: version.id,
          districtId: district.id,
          before: { versionState: version.state, reportState: report.state },
          after: { versionState: VersionState.Returned, reportState: ReportState.Returned, comment: text },
        },
        manager,
      );
      const notified = await this.notifications.notify(
        {
          recipients: { scope: RecipientScope.Districts, districtIds: [district.id] },
          kind: NotificationKind.ReportReturned,
          title: `${formatMonthZh(month)}报表第 ${version.versionNo} 版被退回`,
          body: `退回意见：${text}\n请修改后重新上传。`,
          link: `/reports/${month}`,
          districtId: district.id,
          month,
          dedupeKey: `returned:${version.id}`,
        },
        manager,
      );
      return { versionId: version.id, state: VersionState.Returned, reportState: ReportState.Returned, notified };
    });
    await this.notifications.dispatch(result.notified);
    const { notified: _notified, ...rest } = result;
    return rest;
  }

  /** Locks the report row (serialising reviews and ingests of one district's report) and checks the version. */
  private async lockReviewable(manager: EntityManager, versionId: number): Promise<LockedVersion> {
    const version = await manager.findOne(ReportVersion, { where: { id: versionId } });
    if (!version) throw AppError.notFound('报表版本不存在');
    const report = await manager
      .getRepository(DistrictReport)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id: version.reportId })
      .getOneOrFail();
    const [{ month, districtCode, districtName }] = await manager.query(
      `SELECT p.month, d.code AS "districtCode", d.name AS "districtName" FROM reporting_period p, district d WHERE p.id = $1 AND d.id = $2`,
      [report.periodId, report.districtId],
    );
    const current = await manager.findOneOrFail(ReportVersion, { where: { id: versionId } });
    if (current.state !== VersionState.Submitted) {
      throw AppError.conflict(
        current.state === VersionState.Superseded
          ? '该版本已被更新的版本替代，请审核最新版本'
          : '该版本已审核，不能重复操作',
      );
    }
    return {
      version: current,
      report,
      month,
      district: { id: report.districtId, code: districtCode, name: districtName },
    };
  }
}
