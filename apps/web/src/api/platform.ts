import { request } from './http';

export type PlatformImportScope = 'full' | 'incremental';

export interface PlatformImportSummary {
  id: number;
  source: 'xlsx' | 'csv' | 'api' | 'demo';
  sourceLabel: string;
  scope: PlatformImportScope;
  scopeLabel: string;
  fileName: string | null;
  sha256: string;
  recordCount: number;
  monthlyRowCount: number;
  importedByName: string | null;
  apiKeyName: string | null;
  importedAt: string;
}

/** One located problem of a rejected file (the API's `details`). */
export interface PlatformImportError {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface PlatformRecord {
  recordId: number;
  importId: number;
  platformId: string;
  stationName: string | null;
  districtId: number | null;
  districtName: string | null;
  connectedOn: string;
  operatorName: string | null;
  operatorCreditCode: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
}

export interface CrossCheckIssue {
  kind: string;
  label: string;
  message: string;
}

export interface FacilityCrossCheck {
  facility: {
    facilityId: number;
    code: string;
    name: string | null;
    districtId: number;
    districtName: string;
    communityName: string;
    platformId: string | null;
    platformConnectedOn: string | null;
  };
  platform: PlatformRecord | null;
  issues: CrossCheckIssue[];
}

export interface DistrictCrossCheck {
  districtId: number | null;
  districtName: string;
  reportedConnected: number;
  matched: number;
  reportedNotConnected: number;
  connectedNotReported: number;
  mismatched: number;
}

export interface CrossCheckView {
  latestImport: PlatformImportSummary | null;
  basis: string;
  facilities: FacilityCrossCheck[];
  unreported: (PlatformRecord & CrossCheckIssue)[];
  districts: DistrictCrossCheck[];
  totals: Omit<DistrictCrossCheck, 'districtId' | 'districtName'>;
}

export interface PlatformKey {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedPlatformKey extends PlatformKey {
  /** Shown once: the API keeps only its digest. */
  key: string;
}

export const platformApi = {
  importFile: (file: File, scope: PlatformImportScope, onUploadProgress?: (percent: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return request<PlatformImportSummary>('POST', '/platform/imports', { query: { scope }, form, onUploadProgress });
  },
  imports: () => request<PlatformImportSummary[]>('GET', '/platform/imports'),
  crossCheck: (districtId?: number) =>
    request<CrossCheckView>('GET', '/platform/cross-check', { query: { districtId } }),
  keys: () => request<PlatformKey[]>('GET', '/platform/api-keys'),
  issueKey: (name: string) => request<IssuedPlatformKey>('POST', '/platform/api-keys', { body: { name } }),
  revokeKey: (id: number) => request<PlatformKey>('POST', `/platform/api-keys/${id}/revoke`),
};
