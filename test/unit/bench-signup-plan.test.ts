import { describe, expect, it } from 'vitest';
import { pairAt, signupPlan } from '../../bench/lib/signup-plan.js';

const h = 3_600_000;
const shift = (id: number, start: number, hours: number, requiredSkills: string[] = []) => ({
  id,
  startsAt: start * h,
  endsAt: (start + hours) * h,
  requiredSkills,
});

describe("bench:shifts' sign-up plan", () => {
  it('gives each volunteer only shifts that overlap neither each other nor a place held, with the skills held', () => {
    const shifts = [shift(1, 10, 2), shift(2, 11, 2), shift(3, 12, 1), shift(4, 13, 1, ['驾驶']), shift(5, 1, 1)];
    const plan = signupPlan(
      shifts,
      [
        { skills: [], held: [] },
        { skills: ['驾驶'], held: [{ startsAt: 12 * h, endsAt: 13 * h }] },
      ],
      5 * h,
    );
    // 2 overlaps 1; 5 has begun; 4 needs a skill the first lacks; the second holds 12–13, so 1 (10–12) fits, 3 not.
    expect(plan).toEqual([
      [1, 3],
      [1, 4],
    ]);
  });

  it('walks volunteers in turn, then stops when a volunteer has no shift left', () => {
    const plan = [[1, 2], [3]];
    expect([0, 1, 2, 3].map((k) => pairAt(plan, k))).toEqual([
      { volunteer: 0, shiftId: 1 },
      { volunteer: 1, shiftId: 3 },
      { volunteer: 0, shiftId: 2 },
      null,
    ]);
  });
});
