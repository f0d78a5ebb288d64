import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JobQueue } from '@app/core';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';

/** A running export reports progress at least every batch; this long without one, its process is gone. */
export const EXPORT_STALL_SECONDS = 10 * 60;
export const EXPORT_INTERRUPTED_MESSAGE = '导出中断（处理进程已停止），请重新导出';

/**
 * The export outbox relay: exports recorded while the queue was down are queued once it is back; exports whose
 * process died mid-run are failed (pieces removed), so no record waits forever. In the in-process mode the queue
 * lived in this process, so at boot its queued and running exports are failed or re-queued at once.
 */
@Injectable()
export class ExportRelayScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ExportRelayScheduler');

  constructor(
    private readonly repository: ExportRepository,
    private readonly exports: ExportService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay(this.jobs.mode === 'in-process' ? 0 : EXPORT_STALL_SECONDS, 0);
  }

  @Interval('export-relay', 60_000)
  async tick(): Promise<void> {
    await this.relay(EXPORT_STALL_SECONDS, 30);
  }

  private async relay(stalledAfter: number, queuedAfter: number): Promise<void> {
    try {
      const failed = await this.repository.failStalled(stalledAfter, EXPORT_INTERRUPTED_MESSAGE);
      if (failed > 0) this.logger.warn(`${failed} 个导出因处理进程停止而标记为失败`);
      let relayed = 0;
      for (const id of await this.repository.queuedSince(queuedAfter)) if (await this.exports.enqueue(id)) relayed += 1;
      if (relayed > 0) this.logger.log(`已将 ${relayed} 个待处理的导出重新放入队列`);
    } catch (error) {
      this.logger.warn(`导出补发失败，下一轮重试：${(error as Error).message}`);
    }
  }
}
