import { type Arc, relax, type Warm, type Weights } from './relaxation.js';

/** One connected component of the open (unpinned) pairs, in index space. */
export interface Component {
  /** Open pairs [volunteer index, recipient index]. */
  arcs: Arc[];
  /** Travel per arc. */
  travel: number[];
  /** Free places per volunteer index (capacity less pins). */
  room: number[];
  /** Visitors still needed per recipient index (visitors less pins). */
  needed: number[];
  /** Priority per recipient index. */
  priority: number[];
}

/** The component's tiers for a set of arcs that serve each of their recipients in full. */
export interface Tiers {
  covered: number;
  priority: number;
  travel: number;
}

type Node = { forced: Set<number>; forbidden: Set<number>; active: Uint8Array | null; warm?: Warm; bound: number };

/**
 * The exact search of decision 0050/0052 made resumable: branch and bound over the recipients the flow half-covers
 * (force both visitors / forbid), every node one warm-started min-cost flow. `run` stops at a deadline and can be
 * called again; meanwhile the best plan found and the largest bound still open say how far from optimal it may be.
 */
export class ComponentSearch {
  best: Arc[];
  bestValue: number;
  readonly weights: Weights & { prioSpan: number; travelSpan: number; maxTravel: number };
  private readonly cost: number[];
  /** Arc index by vi · R + ri (numbers, not strings: a county component holds tens of thousands of arcs). */
  private readonly index: Map<number, number>;
  private readonly R: number;
  private readonly stack: Node[];
  nodes = 0;

  constructor(readonly c: Component) {
    this.weights = weightsOf(c);
    this.cost = c.travel.map((t) => 2 * t);
    this.R = c.needed.length;
    this.index = new Map(c.arcs.map((a, i) => [a[0] * this.R + a[1], i]));
    // A valid starting incumbent (greedy on this component) makes pruning bite from the first node.
    this.best = greedy(c, this.cost);
    this.bestValue = this.value(this.best);
    // A recipient with fewer eligible volunteers than visitors needed can never be covered: leaving it
    // out from the start spares the branch and bound a node for each such recipient.
    const arcsOf = new Map<number, number>();
    for (const [, ri] of c.arcs) arcsOf.set(ri, (arcsOf.get(ri) ?? 0) + 1);
    const hopeless = new Set([...arcsOf].filter(([ri, n]) => n < c.needed[ri]).map(([ri]) => ri));
    this.stack = [{ forced: new Set(), forbidden: hopeless, active: null, bound: Number.POSITIVE_INFINITY }];
  }

  get finished(): boolean {
    return this.stack.length === 0;
  }

  /** Searches until done (true) or until `clock()` passes `deadline` (false); the first node always runs. */
  run(deadline: number, clock: () => number): boolean {
    const c = this.c;
    let first = this.nodes === 0;
    while (this.stack.length) {
      if (!first && clock() >= deadline) return false;
      first = false;
      const node = this.stack.pop()!;
      if (node.bound <= this.bestValue) continue;
      this.nodes++;
      const w = this.weights;
      const relaxed = relax(
        c.arcs,
        this.cost,
        c.room,
        c.needed,
        w,
        node.forced,
        node.forbidden,
        node.active,
        node.warm,
      );
      if (!relaxed) continue; // a forced recipient cannot get both visitors
      if (relaxed.value <= this.bestValue) continue;
      const half = [...relaxed.units].find(([ri, units]) => units > 0 && units < c.needed[ri]);
      if (!half) {
        this.best = relaxed.arcs;
        this.bestValue = relaxed.value;
        continue;
      }
      // Dropping the half visits gives a valid plan: a free incumbent that may prune other branches.
      const rounded = relaxed.arcs.filter(([, r]) => relaxed.units.get(r) === c.needed[r]);
      const roundedValue = this.value(rounded);
      if (roundedValue > this.bestValue) {
        this.best = rounded;
        this.bestValue = roundedValue;
      }
      const ri = half[0];
      // Both children start from this node's solved network (decision 0052); its value bounds theirs.
      this.stack.push({
        forced: node.forced,
        forbidden: new Set([...node.forbidden, ri]),
        active: relaxed.active,
        warm: { parent: relaxed.state, ri, kind: 'forbid' },
        bound: relaxed.value,
      });
      this.stack.push({
        forced: new Set([...node.forced, ri]),
        forbidden: node.forbidden,
        active: relaxed.active,
        warm: { parent: relaxed.state, ri, kind: 'force' },
        bound: relaxed.value,
      });
    }
    return true;
  }

  /** Offers a plan found elsewhere (the MILP); kept when better. Arcs must serve their recipients in full. */
  offer(arcs: Arc[]): void {
    const v = this.value(arcs);
    if (v > this.bestValue) {
      this.best = arcs;
      this.bestValue = v;
    }
  }

  /** The largest value any plan of the component can have, as far as the search has proven. */
  upperBound(): number {
    let ub = this.bestValue;
    for (const n of this.stack) if (n.bound > ub) ub = n.bound;
    return ub;
  }

