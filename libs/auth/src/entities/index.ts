export * from './user.entity.js';
export * from './audit-event.entity.js';

import { User } from './user.entity.js';
import { AuditEvent } from './audit-event.entity.js';

export const AUTH_ENTITIES = [User, AuditEvent];
