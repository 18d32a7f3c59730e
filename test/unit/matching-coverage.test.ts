import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CARE_LEVELS } from '../../src/db/schema/index.js';
import { type CoverageHousehold, coverageCandidates } from '../../src/domain/coverage.js';
import { addDays } from '../../src/domain/dates.js';
import {
  evaluate,
  type PlanRecipient,
  type PlanVolunteer,
  planVisits,
  priorityOf,
} from '../../src/domain/matching/index.js';
import { bruteForce } from './matching-brute.js';

const DATE = '2026-11-24';

/** Households of one township as the coverage rule sees them, fed to the exact planner as its candidates. */
const instance = fc
  .record({ volunteers: fc.integer({ min: 1, max: 5 }), households: fc.integer({ min: 0, max: 10 }) })
  .chain(({ volunteers: nv, households: nh }) =>
    fc.record({
      capacities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: nv, maxLength: nv }),
      skills: fc.array(fc.boolean(), { minLength: nv, maxLength: nv }),
      homes: fc.array(
        fc.record({
          careLevel: fc.constantFrom(...CARE_LEVELS),
          registeredDaysAgo: fc.integer({ min: 0, max: 800 }),
          lastVisitDaysAgo: fc.option(fc.integer({ min: 0, max: 800 })),
          openNeeds: fc.constantFrom(0, 0, 0, 1),
          counselling: fc.boolean(),
          visitors: fc.constantFrom<1 | 2>(1, 1, 1, 2),
          villageId: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: nh, maxLength: nh },
      ),
    }),
  )
  .map(({ capacities, skills, homes }) => {
    const volunteers: PlanVolunteer[] = capacities.map((capacity, i) => ({
      id: 1 + i,
      townshipId: 1,
      villageId: 1 + (i % 3),
      skills: skills[i] ? ['counselling'] : [],
      capacity,
    }));
    const households: CoverageHousehold[] = homes.map((h, i) => ({
      id: 100 + i,
      careLevel: h.careLevel,
      since: addDays(DATE, -h.registeredDaysAgo),
      lastServiceVisit: h.lastVisitDaysAgo === null ? null : addDays(DATE, -h.lastVisitDaysAgo),
      openNeeds: h.openNeeds,
    }));
    const byId = new Map(homes.map((h, i) => [100 + i, h]));
    const recipients: PlanRecipient[] = coverageCandidates(households, { date: DATE, months: 3 }).map((c) => {
      const h = byId.get(c.id)!;
      return {
        id: c.id,
        townshipId: 1,
        villageId: h.villageId,
        careLevel: h.careLevel,
        daysOverdue: 0,
        priority: c.priority,
        needsSkills: h.counselling ? ['counselling'] : [],
        visitors: h.visitors,
      };
    });
    return { volunteers, recipients };
  });

describe('the exact planner on the coverage rule’s candidates', () => {
  test.prop([instance], { numRuns: 200 })('finds the brute-force optimum', ({ volunteers, recipients }) => {
    const plan = planVisits(volunteers, recipients);
    const exact = evaluate(volunteers, recipients, bruteForce(volunteers, recipients));
    expect(plan.objective).toEqual(exact.objective);
    expect(plan.optimal).toBe(true);
  });

  test.prop([instance], { numRuns: 200 })(
    'plans by the rule’s weights: the priority it reports is the sum of the covered households’ weights',
    ({ volunteers, recipients }) => {
      const plan = planVisits(volunteers, recipients);
      const weight = new Map(recipients.map((r) => [r.id, r.priority!]));
      expect(plan.objective.priority).toBe(plan.covered.reduce((sum, id) => sum + weight.get(id)!, 0));
      for (const r of recipients) expect(priorityOf(r)).toBe(r.priority);
    },
  );
});
