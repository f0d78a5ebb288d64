import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobProcessor, QueueName } from '@app/core';
import { ProgressAggregationService } from './aggregation/progress-aggregation.service.js';

export interface PeriodAggregatePayload {
  month: string;
  reason: string;
}

export interface PeriodAggregateResult {
  month: string;
  acceptedReports: number;
  districts: number;
  snapshotRows: number;
  frozenRows: number;
}

/** Recomputes a month's progress snapshots after an acceptance (or a backfill); dashboards read the snapshots. */
@Injectable()
@JobHandler(QueueName.PeriodAggregate)
export class PeriodAggregateProcessor implements JobProcessor<PeriodAggregatePayload, PeriodAggregateResult> {
  private readonly logger = new Logger('PeriodAggregateProcessor');

  constructor(
    private readonly dataSource: DataSource,
    private readonly aggregation: ProgressAggregationService,
  ) {}

  async process(job: JobContext<PeriodAggregatePayload>): Promise<PeriodAggregateResult> {
    await job.updateProgress({ percent: 10, message: '正在汇总' });
    const result = await this.aggregation.refresh(job.data.month);
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted, count(*)::int AS districts
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id WHERE p.month = $1`,
      [job.data.month],
    );
    await job.updateProgress({ percent: 100, message: '汇总完成' });
    this.logger.log(
      `${job.data.month} 汇总（${job.data.reason}）：写入 ${result.rowsWritten} 行快照，${row.accepted}/${row.districts} 个区县已审核通过`,
    );
    return {
      month: job.data.month,
      acceptedReports: row.accepted,
      districts: row.districts,
      snapshotRows: result.rowsWritten,
      frozenRows: result.rowsFrozen,
    };
  }
}
