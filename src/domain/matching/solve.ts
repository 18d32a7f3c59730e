import { type Component, ComponentSearch } from './bnb.js';
import {
  checkKernel,
  type KernelAnswer,
  type KernelAssignment,
  type KernelGap,
  KernelInputError,
  type KernelInstance,
  scoreKernel,
} from './kernel.js';
import { priorityBound } from './lagrange.js';
import { lexicographic, type MilpSolver } from './milp.js';
import type { Arc } from './relaxation.js';

/** Five seconds: a coordinator waits for a page, and Workers bill and cap CPU time (decision 0053). */
export const DEFAULT_TIME_LIMIT_MS = 5000;

/** What a solve may spend and use: the budget, a clock (ms), and optionally a MILP solver for the hard parts. */
export interface SolveBudget {
  timeLimitMs: number;
  clock: () => number;
  milp?: MilpSolver;
}

/**
 * A clock that moves by `msPerReading` each time it is read: a budget in units of work. On Workers `Date.now()` and
 * `performance.now()` stand still while code runs (they advance on I/O), so a wall-clock budget would never expire
 * there; the planner reads its clock once per branch-and-bound node or bound step (a few ms of work each).
 */
export function workClock(msPerReading = 2): () => number {
  let now = 0;
  return () => {
    now += msPerReading;
    return now;
  };
}

/** Share of the budget the flow search gets on a component before the MILP takes over (decision 0053). */
const FLOW_SHARE = 0.1;
/** Bounds on integer tiers come from floating LP values only through this slack (solver tolerances are ~1e-9). */
const EPS = 1e-6;

/**
 * Solves a kernel instance within the budget (decision 0053): per connected component, the exact flow branch and
 * bound first (most components are proven at the root); components it has not closed in its share go to the MILP
 * (lexicographic stages) when one is given, else the flow search goes on. The answer is exact when every component
 * is proven, and otherwise the best plan found with the gap each component's bounds prove.
 */
