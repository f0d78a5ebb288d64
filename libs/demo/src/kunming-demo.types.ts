import { Role } from '@app/auth';
import {
  DistrictKind,
  DistrictTier,
  EligibilitySource,
  FacilityUsage,
  GarageType,
  OperatorStatus,
  StreetKind,
} from '@app/org';
import { TargetKind } from '@app/progress';
import { ComplaintKind, ComplaintStatus, PatrolResult } from '@app/rating';

/**
 * The demo as plain rows, one list per table. Foreign keys are natural keys (codes, names, usernames) that the
 * seeder resolves to ids, so the same rows can be inserted into any database and compared across databases.
 */
export interface KunmingDemo {
  asOf: string;
  city: DemoCityRow;
  districts: DemoDistrictRow[];
  streets: DemoStreetRow[];
  propertyCompanies: DemoPropertyCompanyRow[];
  operators: DemoOperatorRow[];
  communities: DemoCommunityRow[];
  eligibility: DemoEligibilityRow[];
  users: DemoUserRow[];
  targetPlans: DemoTargetPlanRow[];
  districtTargets: DemoDistrictTargetRow[];
  pilotDesignations: DemoPilotDesignationRow[];
  facilities: DemoFacilityRow[];
  nearbyCoverage: DemoNearbyCoverageRow[];
  complaints: DemoComplaintRow[];
  patrols: DemoPatrolRow[];
}

export interface DemoCityRow {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface DemoDistrictRow {
  code: string;
  name: string;
  cityCode: string;
  tier: DistrictTier;
  kind: DistrictKind;
  sortOrder: number;
}

export interface DemoStreetRow {
  code: string;
  name: string;
  kind: StreetKind;
  districtCode: string;
}

export interface DemoPropertyCompanyRow {
  name: string;
  creditCode: string;
  contactPerson: string;
  contactPhone: string;
}

export interface DemoOperatorRow {
  name: string;
  creditCode: string;
  listedOn: string;
  status: OperatorStatus;
  contactPerson: string;
  contactPhone: string;
}

export interface DemoCommunityRow {
  code: string;
  name: string;
  districtCode: string;
  streetCode: string;
  address: string;
  garageType: GarageType;
  renovationYear: number | null;
  propertyCompanyName: string | null;
  households: number;
  parkingSpaces: number;
  longitude: string;
  latitude: string;
  registeredOn: string;
  removedOn: string | null;
}

export interface DemoEligibilityRow {
  communityCode: string;
  effectiveFrom: string;
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  fireSafetyRequired: boolean;
  fireSafetyComplete: boolean | null;
  eligible: boolean;
  ineligibleReason: string | null;
  source: EligibilitySource;
}

export interface DemoUserRow {
  username: string;
  displayName: string;
  role: Role;
  districtCode: string | null;
}

export interface DemoTargetPlanRow {
  code: string;
  name: string;
  kind: TargetKind;
  startMonth: string;
  endMonth: string;
  basis: string;
  description: string;
}

export interface DemoDistrictTargetRow {
  planCode: string;
  districtCode: string;
  targetCount: number | null;
  targetRatio: string | null;
}

export interface DemoPilotDesignationRow {
  planCode: string;
  communityCode: string;
  designatedOn: string;
}

export interface DemoFacilityRow {
  code: string;
  name: string;
  communityCode: string;
  usage: FacilityUsage;
  operatorCreditCode: string | null;
  propertyCompanyName: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: string;
  serviceFeeYuanPerKwh: string | null;
  platformId: string | null;
  longitude: string;
  latitude: string;
  surveyedOn: string;
  agreementOn: string | null;
  gridAppliedOn: string | null;
  gridAcceptedOn: string | null;
  supplyPlanRepliedOn: string | null;
  constructionStartedOn: string | null;
  constructionCompletedOn: string | null;
  meterInstalledOn: string | null;
  acceptedOn: string | null;
  platformConnectedOn: string | null;
  retiredOn: string | null;
  retiredReason: string | null;
}

export interface DemoNearbyCoverageRow {
  communityCode: string;
  facilityCode: string;
  distanceM: number;
  validFrom: string;
  validTo: string | null;
}

export interface DemoComplaintRow {
  propertyCompanyName: string;
  communityCode: string | null;
  kind: ComplaintKind;
  facilityUsage: FacilityUsage | null;
  receivedOn: string;
  description: string;
  status: ComplaintStatus;
  decidedByUsername: string | null;
  /** ISO instant (Asia/Shanghai office hours). */
  decidedAt: string | null;
  decisionNote: string | null;
}

/** A login of the demo, for the console and the README. */
export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  districtName: string | null;
}

/** The facility stage dates in their order of the facility's life (SPEC "A facility's life"). */
export const FACILITY_STAGES = [
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
] as const satisfies readonly (keyof DemoFacilityRow)[];

export type FacilityStage = (typeof FACILITY_STAGES)[number];

/** A safety patrol of a community's charging facilities by its property company. */
export interface DemoPatrolRow {
  communityCode: string;
  propertyCompanyName: string;
  patrolledOn: string;
  inspector: string;
  result: PatrolResult;
  issues: string | null;
  rectifiedOn: string | null;
  rectificationNote: string | null;
}
