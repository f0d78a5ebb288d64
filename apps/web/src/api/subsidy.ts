import { request } from './http';

export interface SubsidyRate {
  fenPerKw: number;
  fenPerPile: { ac: number; dc: number };
  capFen: number | null;
}

export interface SubsidySettingsView {
  yuanPerKw: string;
  yuanPerAcPile: string;
  yuanPerDcPile: string;
  capYuan: string | null;
  ezhouServiceStandard: boolean;
  rate: SubsidyRate;
}

export interface SubsidySettingsInput {
  yuanPerKw: string;
  yuanPerAcPile: string;
  yuanPerDcPile: string;
  capYuan: string | null;
  ezhouServiceStandard: boolean;
}

export interface SubsidyRuleResult {
  rule: string;
  label: string;
  passed: boolean;
  reason: string;
}

export interface EligibilityRow {
  facilityId: number;
  code: string;
  name: string | null;
  districtId: number;
  districtName: string;
  communityName: string;
  platformId: string | null;
  eligible: boolean;
  results: SubsidyRuleResult[];
  amountFen: number | null;
  amountText: string | null;
  explanation: string[];
}

export interface EligibilityView {
  settings: SubsidySettingsView | null;
  rulesText: string;
  totals: { facilities: number; eligible: number; totalFen: number; totalText: string };
  facilities: EligibilityRow[];
}

export type RoundStatus = 'draft' | 'confirmed';

export interface RoundSummary {
  id: number;
  name: string;
  status: RoundStatus;
  statusLabel: string;
  rate: SubsidySettingsView;
  rulesText: string;
  districtIds: number[] | null;
  platformImportId: number | null;
  lineCount: number;
  totalFen: number;
  totalText: string;
  scope: string;
  createdAt: string;
  createdByName: string | null;
  confirmedAt: string | null;
  confirmedByName: string | null;
}

export interface RoundLine {
  lineId: number;
  facilityId: number;
  facilityCode: string;
  facilityName: string | null;
  communityName: string;
  districtId: number;
  districtName: string;
  platformId: string | null;
  amountFen: number;
  amountText: string;
  explanation: string[];
  ruleResults: SubsidyRuleResult[];
}

export interface RoundView extends RoundSummary {
  districts: { districtId: number; districtName: string; lineCount: number; totalFen: number; totalText: string }[];
  lines: RoundLine[];
}

export const subsidyApi = {
  settings: () => request<SubsidySettingsView | null>('GET', '/subsidy/settings'),
  updateSettings: (settings: SubsidySettingsInput) =>
    request<SubsidySettingsView>('PUT', '/subsidy/settings', { body: settings }),
  eligibility: (query: { districtId?: number; eligibleOnly?: boolean } = {}) =>
    request<EligibilityView>('GET', '/subsidy/eligibility', { query }),
  rounds: () => request<RoundSummary[]>('GET', '/subsidy/rounds'),
  round: (id: number) => request<RoundView>('GET', `/subsidy/rounds/${id}`),
  createRound: (body: { name: string; districtIds?: number[] }) =>
    request<RoundView>('POST', '/subsidy/rounds', { body }),
  confirmRound: (id: number) => request<RoundView>('POST', `/subsidy/rounds/${id}/confirm`),
  deleteRound: (id: number) => request<void>('DELETE', `/subsidy/rounds/${id}`),
};
