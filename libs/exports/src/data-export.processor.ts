import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppError,
  AuthenticatedUser,
  Clock,
  JobContext,
  JobHandler,
  JobProcessor,
  QueueName,
  shanghaiDate,
} from '@app/core';
import { GovernmentWorkbook } from '@app/excel';
import { ExportKind, ExportStatus } from './entities/export.enums.js';
import { ExportBuilderRegistry } from './export-builder.registry.js';
import { ExportChunkSink, writeInto } from './export-chunk.sink.js';
import { ExportRepository } from './export.repository.js';

export interface DataExportPayload {
  exportId: string;
}

export interface DataExportResult {
  exportId: string;
  status: ExportStatus;
  rows?: number;
  bytes?: number;
}

export function exportJobId(exportId: string): string {
  return `export:${exportId}`;
}

/** Shown when an unexpected error (not an AppError) stops an export; the details go to the log. */
export const EXPORT_INTERNAL_ERROR = '导出失败：系统内部错误，请稍后重试或联系管理员';

/**
 * Builds one requested export (issue 5 §2): the kind's builder writes the workbook through the streaming writer into
 * pieces stored as they come; the record becomes done only when the pieces add up to the file. Any failure deletes
 * the pieces and leaves a failed record with a Chinese message. Idempotent: a finished export is left alone, an
 * interrupted one starts over.
 */
@Injectable()
@JobHandler(QueueName.DataExport)
export class DataExportProcessor implements JobProcessor<DataExportPayload, DataExportResult> {
  private readonly logger = new Logger('DataExportProcessor');

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: ExportRepository,
    private readonly builders: ExportBuilderRegistry,
    private readonly clock: Clock,
  ) {}

  async process(job: JobContext<DataExportPayload>): Promise<DataExportResult> {
    const { exportId } = job.data;
    const record = await this.exports.find(exportId);
    if (!record) throw new Error(`export ${exportId} not found`);
    if (!(await this.exports.start(exportId))) return { exportId, status: record.status };

    const sink = new ExportChunkSink((seq, content) => this.exports.insertChunk(exportId, seq, content));
    let lastPercent = -1;
    const progress = async (percent: number, message: string) => {
      const whole = Math.max(0, Math.min(99, Math.floor(percent)));
      if (whole === lastPercent) return;
      lastPercent = whole;
      await this.exports.progress(exportId, whole, message);
      await job.updateProgress({ percent: whole, message });
    };
    try {
      const user = await this.requester(record.requestedBy);
      const workbook = new GovernmentWorkbook(sink, { created: this.clock.now() });
      const builder = this.builders.get(record.kind as ExportKind);
      const { rows } = await writeInto(
        sink,
        async () => {
          const written = await builder.write({
            user,
            params: record.params,
            workbook,
            reportDate: shanghaiDate(this.clock.now()),
            progress,
          });
          await progress(99, '正在保存文件');
          return written;
        },
        () => workbook.commit(),
      );
      await this.exports.finish(exportId, { rows, bytes: sink.bytes, chunks: sink.chunks, sha256: sink.digest() });
      await job.updateProgress({ percent: 100, message: '已完成' });
      return { exportId, status: ExportStatus.Done, rows, bytes: sink.bytes };
    } catch (error) {
      sink.destroy();
      const message = error instanceof AppError ? `导出失败：${error.message}` : EXPORT_INTERNAL_ERROR;
      if (!(error instanceof AppError)) this.logger.error(`导出 ${exportId} 失败：${(error as Error).stack ?? error}`);
      await this.exports.fail(exportId, message);
      return { exportId, status: ExportStatus.Failed };
    }
  }

  private async requester(userId: number): Promise<AuthenticatedUser> {
    const [user] = await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId", disabled FROM app_user WHERE id = $1`,
      [userId],
    );
    if (!user || user.disabled) throw AppError.forbidden('申请导出的账号已停用');
    const { disabled: _disabled, ...rest } = user;
    return rest as AuthenticatedUser;
  }
}
