import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ReportingPeriod } from '../entities/reporting-period.entity.js';
import { ReportState } from '../entities/reporting.enums.js';

/** Periods and their per-district reports. Queries only (STYLE habit 2). */
@Injectable()
export class ReportingPeriodRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the period unless it exists (concurrent callers: one insert wins, the others do nothing). */
  async insertIfAbsent(month: string, opensAt: Date, deadlineAt: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO reporting_period (month, opens_at, deadline_at) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT "UQ_reporting_period_month" DO NOTHING`,
      [month, opensAt, deadlineAt],
    );
  }

  /** One not-submitted report per district that has none for the period yet; returns how many were created. */
  async insertMissingReports(periodId: number, manager: EntityManager): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO district_report (period_id, district_id, state)
       SELECT $1, d.id, $2 FROM district d ORDER BY d.id
       ON CONFLICT (period_id, district_id) DO NOTHING
       RETURNING id`,
      [periodId, ReportState.NotSubmitted],
    );
    return rows.length;
  }

  findByMonth(month: string, manager: EntityManager = this.dataSource.manager): Promise<ReportingPeriod | null> {
    return manager.getRepository(ReportingPeriod).findOne({ where: { month } });
  }

  /** Locks the period row for a change of its deadline. */
  findByMonthForUpdate(month: string, manager: EntityManager): Promise<ReportingPeriod | null> {
    return manager.getRepository(ReportingPeriod).findOne({ where: { month }, lock: { mode: 'pessimistic_write' } });
  }

  findByMonths(months: string[], manager: EntityManager = this.dataSource.manager): Promise<ReportingPeriod[]> {
    if (months.length === 0) return Promise.resolve([]);
    return manager.getRepository(ReportingPeriod).find({ where: { month: In(months) } });
  }

  async updateDeadline(periodId: number, deadlineAt: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(ReportingPeriod).update({ id: periodId }, { deadlineAt });
  }
}
