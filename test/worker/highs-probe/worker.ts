// A probe Worker for decision 0053: does HiGHS (the `highs` package) load and solve under workerd, and can its
// callbacks (the planner's way of stopping it on its own clock) run there? Used by highs-workerd.test.ts only.
import wasm from '../../../node_modules/highs/build/highs.wasm';
import { highsSolver } from '../../../src/lib/milp-highs.js';

const problem = {
  columns: 3,
  // max x0 + x1 + x2 with x0 + x1 ≤ 1 and x1 + x2 ≤ 1, binary: 2 (x0 = x2 = 1)
  rows: [
    { indices: [0, 1], values: [1, 1], lower: 0, upper: 1 },
    { indices: [1, 2], values: [1, 1], lower: 0, upper: 1 },
  ],
  objective: Float64Array.from([1, 1, 1]),
  start: new Float64Array(3),
};

export default {
  async fetch(request: Request): Promise<Response> {
    const started = Date.now();
    const module = wasm;
    try {
      // The Workers way (no callbacks, HiGHS's own limit) or, with ?callbacks, the Node way (interrupt callbacks).
      const interrupts = new URL(request.url).searchParams.has('callbacks');
      const solver = await highsSolver({ wasmModule: module, interrupts });
      const result = solver.maximize(problem, Date.now() + 2000, () => Date.now());
      return Response.json({ status: result.status, x: result.x && [...result.x], ms: Date.now() - started });
    } catch (error) {
      return Response.json({ error: String(error) }, { status: 500 });
    }
  },
};
