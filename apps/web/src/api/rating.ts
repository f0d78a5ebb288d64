import { request } from './http';

export type RatingGrade = 'A' | 'B' | 'C' | 'D';
export type RatingCriterion = 'construction' | 'selfUseCooperation' | 'patrol' | 'safetyRectification';
export type ComplaintKind = 'obstruction' | 'other';
export type ComplaintStatus = 'registered' | 'confirmed' | 'dismissed';
export type PatrolResult = 'no_issues' | 'issues_found';

export const GRADES: RatingGrade[] = ['A', 'B', 'C', 'D'];
export const GRADE_LABELS: Record<RatingGrade, string> = {
  A: 'A（优秀）',
  B: 'B（良好）',
  C: 'C（合格）',
  D: 'D（不合格）',
};
export const CRITERIA: RatingCriterion[] = ['construction', 'selfUseCooperation', 'patrol', 'safetyRectification'];
export const CRITERION_LABELS: Record<RatingCriterion, string> = {
  construction: '公用充电设施建设完成率',
  selfUseCooperation: '配合自用充电设施安装',
  patrol: '充电设施日常巡查',
  safetyRectification: '安全隐患按期整改',
};
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = {
  obstruction: '阻挠或妨碍充电设施建设',
  other: '其他',
};
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  registered: '待认定',
  confirmed: '属实',
  dismissed: '不属实',
};
export const PATROL_RESULT_LABELS: Record<PatrolResult, string> = {
  no_issues: '未发现问题',
  issues_found: '发现隐患',
};

export interface RatingSettings {
  /** Basis points, summing to 10000. */
  weights: Record<RatingCriterion, number>;
  /** Hundredths of a point: 9000 = 90.00. */
  gradeThresholds: { A: number; B: number; C: number };
  deductions: { confirmedObstruction: number; confirmedOther: number };
  minPatrolsPerYear: number;
  rectificationDays: number;
}

export interface RatingRoundSummary {
  id: number;
  year: number;
  status: 'draft' | 'confirmed';
  settings: Record<string, unknown>;
  rulesText: string;
  createdAt: string;
  confirmedAt: string | null;
  companies: number;
  gradeCounts: Record<RatingGrade, number>;
  notRated: number;
  disqualified: number;
}

export interface CriterionBreakdown {
  criterion: RatingCriterion;
  label: string;
  ratio: { numerator: number; denominator: number };
  applicable: boolean;
  /** 0.01% units. */
  scoreBp: number;
  weightBp: number;
  weighted: number;
  note: string | null;
}

export interface DeductionLine {
  kind: 'confirmedObstruction' | 'confirmedOther';
  label: string;
  count: number;
  perItem: number;
  total: number;
}

export interface RatingRow {
  rank: number | null;
  propertyCompanyId: number;
  propertyCompanyName: string;
  communities: number;
  score: string | null;
  grade: RatingGrade | null;
  awardEligible: boolean;
  breakdown: CriterionBreakdown[];
  deductions: DeductionLine[];
  disqualificationReasons: string[];
  evidence: Record<string, unknown>;
  orderedBy: string | null;
  note: string | null;
}

export interface RatingRound extends RatingRoundSummary {
  definitions: Record<RatingCriterion, string>;
  rows: RatingRow[];
}

export interface Complaint {
  id: number;
  propertyCompanyId: number;
  propertyCompanyName: string;
  communityId: number | null;
  communityName: string | null;
  districtId: number | null;
  districtName: string | null;
  kind: ComplaintKind;
  facilityUsage: string | null;
  receivedOn: string;
  description: string;
  status: ComplaintStatus;
  registeredByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface Patrol {
  id: number;
  communityId: number;
  communityName: string;
  districtId: number;
  districtName: string;
  propertyCompanyId: number;
  propertyCompanyName: string;
  patrolledOn: string;
  inspector: string | null;
  result: PatrolResult;
  issues: string | null;
  rectifiedOn: string | null;
  rectificationNote: string | null;
  recordedByName: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ComplaintQuery {
  page?: number;
  pageSize?: number;
  districtId?: number;
  propertyCompanyId?: number;
  year?: number;
  status?: ComplaintStatus;
  kind?: ComplaintKind;
}

export interface PatrolQuery {
  page?: number;
  pageSize?: number;
  districtId?: number;
  communityId?: number;
  year?: number;
  result?: PatrolResult;
  openOnly?: boolean;
}

export interface NewComplaint {
  communityId: number;
  propertyCompanyId?: number;
  kind: ComplaintKind;
  facilityUsage?: 'public' | 'self_use' | null;
  receivedOn: string;
  description: string;
}

export interface NewPatrol {
  communityId: number;
  patrolledOn: string;
  inspector?: string;
  result: PatrolResult;
  issues?: string;
  rectifiedOn?: string;
  rectificationNote?: string;
}

export const ratingApi = {
  settings: () => request<RatingSettings>('GET', '/ratings/settings'),
  updateSettings: (settings: RatingSettings) => request<RatingSettings>('PUT', '/ratings/settings', { body: settings }),
  rounds: (year?: number) => request<RatingRoundSummary[]>('GET', '/ratings', { query: { year } }),
  round: (id: number) => request<RatingRound>('GET', `/ratings/${id}`),
  draft: (year: number) => request<RatingRound>('POST', '/ratings', { body: { year } }),
  confirm: (id: number) => request<RatingRound>('POST', `/ratings/${id}/confirm`),
};

export const complaintApi = {
  list: (query: ComplaintQuery) => request<Page<Complaint>>('GET', '/complaints', { query: { ...query } }),
  register: (body: NewComplaint) => request<Complaint>('POST', '/complaints', { body }),
  confirm: (id: number, reason: string) =>
    request<Complaint>('POST', `/complaints/${id}/confirm`, { body: { reason } }),
  dismiss: (id: number, reason: string) =>
    request<Complaint>('POST', `/complaints/${id}/dismiss`, { body: { reason } }),
};

export const patrolApi = {
  list: (query: PatrolQuery) => request<Page<Patrol>>('GET', '/patrols', { query: { ...query } }),
  record: (body: NewPatrol) => request<Patrol>('POST', '/patrols', { body }),
  rectify: (id: number, body: { rectifiedOn: string; note?: string }) =>
    request<Patrol>('PATCH', `/patrols/${id}/rectification`, { body }),
};

/** 9000 → '90.00' (hundredths of a point, integer arithmetic). */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 4000 → '40%', 1250 → '12.5%' (basis points). */
export function formatWeight(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** A criterion's score rate: 8750 → '87.50%'. */
export function formatScoreBp(bp: number): string {
  return `${formatPoints(bp)}%`;
}
