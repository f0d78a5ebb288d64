import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TargetKind } from '../entities/target-plan.entity.js';
import { ProgressAggregationRepository, snapshotKey } from './progress-aggregation.repository.js';
import { buildSnapshotRows, PlanInputs, SnapshotRow } from './snapshot-rows.js';

export interface AggregationResult {
  month: string;
  plans: number;
  rowsWritten: number;
  rowsFrozen: number;
}

/**
 * Recomputes one month's snapshots from the register as it stood at the month's end, for every plan that has
 * started. Idempotent: the same register gives the same rows. Frozen rows (published months) are kept as they are.
 */
@Injectable()
export class ProgressAggregationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProgressAggregationRepository,
  ) {}

  async refresh(month: string, now = new Date()): Promise<AggregationResult> {
    const monthEnd = lastDay(month);
    return this.dataSource.transaction(async (manager) => {
      const plans = await this.repository.plansStartedBy(month, manager);
      const figures = await this.repository.districtFigures(monthEnd, manager);
      const targets = await this.repository.targets(
        plans.map((p) => p.id),
        manager,
      );
      const rows: SnapshotRow[] = [];
      for (const plan of plans) {
        // A plan's measure stops at its end: pilots "covered by the plan's end date" (SPEC), yearly tasks likewise.
        const cutoff = monthEnd < lastDay(plan.endMonth) ? monthEnd : lastDay(plan.endMonth);
        const inputs: PlanInputs = { plan, targets: targets.filter((t) => t.planId === plan.id) };
        if (plan.kind === TargetKind.PilotCount) {
          inputs.pilots = await this.repository.pilotCounts(plan.id, cutoff, cutoff, manager);
        } else if (plan.kind === TargetKind.CoveredCount) {
          inputs.coveredAtCutoff = await this.repository.coveredCounts(cutoff, manager);
          inputs.coveredAtStart = await this.repository.coveredCounts(dayBefore(`${plan.startMonth}-01`), manager);
        }
        rows.push(...buildSnapshotRows(month, figures, inputs));
      }
      const frozen = await this.repository.frozenKeys(month, manager);
      const writable = rows.filter((r) => !frozen.has(snapshotKey(r)));
      await manager.query(`DELETE FROM progress_snapshot WHERE month = $1 AND NOT frozen`, [month]);
      await this.repository.insertSnapshots(manager, writable, now);
      return { month, plans: plans.length, rowsWritten: writable.length, rowsFrozen: rows.length - writable.length };
    });
  }
}

export function lastDay(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
