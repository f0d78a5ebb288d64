export * from './subsidy-round.entity.js';
export * from './subsidy-round-line.entity.js';
export * from './facility-service-survey.entity.js';

import { StoredSubsidyRound } from './subsidy-round.entity.js';
import { StoredSubsidyRoundLine } from './subsidy-round-line.entity.js';
import { FacilityServiceSurvey } from './facility-service-survey.entity.js';

export const SUBSIDY_ENTITIES = [StoredSubsidyRound, StoredSubsidyRoundLine, FacilityServiceSurvey];
