import type { Component } from './bnb.js';
import { MinCostFlow } from './flow.js';

/**
 * λ is searched on a grid of 1/256: the bound at the best grid point exceeds the LP's by at most the slope (a few
 * recipients) times half a step, far below the one priority point that the floor of an integer bound forgives.
 */
const GRID = 256;

/**
 * An upper bound on the priority of any plan covering exactly `coverage` recipients of the component (decision
 * 0053): the flow relaxation with each recipient's reward moved by a multiplier λ on the coverage constraint,
 * bound(λ) = max over flows of Σ (priorityᵣ + λ)·yᵣ − λ·coverage. Since no plan covers more than `coverage` (it
 * is proven maximal), every λ gives a valid bound; bound is convex and piecewise linear in λ, so a few cuts find its
 * minimum. This is the LP bound of the priority stage, which the half a recipient of the parity
 * case cannot inflate by a whole coverage tier; on the known hard families it equals the best plan's priority, so
 * no branching is needed to prove it. Returns null when the clock passes the deadline first.
 */
export function priorityBound(c: Component, coverage: number, deadline: number, clock: () => number): number | null {
  const count = new Map<number, number>();
  for (const [, ri] of c.arcs) count.set(ri, (count.get(ri) ?? 0) + 1);
  // A recipient with too few volunteers is never covered: leaving it out only tightens the bound.
  const rs = [...count].filter(([ri, n]) => n >= c.needed[ri]).map(([ri]) => ri);
  const live = new Set(rs);
  const vs = [...new Set(c.arcs.filter((a) => live.has(a[1])).map((a) => a[0]))];
  const maxPriority = rs.reduce((m, ri) => Math.max(m, c.priority[ri]), 0);
  const total = rs.reduce((sum, ri) => sum + c.priority[ri], 0);
  // bound(μ / GRID) × 2·GRID, an integer, and its slope 2·(Σy − coverage): unit rewards (2·GRID·p + 2μ) / needed
  // are integers as needed ≤ 2.
  const evaluate = (mu: number): { f: number; g: number } => {
    const vIndex = new Map(vs.map((vi, k) => [vi, 1 + k]));
    const rIndex = new Map(rs.map((ri, k) => [ri, 1 + vs.length + k]));
    const sink = 1 + vs.length + rs.length;
    const flow = new MinCostFlow(sink + 1);
    let room = 0;
    for (const vi of vs) {
      flow.addArc(0, vIndex.get(vi)!, c.room[vi], 0);
      room += c.room[vi];
    }
    flow.addArc(0, sink, room, 0);
    for (const [vi, ri] of c.arcs) if (live.has(ri)) flow.addArc(vIndex.get(vi)!, rIndex.get(ri)!, 1, 0);
    const sinkArcs: [number, number][] = [];
    for (const ri of rs) {
      const reward = (2 * GRID * c.priority[ri] + 2 * mu) / c.needed[ri];
      if (reward > 0) sinkArcs.push([ri, flow.addArc(rIndex.get(ri)!, sink, c.needed[ri], -reward)]);
    }
    const value = -flow.solve(
      0,
      sink,
      Array.from({ length: sink + 1 }, (_, i) => i),
    );
    let twiceCovered = 0;
    for (const [ri, arc] of sinkArcs) twiceCovered += (2 * flow.flowOn(arc)) / c.needed[ri];
    return { f: value - 2 * mu * coverage, g: twiceCovered - 2 * coverage };
  };
  // A convex piecewise-linear function of one variable: cut the bracket at the crossing of the two end slopes
  // (Newton for such functions) until a point is flat or the crossing's lower bound is reached.
  // Below −max priority no recipient is worth a unit (slope −coverage); above the priority total one more covered
  // outweighs all, so the flow covers the relaxation's maximum, at least `coverage` (slope ≥ 0).
  let left = { mu: -GRID * (maxPriority + 1), ...evaluate(-GRID * (maxPriority + 1)) };
  let right = { mu: GRID * (total + 1), ...evaluate(GRID * (total + 1)) };
  let best = Math.min(left.f, right.f);
  while (right.mu - left.mu > 1 && left.g < 0 && right.g > 0) {
    if (clock() >= deadline) return null;
    const cross = (right.f - left.f + left.g * left.mu - right.g * right.mu) / (left.g - right.g);
    const floor = left.f + left.g * (cross - left.mu);
    // Only the floor of the bound matters: stop once no point can be a hundredth of a priority point lower.
    if (best - floor < (2 * GRID) / 100) break;
    const mu = Math.min(right.mu - 1, Math.max(left.mu + 1, Math.round(cross)));
    const here = { mu, ...evaluate(mu) };
    best = Math.min(best, here.f);
    if (here.g === 0) break;
    if (here.g > 0) right = here;
    else left = here;
  }
  return best / (2 * GRID);
}
