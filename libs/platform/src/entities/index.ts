export * from './platform.enums.js';
export * from './platform-api-key.entity.js';
export * from './platform-import.entity.js';
export * from './platform-facility-record.entity.js';
export * from './platform-monthly-energy.entity.js';

import { PlatformApiKey } from './platform-api-key.entity.js';
import { PlatformImport } from './platform-import.entity.js';
import { PlatformFacilityRecord } from './platform-facility-record.entity.js';
import { PlatformMonthlyEnergy } from './platform-monthly-energy.entity.js';

export const PLATFORM_ENTITIES = [PlatformApiKey, PlatformImport, PlatformFacilityRecord, PlatformMonthlyEnergy];
