export * from './period-month.js';
export * from './reporting-period.repository.js';
export * from './reporting-period.service.js';
export * from './reporting-period.module.js';
