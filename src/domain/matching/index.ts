export { greedyPlan } from './greedy.js';
export * from './model.js';
export { planVisits } from './planner.js';
