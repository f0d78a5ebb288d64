import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CalendarStepRun } from '../entities/calendar-step-run.entity.js';
import { ReportState } from '../entities/reporting.enums.js';
import { CalendarStepPlan } from './calendar-schedule.js';

/** A district's report as the calendar sees it. */
export interface CalendarReportDistrict {
  districtId: number;
  code: string;
  name: string;
  state: ReportState;
}

/** The calendar's step log and the report queries its steps need. Queries only (STYLE habit 2). */
@Injectable()
export class ReportingCalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const runs = await this.dataSource
      .getRepository(CalendarStepRun)
      .find({ where: { stepKey: In(keys) }, select: { stepKey: true } });
    return new Set(runs.map((r) => r.stepKey));
  }

  /**
   * Records the step as run, unless another runner has: the unique step_key makes a concurrent runner wait for
   * this transaction and then do nothing. True when this transaction owns the step.
   */
  async claim(step: CalendarStepPlan, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO calendar_step_run (step_key, step, month, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT "UQ_calendar_step_run_key" DO NOTHING RETURNING id`,
      [step.key, step.step, step.month, step.dueAt],
    );
    return rows.length > 0;
  }

  async saveOutcome(stepKey: string, outcome: Record<string, unknown>, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE calendar_step_run SET outcome = $2 WHERE step_key = $1`, [
      stepKey,
      JSON.stringify(outcome),
    ]);
  }

  reportsInStates(periodId: number, states: ReportState[], manager: EntityManager): Promise<CalendarReportDistrict[]> {
    return manager.query(
      `SELECT r.district_id AS "districtId", d.code, d.name, r.state
         FROM district_report r JOIN district d ON d.id = r.district_id
        WHERE r.period_id = $1 AND r.state = ANY($2::text[])
        ORDER BY d.sort_order, d.code`,
      [periodId, states],
    );
  }

  /** Sets overdue on every report of the period still not submitted; returns their districts. */
  markOverdue(periodId: number, manager: EntityManager): Promise<CalendarReportDistrict[]> {
    return manager.query(
      `WITH marked AS (
         UPDATE district_report SET overdue = true
          WHERE period_id = $1 AND state = $2
          RETURNING district_id, state
       )
       SELECT m.district_id AS "districtId", d.code, d.name, m.state
         FROM marked m JOIN district d ON d.id = m.district_id
        ORDER BY d.sort_order, d.code`,
      [periodId, ReportState.NotSubmitted],
    );
  }

  runsOf(month: string): Promise<CalendarStepRun[]> {
    return this.dataSource
      .getRepository(CalendarStepRun)
      .find({ where: { month }, order: { dueAt: 'ASC', id: 'ASC' } });
  }
}
