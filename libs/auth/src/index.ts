export * from './entities/index.js';
export * from './password.js';
