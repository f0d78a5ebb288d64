import { request } from './http';

export interface District {
  id: number;
  code: string;
  name: string;
  tier: string;
  kind: string;
}

export interface CommunitySummary {
  id: number;
  code: string;
  name: string;
  districtId: number;
  streetName: string | null;
  address: string | null;
  garageType: string;
  renovationYear: number | null;
  propertyCompanyName: string | null;
}

export interface CommunityListItem extends CommunitySummary {
  eligible: boolean | null;
  coveredBy: 'own' | 'nearby' | null;
  publicPiles: number;
}

export interface CommunityPage {
  items: CommunityListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EligibilityRecord {
  effectiveFrom: string;
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  fireSafetyRequired: boolean;
  fireSafetyComplete: boolean | null;
  eligible: boolean;
  ineligibleReason: string | null;
}

export interface FacilitySummary {
  id: number;
  code: string;
  name: string;
  usage: string;
  operatorName: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  acceptedOn: string | null;
  platformConnectedOn: string | null;
  retiredOn: string | null;
}

export interface CommunityDetail extends CommunitySummary {
  districtName: string;
  eligibilityHistory: EligibilityRecord[];
  facilities: FacilitySummary[];
}

export const orgApi = {
  districts: () => request<District[]>('GET', '/districts'),
  communities: (query: { districtId?: number; q?: string; page?: number; pageSize?: number }) =>
    request<CommunityPage>('GET', '/communities', { query }),
  community: (id: number) => request<CommunityDetail>('GET', `/communities/${id}`),
};
