import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_MS, solveKernel } from '../../src/domain/matching/index.js';
import { highsSolver } from '../../src/lib/milp-highs.js';
import { county1022Township8, cpuClock, familyKernel, HARD_FAMILIES } from '../fixtures/plan-families.js';
import { expectFeasible } from './kernel-milp.js';

/**
 * The known hard instance families, fixed: each must be solved to proven optimality. Whether that happens within the
 * product's default budget is a speed figure, bench:match's business (bench/results/match.txt), not a test's: on a
 * slower or busier machine even this process's CPU time runs past 5 s (a CI run took 5.0 s of CPU on one family
 * that takes 3.4 s here), so the test gives the solver three budgets of CPU time and asserts the answer.
 */
const PROOF_BUDGET_MS = 3 * DEFAULT_TIME_LIMIT_MS;
describe('the known hard families are proven optimal', () => {
  const cases = [
    ...HARD_FAMILIES.map((f) => ({ name: f.name, kernel: () => familyKernel(f.spec) })),
    { name: 'township 8 of bench county 1022 (364 × 88, 19 two visitors)', kernel: county1022Township8 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const k = c.kernel();
      const answer = solveKernel(k, {
        timeLimitMs: PROOF_BUDGET_MS,
        clock: cpuClock,
        milp: await highsSolver({ wallClock: false }),
      });
      expectFeasible(k, answer);
      expect(answer.gap).toEqual({ covered: 0, priority: 0, travel: 0 });
      expect(answer.optimal).toBe(true);
    }, 120_000);
  }
});
