import { FacilityUsage } from '@app/org';

/** A row of the 社区 sheet after cell parsing (types are right; nothing checked against the register yet). */
export interface CommunityInputRow {
  rowNumber: number;
  communityCode: string;
  communityName: string | null;
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  fireSafetyComplete: boolean | null;
  ineligibleReason: string | null;
  pilot: boolean;
  nearbyFacilityCode: string | null;
  nearbyDistanceM: number | null;
  remark: string | null;
}

/** The stage dates of a facility's life, in their natural order (Jinpu annexes 1–3). */
export const STAGE_FIELDS = [
  'surveyedOn',
  'agreementOn',
  'gridAppliedOn',
  'gridAcceptedOn',
  'supplyPlanRepliedOn',
  'constructionStartedOn',
  'constructionCompletedOn',
  'meterInstalledOn',
  'acceptedOn',
  'platformConnectedOn',
] as const;

export type StageField = (typeof STAGE_FIELDS)[number];
export type StageDates = Record<StageField, string | null>;

/** A row of the 充电设施 sheet after cell parsing. facilityCode null: a facility the district adds this month. */
export interface FacilityInputRow extends StageDates {
  rowNumber: number;
  facilityCode: string | null;
  communityCode: string;
  name: string | null;
  usage: FacilityUsage;
  operatorCreditCode: string | null;
  propertyCompanyName: string | null;
  acPiles: number;
  dcPiles: number;
  /** decimal string, ≤ 3 decimals */
  totalKw: string;
  serviceFeeYuanPerKwh: string | null;
  platformId: string | null;
  retiredOn: string | null;
  retiredReason: string | null;
  remark: string | null;
}

export interface TemplateMeta {
  templateVersion: string;
  districtCode: string;
  month: string;
}

/** One problem, located the way a clerk finds it in the sheet. */
export interface ReportError {
  sheet: string;
  /** 1-based sheet row; null for file-level problems */
  row: number | null;
  /** Chinese column header; null for row- or file-level problems */
  column: string | null;
  value: string | null;
  message: string;
}
