import type { Component, Tiers } from './bnb.js';
import type { Arc } from './relaxation.js';

/** A 0/1 program: maximise `objective`·x subject to `lower ≤ row·x ≤ upper`, every column binary. */
export interface MilpProblem {
  columns: number;
  rows: { indices: number[]; values: number[]; lower: number; upper: number }[];
  objective: Float64Array;
  /** A feasible x to start from (the flow search's best plan). */
  start: Float64Array;
}

export interface MilpResult {
  /** `optimal`: proven; `stopped`: time ran out, with a bound; `failed`: no bound (x may still be a plan). */
  status: 'optimal' | 'stopped' | 'failed';
  x: Float64Array | null;
  /** Proven upper bound on the objective (for `stopped`; at least the optimum). */
  bound: number;
}

/**
 * A MILP solver as the planner needs it, passed in (HiGHS: src/lib/milp-highs.ts). It must stop by itself once
 * `clock()` passes `deadline`: the planner's clock, not the solver's, decides (wall time in the app, CPU time in
 * the regression tests, so that a busy machine does not change what they prove).
 */
export interface MilpSolver {
  maximize(problem: MilpProblem, deadline: number, clock: () => number): MilpResult;
}

/** Integer objectives: a bound within this of an integer is that integer (solver tolerances are far smaller). */
const EPS = 1e-6;

/**
 * The lexicographic objective as three 0/1 programs over the component (x per open pair, y per recipient:
 * Σx over a volunteer ≤ room, Σx over a recipient = needed·y): most covered, then most priority at that
 * coverage, then least travel at both. Each stage starts from the best plan so far and fixes its tier only
 * once proven; a stage cut short by the time limit leaves the tiers below unknown (null in the gap).
 * Every solver answer is re-checked in integers before it is believed.
 */
