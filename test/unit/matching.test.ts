import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CARE_LEVELS } from '../../src/db/schema/index.js';
import {
  compareObjective,
  evaluate,
  greedyPlan,
  type PlanOptions,
  type PlanRecipient,
  type PlanVolunteer,
  planVisits,
} from '../../src/domain/matching/index.js';
import { bruteForce } from './matching-brute.js';

const SKILLS = ['counselling', 'escort'] as const;

/** Random small instances: up to 6 volunteers × 10 recipients over up to 3 townships. */
const instance = fc
  .record({
    volunteers: fc.integer({ min: 1, max: 6 }),
    recipients: fc.integer({ min: 0, max: 10 }),
    townships: fc.integer({ min: 1, max: 3 }),
    coords: fc.boolean(),
  })
  .chain(({ volunteers: nv, recipients: nr, townships: nt, coords }) => {
    const place = fc.record({
      townshipId: fc.integer({ min: 1, max: nt }),
      villageId: fc.integer({ min: 1, max: 3 }),
      lat: coords ? fc.double({ min: 27.5, max: 27.7, noNaN: true }) : fc.constant(null),
      lng: coords ? fc.double({ min: 112.5, max: 112.7, noNaN: true }) : fc.constant(null),
    });
    const volunteer = fc.record({
      place,
      skills: fc.subarray([...SKILLS]),
      capacity: fc.integer({ min: 1, max: 3 }),
      excludedBy: fc.subarray(
        Array.from({ length: nr }, (_, i) => 100 + i),
        { maxLength: Math.min(2, nr) },
      ),
    });
    const recipient = fc.record({
      place,
      careLevel: fc.constantFrom(...CARE_LEVELS),
      daysOverdue: fc.integer({ min: 0, max: 40 }),
      needsSkills: fc.subarray([...SKILLS], { maxLength: 1 }),
      visitors: fc.constantFrom<1 | 2>(1, 1, 2),
      lastVisitor: fc.option(fc.integer({ min: 0, max: nv - 1 })),
    });
    const pair = fc.tuple(fc.integer({ min: 1, max: nt }), fc.integer({ min: 1, max: nt }));
    return fc.record({
      vs: fc.array(volunteer, { minLength: nv, maxLength: nv }),
      rs: fc.array(recipient, { minLength: nr, maxLength: nr }),
      neighbouring: fc.array(pair, { maxLength: Math.min(2, nr) }),
    });
  })
  .map(({ vs, rs, neighbouring }) => {
    const volunteers: PlanVolunteer[] = vs.map((v, i) => ({
      id: 1 + i,
      ...v.place,
      skills: v.skills,
      capacity: v.capacity,
      excludedBy: v.excludedBy,
    }));
    const recipients: PlanRecipient[] = rs.map((r, i) => ({
      id: 100 + i,
      ...r.place,
      careLevel: r.careLevel,
      daysOverdue: r.daysOverdue,
      needsSkills: r.needsSkills,
      visitors: r.visitors,
      lastVisitorId: r.lastVisitor === null ? null : 1 + r.lastVisitor,
    }));
    return { volunteers, recipients, options: { neighbouring } as PlanOptions };
  });

