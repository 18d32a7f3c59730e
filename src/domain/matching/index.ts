export { greedyPlan } from './greedy.js';
export * from './kernel.js';
export type { MilpProblem, MilpResult, MilpSolver } from './milp.js';
export * from './model.js';
export { type BudgetedPlan, kernelOf, planVisits } from './planner.js';
export { DEFAULT_TIME_LIMIT_MS, type SolveBudget, solveKernel, workClock } from './solve.js';