export function lexicographic(
  c: Component,
  incumbent: Arc[],
  solver: MilpSolver,
  deadline: number,
  clock: () => number,
  /** Tiers already proven for the incumbent by the flow search (0 covered: coverage is optimal). */
  proven: { covered: number; priority: number } = { covered: -1, priority: -1 },
): { arcs: Arc[]; gap: { covered: number | null; priority: number | null; travel: number | null } } {
  const rs = [...new Set(c.arcs.map((a) => a[1]))];
  const vs = [...new Set(c.arcs.map((a) => a[0]))];
  const yOf = new Map(rs.map((ri, k) => [ri, c.arcs.length + k]));
  const columns = c.arcs.length + rs.length;
  const rows: MilpProblem['rows'] = [];
  const byV = new Map(vs.map((vi) => [vi, [] as number[]]));
  const byR = new Map(rs.map((ri) => [ri, [] as number[]]));
  c.arcs.forEach(([vi, ri], i) => {
    byV.get(vi)!.push(i);
    byR.get(ri)!.push(i);
  });
  for (const vi of vs) {
    const idx = byV.get(vi)!;
    rows.push({ indices: idx, values: idx.map(() => 1), lower: 0, upper: c.room[vi] });
  }
  for (const ri of rs) {
    const idx = byR.get(ri)!;
    rows.push({ indices: [...idx, yOf.get(ri)!], values: [...idx.map(() => 1), -c.needed[ri]], lower: 0, upper: 0 });
  }
  const yRow = (coef: (ri: number) => number, lower: number) => ({
    indices: rs.map((ri) => yOf.get(ri)!),
    values: rs.map(coef),
    lower,
    upper: Number.POSITIVE_INFINITY,
  });
  const stages: { objective: Float64Array; tier: (t: Tiers) => number; fix?: (v: number) => MilpProblem['rows'][0] }[] =
    [
      {
        objective: vector(columns, rs, yOf, () => 1),
        tier: (t) => t.covered,
        fix: (v) => yRow(() => 1, v),
      },
      {
        objective: vector(columns, rs, yOf, (ri) => c.priority[ri]),
        tier: (t) => t.priority,
        fix: (v) => yRow((ri) => c.priority[ri], v),
      },
      {
        objective: Float64Array.from({ length: columns }, (_, i) => (i < c.arcs.length ? -c.travel[i] : 0)),
        tier: (t) => -t.travel,
      },
    ];
  let best = incumbent;
  const gaps: (number | null)[] = [null, null, null];
  // A tier the flow bound already proves needs no MILP stage: fix it and start below it.
  let first = 0;
  if (proven.covered === 0) {
    gaps[0] = 0;
    rows.push(stages[0].fix!(stages[0].tier(tiersOf(c, best))));
    first = 1;
    if (proven.priority === 0) {
      gaps[1] = 0;
      rows.push(stages[1].fix!(stages[1].tier(tiersOf(c, best))));
      first = 2;
    }
  }
  for (const [k, stage] of stages.entries()) {
    if (k < first) continue;
    if (clock() >= deadline) break;
    const result = solver.maximize(
      { columns, rows, objective: stage.objective, start: toVector(best) },
      deadline,
      clock,
    );
    if (result.x) {
      const arcs = fromVector(c, result.x, yOf);
      // Lexicographic, not per stage: a stage's answer is taken only when it is better on the whole objective.
      if (arcs && better(tiersOf(c, arcs), tiersOf(c, best))) best = arcs;
    }
    if (!Number.isFinite(result.bound)) break;
    const found = stage.tier(tiersOf(c, best));
    gaps[k] = Math.max(0, Math.floor(result.bound + EPS) - found);
    if (gaps[k] !== 0 || !stage.fix) break;
    rows.push(stage.fix(found));
  }
  return { arcs: best, gap: { covered: gaps[0], priority: gaps[1], travel: gaps[2] } };

  function toVector(arcs: Arc[]): Float64Array {
    const x = new Float64Array(columns);
    const index = new Map(c.arcs.map((a, i) => [`${a[0]}:${a[1]}`, i]));
    for (const a of arcs) {
      x[index.get(`${a[0]}:${a[1]}`)!] = 1;
      x[yOf.get(a[1])!] = 1;
    }
    return x;
  }
}

function vector(columns: number, rs: number[], yOf: Map<number, number>, coef: (ri: number) => number): Float64Array {
  const v = new Float64Array(columns);
  for (const ri of rs) v[yOf.get(ri)!] = coef(ri);
  return v;
}

/** The solver's x as arcs, or null unless it is a valid plan in exact integers (capacity, both visitors or none). */
function fromVector(c: Component, x: Float64Array, yOf: Map<number, number>): Arc[] | null {
  const arcs: Arc[] = [];
  const load = new Map<number, number>();
  const units = new Map<number, number>();
  c.arcs.forEach((a, i) => {
    if (x[i] < 0.5) return;
    arcs.push(a);
    load.set(a[0], (load.get(a[0]) ?? 0) + 1);
    units.set(a[1], (units.get(a[1]) ?? 0) + 1);
  });
  for (const [vi, n] of load) if (n > c.room[vi]) return null;
  for (const [ri, n] of units) if (n !== c.needed[ri] || x[yOf.get(ri)!] < 0.5) return null;
  return arcs;
}

function tiersOf(c: Component, arcs: Arc[]): Tiers {
  const index = new Map(c.arcs.map((a, i) => [`${a[0]}:${a[1]}`, i]));
  const served = new Set<number>();
  let travel = 0;
  for (const a of arcs) {
    travel += c.travel[index.get(`${a[0]}:${a[1]}`)!];
    served.add(a[1]);
  }
  let priority = 0;
  for (const ri of served) priority += c.priority[ri];
  return { covered: served.size, priority, travel };
}

function better(a: Tiers, b: Tiers): boolean {
  if (a.covered !== b.covered) return a.covered > b.covered;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.travel < b.travel;
}
