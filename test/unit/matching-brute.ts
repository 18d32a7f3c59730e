import {
  type Assignment,
  capacityOf,
  compareObjective,
  edgeCost,
  eligible,
  neighbourSet,
  type Objective,
  type PlanOptions,
  type PlanRecipient,
  type PlanVolunteer,
  priorityOf,
  visitorsOf,
} from '../../src/domain/matching/index.js';

/**
 * Exhaustive search for the planner's tests: every recipient is left out or given every possible
 * set of free eligible volunteers, memoised on (recipient, capacities left). Exact and independent
 * of the flow formulation; fine up to 6 volunteers × 10 recipients with small capacities.
 */
export function bruteForce(
  volunteers: PlanVolunteer[],
  recipients: PlanRecipient[],
  options: PlanOptions = {},
): Assignment[] {
  const neighbours = neighbourSet(options.neighbouring);
  const pins = options.pins ?? [];
  const caps = volunteers.map((v) => capacityOf(v) - pins.filter((p) => p.volunteerId === v.id).length);
  type Best = { obj: Objective; picks: Assignment[] };
  const memo = new Map<string, Best>();
  const zero: Objective = { covered: 0, priority: 0, travel: 0 };
  const add = (a: Objective, b: Objective): Objective => ({
    covered: a.covered + b.covered,
    priority: a.priority + b.priority,
    travel: a.travel + b.travel,
  });

  function subsets(items: number[], k: number): number[][] {
    if (k === 0) return [[]];
    const out: number[][] = [];
    items.forEach((x, i) => {
      for (const rest of subsets(items.slice(i + 1), k - 1)) out.push([x, ...rest]);
    });
    return out;
  }

  function go(i: number, left: number[]): Best {
    if (i === recipients.length) return { obj: zero, picks: [] };
    const key = `${i}|${left.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const r = recipients[i];
    const already = new Set(pins.filter((p) => p.recipientId === r.id).map((p) => p.volunteerId));
    const need = visitorsOf(r) - already.size;
    let best = go(i + 1, left); // leave this recipient as it is
    if (need > 0) {
      const free = volunteers
        .map((_, vi) => vi)
        .filter((vi) => left[vi] > 0 && !already.has(volunteers[vi].id) && eligible(volunteers[vi], r, neighbours));
      for (const set of subsets(free, need)) {
        const next = left.slice();
        let travel = 0;
        for (const vi of set) {
          next[vi] -= 1;
          travel += edgeCost(volunteers[vi], r);
        }
        const rest = go(i + 1, next);
        const obj = add(rest.obj, { covered: 1, priority: priorityOf(r), travel });
        if (compareObjective(obj, best.obj) > 0) {
          best = {
            obj,
            picks: [...set.map((vi) => ({ volunteerId: volunteers[vi].id, recipientId: r.id })), ...rest.picks],
          };
        }
      }
    }
    memo.set(key, best);
    return best;
  }
  return [...pins, ...go(0, caps).picks];
}
