import { MinCostFlow } from './flow.js';

export type Arc = [number, number];

export interface Weights {
  /** Per-recipient reward for full coverage, already in flow units (×2 so half-rewards stay whole). */
  reward: Map<number, number>;
  force: number;
}

/** Arcs per recipient in the first, sparse round; the duals then say whether any other arc could help. */
const SPARSE_ARCS = 32;

/** A solved relaxation's network, kept so a branch-and-bound child can start from it (warm start). */
export interface FlowState {
  flow: MinCostFlow;
  vIndex: Map<number, number>;
  rIndex: Map<number, number>;
  rBase: number;
  sink: number;
  /** Network arc id per group arc index (only the active ones are in the network). */
  arcOf: Map<number, number>;
  /** The recipient → sink arc id per recipient. */
  sinkArcOf: Map<number, number>;
  forced: Set<number>;
}

/** How a child differs from its parent: one recipient forced to full coverage, or forbidden. */
export interface Warm {
  parent: FlowState;
  ri: number;
  kind: 'force' | 'forbid';
}

export interface Relaxed {
  value: number;
  arcs: Arc[];
  units: Map<number, number>;
  active: Uint8Array;
  state: FlowState;
}

const SOURCE = 0;
const V_BASE = 1;

/** The recipient → sink arc's cost per unit: half the reward when two visitors are needed, plus the force bonus. */
function sinkCost(w: Weights, needed: number[], ri: number, forced: boolean): number {
  return -(w.reward.get(ri)! / needed[ri] + (forced ? w.force : 0));
}

/**
 * The flow relaxation of one branch-and-bound node. It first solves on each recipient's cheapest
 * arcs only, then checks every left-out arc against the optimal duals (reduced cost ≥ 0 means the
 * arc cannot improve the flow); violated arcs are added and the flow solved again. So the answer
 * is the optimum over all arcs, found mostly on a fraction of them. A child node first tries to start
 * from its parent's solved network (one recipient re-priced or closed, the flow repaired along shortest
 * paths), which is exact too and spares most of a solve; any left-out arc that turns out to matter sends
 * it back to a full build.
 */
export function relax(
  group: Arc[],
  cost: number[],
  room: number[],
  needed: number[],
  w: Weights,
  forced: Set<number>,
  forbidden: Set<number>,
  startActive: Uint8Array | null,
  warm?: Warm,
): Relaxed | null {
  const live: number[] = [];
  group.forEach(([, ri], i) => {
    if (!forbidden.has(ri)) live.push(i);
  });
  let forcedUnits = 0;
  for (const ri of forced) forcedUnits += needed[ri];
  // Flow values stay exact integers in a double below 2^53 (checked, not assumed).
  if ((forcedUnits + 2) * w.force > Number.MAX_SAFE_INTEGER)
    throw new RangeError('too many forced recipients for exact integer weights');

  if (warm && startActive) {
    const state = warmStart(warm, w, needed, forced);
    if (state === null) return null;
    const enlarged = startActive.slice();
    const done = finish(group, live, cost, needed, w, forced, forbidden, forcedUnits, state, enlarged);
    if (done !== undefined) return done;
    // A left-out arc matters for this child: build its network in full from the enlarged active set.
    startActive = enlarged;
  }

  const vIndex = new Map<number, number>();
  const rIndex = new Map<number, number>();
  for (const i of live) {
    const [vi, ri] = group[i];
    if (!vIndex.has(vi)) vIndex.set(vi, vIndex.size);
    if (!rIndex.has(ri)) rIndex.set(ri, rIndex.size);
  }
  for (const ri of forced) if (!rIndex.has(ri)) return null;
  const rBase = V_BASE + vIndex.size;
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
  let totalRoom = 0;
  for (const [vi] of vIndex) totalRoom += room[vi];

  for (;;) {
    const flow = new MinCostFlow(sink + 1);
    for (const [vi, k] of vIndex) flow.addArc(SOURCE, V_BASE + k, room[vi], 0);
    // A free bypass: the flow may stop at any amount, and at the end the sink's potential equals the
    // source's, which makes the potentials a complete optimality certificate.
    flow.addArc(SOURCE, sink, totalRoom, 0);
    const arcOf = new Map<number, number>();
    for (const i of live) {
      if (!active[i]) continue;
      arcOf.set(i, flow.addArc(V_BASE + vIndex.get(group[i][0])!, rBase + rIndex.get(group[i][1])!, 1, cost[i]));
    }
    const sinkArcOf = new Map<number, number>();
    for (const [ri, k] of rIndex)
      sinkArcOf.set(ri, flow.addArc(rBase + k, sink, needed[ri], sinkCost(w, needed, ri, forced.has(ri))));
    flow.solve(SOURCE, sink, order);
    const state: FlowState = { flow, vIndex, rIndex, rBase, sink, arcOf, sinkArcOf, forced };
    const done = finish(group, live, cost, needed, w, forced, forbidden, forcedUnits, state, active);
    if (done !== undefined) return done;
  }
}

/** The child's network from its parent's: the recipient closed, or re-priced with the force bonus. Null: infeasible. */
function warmStart(warm: Warm, w: Weights, needed: number[], forced: Set<number>): FlowState | null {
  const p = warm.parent;
  const arc = p.sinkArcOf.get(warm.ri);
  if (arc === undefined) return warm.kind === 'forbid' ? { ...p, flow: p.flow.clone(), forced } : null;
  const flow = p.flow.clone();
  if (warm.kind === 'forbid') {
    if (!flow.close(arc, p.sink)) throw new Error("a closed recipient's flow found no way back");
  } else if (!flow.forceServe(arc, sinkCost(w, needed, warm.ri, true), SOURCE, p.sink)) return null;
  flow.resume(SOURCE, p.sink);
  return { ...p, flow, forced };
}

/**
 * Checks the solved network against the left-out arcs. Undefined when some must come in (they are marked
 * active for the next round); else the node's value, arcs and units, or null when a forced recipient is short.
 */
function finish(
  group: Arc[],
  live: number[],
  cost: number[],
  needed: number[],
  w: Weights,
  forced: Set<number>,
  forbidden: Set<number>,
  forcedUnits: number,
  state: FlowState,
  active: Uint8Array,
): Relaxed | null | undefined {
  const { flow, vIndex, rIndex, rBase } = state;
  const value = -flow.totalCost();
  flow.tighten(SOURCE);
  const pot = flow.potential;
  let added = 0;
  for (const i of live) {
    if (state.arcOf.has(i)) continue;
    const u = V_BASE + vIndex.get(group[i][0])!;
    const rk = rIndex.get(group[i][1]);
    // A recipient the network does not hold at all (a child's parent never saw it) needs a full build.
    if (rk === undefined || cost[i] + pot[u] - pot[rBase + rk] < 0) {
      active[i] = 1;
      added++;
    }
  }
  if (added > 0) return undefined;
  const arcs: Arc[] = [];
  const units = new Map<number, number>();
  for (const [i, id] of state.arcOf) {
    if (flow.flowOn(id) > 0 && !forbidden.has(group[i][1])) {
      const a = group[i];
      arcs.push(a);
      units.set(a[1], (units.get(a[1]) ?? 0) + 1);
    }
  }
  for (const ri of forced) if ((units.get(ri) ?? 0) < needed[ri]) return null;
  return { value: value - forcedUnits * w.force, arcs, units, active, state };
}
