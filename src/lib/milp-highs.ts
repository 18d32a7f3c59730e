import type { Highs, InitOptions } from 'highs';
import * as highsPackage from 'highs';
import type { MilpProblem, MilpResult, MilpSolver } from '../domain/matching/index.js';

// The package is CommonJS with an ES build beside it: its types describe the CommonJS default, so under NodeNext
// the loader's type sits one `default` deeper than the ES module's actual default export.
const loadHighs = ((highsPackage as { default?: unknown }).default ?? highsPackage) as (
  options?: InitOptions,
) => Promise<Highs>;

/**
 * The planner's MILP port on HiGHS compiled to WebAssembly (the `highs` package, decision 0053). Loading compiles
 * 3.5 MB of WebAssembly once (Node finds it beside the package; Workers pass the imported module); solving is
 * synchronous, bounded by HiGHS's own time limit. Gaps are absolute and below one: every stage objective is an
 * integer, so a proof within 0.5 is a proof of the optimum, with no relative tolerance losing a lower tier.
 */
export async function highsSolver(
  init: {
    wasmModule?: WebAssembly.Module;
    /**
     * Whether the planner's clock is the wall clock (the app): then HiGHS's own limit is set to the time left as
     * well, which also bounds its presolve (no callback runs there). Tests that budget CPU time say false.
     */
    wallClock?: boolean;
    /** Stop HiGHS through its interrupt callbacks (default: not on Workers, which refuse them). */
    interrupts?: boolean;
  } = {},
): Promise<MilpSolver> {
  const wall = init.wallClock ?? true;
  const interrupts = init.interrupts ?? !init.wasmModule;
  if (!init.wasmModule) {
    const highs = await loadHighs();
    return { maximize: (problem, deadline, clock) => maximize(highs, problem, deadline, clock, interrupts, wall) };
  }
  // Workers with nodejs_compat have `process.versions.node`, so the Emscripten loader takes itself for Node and
  // reaches for node:module and a file URL that a Worker bundle has not: hide `process` while it starts.
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'process');
  Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
  let highs: Highs;
  try {
    // The declared `wasmModule` option is not read by this build (1.15.3); Emscripten's `instantiateWasm` hook is.
    const module = init.wasmModule;
    const hook = {
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
        WebAssembly.instantiate(module, imports).then(done);
        return {};
      },
    };
    highs = await loadHighs(hook as InitOptions);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'process', saved);
  }
  // Callbacks compile a small WebAssembly thunk at run time, which Workers forbid: there HiGHS's own wall-clock
  // limit stops it, taken from the planner's clock (wall time on Workers).
  return { maximize: (problem, deadline, clock) => maximize(highs, problem, deadline, clock, interrupts, wall) };
}

/** HiGHS's own wall-clock limit only as a backstop, far beyond any budget: the planner's clock stops it first. */
const BACKSTOP_SECONDS = 120;

function maximize(
  highs: Highs,
  p: MilpProblem,
  deadline: number,
  clock: () => number,
  interrupts: boolean,
  wall: boolean,
): MilpResult {
  const starts = new Int32Array(p.rows.length + 1);
  let nnz = 0;
  p.rows.forEach((r, i) => {
    nnz += r.indices.length;
    starts[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const r of p.rows) {
    for (let j = 0; j < r.indices.length; j++) {
      indices[k] = r.indices[j];
      values[k++] = r.values[j];
    }
  }
  const inf = (x: number) => (x === Number.POSITIVE_INFINITY ? highs.infinity : x === -Infinity ? -highs.infinity : x);
  const model = highs.createModel({
    numCols: p.columns,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: p.objective,
    colLower: new Float64Array(p.columns),
    colUpper: new Float64Array(p.columns).fill(1),
    rowLower: Float64Array.from(p.rows, (r) => inf(r.lower)),
    rowUpper: Float64Array.from(p.rows, (r) => inf(r.upper)),
    matrix: { format: 'csr', numRows: p.rows.length, numCols: p.columns, starts, indices, values },
    integrality: new Int32Array(p.columns).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: wall ? Math.max(0.001, (deadline - clock()) / 1000) : BACKSTOP_SECONDS,
      mip_rel_gap: 0,
      mip_abs_gap: 0.5,
    });
    model.setSolution({ colValue: p.start });
    const stop = (event: { interrupt(): void }): undefined => {
      if (clock() >= deadline) event.interrupt();
    };
    const { simplexInterrupt, mipInterrupt } = highs.constants.callbackType;
    model.run(interrupts ? { [simplexInterrupt]: stop, [mipInterrupt]: stop } : undefined);
    const status = model.getModelStatus();
    const solution = model.getSolution();
    const x = solution.colValue && solution.colValue.length === p.columns ? Float64Array.from(solution.colValue) : null;
    if (status === highs.constants.modelStatus.optimal)
      return { status: 'optimal', x, bound: model.getObjectiveValue() };
    const bound = Number(model.info.get('mip_dual_bound'));
    const { timeLimit, interrupted } = highs.constants.modelStatus;
    if ((status === timeLimit || status === interrupted) && Number.isFinite(bound))
      return { status: 'stopped', x, bound };
    // Stopped before any bound (presolve, the root LP): a plan it found may still be used, nothing is proven.
    return { status: 'failed', x, bound: Number.POSITIVE_INFINITY };
  } finally {
    model.dispose();
  }
}
