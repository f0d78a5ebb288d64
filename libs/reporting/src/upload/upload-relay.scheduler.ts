import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '@app/core';
import { UploadStatus } from '../entities/reporting.enums.js';
import { ReportUploadService } from './report-upload.service.js';

const DEFAULT_INTERVAL_MS = 60_000;
const UNFINISHED = [UploadStatus.Received, UploadStatus.Queued, UploadStatus.Processing];

/**
 * The upload outbox relay (issue 6 §4): an upload stored while the queue was down stays 'received' and is queued
 * here once it is back; one whose job the queue lost or gave up on is queued again. In the in-process mode the queue
 * is in memory, so at boot every unfinished upload is queued again at once (the processor is idempotent; with BullMQ
 * the ones still in Redis keep their jobs).
 * Runs every UPLOAD_RELAY_INTERVAL_MS, for uploads older than half of it (younger ones are still being handed over
 * by the API). Only enqueues.
 */
@Injectable()
export class UploadRelayScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UploadRelayScheduler');
  private readonly intervalMs: number;
  private running = false;

  constructor(
    private readonly uploads: ReportUploadService,
    private readonly scheduler: SchedulerRegistry,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.intervalMs = config?.UPLOAD_RELAY_INTERVAL_MS ?? DEFAULT_INTERVAL_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay(UNFINISHED, 0);
    this.scheduler.addInterval(
      'upload-relay',
      setInterval(() => void this.tick(), this.intervalMs),
    );
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'upload-relay')) this.scheduler.deleteInterval('upload-relay');
  }

  async tick(): Promise<void> {
    await this.relay(UNFINISHED, this.intervalMs / 2);
  }

  private async relay(statuses: UploadStatus[], olderThanMs: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const relayed = await this.uploads.relayPending(olderThanMs, statuses);
      if (relayed > 0) this.logger.log(`已将 ${relayed} 个未完成的上传交给校验队列（已在队列中的不会重复）`);
    } catch (error) {
      this.logger.warn(`上传补发失败，下一轮重试：${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
