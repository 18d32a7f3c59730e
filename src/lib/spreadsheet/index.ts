export * from './read.js';
export * from './columns.js';
export * from './write.js';
