export * from './complaint.entity.js';
export * from './safety-patrol.entity.js';
export * from './rating-round.entity.js';
export * from './rating-row.entity.js';

import { Complaint } from './complaint.entity.js';
import { SafetyPatrol } from './safety-patrol.entity.js';
import { RatingRound } from './rating-round.entity.js';
import { RatingRow } from './rating-row.entity.js';

export const RATING_ENTITIES = [Complaint, SafetyPatrol, RatingRound, RatingRow];
