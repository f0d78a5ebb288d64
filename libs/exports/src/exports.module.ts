import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ProgressModule } from '@app/progress';
import { RankingModule } from '@app/ranking';
import { ReportingModule } from '@app/reporting';
import { GridModule } from '@app/grid';
import { PlatformModule } from '@app/platform';
import { RatingModule } from '@app/rating';
import { SubsidyModule } from '@app/subsidy';
import { BulletinExport } from './bulletin/bulletin.export.js';
import { BulletinSectionRegistry } from './bulletin/bulletin-section.js';
import { BulletinService } from './bulletin/bulletin.service.js';
import { CitySummaryExport } from './builders/city-summary.export.js';
import { RankingExport } from './builders/ranking.export.js';
import { RawDataExport } from './builders/raw-data.export.js';
import { RawDataRepository } from './builders/raw-data.repository.js';
import { DataExportProcessor } from './data-export.processor.js';
import { ExportBuilderRegistry } from './export-builder.registry.js';
import { ExportRelayScheduler } from './export-relay.scheduler.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';
import { PropertyRatingsExport } from './builders/property-ratings.export.js';
import { SubsidyListExport } from './builders/subsidy-list.export.js';
import { AnomalyBulletinSection } from './bulletin/sections/anomaly.section.js';
import { GridBreachBulletinSection } from './bulletin/sections/grid-breach.section.js';
import { PlatformCrossCheckBulletinSection } from './bulletin/sections/platform-cross-check.section.js';
import { SubsidyBulletinSection } from './bulletin/sections/subsidy.section.js';

/** Exports (issue 5 §2–3): the request/status/download lifecycle, the job that builds files, the built-in kinds. */
@Module({
  imports: [
    DiscoveryModule,
    ProgressModule,
    RankingModule,
    ReportingModule,
    SubsidyModule,
    RatingModule,
    PlatformModule,
    GridModule,
  ],
  providers: [
    ExportRepository,
    ExportService,
    ExportBuilderRegistry,
    DataExportProcessor,
    RawDataRepository,
    CitySummaryExport,
    RankingExport,
    RawDataExport,
    BulletinExport,
    BulletinService,
    BulletinSectionRegistry,
    SubsidyListExport,
    PropertyRatingsExport,
    AnomalyBulletinSection,
    PlatformCrossCheckBulletinSection,
    SubsidyBulletinSection,
    GridBreachBulletinSection,
  ],
  exports: [ExportService, ExportRepository, BulletinService, DataExportProcessor],
})
export class ExportsModule {}

/** The export relay, for whichever process schedules: apps/worker, or the API in the in-process mode. */
@Module({ imports: [ScheduleModule.forRoot(), ExportsModule], providers: [ExportRelayScheduler] })
export class ExportRelayModule {}