describe('visit planner', () => {
  test.prop([instance], { numRuns: 300 })(
    'finds the same objective as brute force',
    ({ volunteers, recipients, options }) => {
      const plan = planVisits(volunteers, recipients, options);
      const exact = evaluate(volunteers, recipients, bruteForce(volunteers, recipients, options), options);
      expect(plan.objective).toEqual(exact.objective);
      // And never worse than the greedy baseline.
      expect(
        compareObjective(plan.objective, greedyPlan(volunteers, recipients, options).objective),
      ).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([instance], { numRuns: 300 })('never violates a hard constraint', ({ volunteers, recipients, options }) => {
    const plan = planVisits(volunteers, recipients, options);
    const vById = new Map(volunteers.map((v) => [v.id, v]));
    const rById = new Map(recipients.map((r) => [r.id, r]));
    const allowed = new Set(options.neighbouring!.flatMap(([a, b]) => [`${a}:${b}`, `${b}:${a}`]));
    const load = new Map<number, number>();
    const visitors = new Map<number, number[]>();
    for (const a of plan.assignments) {
      const v = vById.get(a.volunteerId)!;
      const r = rById.get(a.recipientId)!;
      expect(v.townshipId === r.townshipId || allowed.has(`${v.townshipId}:${r.townshipId}`)).toBe(true);
      for (const s of r.needsSkills ?? []) expect(v.skills).toContain(s);
      expect(v.excludedBy).not.toContain(r.id);
      load.set(v.id, (load.get(v.id) ?? 0) + 1);
      visitors.set(r.id, [...(visitors.get(r.id) ?? []), v.id]);
    }
    for (const [id, n] of load) expect(n).toBeLessThanOrEqual(vById.get(id)!.capacity!);
    for (const [id, vs] of visitors) {
      expect(new Set(vs).size).toBe(vs.length); // two visitors are two people
      expect(vs.length).toBe(rById.get(id)!.visitors); // both visitors or none, never one of two
    }
    expect(plan.incomplete).toEqual([]);
  });

  test.prop([instance, fc.infiniteStream(fc.boolean())], { numRuns: 200 })(
    'honours pins and plans the rest optimally around them',
    ({ volunteers, recipients, options }, coin) => {
      // Any subset of a valid plan is a valid set of pins (it may leave a two-visitor recipient half pinned).
      const pins = greedyPlan(volunteers, recipients, options).assignments.filter(() => coin.next().value);
      const withPins = { ...options, pins };
      const plan = planVisits(volunteers, recipients, withPins);
      for (const p of pins) expect(plan.assignments).toContainEqual(p);
      const exact = evaluate(volunteers, recipients, bruteForce(volunteers, recipients, withPins), withPins);
      expect(plan.objective).toEqual(exact.objective);
    },
  );

  it('gives a two-visitor recipient both visitors or none', () => {
    const volunteers: PlanVolunteer[] = [{ id: 1, townshipId: 1, skills: [], capacity: 1 }];
    const escort: PlanRecipient = { id: 10, townshipId: 1, careLevel: 'full', daysOverdue: 9, visitors: 2 };
    expect(planVisits(volunteers, [escort]).assignments).toEqual([]);
    const two = [...volunteers, { id: 2, townshipId: 1, skills: [], capacity: 1 }];
    expect(planVisits(two, [escort]).covered).toEqual([10]);
  });

  it('beats greedy where the urgent recipient takes the only volunteer another one needed', () => {
    // Greedy gives volunteer 1 (nearest) to the most urgent recipient; then recipient 11 has nobody.
    const volunteers: PlanVolunteer[] = [
      { id: 1, townshipId: 1, villageId: 1, skills: ['counselling'], capacity: 1 },
      { id: 2, townshipId: 1, villageId: 2, skills: [], capacity: 1 },
    ];
    const recipients: PlanRecipient[] = [
      { id: 10, townshipId: 1, villageId: 1, careLevel: 'full', daysOverdue: 5 },
      { id: 11, townshipId: 1, villageId: 1, careLevel: 'self', daysOverdue: 0, needsSkills: ['counselling'] },
    ];
    expect(greedyPlan(volunteers, recipients).objective.covered).toBe(1);
    const plan = planVisits(volunteers, recipients);
    expect(plan.objective.covered).toBe(2);
    expect(plan.assignments).toContainEqual({ volunteerId: 1, recipientId: 11 });
  });

  it('prefers the more overdue, then the fully disabled, when not everyone can be visited', () => {
    const volunteers: PlanVolunteer[] = [{ id: 1, townshipId: 1, skills: [], capacity: 1 }];
    const pick = (rs: PlanRecipient[]) => planVisits(volunteers, rs).covered;
    expect(
      pick([
        { id: 10, townshipId: 1, careLevel: 'full', daysOverdue: 1 },
        { id: 11, townshipId: 1, careLevel: 'self', daysOverdue: 3 },
      ]),
    ).toEqual([11]);
    expect(
      pick([
        { id: 10, townshipId: 1, careLevel: 'partial', daysOverdue: 2 },
        { id: 11, townshipId: 1, careLevel: 'full', daysOverdue: 2 },
      ]),
    ).toEqual([11]);
  });

  it('prefers the volunteer who came last time when travel is equal, and rejects invalid pins', () => {
    const volunteers: PlanVolunteer[] = [
      { id: 1, townshipId: 1, villageId: 1, skills: [], capacity: 1 },
      { id: 2, townshipId: 1, villageId: 1, skills: [], capacity: 1 },
    ];
    const r: PlanRecipient = {
      id: 10,
      townshipId: 1,
      villageId: 1,
      careLevel: 'self',
      daysOverdue: 0,
      lastVisitorId: 2,
    };
    expect(planVisits(volunteers, [r]).assignments).toEqual([{ volunteerId: 2, recipientId: 10 }]);
    const foreign: PlanRecipient = { ...r, id: 11, townshipId: 2 };
    expect(() => planVisits(volunteers, [foreign], { pins: [{ volunteerId: 1, recipientId: 11 }] })).toThrow(
      /ineligible/,
    );
  });
});
