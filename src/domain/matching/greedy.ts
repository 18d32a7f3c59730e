import {
  type Assignment,
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

/**
 * The baseline a coordinator would do by hand: most urgent recipient first, each given the
 * nearest volunteers still free. Fast and often good, never guaranteed optimal.
 */
export function greedyPlan(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  options: PlanOptions = {},
): Plan {
  const neighbours = neighbourSet(options.neighbouring);
  const pins = options.pins ?? [];
  const left = new Map(volunteers.map((v) => [v.id, capacityOf(v)]));
  const pinned = new Map<number, Set<number>>();
  for (const p of pins) {
    left.set(p.volunteerId, (left.get(p.volunteerId) ?? 0) - 1);
    const s = pinned.get(p.recipientId) ?? new Set<number>();
    s.add(p.volunteerId);
    pinned.set(p.recipientId, s);
  }
  const assignments: Assignment[] = [...pins];
  const order = [...recipients].sort((a, b) => priorityOf(b) - priorityOf(a) || a.id - b.id);
  for (const r of order) {
    const already = pinned.get(r.id) ?? new Set<number>();
    const need = visitorsOf(r) - already.size;
    if (need <= 0) continue;
    const options = volunteers
      .filter((v) => left.get(v.id)! > 0 && !already.has(v.id) && eligible(v, r, neighbours))
      .sort((a, b) => edgeCost(a, r) - edgeCost(b, r) || a.id - b.id);
    if (options.length < need) continue;
    for (const v of options.slice(0, need)) {
      assignments.push({ volunteerId: v.id, recipientId: r.id });
      left.set(v.id, left.get(v.id)! - 1);
    }
  }
  return { assignments, ...evaluate(volunteers, recipients, assignments, options) };
}
