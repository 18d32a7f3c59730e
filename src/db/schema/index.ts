export * from './geo.js';
export * from './organisations.js';
export * from './users.js';
export * from './people.js';
export * from './system.js';
export * from './ledger.js';
export * from './shifts.js';
