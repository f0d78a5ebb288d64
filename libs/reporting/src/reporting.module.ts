import { Module } from '@nestjs/common';
import { NotifyModule } from '@app/notify';
import { ProgressModule } from '@app/progress';
import { AnomalyRepository } from './anomaly/anomaly.repository.js';
import { AnomalyDetectionService } from './anomaly/anomaly-detection.service.js';
import { AnomalySettingsService } from './anomaly/anomaly-settings.service.js';
import { AnomalyFlagService } from './anomaly/anomaly-flag.service.js';
import { ReportContextRepository } from './ingest/report-context.repository.js';
import { ReportIngestProcessor } from './ingest/report-ingest.processor.js';
import { ReportUploadService } from './upload/report-upload.service.js';
import { RegisterSyncService } from './review/register-sync.service.js';
import { ReportReviewService } from './review/report-review.service.js';
import { StatusBoardService } from './status/status-board.service.js';
import { ReportQueryService } from './status/report-query.service.js';
import { ReportQueryRepository } from './status/report-query.repository.js';
import { ReportingPeriodModule } from './period/reporting-period.module.js';
import { ReportTemplateService } from './template/report-template.service.js';

/** Uploads, validation, versions, anomaly flags, review and the status board of the monthly cycle. */
@Module({
  imports: [ReportingPeriodModule, NotifyModule, ProgressModule],
  providers: [
    AnomalyRepository,
    AnomalyDetectionService,
    AnomalySettingsService,
    AnomalyFlagService,
    ReportContextRepository,
    ReportIngestProcessor,
    ReportUploadService,
    RegisterSyncService,
    ReportReviewService,
    StatusBoardService,
    ReportQueryService,
    ReportQueryRepository,
    ReportTemplateService,
  ],
  exports: [
    AnomalySettingsService,
    AnomalyFlagService,
    ReportTemplateService,
    ReportUploadService,
    ReportReviewService,
    StatusBoardService,
    ReportQueryService,
    ReportQueryRepository,
    ReportIngestProcessor,
  ],
})
export class ReportingModule {}
