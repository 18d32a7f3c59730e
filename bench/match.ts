/**
 * npm run bench:match — the visit planner under its time budget (decision 0053): a county-scale service day
 * (5,201 home-supported recipients, 1,500 confirmed volunteers, 17 townships; demo generator data), the known hard
 * families, and a province of 100 such counties planned county by county. Each is planned with the default
 * five-second budget on the wall clock, with HiGHS for the hard parts, beside two baselines measured in the same run:
 * the flow search alone in the same budget (no MILP) and the greedy plan.
 */

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_TIME_LIMIT_MS,
  greedyPlan,
  type KernelGap,
  type Objective,
  planVisits,
  solveKernel,
} from '../src/domain/matching/index.js';
import { highsSolver } from '../src/lib/milp-highs.js';
import {
  benchCounty,
  county1022Township8,
  cpuClock,
  familyKernel,
  HARD_FAMILIES,
} from '../test/fixtures/plan-families.js';
import { saveReport } from './lib/results.js';

const fmt = (o: Objective) => `covered ${o.covered}, priority ${o.priority}, travel ${o.travel}`;
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

say(
  `bench:match — ${new Date().toISOString()} — node ${process.version} — ${cpus().length} cores, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (shared machine: wall times are noisy; CPU time is the planner's own work)`,
);
const LIMIT = DEFAULT_TIME_LIMIT_MS;
// `npm run bench:match -- 100 cpu` budgets the planner's CPU time instead of the wall clock: on a machine shared
// with other work the verdicts (proven or not, within budget or not) then do not depend on the neighbours.
const CPU = process.argv[3] === 'cpu';
const t0 = performance.now();
const milp = await highsSolver({ wallClock: !CPU });
say(`HiGHS (WebAssembly) loaded in ${(performance.now() - t0).toFixed(0)} ms, once per process`);
const wall = () => performance.now();
const clock = CPU ? cpuClock : wall;
say(`budget: ${LIMIT} ms of ${CPU ? 'CPU time' : 'wall-clock time'} per plan (a county is one plan)`);
const budget = () => ({ timeLimitMs: LIMIT, clock, milp });
const gapText = (optimal: boolean, g: KernelGap) =>
  optimal ? 'optimal' : `gap covered ≤ ${g.covered}, priority ≤ ${g.priority ?? '?'}, travel ≤ ${g.travel ?? '?'}`;
/** Wall and CPU milliseconds of one call. */
function timed<T>(f: () => T): { value: T; ms: number; cpu: number } {
  const w = performance.now();
  const c = cpuClock();
  const value = f();
  return { value, ms: performance.now() - w, cpu: cpuClock() - c };
}

const c = benchCounty(20261124);
const slots = c.volunteers.reduce((s, v) => s + (v.capacity ?? 4), 0);
say(`county: ${c.recipients.length} recipients due, ${c.volunteers.length} volunteers (${slots} slots), 17 townships`);
for (let run = 1; run <= 3; run++) {
  const plan = timed(() => planVisits(c.volunteers, c.recipients, {}, budget()));
  const greedy = timed(() => greedyPlan(c.volunteers, c.recipients));
  say(
    `  run ${run}: ${plan.ms.toFixed(0)} ms (cpu ${plan.cpu.toFixed(0)}) ${gapText(plan.value.optimal, plan.value.gap)} [${fmt(plan.value.objective)}] | greedy ${greedy.ms.toFixed(0)} ms [${fmt(greedy.value.objective)}]`,
  );
}
// A scarce day: half the volunteers turn up, so coverage and priority decide, not only travel.
const scarce = c.volunteers.filter((v) => v.id % 2 === 0);
{
  const plan = timed(() => planVisits(scarce, c.recipients, {}, budget()));
  const greedy = greedyPlan(scarce, c.recipients);
  say(
    `county, 750 volunteers: ${plan.ms.toFixed(0)} ms ${gapText(plan.value.optimal, plan.value.gap)} [${fmt(plan.value.objective)}] | greedy [${fmt(greedy.objective)}]`,
  );
}

