import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler, JobProcessor, QueueName } from '@app/core';

export interface PeriodAggregatePayload {
  month: string;
  reason: string;
}

export interface PeriodAggregateResult {
  month: string;
  acceptedReports: number;
  districts: number;
}

/**
 * Recomputes a month's aggregates after an acceptance. The snapshot tables and their figures come with the
 * computations issue; until then this records how many districts' reports of the month are accepted.
 */
@Injectable()
@JobHandler(QueueName.PeriodAggregate)
export class PeriodAggregateProcessor implements JobProcessor<PeriodAggregatePayload, PeriodAggregateResult> {
  private readonly logger = new Logger('PeriodAggregateProcessor');

  constructor(private readonly dataSource: DataSource) {}

  async process(job: JobContext<PeriodAggregatePayload>): Promise<PeriodAggregateResult> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted, count(*)::int AS districts
         FROM district_report r JOIN reporting_period p ON p.id = r.period_id WHERE p.month = $1`,
      [job.data.month],
    );
    await job.updateProgress({ percent: 100, message: '汇总完成' });
    this.logger.log(`${job.data.month} 汇总（${job.data.reason}）：${row.accepted}/${row.districts} 个区县已审核通过`);
    return { month: job.data.month, acceptedReports: row.accepted, districts: row.districts };
  }
}
