export * from './columns.js';
export * from './protect.js';
export * from './read.js';
export * from './write.js';
export * from './zip-guard.js';
