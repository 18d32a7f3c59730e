import type { KernelAnswer, KernelGap, KernelInstance } from './kernel.js';
import {
  capacityOf,
  edgeCost,
  eligible,
  evaluate,
  neighbourSet,
  type Plan,
  type PlanOptions,
  type PlanRecipient,
  type PlanVolunteer,
  priorityOf,
  visitorsOf,
} from './model.js';
import { DEFAULT_TIME_LIMIT_MS, type SolveBudget, solveKernel } from './solve.js';

/** A plan with what the time budget allowed to prove about it. */
export interface BudgetedPlan extends Plan {
  optimal: boolean;
  gap: KernelGap;
}

/**
 * The planning problem of a day as a kernel instance: the domain rules decide who may visit whom (township and
 * allowed neighbours, skills, exclusions), each recipient's priority and each pair's travel with continuity.
 */
export function kernelOf(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  options: PlanOptions = {},
): KernelInstance {
  const neighbours = neighbourSet(options.neighbouring);
  // Only volunteers of the recipient's township or an allowed neighbour can be eligible: index them by
  // township so a county is not checked pair by pair (5,000 × 1,500 pairs, nearly all across townships).
  const byTownship = new Map<number, PlanVolunteer[]>();
  for (const v of volunteers) {
    const list = byTownship.get(v.townshipId);
    if (list) list.push(v);
    else byTownship.set(v.townshipId, [v]);
  }
  const reachable = new Map<number, PlanVolunteer[]>();
  const candidatesFor = (townshipId: number): PlanVolunteer[] => {
    let list = reachable.get(townshipId);
    if (!list) {
      list = [];
      for (const [t, vs] of byTownship) {
        const key = t <= townshipId ? `${t}:${townshipId}` : `${townshipId}:${t}`;
        if (t === townshipId || neighbours.has(key)) list.push(...vs);
      }
      list.sort((a, b) => a.id - b.id);
      reachable.set(townshipId, list);
    }
    return list;
  };
  const pairs: [number, number, number][] = [];
  for (const r of recipients)
    for (const v of candidatesFor(r.townshipId))
      if (eligible(v, r, neighbours)) pairs.push([v.id, r.id, edgeCost(v, r)]);
  return {
    volunteers: volunteers.map((v) => ({ id: v.id, capacity: capacityOf(v) })),
    recipients: recipients.map((r) => ({ id: r.id, visitors: visitorsOf(r), priority: priorityOf(r) })),
    pairs,
    pins: options.pins ?? [],
  };
}

/**
 * The optimal visit plan (decisions 0050, 0052, 0053): the kernel fed by the domain rules, within a time budget
 * (default five seconds on the wall clock). Exact when proven in the budget, else the best plan found and its gap.
 */
export function planVisits(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  options: PlanOptions = {},
  budget: SolveBudget = { timeLimitMs: DEFAULT_TIME_LIMIT_MS, clock: Date.now },
): BudgetedPlan {
  // Pins are honoured as given; they must satisfy the hard constraints themselves.
  evaluate(volunteers, recipients, options.pins ?? [], options);
  const answer: KernelAnswer = solveKernel(kernelOf(volunteers, recipients, options), budget);
  const scored = evaluate(volunteers, recipients, answer.assignments, options);
  return { assignments: answer.assignments, ...scored, optimal: answer.optimal, gap: answer.gap };
}
