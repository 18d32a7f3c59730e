import { MinHeap } from './heap.js';

/**
 * Min-cost flow by successive shortest paths (Dijkstra with Johnson potentials), on integer costs.
 * It stops as soon as the cheapest augmenting path costs ≥ 0, so it finds the minimum-cost flow of
 * any amount: exactly what "maximise reward" needs when rewards are written as negative costs.
 * Path costs never decrease along SSP, which is why stopping at the first non-negative path is optimal.
 */
export class MinCostFlow {
  private head: Int32Array;
  // Arcs are collected in growable arrays, then frozen into typed arrays for the hot loops of `solve`.
  private toList: number[] = [];
  private capList: number[] = [];
  private costList: number[] = [];
  private nextList: number[] = [];
  private to = new Int32Array(0);
  private cap = new Int32Array(0);
  private cost = new Float64Array(0);
  private next = new Int32Array(0);

  /** Node potentials after `solve`: reduced costs of every residual arc are ≥ 0 under them. */
  potential: Float64Array = new Float64Array(0);

  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }

  /** Adds an arc and its residual twin; returns the arc's index for reading its flow later. */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    const i = this.toList.length;
    this.push(from, to, capacity, cost);
    this.push(to, from, 0, -cost);
    return i;
  }

  private push(from: number, to: number, capacity: number, cost: number) {
    this.toList.push(to);
    this.capList.push(capacity);
    this.costList.push(cost);
    this.nextList.push(this.head[from]);
    this.head[from] = this.toList.length - 1;
  }

  private freeze() {
    if (this.to.length === this.toList.length) return;
    this.to = Int32Array.from(this.toList);
    this.cap = Int32Array.from(this.capList);
    this.cost = Float64Array.from(this.costList);
    this.next = Int32Array.from(this.nextList);
  }

  /** Flow on arc `i` (the residual capacity of its twin). */
  flowOn(i: number): number {
    return this.cap[i ^ 1];
  }

  /**
   * Runs from `source` to `sink`; `order` lists the nodes in a topological order of the original
   * arcs (the graph is a DAG), which gives exact starting potentials even with negative costs.
   * Returns the total cost of the flow found.
   */
  solve(source: number, sink: number, order: readonly number[]): number {
    this.freeze();
    const n = this.nodes;
    const INF = Number.POSITIVE_INFINITY;
    const pot = new Float64Array(n).fill(INF);
    pot[source] = 0;
    for (const u of order) {
      if (pot[u] === INF) continue;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] > 0 && pot[u] + this.cost[e] < pot[this.to[e]]) pot[this.to[e]] = pot[u] + this.cost[e];
      }
    }
    for (let u = 0; u < n; u++) if (pot[u] === INF) pot[u] = 0; // unreachable: never on a path
    this.potential = pot;
    return this.resume(source, sink);
  }

  /**
   * Successive shortest paths from the current flow and potentials (every residual reduced cost ≥ 0), until
   * the cheapest path costs ≥ 0. Returns the cost added; `totalCost` gives the whole flow's cost.
   */
  resume(source: number, sink: number): number {
    const n = this.nodes;
    const INF = Number.POSITIVE_INFINITY;
    const pot = this.potential;

    const dist = new Float64Array(n);
    const seen = new Int32Array(n);
    let epoch = 0;
    const iter = new Int32Array(n);
    const heap = new MinHeap();
    let total = 0;
    for (;;) {
      // One Dijkstra per phase, on reduced costs (all ≥ 0 thanks to the potentials).
      this.shortest([source], sink, dist, heap, null, -1);
      const reach = dist[sink];
      if (reach === INF) break;
      // Capping at the sink's distance keeps every reduced cost ≥ 0 and makes all shortest paths tight.
      for (let u = 0; u < n; u++) pot[u] += Math.min(dist[u], reach);
      const pathCost = pot[sink] - pot[source];
      if (pathCost >= 0) break;
      // Then as many augmentations as the admissible (zero reduced cost) arcs allow: every such path costs
      // exactly pathCost, and pushing along tight arcs keeps every reduced cost ≥ 0, so the phase does many
      // augmentations for one Dijkstra. An arc that leads nowhere is skipped for the rest of the phase.
      for (let u = 0; u < n; u++) iter[u] = this.head[u];
      for (;;) {
        epoch++;
        const pushed = this.augment(source, sink, Number.MAX_SAFE_INTEGER, seen, epoch, iter, pot);
        if (pushed === 0) break;
        total += pushed * pathCost;
      }
    }
    this.potential = pot;
    return total;
  }

  /**
   * An independent copy of a solved network for a branch-and-bound child: flows, costs and potentials are
   * copied, the arc structure (never changed after `solve`) is shared.
   */
  clone(): MinCostFlow {
    const copy = new MinCostFlow(this.nodes);
    copy.head = this.head;
    copy.toList = this.toList;
    copy.to = this.to;
    copy.next = this.next;
    copy.cap = this.cap.slice();
    copy.cost = this.cost.slice();
    copy.potential = this.potential.slice();
    return copy;
  }

  /** Cost of the current flow: Σ flow × cost over the original arcs. */
  totalCost(): number {
    let total = 0;
    for (let e = 0; e < this.cost.length; e += 2) total += this.cap[e ^ 1] * this.cost[e];
    return total;
  }

  /**
   * Makes arc `i` (into the sink) cheaper on a solved network and serves it in full, for a branch-and-bound child
   * that forces a recipient. The arc's spare capacity is saturated (the sink takes the extra units) and the node it
   * leaves is then supplied along shortest residual paths that start at the source (a free volunteer slot) or at
   * the sink (a volunteer taken from another recipient); the source and the sink are one point of the circulation
   * (the zero-cost bypass), so both start at distance 0. Undoing the saturation is not a supply: when no path is
   * cheaper than that undo (the bonus is meant to outweigh everything), the node cannot be served in full and the
   * answer is false. Potentials stay valid throughout, so `resume` may follow.
   */
  forceServe(i: number, cost: number, source: number, sink: number): boolean {
    if (cost > this.cost[i]) throw new RangeError('forceServe only lowers a cost');
    this.cost[i] = cost;
    this.cost[i ^ 1] = -cost;
    const node = this.to[i ^ 1];
    const spare = this.cap[i];
    if (spare <= 0) return true;
    this.cap[i] = 0;
    this.cap[i ^ 1] += spare;
    return this.route([source, sink], node, spare, i ^ 1) === spare;
  }

  /**
   * Takes arc `i` out of a solved network (capacity and flow to 0); the flow it carried is sent on from the
   * node it left to `sink` along shortest residual paths, so the flow stays balanced and optimal for its value.
   */
  close(i: number, sink: number): boolean {
    const carried = this.cap[i ^ 1];
    this.cap[i] = 0;
    this.cap[i ^ 1] = 0;
    return carried === 0 || this.route([this.to[i ^ 1]], sink, carried, -1) === carried;
  }

  /**
   * Sends up to `amount` units from the `starts` (all at distance 0 on reduced costs) to `to` along shortest
   * residual paths, never over arc `undo`; stops when no path is cheaper than `undo` would be (its reduced cost).
   */
  private route(starts: number[], to: number, amount: number, undo: number): number {
    const n = this.nodes;
    const INF = Number.POSITIVE_INFINITY;
    const pot = this.potential;
    for (const a of starts)
      if (pot[a] !== pot[starts[0]]) throw new RangeError('route starts must share one potential');
    const dist = new Float64Array(n);
    const via = new Int32Array(n);
    const heap = new MinHeap();
    let sent = 0;
    while (sent < amount) {
      this.shortest(starts, to, dist, heap, via, undo);
      const reach = dist[to];
      if (reach === INF) break;
      // The skipped undo arc keeps a reduced cost ≥ 0 after the update only when the path is no dearer than it.
      if (undo >= 0 && this.cap[undo] > 0 && reach > this.cost[undo] + pot[this.to[undo ^ 1]] - pot[this.to[undo]])
        break;
      for (let u = 0; u < n; u++) pot[u] += Math.min(dist[u], reach);
      let push = amount - sent;
      for (let v = to; via[v] !== -1; v = this.to[via[v] ^ 1]) push = Math.min(push, this.cap[via[v]]);
      for (let v = to; via[v] !== -1; v = this.to[via[v] ^ 1]) {
        this.cap[via[v]] -= push;
        this.cap[via[v] ^ 1] += push;
      }
      sent += push;
    }
    return sent;
  }

  /**
   * Tightens the potentials to exact shortest distances from `source` in the final residual graph
   * (they stay a valid certificate). Tight potentials make the planner's check of left-out arcs sharp.
   */
  tighten(source: number): void {
    const pot = this.potential;
    const dist = new Float64Array(this.nodes);
    this.shortest([source], -1, dist, new MinHeap(), null, -1);
    for (let u = 0; u < this.nodes; u++) if (dist[u] !== Number.POSITIVE_INFINITY) pot[u] += dist[u];
  }

  /**
   * Dijkstra on reduced costs (all ≥ 0 under valid potentials) from the `starts` (distance 0), over arcs with
   * residual capacity except `skip`; stops once `target` is settled (-1: settles everything). Nodes left unsettled
   * are at least as far as the target. `via` records the arc each node was reached by, when paths are wanted.
   */
  private shortest(
    starts: readonly number[],
    target: number,
    dist: Float64Array,
    heap: MinHeap,
    via: Int32Array | null,
    skip: number,
  ): void {
    const pot = this.potential;
    dist.fill(Number.POSITIVE_INFINITY);
    heap.clear();
    for (const a of starts) {
      dist[a] = 0;
      if (via) via[a] = -1;
      heap.push(0, a);
    }
    while (heap.size > 0) {
      const d = heap.peekKey();
      const u = heap.pop();
      if (d > dist[u]) continue;
      if (u === target) break;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] <= 0 || e === skip) continue;
        const v = this.to[e];
        const nd = d + this.cost[e] + pot[u] - pot[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          if (via) via[v] = e;
          heap.push(nd, v);
        }
      }
    }
  }

  private augment(
    u: number,
    sink: number,
    limit: number,
    seen: Int32Array,
    epoch: number,
    iter: Int32Array,
    pot: Float64Array,
  ): number {
    if (u === sink) return limit;
    seen[u] = epoch;
    for (; iter[u] !== -1; iter[u] = this.next[iter[u]]) {
      const e = iter[u];
      const v = this.to[e];
      if (this.cap[e] <= 0 || seen[v] === epoch || this.cost[e] + pot[u] - pot[v] !== 0) continue;
      const got = this.augment(v, sink, Math.min(limit, this.cap[e]), seen, epoch, iter, pot);
      if (got > 0) {
        this.cap[e] -= got;
        this.cap[e ^ 1] += got;
        return got;
      }
    }
    return 0;
  }
}
