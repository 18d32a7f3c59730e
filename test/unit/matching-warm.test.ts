import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { MinCostFlow } from '../../src/domain/matching/flow.js';

/**
 * The branch and bound starts each child from its parent's solved network (decision 0052): a recipient's
 * sink arc closed (forbidden) or made cheaper (forced). These properties compare such a warm re-solve with a
 * cold solve of the changed network, on random bipartite networks shaped like the planner's.
 */
const network = fc.record({
  volunteers: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
  recipients: fc.array(fc.record({ reward: fc.integer({ min: 1, max: 400 }), need: fc.integer({ min: 1, max: 2 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
  arcs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 60 })), { maxLength: 30 }),
  pick: fc.nat(),
  bonus: fc.integer({ min: 1, max: 1000 }),
});
type Net = typeof network extends fc.Arbitrary<infer T> ? T : never;

/** Builds the network; `change` closes or cheapens recipient `target`'s sink arc before solving (cold). */
function build(n: Net, change?: { target: number; kind: 'close' | 'lower' }) {
  const V = n.volunteers.length;
  const R = n.recipients.length;
  const sink = 1 + V + R;
  const flow = new MinCostFlow(sink + 1);
  const room = n.volunteers.reduce((a, b) => a + b, 0);
  n.volunteers.forEach((cap, v) => {
    flow.addArc(0, 1 + v, cap, 0);
  });
  flow.addArc(0, sink, room, 0);
  const seen = new Set<string>();
  for (const [a, b, c] of n.arcs) {
    const v = a % V;
    const r = b % R;
    if (seen.has(`${v}:${r}`)) continue;
    seen.add(`${v}:${r}`);
    flow.addArc(1 + v, 1 + V + r, 1, c);
  }
  const sinkArcs = n.recipients.map((r, i) => {
    const closed = change?.kind === 'close' && change.target === i;
    const lowered = change?.kind === 'lower' && change.target === i;
    return flow.addArc(1 + V + i, sink, closed ? 0 : r.need, -(r.reward + (lowered ? n.bonus : 0)));
  });
  flow.solve(
    0,
    sink,
    Array.from({ length: sink + 1 }, (_, i) => i),
  );
  return { flow, sink, sinkArcs };
}

test.prop([network], { numRuns: 300 })(
  'closing a recipient on a solved network then resuming equals solving without it',
  (n) => {
    const target = n.pick % n.recipients.length;
    const warm = build(n);
    const child = warm.flow.clone();
    expect(child.close(warm.sinkArcs[target], warm.sink)).toBe(true);
    child.resume(0, warm.sink);
    expect(child.totalCost()).toBe(build(n, { target, kind: 'close' }).flow.totalCost());
    expect(child.flowOn(warm.sinkArcs[target])).toBe(0);
    // The parent is untouched by its child.
    expect(warm.flow.totalCost()).toBe(build(n).flow.totalCost());
  },
);

test.prop([network], { numRuns: 300 })(
  'forcing a recipient on a solved network then resuming equals solving with its bonus',
  (n) => {
    const target = n.pick % n.recipients.length;
    const warm = build(n);
    // As in the planner, the bonus outweighs every other cost, so the cold optimum serves the recipient in full if it can.
    const big = { ...n, bonus: 1_000_000 };
    const child = warm.flow.clone();
    const ok = child.forceServe(warm.sinkArcs[target], -(n.recipients[target].reward + big.bonus), 0, warm.sink);
    const cold = build(big, { target, kind: 'lower' }).flow;
    const need = n.recipients[target].need;
    if (!ok) {
      // No path could bring the recipient all it needs, so no flow can: the cold optimum is short too.
      expect(cold.flowOn(warm.sinkArcs[target])).toBeLessThan(need);
      return;
    }
    child.resume(0, warm.sink);
    expect(child.flowOn(warm.sinkArcs[target])).toBe(need);
    expect(cold.flowOn(warm.sinkArcs[target])).toBe(need);
    expect(child.totalCost()).toBe(cold.totalCost());
  },
);
