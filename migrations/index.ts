import { MigrationInterface } from 'typeorm';
import { Initial1795460591705 } from './1795460591705-initial.js';
import { WorkingDayCalendar1795463812333 } from './1795463812333-working-day-calendar.js';
import { CreditCodeCheck1795464355917 } from './1795464355917-credit-code-check.js';
import { ReportingCalendarAndNotifications1795464556523 } from './1795464556523-reporting-calendar-and-notifications.js';
import { UploadChecksumUnique1795467721873 } from './1795467721873-upload-checksum-unique.js';
import { ReportHistoryImmutable1795468558827 } from './1795468558827-report-history-immutable.js';
import { ProgressSnapshots1795470500061 } from './1795470500061-progress-snapshots.js';
import { Rankings1795471258642 } from './1795471258642-rankings.js';
import { Ratings1796150090600 } from './1796150090600-ratings.js';
import { SnapshotCities1796150166910 } from './1796150166910-snapshot-cities.js';
import { ProgressComments1796150225169 } from './1796150225169-progress-comments.js';
import { PlatformRecords1796150410854 } from './1796150410854-platform-records.js';
import { DataExports1796150443397 } from './1796150443397-data-exports.js';
import { SubsidyRounds1796151453357 } from './1796151453357-subsidy-rounds.js';
import { AnomalyFlags1796151845701 } from './1796151845701-anomaly-flags.js';

/** Every migration, in order. Timestamped files, hand-reviewed; `synchronize` is never used. */
export const ALL_MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795460591705,
  WorkingDayCalendar1795463812333,
  CreditCodeCheck1795464355917,
  ReportingCalendarAndNotifications1795464556523,
  UploadChecksumUnique1795467721873,
  ReportHistoryImmutable1795468558827,
  ProgressSnapshots1795470500061,
  Rankings1795471258642,
  Ratings1796150090600,
  SnapshotCities1796150166910,
  ProgressComments1796150225169,
  PlatformRecords1796150410854,
  DataExports1796150443397,
  SubsidyRounds1796151453357,
  AnomalyFlags1796151845701,
];
