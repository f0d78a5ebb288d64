import { ORG_ENTITIES } from '@app/org';
import { PROGRESS_ENTITIES } from '@app/progress';
import { REPORTING_ENTITIES } from '@app/reporting';
import { RATING_ENTITIES } from '@app/rating';
import { GRID_ENTITIES } from '@app/grid';
import { AUTH_ENTITIES } from '@app/auth';
import { CORE_ENTITIES } from '@app/core';
import { NOTIFY_ENTITIES } from '@app/notify';
import { RANKING_ENTITIES } from '@app/ranking';
import { PLATFORM_ENTITIES } from '@app/platform';
import { SUBSIDY_ENTITIES } from '@app/subsidy';
import { EXPORT_ENTITIES } from '@app/exports';

/** Every entity of the schema; the migrations must produce exactly these (see test/medium/schema-drift). */
export const ALL_ENTITIES = [
  ...CORE_ENTITIES,
  ...ORG_ENTITIES,
  ...PROGRESS_ENTITIES,
  ...REPORTING_ENTITIES,
  ...RATING_ENTITIES,
  ...GRID_ENTITIES,
  ...AUTH_ENTITIES,
  ...NOTIFY_ENTITIES,
  ...RANKING_ENTITIES,
  ...PLATFORM_ENTITIES,
  ...SUBSIDY_ENTITIES,
  ...EXPORT_ENTITIES,
];
