/**
 * npm run bench:match — plans a county-scale service day (5,201 home-supported recipients, 1,500
 * confirmed volunteers, 17 townships; demo generator data) and a province of 100 such counties
 * planned county by county, printing time and objective beside the greedy baseline on the same data.
 */

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { countySize, demoRecipient, demoVillages, demoVolunteer, rng } from '../src/demo/generate.js';
import {
  greedyPlan,
  type Objective,
  type PlanRecipient,
  type PlanVolunteer,
  planVisits,
} from '../src/domain/matching/index.js';
import { saveReport } from './lib/results.js';

const VOLUNTEERS = 1500;

function county(seed: number): { volunteers: PlanVolunteer[]; recipients: PlanRecipient[] } {
  const size = countySize();
  const r = rng(seed);
  const villages = demoVillages(r, size);
  const byTownship = Array.from({ length: size.townships }, (_, t) =>
    villages.map((v, i) => ({ ...v, id: i + 1 })).filter((v) => v.township === t),
  );
  const volunteers: PlanVolunteer[] = [];
  const perTownship: number[][] = byTownship.map(() => []);
  for (let i = 0; i < VOLUNTEERS; i++) {
    const d = demoVolunteer(r, i, { ...size, volunteers: VOLUNTEERS });
    const home = r.pick(byTownship[d.township]);
    volunteers.push({
      id: i + 1,
      townshipId: d.township + 1,
      villageId: home.id,
      lat: home.lat,
      lng: home.lng,
      skills: d.skills,
      capacity: 4,
    });
    perTownship[d.township].push(i + 1);
  }
  const recipients: PlanRecipient[] = [];
  for (let i = 0; i < size.homeRecipients; i++) {
    const d = demoRecipient(r, i, size);
    const v = byTownship[d.township][d.village];
    const interval = d.careLevel === 'full' ? 1 : d.careLevel === 'partial' ? 2 : 7;
    const mates = perTownship[d.township];
    recipients.push({
      id: 100_000 + i,
      townshipId: d.township + 1,
      villageId: v.id,
      lat: v.lat,
      lng: v.lng,
      careLevel: d.careLevel,
      daysOverdue: r.chance(0.6) ? 0 : r.int(1, interval * 3),
      needsSkills: r.chance(0.05) ? ['counselling'] : [],
      visitors: r.chance(0.03) ? 2 : 1,
      lastVisitorId: r.chance(0.5) ? r.pick(mates) : null,
    });
    // Now and then a recipient asks not to see a given volunteer.
    if (r.chance(0.01)) {
      const vol = volunteers[r.pick(mates) - 1];
      vol.excludedBy = [...(vol.excludedBy ?? []), 100_000 + i];
    }
  }
  return { volunteers, recipients };
}

const fmt = (o: Objective) => `covered ${o.covered}, priority ${o.priority}, travel ${o.travel}`;
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

say(
  `bench:match — ${new Date().toISOString()} — node ${process.version} — ${cpus().length} cores, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (shared machine)`,
);
const c = county(20261124);
const slots = c.volunteers.reduce((s, v) => s + (v.capacity ?? 4), 0);
say(`county: ${c.recipients.length} recipients due, ${c.volunteers.length} volunteers (${slots} slots), 17 townships`);
for (let run = 1; run <= 3; run++) {
  const t0 = performance.now();
  const plan = planVisits(c.volunteers, c.recipients);
  const t1 = performance.now();
  const greedy = greedyPlan(c.volunteers, c.recipients);
  const t2 = performance.now();
  say(
    `  run ${run}: optimal ${(t1 - t0).toFixed(0)} ms [${fmt(plan.objective)}] | greedy ${(t2 - t1).toFixed(0)} ms [${fmt(greedy.objective)}]`,
  );
}

// A scarce day: half the volunteers turn up, so coverage and priority decide, not only travel.
const scarce = c.volunteers.filter((v) => v.id % 2 === 0);
{
  const t0 = performance.now();
  const plan = planVisits(scarce, c.recipients);
  const t1 = performance.now();
  const greedy = greedyPlan(scarce, c.recipients);
  say(
    `county, 750 volunteers: optimal ${(t1 - t0).toFixed(0)} ms [${fmt(plan.objective)}] | greedy [${fmt(greedy.objective)}]`,
  );
}

// Province: counties are independent, so planning is county by county. All 100 are planned (a number on the
// command line plans fewer), and the time per county is printed as it goes, to show it stays flat (linear total).
const COUNTIES = Number(process.argv[2] ?? 100);
let total = 0;
const opt: Objective = { covered: 0, priority: 0, travel: 0 };
const gr: Objective = { covered: 0, priority: 0, travel: 0 };
let slowest = 0;
let slowestSeed = 0;
const perCounty: number[] = [];
for (let k = 1; k <= COUNTIES; k++) {
  const x = county(1000 + k);
  const t0 = performance.now();
  const plan = planVisits(x.volunteers, x.recipients);
  const spent = performance.now() - t0;
  total += spent;
  perCounty.push(spent);
  if (spent > slowest) [slowest, slowestSeed] = [spent, 1000 + k];
  const g = greedyPlan(x.volunteers, x.recipients).objective;
  for (const key of ['covered', 'priority', 'travel'] as const) {
    opt[key] += plan.objective[key];
    gr[key] += g[key];
  }
  if (k === 1 || k === COUNTIES || k % 10 === 0)
    say(
      `  province: ${k} counties planned in ${(total / 1000).toFixed(1)} s (${(total / k).toFixed(0)} ms per county)`,
    );
}
const median = [...perCounty].sort((a, b) => a - b)[Math.floor(perCounty.length / 2)];
say(
  `province (${COUNTIES} counties, each planned): ${(total / 1000).toFixed(1)} s; per county: mean ${(total / COUNTIES).toFixed(0)} ms, median ${median.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms (seed ${slowestSeed}; see decision 0052)`,
);
say(`  province totals: optimal [${fmt(opt)}] | greedy [${fmt(gr)}]`);
say(
  `  optimal over greedy: +${opt.covered - gr.covered} households visited, +${opt.priority - gr.priority} priority, ${gr.travel - opt.travel} travel units (100 m) less`,
);
say(`target: county under 2 s (runs above), province linear in counties (ms per county flat above).`);
saveReport('match', lines.join('\n'));
