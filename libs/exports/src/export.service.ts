import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, JobQueue, QueueName, Role } from '@app/core';
import { AuditService } from '@app/auth';
import { EXPORT_KIND_LABELS, ExportKind, ExportStatus } from './entities/export.enums.js';
import { ExportRequestInput } from './export-builder.js';
import { ExportBuilderRegistry } from './export-builder.registry.js';
import { DataExportPayload, exportJobId } from './data-export.processor.js';
import { ExportRecord, ExportRepository } from './export.repository.js';

export interface ExportView extends Omit<ExportRecord, 'params' | 'requestedBy'> {
  kindLabel: string;
  params: Record<string, unknown>;
  /** Relative URL of the file once done. */
  downloadUrl: string | null;
}

/** The export lifecycle the API offers: request (202), status with progress, download when done. */
@Injectable()
export class ExportService {
  private readonly logger = new Logger('ExportService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: ExportRepository,
    private readonly builders: ExportBuilderRegistry,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the request and the caller's access with the kind's builder (a bad request creates nothing), records the
   * export, then queues it. With the queue down the record stays queued and the relay hands it over later.
   */
  async request(user: AuthenticatedUser, kind: ExportKind, input: ExportRequestInput): Promise<ExportView> {
    const builder = this.builders.get(kind);
    const prepared = await builder.prepare(user, input);
    const id = await this.dataSource.transaction(async (manager) => {
      const exportId = await this.exports.insert(manager, {
        kind,
        params: prepared.params,
        requestedBy: user.id,
        districtId: prepared.districtId,
        fileName: prepared.fileName,
      });
      await this.audit.record(
        user,
        {
          action: 'export.request',
          entityType: 'data_export',
          entityId: exportId,
          districtId: prepared.districtId,
          after: { kind, fileName: prepared.fileName, ...summary(prepared.params) },
        },
        manager,
      );
      return exportId;
    });
    await this.enqueue(id);
    return this.view(user, id);
  }

  async enqueue(exportId: string): Promise<boolean> {
    try {
      await this.jobs.enqueue<DataExportPayload>(
        QueueName.DataExport,
        { exportId },
        { jobId: exportJobId(exportId), attempts: 1 },
      );
      return true;
    } catch (error) {
      this.logger.warn(`导出 ${exportId} 已记录，暂未进入队列：${(error as Error).message}`);
      return false;
    }
  }

  async view(user: AuthenticatedUser, exportId: string): Promise<ExportView> {
    return toView(await this.readable(user, exportId));
  }

  /** The office sees every export; others their own. */
  async list(user: AuthenticatedUser, limit = 50): Promise<ExportView[]> {
    const rows = await this.exports.list(user.role === Role.Office ? null : user.id, limit);
    return rows.map(toView);
  }

  async download(
    user: AuthenticatedUser,
    exportId: string,
  ): Promise<{ fileName: string; sizeBytes: number; stream: Readable }> {
    const record = await this.readable(user, exportId);
    if (record.status === ExportStatus.Failed) throw AppError.conflict(record.errorMessage ?? '导出失败');
    if (record.status !== ExportStatus.Done) throw AppError.conflict(`导出尚未完成（${record.progressPercent}%）`);
    await this.audit.record(user, {
      action: 'export.download',
      entityType: 'data_export',
      entityId: exportId,
      districtId: record.districtId,
      after: { kind: record.kind, fileName: record.fileName, sha256: record.sha256 },
    });
    const chunks = await this.exports.chunkCount(exportId);
    return {
      fileName: record.fileName,
      sizeBytes: record.sizeBytes ?? 0,
      stream: this.exports.openFile(exportId, chunks),
    };
  }

  private async readable(user: AuthenticatedUser, exportId: string): Promise<ExportRecord> {
    const record = await this.exports.find(exportId);
    // Someone else's export is "not found", not "forbidden": no hint that it exists.
    if (!record || (user.role !== Role.Office && record.requestedBy !== user.id))
      throw AppError.notFound('导出记录不存在');
    return record;
  }
}

function toView({ requestedBy: _requestedBy, ...record }: ExportRecord): ExportView {
  const { versions: _versions, ...params } = record.params;
  return {
    ...record,
    params,
    kindLabel: EXPORT_KIND_LABELS[record.kind] ?? record.kind,
    downloadUrl: record.status === ExportStatus.Done ? `/api/exports/${record.id}/file` : null,
  };
}

function summary(params: Record<string, unknown>): Record<string, unknown> {
  const { versions: _versions, ...rest } = params;
  return rest;
}
