import { MinCostFlow } from './flow.js';
import {
  capacityOf, edgeCost, eligible, evaluate, MAX_EDGE_COST, neighbourSet, priorityOf, visitorsOf,
  type Assignment, type Plan, type PlanOptions, type PlanRecipient, type PlanVolunteer,
} from './model.js';

/**
 * The optimal visit plan (decision 0050): per connected component of the eligibility graph, a
 * min-cost flow source → volunteer (capacity) → recipient (unit arcs, so two visitors are two
 * different people) → sink (the visitors still needed), with integer weights that make the
 * scalar objective lexicographic. Flow cannot say "both visitors or none", so a branch and bound
 * over the recipients the flow half-covers (force both / forbid) makes the answer exact.
 */
export function planVisits(volunteers: readonly PlanVolunteer[], recipients: readonly PlanRecipient[], options: PlanOptions = {}): Plan {
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
  const arcs: [number, number][] = [];
  for (let ri = 0; ri < recipients.length; ri++) {
    if (needed[ri] <= 0) continue;
    const r = recipients[ri];
    const already = pinned.get(r.id);
    for (let vi = 0; vi < V; vi++) {
      if (room[vi] <= 0 || already?.has(volunteers[vi].id) || !eligible(volunteers[vi], r, neighbours)) continue;
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

interface Weights {
  /** Per-recipient reward for full coverage, already in flow units (×2 so half-rewards stay whole). */
  reward: Map<number, number>;
  force: number;
}

/** Integer weights: one more recipient outweighs any priority gain, which outweighs any travel. */
function weights(recipients: readonly PlanRecipient[], group: [number, number][], room: number[], needed: number[]): Weights {
  const rs = [...new Set(group.map((a) => a[1]))];
  const vs = [...new Set(group.map((a) => a[0]))];
  const slots = Math.min(vs.reduce((s, vi) => s + room[vi], 0), rs.reduce((s, ri) => s + needed[ri], 0));
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

type Arc = [number, number];

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
  // A valid starting incumbent (greedy on this component) makes pruning bite from the first node.
  let best = greedyComponent(recipients, group, room, needed, cost);
  let bestValue = valueOf(best, group, cost, w, needed);
  // A recipient with fewer eligible volunteers than visitors needed can never be covered: leaving it
  // out from the start spares the branch and bound a node for each such recipient.
  const arcsOf = new Map<number, number>();
  for (const [, ri] of group) arcsOf.set(ri, (arcsOf.get(ri) ?? 0) + 1);
  const hopeless = new Set([...arcsOf].filter(([ri, n]) => n < needed[ri]).map(([ri]) => ri));
  // Children start from the arcs their parent ended with, which spares most certificate rounds.
  type Node = { forced: Set<number>; forbidden: Set<number>; active: Uint8Array | null };
  const stack: Node[] = [{ forced: new Set(), forbidden: hopeless, active: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const relaxed = relax(group, cost, room, needed, w, node.forced, node.forbidden, node.active);
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
    const roundedValue = valueOf(rounded, group, cost, w, needed);
    if (roundedValue > bestValue) {
      best = rounded;
      bestValue = roundedValue;
    }
    const ri = half[0];
    stack.push({ forced: node.forced, forbidden: new Set([...node.forbidden, ri]), active: relaxed.active });
    stack.push({ forced: new Set([...node.forced, ri]), forbidden: node.forbidden, active: relaxed.active });
  }
  return best;
}

/** Scalar value (in flow units) of a valid set of arcs: reward of the fully served minus travel. */
function valueOf(chosen: Arc[], group: Arc[], cost: number[], w: Weights, needed: number[]): number {
  const index = new Map(group.map((a, i) => [`${a[0]}:${a[1]}`, i]));
  const units = new Map<number, number>();
  let value = 0;
  for (const a of chosen) {
    value -= cost[index.get(`${a[0]}:${a[1]}`)!];
    units.set(a[1], (units.get(a[1]) ?? 0) + 1);
  }
  for (const [ri, u] of units) if (u === needed[ri]) value += w.reward.get(ri)!;
  return value;
}

/** Arcs per recipient in the first, sparse round; the duals then say whether any other arc could help. */
const SPARSE_ARCS = 32;

/**
 * The flow relaxation of one branch-and-bound node. It first solves on each recipient's cheapest
 * arcs only, then checks every left-out arc against the optimal duals (reduced cost ≥ 0 means the
 * arc cannot improve the flow); violated arcs are added and the flow solved again. So the answer
 * is the optimum over all arcs, found mostly on a fraction of them.
 */
function relax(
  group: Arc[], cost: number[], room: number[], needed: number[], w: Weights, forced: Set<number>, forbidden: Set<number>,
  startActive: Uint8Array | null,
): { value: number; arcs: Arc[]; units: Map<number, number>; active: Uint8Array } | null {
  const vIndex = new Map<number, number>();
  const rIndex = new Map<number, number>();
  const live: number[] = [];
  group.forEach(([vi, ri], i) => {
    if (forbidden.has(ri)) return;
    if (!vIndex.has(vi)) vIndex.set(vi, vIndex.size);
    if (!rIndex.has(ri)) rIndex.set(ri, rIndex.size);
    live.push(i);
  });
  for (const ri of forced) if (!rIndex.has(ri)) return null;
  const source = 0;
  const vBase = 1;
  const rBase = vBase + vIndex.size;
  const sink = rBase + rIndex.size;
  const order = Array.from({ length: sink + 1 }, (_, i) => i);

  // The first round: each recipient's cheapest arcs (plus those the parent node needed).
  const active = startActive ? startActive.slice() : new Uint8Array(group.length);
  const byRecipient = new Map<number, number[]>();
  for (const i of live) {
    const list = byRecipient.get(group[i][1]);
    if (list) list.push(i);
    else byRecipient.set(group[i][1], [i]);
  }
  for (const list of byRecipient.values()) {
    list.sort((a, b) => cost[a] - cost[b]);
    for (const i of list.slice(0, SPARSE_ARCS)) active[i] = 1;
  }

  let forcedUnits = 0;
  for (const ri of forced) forcedUnits += needed[ri];
  // Flow values stay exact integers in a double below 2^53 (checked, not assumed).
  if ((forcedUnits + 2) * w.force > Number.MAX_SAFE_INTEGER) throw new RangeError('too many forced recipients for exact integer weights');
  let totalRoom = 0;
  for (const [vi] of vIndex) totalRoom += room[vi];

  for (;;) {
    const flow = new MinCostFlow(sink + 1);
    for (const [vi, k] of vIndex) flow.addArc(source, vBase + k, room[vi], 0);
    // A free bypass: the flow may stop at any amount, and at the end the sink's potential equals the
    // source's, which makes the potentials a complete optimality certificate.
    flow.addArc(source, sink, totalRoom, 0);
    const arcIds: number[] = [];
    const used: number[] = [];
    for (const i of live) {
      if (!active[i]) continue;
      arcIds.push(flow.addArc(vBase + vIndex.get(group[i][0])!, rBase + rIndex.get(group[i][1])!, 1, cost[i]));
      used.push(i);
    }
    for (const [ri, k] of rIndex) {
      // Per unit, half the reward when two visitors are still needed: only both together earn it all.
      const perUnit = w.reward.get(ri)! / needed[ri] + (forced.has(ri) ? w.force : 0);
      flow.addArc(rBase + k, sink, needed[ri], -perUnit);
    }
    const value = -flow.solve(source, sink, order);
    flow.tighten(source);
    const pot = flow.potential;
    let added = 0;
    for (const i of live) {
      if (active[i]) continue;
      const u = vBase + vIndex.get(group[i][0])!;
      const v = rBase + rIndex.get(group[i][1])!;
      if (cost[i] + pot[u] - pot[v] < 0) {
        active[i] = 1;
        added++;
      }
    }
    if (added > 0) continue;
    const arcs: Arc[] = [];
    const units = new Map<number, number>();
    arcIds.forEach((id, j) => {
      if (flow.flowOn(id) > 0) {
        const a = group[used[j]];
        arcs.push(a);
        units.set(a[1], (units.get(a[1]) ?? 0) + 1);
      }
    });
    for (const ri of forced) if ((units.get(ri) ?? 0) < needed[ri]) return null;
    return { value: value - forcedUnits * w.force, arcs, units, active };
  }
}

/** The greedy rule (as in greedy.ts) restricted to one component, as arcs, for the first incumbent. */
function greedyComponent(recipients: readonly PlanRecipient[], group: Arc[], room: number[], needed: number[], cost: number[]): Arc[] {
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
    const options = byRecipient.get(ri)!.filter((i) => left.get(group[i][0])! > 0).sort((x, y) => cost[x] - cost[y]);
    if (options.length < needed[ri]) continue;
    for (const i of options.slice(0, needed[ri])) {
      chosen.push(group[i]);
      left.set(group[i][0], left.get(group[i][0])! - 1);
    }
  }
  return chosen;
}