  /** Tiers of a set of arcs (each recipient served in full). */
  tiers(arcs: Arc[]): Tiers {
    const served = new Set<number>();
    let travel = 0;
    for (const a of arcs) {
      travel += this.c.travel[this.index.get(a[0] * this.R + a[1])!];
      served.add(a[1]);
    }
    let priority = 0;
    for (const ri of served) priority += this.c.priority[ri];
    return { covered: served.size, priority, travel };
  }

  /**
   * The tier-by-tier gap the scalar bound proves. With D = (bound − value) / 2 in objective units and any plan's
   * value c·S + p·T − t (S, T the tier spans, 0 ≤ t ≤ Tmax): more coverage needs D ≥ Δc·S − p₀·T − Tmax + t₀;
   * at equal coverage more priority needs D ≥ Δp·T − Tmax + t₀; at equal coverage and priority, Δt ≤ D.
   */
  gap(): Tiers {
    const d = (this.upperBound() - this.bestValue) / 2;
    if (d <= 0) return { covered: 0, priority: 0, travel: 0 };
    const { prioSpan, travelSpan } = this.weights;
    const t = this.tiers(this.best);
    const tmax = this.slots() * this.weights.maxTravel;
    // Besides: no plan gains more than the priority left out, nor travels less than nothing.
    let left = 0;
    for (const ri of new Set(this.c.arcs.map((a) => a[1]))) left += this.c.priority[ri];
    left -= t.priority;
    return {
      covered: Math.max(0, Math.floor((d + t.priority * travelSpan + tmax - t.travel) / prioSpan)),
      priority: Math.min(left, Math.max(0, Math.floor((d + tmax - t.travel) / travelSpan))),
      travel: Math.min(t.travel, Math.floor(d)),
    };
  }

  private slots(): number {
    return slotsOf(this.c);
  }

  /** Scalar value (in flow units) of a valid set of arcs: reward of the fully served minus travel. */
  private value(chosen: Arc[]): number {
    const units = new Map<number, number>();
    let value = 0;
    for (const a of chosen) {
      value -= this.cost[this.index.get(a[0] * this.R + a[1])!];
      units.set(a[1], (units.get(a[1]) ?? 0) + 1);
    }
    for (const [ri, u] of units) if (u === this.c.needed[ri]) value += this.weights.reward.get(ri)!;
    return value;
  }
}

function slotsOf(c: Component): number {
  const rs = [...new Set(c.arcs.map((a) => a[1]))];
  const vs = [...new Set(c.arcs.map((a) => a[0]))];
  return Math.min(
    vs.reduce((s, vi) => s + c.room[vi], 0),
    rs.reduce((s, ri) => s + c.needed[ri], 0),
  );
}

/**
 * Integer weights: one more recipient outweighs any priority gain, which outweighs any travel. The coverage span
 * is twice what that needs, so that half a recipient in the flow bound (the parity case) still proves coverage.
 */
function weightsOf(c: Component): ComponentSearch['weights'] {
  const rs = [...new Set(c.arcs.map((a) => a[1]))];
  const maxTravel = c.travel.reduce((m, t) => Math.max(m, t), 0);
  const travelSpan = slotsOf(c) * maxTravel + 1;
  const prioSpan = 2 * (rs.reduce((sum, ri) => sum + c.priority[ri], 0) + 1) * travelSpan;
  const reward = new Map<number, number>();
  let total = 0;
  for (const ri of rs) {
    const w = 2 * (prioSpan + c.priority[ri] * travelSpan);
    reward.set(ri, w);
    total += w;
  }
  const force = total + 2 * slotsOf(c) * maxTravel + 1;
  if (force * 4 > Number.MAX_SAFE_INTEGER) throw new RangeError('component too large for exact integer weights');
  return { reward, force, prioSpan, travelSpan, maxTravel };
}

/** The coordinator's rule by hand (most urgent first, cheapest free volunteers) on one component: an incumbent. */
function greedy(c: Component, cost: number[]): Arc[] {
  const left = new Map<number, number>();
  for (const [vi] of c.arcs) left.set(vi, c.room[vi]);
  const byRecipient = new Map<number, number[]>();
  c.arcs.forEach((a, i) => {
    const list = byRecipient.get(a[1]);
    if (list) list.push(i);
    else byRecipient.set(a[1], [i]);
  });
  const order = [...byRecipient.keys()].sort((a, b) => c.priority[b] - c.priority[a] || a - b);
  const chosen: Arc[] = [];
  for (const ri of order) {
    const options = byRecipient
      .get(ri)!
      .filter((i) => left.get(c.arcs[i][0])! > 0)
      .sort((x, y) => cost[x] - cost[y]);
    if (options.length < c.needed[ri]) continue;
    for (const i of options.slice(0, c.needed[ri])) {
      chosen.push(c.arcs[i]);
      left.set(c.arcs[i][0], left.get(c.arcs[i][0])! - 1);
    }
  }
  return chosen;
}
