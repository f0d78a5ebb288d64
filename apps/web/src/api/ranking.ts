import { request } from './http';

export interface RankingBreakdownItem {
  metric: string;
  label: string;
  ratio: { numerator: number; denominator: number };
  applicable: boolean;
  uncappedScoreBp: number;
  scoreBp: number;
  capped: boolean;
  weightBp: number;
  contributionPoints: string;
  note: string | null;
}

export interface RankingRow {
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  districtId: number;
  districtName: string;
  compositeScore: string;
  breakdown: RankingBreakdownItem[];
  orderedBy: string | null;
}

export interface RankingSummary {
  id: number;
  month: string;
  planId: number;
  planName: string;
  status: 'draft' | 'published';
  weights: Record<string, number>;
  spanMonths: number;
  rulesText: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface RankingView extends RankingSummary {
  rows: RankingRow[];
}

export interface RankingSettings {
  weights: Record<string, number>;
  spanMonths: number;
}

export const WEIGHT_LABELS: Record<string, string> = {
  completion: '目标完成率',
  coverage: '覆盖率',
  timeliness: '报送及时率',
  dataQuality: '数据质量',
};

export const rankingApi = {
  list: (month?: string) => request<RankingSummary[]>('GET', '/rankings', { query: { month } }),
  view: (id: number) => request<RankingView>('GET', `/rankings/${id}`),
  draft: (month: string, planId: number) => request<RankingView>('POST', '/rankings', { body: { month, planId } }),
  publish: (id: number) => request<RankingView>('POST', `/rankings/${id}/publish`),
  settings: () => request<RankingSettings>('GET', '/rankings/settings'),
  updateSettings: (settings: RankingSettings) =>
    request<RankingSettings>('PUT', '/rankings/settings', { body: settings }),
};
