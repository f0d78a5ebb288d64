import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TargetPlanView {
  id: number;
  code: string;
  name: string;
  kind: string;
  startMonth: string;
  endMonth: string;
  basis: string | null;
  description: string | null;
  targets: { districtId: number; districtName: string; targetCount: number | null; targetRatio: string | null }[];
}

/** Target plans and their per-district targets, for every role (targets are public within the programme). */
@Injectable()
export class TargetPlanQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<TargetPlanView[]> {
    const plans: Omit<TargetPlanView, 'targets'>[] = await this.dataSource.query(
      `SELECT id, code, name, kind, start_month AS "startMonth", end_month AS "endMonth", basis, description
         FROM target_plan ORDER BY end_month DESC, id`,
    );
    const targets: (TargetPlanView['targets'][number] & { planId: number })[] = await this.dataSource.query(
      `SELECT t.plan_id AS "planId", t.district_id AS "districtId", d.name AS "districtName",
              t.target_count AS "targetCount", t.target_ratio::text AS "targetRatio"
         FROM district_target t JOIN district d ON d.id = t.district_id ORDER BY d.sort_order, d.code`,
    );
    return plans.map((plan) => ({
      ...plan,
      targets: targets.filter((t) => t.planId === plan.id).map(({ planId: _planId, ...t }) => t),
    }));
  }
}
