export * from './entities/index.js';
export * from './password.js';
export * from './auth.decorators.js';
export * from './auth.service.js';
export * from './auth.guard.js';
export * from './audit.service.js';
export * from './auth.module.js';
export * from './jwt-secret.js';