export function solveKernel(instance: KernelInstance, budget: SolveBudget): KernelAnswer {
  checkKernel(instance);
  const start = budget.clock();
  const deadline = start + budget.timeLimitMs;
  const vIndex = new Map(instance.volunteers.map((v, i) => [v.id, i]));
  const rIndex = new Map(instance.recipients.map((r, i) => [r.id, i]));
  const room = instance.volunteers.map((v) => v.capacity);
  const needed = instance.recipients.map((r) => r.visitors as number);
  const pinned = new Set<string>();
  for (const p of instance.pins) {
    room[vIndex.get(p.volunteerId)!]--;
    needed[rIndex.get(p.recipientId)!]--;
    pinned.add(`${p.volunteerId}:${p.recipientId}`);
  }
  const priority = instance.recipients.map((r) => r.priority);

  // Open pairs, and their connected components (union-find over volunteers + recipients).
  const V = instance.volunteers.length;
  const parent = Array.from({ length: V + instance.recipients.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const open: { arc: Arc; travel: number }[] = [];
  for (const [v, r, travel] of instance.pairs) {
    const vi = vIndex.get(v)!;
    const ri = rIndex.get(r)!;
    if (room[vi] <= 0 || needed[ri] <= 0 || (pinned.size > 0 && pinned.has(`${v}:${r}`))) continue;
    open.push({ arc: [vi, ri], travel });
    parent[find(vi)] = find(V + ri);
  }
  const groups = new Map<number, Component>();
  for (const { arc, travel } of open) {
    const root = find(arc[0]);
    let g = groups.get(root);
    if (!g) {
      g = { arcs: [], travel: [], room, needed, priority };
      groups.set(root, g);
    }
    g.arcs.push(arc);
    g.travel.push(travel);
  }

  let searches: ComponentSearch[];
  try {
    searches = [...groups.values()].map((g) => new ComponentSearch(g));
  } catch (error) {
    if (error instanceof RangeError) throw new KernelInputError('tooLarge', error.message);
    throw error;
  }
  // First the flow search everywhere, each component a short share; most are proven at the root.
  for (const s of searches) s.run(Math.min(deadline, budget.clock() + FLOW_SHARE * budget.timeLimitMs), budget.clock);
  // Then the components still open share what is left, one after another.
  const hard = searches.filter((s) => !s.finished);
  const milpGap = new Map<ComponentSearch, MilpGap>();
  const priorityCap = new Map<ComponentSearch, number>();
  hard.forEach((s, k) => {
    const share = Math.max(0, deadline - budget.clock()) / (hard.length - k);
    const until = budget.clock() + share;
    const flowGap = s.gap();
    const known = { covered: flowGap.covered, priority: flowGap.priority };
    // Coverage proven but priority not (the parity case): the Lagrangian bound usually proves it outright.
    if (flowGap.covered === 0 && flowGap.priority > 0) {
      const found = s.tiers(s.best);
      const cap = priorityBound(s.c, found.covered, until, budget.clock);
      if (cap !== null) {
        priorityCap.set(s, Math.floor(cap + EPS));
        known.priority = Math.max(0, Math.floor(cap + EPS) - found.priority);
      }
    }
    // The flow search improves travel fast where the MILP has yet to start: a quarter of the share first, which
    // also hands the MILP a better incumbent (and keeps a good plan when a busy machine leaves the MILP no time).
    if (budget.milp) s.run(budget.clock() + (until - budget.clock()) / 4, budget.clock);
    if (s.finished) return;
    if (budget.milp && (known.covered > 0 || known.priority > 0 || flowGap.travel > 0)) {
      const answer = lexicographic(s.c, s.best, budget.milp, until, budget.clock, known);
      s.offer(answer.arcs);
      milpGap.set(s, answer.gap);
      // Proven in every tier: the rest of the share is not needed.
      if (answer.gap.covered === 0 && answer.gap.priority === 0 && answer.gap.travel === 0) return;
    }
    s.run(until, budget.clock);
  });

  const assignments: KernelAssignment[] = [...instance.pins];
  const gap: KernelGap = { covered: 0, priority: 0, travel: 0 };
  for (const s of searches) {
    for (const [vi, ri] of s.best)
      assignments.push({ volunteerId: instance.volunteers[vi].id, recipientId: instance.recipients[ri].id });
    // Components are independent: their gaps add up; a tier is known only when every component knows it.
    const cap = priorityCap.get(s);
    const flowGap = s.gap();
    if (cap !== undefined) flowGap.priority = Math.min(flowGap.priority, Math.max(0, cap - s.tiers(s.best).priority));
    const g = s.finished ? { covered: 0, priority: 0, travel: 0 } : tighter(milpGap.get(s), flowGap);
    gap.covered += g.covered;
    gap.priority = gap.priority === null || g.priority === null ? null : gap.priority + g.priority;
    gap.travel = gap.travel === null || g.travel === null ? null : gap.travel + g.travel;
  }
  // At equal coverage only when coverage is proven; at equal priority only when priority is.
  if (gap.covered > 0) gap.priority = null;
  if (gap.priority !== 0) gap.travel = null;
  const optimal = gap.covered === 0 && gap.priority === 0 && gap.travel === 0;
  return { objective: scoreKernel(instance, assignments), assignments, optimal, gap };
}

type MilpGap = ReturnType<typeof lexicographic>['gap'];

/** The smaller claim of two sound gaps, tier by tier (null: the MILP did not get that far). */
function tighter(a: MilpGap | undefined, b: { covered: number; priority: number; travel: number }): KernelGap {
  const min = (x: number | null | undefined, y: number) => (x === null || x === undefined ? y : Math.min(x, y));
  return {
    covered: min(a?.covered, b.covered),
    priority: min(a?.priority, b.priority),
    travel: min(a?.travel, b.travel),
  };
}
