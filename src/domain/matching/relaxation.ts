import { MinCostFlow } from './flow.js';

export type Arc = [number, number];

export interface Weights {
  /** Per-recipient reward for full coverage, already in flow units (×2 so half-rewards stay whole). */
  reward: Map<number, number>;
  force: number;
}

/** Arcs per recipient in the first, sparse round; the duals then say whether any other arc could help. */
const SPARSE_ARCS = 32;

/**
 * The flow relaxation of one branch-and-bound node. It first solves on each recipient's cheapest
 * arcs only, then checks every left-out arc against the optimal duals (reduced cost ≥ 0 means the
 * arc cannot improve the flow); violated arcs are added and the flow solved again. So the answer
 * is the optimum over all arcs, found mostly on a fraction of them.
 */
export function relax(
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
