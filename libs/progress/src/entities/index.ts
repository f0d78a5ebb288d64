export * from './target-plan.entity.js';
export * from './district-target.entity.js';
export * from './pilot-designation.entity.js';
export * from './progress-snapshot.entity.js';
export * from './progress-comment.entity.js';

import { TargetPlan } from './target-plan.entity.js';
import { DistrictTarget } from './district-target.entity.js';
import { PilotDesignation } from './pilot-designation.entity.js';
import { ProgressSnapshot } from './progress-snapshot.entity.js';
import { ProgressComment } from './progress-comment.entity.js';

export const PROGRESS_ENTITIES = [TargetPlan, DistrictTarget, PilotDesignation, ProgressSnapshot, ProgressComment];
