import {
  type Assignment,
  capacityOf,
  edgeCost,
  eligible,
  evaluate,
  MAX_EDGE_COST,
  neighbourSet,
  type Plan,
  type PlanOptions,
  type PlanRecipient,
  type PlanVolunteer,
  priorityOf,
  visitorsOf,
} from './model.js';
import { type Arc, relax, type Warm, type Weights } from './relaxation.js';

/**
 * The optimal visit plan (decision 0050): per connected component of the eligibility graph, a
 * min-cost flow source → volunteer (capacity) → recipient (unit arcs, so two visitors are two
 * different people) → sink (the visitors still needed), with integer weights that make the
 * scalar objective lexicographic. Flow cannot say "both visitors or none", so a branch and bound
 * over the recipients the flow half-covers (force both / forbid) makes the answer exact.
 */
export function planVisits(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  options: PlanOptions = {},
): Plan {
  const neighbours = neighbourSet(options.neighbouring);
  const pins = options.pins ?? [];
  // Pins are honoured as given; they must satisfy the hard constraints themselves.
  evaluate(volunteers, recipients, pins, options);

  const pinLoad = new Map<number, number>();
  const pinned = new Map<number, Set<number>>();
  for (const p of pins) {
    pinLoad.set(p.volunteerId, (pinLoad.get(p.volunteerId) ?? 0) + 1);
    const s = pinned.get(p.recipientId) ?? new Set<number>();
    s.add(p.volunteerId);
    pinned.set(p.recipientId, s);
  }
  const room = volunteers.map((v) => capacityOf(v) - (pinLoad.get(v.id) ?? 0));
  const needed = recipients.map((r) => visitorsOf(r) - (pinned.get(r.id)?.size ?? 0));

  // Eligible open arcs, and their connected components (union-find over volunteers + recipients).
  const V = volunteers.length;
  const parent = Array.from({ length: V + recipients.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Only volunteers of the recipient's township or an allowed neighbour can be eligible: index them by
  // township so a county is not checked pair by pair (5,000 × 1,500 pairs, nearly all across townships).
  const byTownship = new Map<number, number[]>();
  volunteers.forEach((v, vi) => {
    if (room[vi] <= 0) return;
    const list = byTownship.get(v.townshipId);
    if (list) list.push(vi);
    else byTownship.set(v.townshipId, [vi]);
  });
  const reachable = new Map<number, number[]>();
  const candidatesFor = (townshipId: number): number[] => {
    let list = reachable.get(townshipId);
    if (!list) {
      list = [];
      for (const [t, vis] of byTownship) {
        const key = t <= townshipId ? `${t}:${townshipId}` : `${townshipId}:${t}`;
        if (t === townshipId || neighbours.has(key)) list.push(...vis);
      }
      list.sort((a, b) => a - b);
      reachable.set(townshipId, list);
    }
    return list;
  };
  const arcs: [number, number][] = [];
  for (let ri = 0; ri < recipients.length; ri++) {
    if (needed[ri] <= 0) continue;
    const r = recipients[ri];
    const already = pinned.get(r.id);
    for (const vi of candidatesFor(r.townshipId)) {
      if (already?.has(volunteers[vi].id) || !eligible(volunteers[vi], r, neighbours)) continue;
      arcs.push([vi, ri]);
      parent[find(vi)] = find(V + ri);
    }
  }
  const groups = new Map<number, [number, number][]>();
  for (const a of arcs) {
    const root = find(a[0]);
    const list = groups.get(root);
    if (list) list.push(a);
    else groups.set(root, [a]);
  }

  const assignments: Assignment[] = [...pins];
  for (const group of groups.values()) {
    for (const [vi, ri] of solveComponent(volunteers, recipients, group, room, needed)) {
      assignments.push({ volunteerId: volunteers[vi].id, recipientId: recipients[ri].id });
    }
  }
  const scored = evaluate(volunteers, recipients, assignments, options);
  return { assignments, ...scored };
}

/** Integer weights: one more recipient outweighs any priority gain, which outweighs any travel. */
function weights(
  recipients: readonly PlanRecipient[],
  group: [number, number][],
  room: number[],
  needed: number[],
): Weights {
  const rs = [...new Set(group.map((a) => a[1]))];
  const vs = [...new Set(group.map((a) => a[0]))];
  const slots = Math.min(
    vs.reduce((s, vi) => s + room[vi], 0),
    rs.reduce((s, ri) => s + needed[ri], 0),
  );
  const travelSpan = slots * MAX_EDGE_COST + 1;
  // Any priority total of the component is below this, so one more recipient always outweighs it.
  const prioSpan = (rs.reduce((sum, ri) => sum + priorityOf(recipients[ri]), 0) + 1) * travelSpan;
  const reward = new Map<number, number>();
  let total = 0;
  for (const ri of rs) {
    const w = 2 * (prioSpan + priorityOf(recipients[ri]) * travelSpan);
    reward.set(ri, w);
    total += w;
  }
  const force = total + 2 * slots * MAX_EDGE_COST + 1;
  if (force * 4 > Number.MAX_SAFE_INTEGER) throw new RangeError('component too large for exact integer weights');
  return { reward, force };
}

/** Branch and bound over half-covered two-visitor recipients; each node is one min-cost flow. */
function solveComponent(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  group: Arc[],
  room: number[],
  needed: number[],
): Arc[] {
  const w = weights(recipients, group, room, needed);
  const cost = group.map(([vi, ri]) => 2 * edgeCost(volunteers[vi], recipients[ri]));
  const index = new Map(group.map((a, i) => [`${a[0]}:${a[1]}`, i]));
  const scoreOf = (chosen: Arc[]) => scoreArcs(chosen, index, cost, w, needed);
  // A valid starting incumbent (greedy on this component) makes pruning bite from the first node.
  let best = greedyComponent(recipients, group, room, needed, cost);
  let bestValue = scoreOf(best);
  // A recipient with fewer eligible volunteers than visitors needed can never be covered: leaving it
  // out from the start spares the branch and bound a node for each such recipient.
  const arcsOf = new Map<number, number>();
  for (const [, ri] of group) arcsOf.set(ri, (arcsOf.get(ri) ?? 0) + 1);
  const hopeless = new Set([...arcsOf].filter(([ri, n]) => n < needed[ri]).map(([ri]) => ri));
  // Children start from the arcs their parent ended with, which spares most certificate rounds.
  type Node = { forced: Set<number>; forbidden: Set<number>; active: Uint8Array | null; warm?: Warm };
  const stack: Node[] = [{ forced: new Set(), forbidden: hopeless, active: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const relaxed = relax(group, cost, room, needed, w, node.forced, node.forbidden, node.active, node.warm);
    if (!relaxed) continue; // a forced recipient cannot get both visitors
    if (relaxed.value <= bestValue) continue;
    const half = [...relaxed.units].find(([ri, units]) => units > 0 && units < needed[ri]);
    if (!half) {
      best = relaxed.arcs;
      bestValue = relaxed.value;
      continue;
    }
    // Dropping the half visits gives a valid plan: a free incumbent that may prune other branches.
    const rounded = relaxed.arcs.filter(([, r]) => relaxed.units.get(r) === needed[r]);
    const roundedValue = scoreOf(rounded);
    if (roundedValue > bestValue) {
      best = rounded;
      bestValue = roundedValue;
    }
    const ri = half[0];
    // Both children start from this node's solved network (decision 0052).
    stack.push({
      forced: node.forced,
      forbidden: new Set([...node.forbidden, ri]),
      active: relaxed.active,
      warm: { parent: relaxed.state, ri, kind: 'forbid' },
    });
    stack.push({
      forced: new Set([...node.forced, ri]),
      forbidden: node.forbidden,
      active: relaxed.active,
      warm: { parent: relaxed.state, ri, kind: 'force' },
    });
  }
  return best;
}

/** Scalar value (in flow units) of a valid set of arcs: reward of the fully served minus travel. */
function scoreArcs(chosen: Arc[], index: Map<string, number>, cost: number[], w: Weights, needed: number[]): number {
  const units = new Map<number, number>();
  let value = 0;
  for (const a of chosen) {
    value -= cost[index.get(`${a[0]}:${a[1]}`)!];
    units.set(a[1], (units.get(a[1]) ?? 0) + 1);
  }
  for (const [ri, u] of units) if (u === needed[ri]) value += w.reward.get(ri)!;
  return value;
}

/** The greedy rule (as in greedy.ts) restricted to one component, as arcs, for the first incumbent. */
function greedyComponent(
  recipients: readonly PlanRecipient[],
  group: Arc[],
  room: number[],
  needed: number[],
  cost: number[],
): Arc[] {
  const left = new Map<number, number>();
  for (const [vi] of group) left.set(vi, room[vi]);
  const byRecipient = new Map<number, number[]>();
  group.forEach((a, i) => {
    const list = byRecipient.get(a[1]);
    if (list) list.push(i);
    else byRecipient.set(a[1], [i]);
  });
  const order = [...byRecipient.keys()].sort((a, b) => priorityOf(recipients[b]) - priorityOf(recipients[a]) || a - b);
  const chosen: Arc[] = [];
  for (const ri of order) {
    const options = byRecipient
      .get(ri)!
      .filter((i) => left.get(group[i][0])! > 0)
      .sort((x, y) => cost[x] - cost[y]);
    if (options.length < needed[ri]) continue;
    for (const i of options.slice(0, needed[ri])) {
      chosen.push(group[i]);
      left.set(group[i][0], left.get(group[i][0])! - 1);
    }
  }
  return chosen;
}
