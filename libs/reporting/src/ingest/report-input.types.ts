import {
  CommunityRowValues,
  FACILITY_STAGE_KEYS,
  FacilityRowValues,
  FacilityStageKey,
  ReportFileError,
  ReportTemplateMeta,
} from '@app/excel';

/** A row of the 社区 sheet after cell parsing (types are right; nothing checked against the register yet). */
export type CommunityInputRow = CommunityRowValues & { rowNumber: number };

/** A row of the 充电设施 sheet after cell parsing. facilityCode null: a facility the district adds this month. */
export type FacilityInputRow = FacilityRowValues & { rowNumber: number };

/** The stage dates of a facility's life, in their natural order (Jinpu annexes 1–3). */
export const STAGE_FIELDS = FACILITY_STAGE_KEYS;
export type StageField = FacilityStageKey;

export type TemplateMeta = ReportTemplateMeta;

/** One problem, located the way a clerk finds it in the sheet. */
export type ReportError = ReportFileError;
