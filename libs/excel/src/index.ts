export * from './cell-parsers.js';
export * from './facility-row-shape.rules.js';
export * from './formula-neutraliser.js';
export * from './report-template.definition.js';
export * from './report-template.writer.js';
export * from './report-workbook.reader.js';
export * from './workbook-container.inspector.js';
export * from './parse/report-parse.pool.js';