say('hard families (kernel, 5 s budget): with HiGHS | flow search alone, same budget (baseline)');
let slowestInstance = { name: '', ms: 0 };
const families = [
  ...HARD_FAMILIES.map((f) => ({ name: f.name, kernel: familyKernel(f.spec) })),
  { name: 'township 8 of bench county 1022', kernel: county1022Township8() },
];
for (const f of families) {
  const withMilp = timed(() => solveKernel(f.kernel, budget()));
  const alone = timed(() => solveKernel(f.kernel, { timeLimitMs: LIMIT, clock }));
  if (withMilp.ms > slowestInstance.ms) slowestInstance = { name: f.name, ms: withMilp.ms };
  say(
    `  ${f.name}: ${withMilp.ms.toFixed(0)} ms (cpu ${withMilp.cpu.toFixed(0)}) ${gapText(withMilp.value.optimal, withMilp.value.gap)} [${fmt(withMilp.value.objective)}] | flow alone ${alone.ms.toFixed(0)} ms ${gapText(alone.value.optimal, alone.value.gap)}`,
  );
}

// Province: counties are independent, so planning is county by county. All 100 are planned (a number on the
// command line plans fewer); each county is one plan with the five-second budget.
const COUNTIES = Number(process.argv[2] ?? 100);
let total = 0;
let totalCpu = 0;
const opt: Objective = { covered: 0, priority: 0, travel: 0 };
const gr: Objective = { covered: 0, priority: 0, travel: 0 };
let slowest = { ms: 0, seed: 0 };
let slowestCpu = 0;
let proven = 0;
let within = 0;
const gaps: KernelGap[] = [];
const perCounty: number[] = [];
for (let k = 1; k <= COUNTIES; k++) {
  const x = benchCounty(1000 + k);
  const plan = timed(() => planVisits(x.volunteers, x.recipients, {}, budget()));
  total += plan.ms;
  totalCpu += plan.cpu;
  perCounty.push(plan.ms);
  if (plan.ms > slowest.ms) slowest = { ms: plan.ms, seed: 1000 + k };
  slowestCpu = Math.max(slowestCpu, plan.cpu);
  if (plan.value.optimal) proven++;
  else gaps.push(plan.value.gap);
  if ((CPU ? plan.cpu : plan.ms) <= LIMIT) within++;
  const g = greedyPlan(x.volunteers, x.recipients).objective;
  for (const key of ['covered', 'priority', 'travel'] as const) {
    opt[key] += plan.value.objective[key];
    gr[key] += g[key];
  }
  if (k === 1 || k === COUNTIES || k % 10 === 0)
    say(
      `  province: ${k} counties planned in ${(total / 1000).toFixed(1)} s (${(total / k).toFixed(0)} ms per county, cpu ${(totalCpu / k).toFixed(0)} ms)`,
    );
}
const median = [...perCounty].sort((a, b) => a - b)[Math.floor(perCounty.length / 2)];
const mean = (xs: (number | null)[]) => {
  const known = xs.filter((v): v is number => v !== null);
  return known.length ? (known.reduce((a, b) => a + b, 0) / known.length).toFixed(1) : '-';
};
say(
  `province (${COUNTIES} counties, each planned): ${(total / 1000).toFixed(1)} s; per county: mean ${(total / COUNTIES).toFixed(0)} ms, median ${median.toFixed(0)} ms, slowest ${slowest.ms.toFixed(0)} ms (seed ${slowest.seed})`,
);
say(
  `  proven optimal within the budget: ${proven}/${COUNTIES} (${((100 * proven) / COUNTIES).toFixed(0)} %); planned within ${LIMIT} ms (${CPU ? 'CPU' : 'wall'}, whole planVisits call): ${within}/${COUNTIES}; slowest county ${slowestCpu.toFixed(0)} ms CPU`,
);
say(
  `  mean gap where not proven (${gaps.length}): covered ${mean(gaps.map((g) => g.covered))}, priority ${mean(gaps.map((g) => g.priority))}, travel ${mean(gaps.map((g) => g.travel))} (100 m units)`,
);
say(
  `  slowest instance: ${slowestInstance.name} ${slowestInstance.ms.toFixed(0)} ms; slowest county: seed ${slowest.seed}`,
);
say(`  province totals: planner [${fmt(opt)}] | greedy [${fmt(gr)}]`);
say(
  `  planner over greedy: +${opt.covered - gr.covered} households visited, +${opt.priority - gr.priority} priority, ${gr.travel - opt.travel} travel units (100 m) less`,
);
say(`target: every plan within ${LIMIT} ms, proven optimal on every known family (decision 0053).`);
saveReport('match', lines.join('\n'));
