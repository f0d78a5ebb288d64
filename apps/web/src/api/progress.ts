import { request } from './http';

export type ProjectionStatus = 'on_track' | 'at_risk' | 'off_track';
export type PacingStatus = 'green' | 'amber' | 'red';

export interface ProgressFigures {
  districtId: number | null;
  districtName: string;
  targetCount: number | null;
  targetRatio: string | null;
  achievedCount: number;
  pilotDesignated: number;
  pilotCompleted: number;
  registeredCommunities: number;
  eligibleCommunities: number;
  coveredEligible: number;
  coveredIneligible: number;
  coverageRatio: string | null;
  builtPublicFacilities: number;
  operatingPublicFacilities: number;
  publicAcPiles: number;
  publicDcPiles: number;
  selfUseAcPiles: number;
  selfUseDcPiles: number;
  publicKw: string;
  selfUseKw: string;
  computedAt: string;
}

export interface ProgressRow extends ProgressFigures {
  change: { achievedCount: number; coveredEligible: number; publicPiles: number } | null;
  projection: {
    status: ProjectionStatus;
    statusLabel: string;
    pace: string;
    remaining: number;
    projectedMonth: string | null;
    projectedAtEnd: number;
    reason: string;
  } | null;
  pacing: {
    status: PacingStatus;
    statusLabel: string;
    elapsedMonths: number;
    totalMonths: number;
    expected: number;
    percentOfExpected: string | null;
  } | null;
}

export interface PlanSummary {
  id: number;
  code: string;
  name: string;
  kind: string;
  startMonth: string;
  endMonth: string;
}

export interface ProgressTable {
  month: string;
  plan: PlanSummary;
  rows: ProgressRow[];
  rules: { projection: string; pacing: string };
}

export interface TrendPoint extends ProgressFigures {
  month: string;
}

export interface TargetPlan extends PlanSummary {
  basis: string | null;
  description: string | null;
  targets: { districtId: number; districtName: string; targetCount: number | null; targetRatio: string | null }[];
}

export interface ProgressComment {
  id: number;
  month: string;
  districtId: number;
  districtName: string;
  body: string;
  authorName: string;
  updatedAt: string;
}

export const PLAN_KIND_LABELS: Record<string, string> = {
  pilot_count: '试点社区数',
  coverage_ratio: '覆盖率',
  covered_count: '新增覆盖社区数',
};

export const progressApi = {
  plans: () => request<TargetPlan[]>('GET', '/target-plans'),
  table: (month: string, planId: number) => request<ProgressTable>('GET', '/progress', { query: { month, planId } }),
  trend: (planId: number, districtId?: number | null) =>
    request<TrendPoint[]>('GET', '/progress/trend', { query: { planId, districtId: districtId ?? undefined } }),
  setTarget: (planId: number, districtId: number, target: { targetCount?: number; targetRatio?: string }) =>
    request<{ planId: number; districtId: number; targetCount: number | null; targetRatio: string | null }>(
      'PUT',
      `/target-plans/${planId}/districts/${districtId}/target`,
      { body: target },
    ),
  comments: (month: string) => request<ProgressComment[]>('GET', `/periods/${month}/comments`),
  putComment: (month: string, districtId: number, body: string) =>
    request<ProgressComment>('PUT', `/periods/${month}/districts/${districtId}/comment`, { body: { body } }),
  deleteComment: (month: string, districtId: number) =>
    request<void>('DELETE', `/periods/${month}/districts/${districtId}/comment`),
};
