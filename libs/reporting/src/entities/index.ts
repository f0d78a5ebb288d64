export * from './reporting.enums.js';
export * from './reporting-period.entity.js';
export * from './district-report.entity.js';
export * from './report-upload.entity.js';
export * from './report-version.entity.js';
export * from './report-community-row.entity.js';
export * from './report-facility-row.entity.js';
export * from './calendar-step-run.entity.js';
export * from './anomaly-flag.entity.js';

import { ReportingPeriod } from './reporting-period.entity.js';
import { DistrictReport } from './district-report.entity.js';
import { ReportUpload } from './report-upload.entity.js';
import { ReportVersion } from './report-version.entity.js';
import { ReportCommunityRow } from './report-community-row.entity.js';
import { ReportFacilityRow } from './report-facility-row.entity.js';
import { CalendarStepRun } from './calendar-step-run.entity.js';
import { AnomalyFlag } from './anomaly-flag.entity.js';

export const REPORTING_ENTITIES = [
  ReportingPeriod,
  DistrictReport,
  ReportUpload,
  ReportVersion,
  ReportCommunityRow,
  ReportFacilityRow,
  CalendarStepRun,
  AnomalyFlag,
];
