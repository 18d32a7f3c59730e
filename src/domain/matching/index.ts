export * from './model.js';
export { planVisits } from './planner.js';
export { greedyPlan } from './greedy.js';
