import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ProgressModule } from '@app/progress';
import { RankingModule } from '@app/ranking';
import { ReportingModule } from '@app/reporting';
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

/** Exports (issue 5 §2–3): the request/status/download lifecycle, the job that builds files, the built-in kinds. */
@Module({
  imports: [DiscoveryModule, ProgressModule, RankingModule, ReportingModule],
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
  ],
  exports: [ExportService, ExportRepository, BulletinService, DataExportProcessor],
})
export class ExportsModule {}

/** The export relay, for whichever process schedules: apps/worker, or the API in the in-process mode. */
@Module({ imports: [ScheduleModule.forRoot(), ExportsModule], providers: [ExportRelayScheduler] })
export class ExportRelayModule {}
