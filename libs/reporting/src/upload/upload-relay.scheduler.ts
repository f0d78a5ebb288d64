import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobQueue } from '@app/core';
import { UploadStatus } from '../entities/reporting.enums.js';
import { ReportUploadService } from './report-upload.service.js';

/**
 * The upload outbox relay (issue 6 §4): an upload stored while the queue was down stays 'received' and is queued
 * here once it is back. In the in-process mode the queue lives in this process, so at boot the uploads a previous
 * run had queued or was processing are queued again (the processor is idempotent). Only enqueues.
 */
@Injectable()
export class UploadRelayScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('UploadRelayScheduler');

  constructor(
    private readonly uploads: ReportUploadService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const statuses =
      this.jobs.mode === 'in-process'
        ? [UploadStatus.Received, UploadStatus.Queued, UploadStatus.Processing]
        : [UploadStatus.Received];
    await this.relay(statuses, 0);
  }

  @Interval('upload-relay', 60_000)
  async tick(): Promise<void> {
    await this.relay([UploadStatus.Received], 30_000);
  }

  private async relay(statuses: UploadStatus[], olderThanMs: number): Promise<void> {
    try {
      const relayed = await this.uploads.relayPending(olderThanMs, statuses);
      if (relayed > 0) this.logger.log(`已将 ${relayed} 个待处理的上传重新放入校验队列`);
    } catch (error) {
      this.logger.warn(`上传补发失败，下一轮重试：${(error as Error).message}`);
    }
  }
}
