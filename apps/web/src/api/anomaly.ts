import { request } from './http';

export type AnomalyKind = 'cumulative_drop' | 'month_jump' | 'peer_outlier';

export const ANOMALY_KIND_LABELS: Record<AnomalyKind, string> = {
  cumulative_drop: '累计数下降',
  month_jump: '月增量异常',
  peer_outlier: '与同城区县差异过大',
};

export interface AnomalyFlag {
  id: number;
  versionId: number;
  versionNo: number;
  versionState: string;
  districtId: number;
  districtName: string;
  month: string;
  kind: AnomalyKind;
  kindLabel: string;
  subject: 'district' | 'facility';
  subjectCode: string;
  subjectName: string;
  metric: string;
  metricLabel: string;
  previousValue: string | null;
  currentValue: string;
  threshold: string | null;
  figures: Record<string, unknown>;
  explanation: string;
  remarks: { source: string; text: string }[];
  explained: boolean;
  rulesText: string;
  createdAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  confirmationNote: string | null;
}

export interface AnomalySettings {
  jump: {
    historyMonths: number;
    minHistoryMonths: number;
    threshold: number;
    minMad: { publicPiles: number; publicKw: number; builtPublicFacilities: number; coveredEligible: number };
  };
  peer: { minPeers: number; threshold: number; minRelativeMad: number };
}

export interface AnomalySettingsView {
  settings: AnomalySettings;
  rulesText: string;
  isDefault: boolean;
}

export interface AnomalyQuery {
  month?: string;
  districtId?: number;
  kind?: AnomalyKind;
}

export const anomalyApi = {
  list: (query: AnomalyQuery) => request<AnomalyFlag[]>('GET', '/anomaly-flags', { query: { ...query } }),
  confirm: (id: number, note: string) =>
    request<AnomalyFlag>('POST', `/anomaly-flags/${id}/confirm`, { body: { note } }),
  settings: () => request<AnomalySettingsView>('GET', '/anomaly-flags/settings'),
  updateSettings: (settings: AnomalySettings) =>
    request<AnomalySettingsView>('PUT', '/anomaly-flags/settings', { body: settings }),
};
