export * from './entities/index.js';
export * from './credit-code.js';
export * from './community-eligibility.rules.js';
export * from './org.repository.js';
export * from './org.service.js';
export * from './org.module.js';
