export * from './complaint.entity.js';

import { Complaint } from './complaint.entity.js';

export const RATING_ENTITIES = [Complaint];
