export * from './geo.js';
export * from './organisations.js';
export * from './users.js';
export * from './people.js';
export * from './system.js';
export * from './visits.js';
