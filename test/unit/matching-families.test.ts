import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_MS, solveKernel } from '../../src/domain/matching/index.js';
import { highsSolver } from '../../src/lib/milp-highs.js';
import { county1022Township8, cpuClock, familyKernel, HARD_FAMILIES } from '../fixtures/plan-families.js';
import { expectFeasible } from './kernel-milp.js';

/**
 * The known hard instance families, fixed: each must be proven optimal within the default budget. The budget runs on
 * this process's CPU time (the planner's work), so a busy machine does not change the verdict; how long they take
 * on the wall clock is bench:match's business (bench/results/match.txt), not a test's.
 */
describe('the known hard families are proven optimal within the budget', () => {
  const cases = [
    ...HARD_FAMILIES.map((f) => ({ name: f.name, kernel: () => familyKernel(f.spec) })),
    { name: 'township 8 of bench county 1022 (364 × 88, 19 two visitors)', kernel: county1022Township8 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const k = c.kernel();
      const answer = solveKernel(k, {
        timeLimitMs: DEFAULT_TIME_LIMIT_MS,
        clock: cpuClock,
        milp: await highsSolver({ wallClock: false }),
      });
      expectFeasible(k, answer);
      expect(answer.gap).toEqual({ covered: 0, priority: 0, travel: 0 });
      expect(answer.optimal).toBe(true);
    }, 120_000);
  }
});
