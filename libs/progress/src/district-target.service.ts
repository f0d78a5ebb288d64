import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Clock, JobQueue, QueueName, shanghaiMonth } from '@app/core';
import { AuditService } from '@app/auth';
import { DistrictTarget } from './entities/district-target.entity.js';
import { TargetKind, TargetPlan } from './entities/target-plan.entity.js';
import { PeriodAggregatePayload } from './period-aggregate.processor.js';

export interface DistrictTargetChange {
  targetCount?: number | null;
  targetRatio?: string | null;
}

const RATIO = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
const MAX_COUNT = 100_000;

/**
 * The office sets a district's target within a plan (SPEC: targets are data, not code). Snapshots copy the target
 * when they are computed, so the current month is re-aggregated; months already computed keep the target they had.
 */
@Injectable()
export class DistrictTargetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async set(
    user: AuthenticatedUser,
    planId: number,
    districtId: number,
    change: DistrictTargetChange,
  ): Promise<{ planId: number; districtId: number; targetCount: number | null; targetRatio: string | null }> {
    const month = shanghaiMonth(this.clock.now());
    const saved = await this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(TargetPlan, { where: { id: planId } });
      if (!plan) throw AppError.notFound('目标计划不存在');
      const [district] = await manager.query(`SELECT id FROM district WHERE id = $1`, [districtId]);
      if (!district) throw AppError.notFound('区县不存在');
      const value = validTarget(plan.kind, change);
      const before = await manager.findOne(DistrictTarget, {
        where: { planId, districtId },
        lock: { mode: 'pessimistic_write' },
      });
      if (before) await manager.update(DistrictTarget, before.id, value);
      const id =
        before?.id ?? (await manager.save(manager.create(DistrictTarget, { planId, districtId, ...value }))).id;
      await this.audit.record(
        user,
        {
          action: 'progress.target.set',
          entityType: 'district_target',
          entityId: id,
          districtId,
          before: before ? { planId, targetCount: before.targetCount, targetRatio: before.targetRatio } : null,
          after: { planId, ...value },
        },
        manager,
      );
      return { planId, districtId, ...value, startMonth: plan.startMonth };
    });
    if (saved.startMonth <= month) {
      await this.jobs.enqueue<PeriodAggregatePayload>(
        QueueName.PeriodAggregate,
        { month, reason: `district_target:${planId}:${districtId}` },
        { jobId: `aggregate:${month}:target:${planId}:${districtId}:${Date.now()}` },
      );
    }
    const { startMonth: _startMonth, ...result } = saved;
    return result;
  }
}

/** A count for count plans, a ratio in [0, 1] with at most 4 decimals for ratio plans; never both. */
function validTarget(
  kind: TargetKind,
  change: DistrictTargetChange,
): { targetCount: number | null; targetRatio: string | null } {
  const count = change.targetCount ?? null;
  const ratio = change.targetRatio ?? null;
  if (kind === TargetKind.CoverageRatio) {
    if (count !== null) throw AppError.validation('覆盖率目标计划只能填写目标覆盖率（targetRatio）');
    if (ratio === null || !RATIO.test(ratio)) {
      throw AppError.validation('目标覆盖率应为 0 到 1 之间、最多 4 位小数的数，如 0.95');
    }
    return { targetCount: null, targetRatio: ratio };
  }
  if (ratio !== null) throw AppError.validation('数量目标计划只能填写目标数量（targetCount）');
  if (count === null || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw AppError.validation(`目标数量应为 0 到 ${MAX_COUNT} 之间的整数`);
  }
  return { targetCount: count, targetRatio: null };
}
