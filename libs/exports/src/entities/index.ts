export * from './export.enums.js';
export * from './data-export.entity.js';
export * from './data-export-chunk.entity.js';

import { DataExport } from './data-export.entity.js';
import { DataExportChunk } from './data-export-chunk.entity.js';

export const EXPORT_ENTITIES = [DataExport, DataExportChunk];
