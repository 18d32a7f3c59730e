// npm run bench:demo — `seed --demo` (the living county: registry, logins, a year of history through the services,
// the coming service days) beside the registry alone (the plain batched seeder, the baseline), in one run, set up as
// the CLI does (one connection, WAL with synchronous=NORMAL). Plus the per-commit cost behind that choice.
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { argon2Hasher } from '../src/auth/password.js';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedLivingCounty } from '../src/demo/county.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { loadConfig } from '../src/env.js';
import { createLogger } from '../src/lib/logger.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const config = loadConfig(BENCH_KEYS);
const cipher = cipherFor(config);
const logger = createLogger('warn');
const NOW = new Date('2027-01-10T10:00:00+08:00');
const scale = Number(process.argv[2] ?? 1);

async function fresh(name: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): Promise<Database> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const db = await openDatabase(`file:${file}`, undefined, 1);
  await migrateDatabase(db);
  await db.client.execute(`PRAGMA synchronous = ${synchronous}`);
  return db;
}

async function measure<T>(f: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await f();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const load = () => os.loadavg()[0].toFixed(1);
const lines: string[] = [];

const base = await fresh('demo-baseline');
const loadBefore = load();
const baseline = await measure(() => seedDemo({ db: base.db, cipher, now: NOW }, { size: countySize(scale) }));
base.close();

const living = await fresh('demo-living');
const county = await measure(() =>
  seedLivingCounty({ db: living.db, cipher, passwords: argon2Hasher, config, logger, now: NOW }, { scale }),
);
living.close();
if ('skipped' in county.result) throw new Error('database not empty');
const h = county.result.history;

// What one commit costs here, FULL against NORMAL: the history is tens of thousands of small commits.
const commits: string[] = [];
for (const mode of ['FULL', 'NORMAL'] as const) {
  const d = await fresh(`demo-commit-${mode}`, mode);
  await d.client.execute('create table t (id integer primary key, v text)');
  const started = performance.now();
  for (let i = 0; i < 1000; i++) await d.client.execute({ sql: 'insert into t (v) values (?)', args: [String(i)] });
  commits.push(
    `${mode.padEnd(6)} ${((performance.now() - started) / 1000).toFixed(2)} ms a commit (1,000 single-row inserts)`,
  );
  d.close();
}

lines.push(
  `scale ${scale}; clock ${NOW.toISOString()}; load average ${loadBefore} before, ${load()} after (shared machine: wall figures are noisy, CPU less so)`,
  '',
  `baseline: registry only (seedDemo, batched inserts)   wall ${(baseline.wallMs / 1000).toFixed(1)} s   CPU ${(baseline.cpuMs / 1000).toFixed(1)} s`,
  `seed --demo: living county                            wall ${(county.wallMs / 1000).toFixed(1)} s   CPU ${(county.cpuMs / 1000).toFixed(1)} s   (target < 60 s)`,
  `  history ${h.from} – ${h.to}: ${h.shifts} shifts staffed, ${h.plans} plans published, ${h.visits} visits, ${h.activities} aid events`,
  `  coming service days ${county.result.coming.serviceDays.join(', ')}: ${county.result.coming.shifts} shifts`,
  '',
  ...commits,
  '',
  `peak RSS of the whole run: ${peakRssMiB()} MiB`,
);
saveReport(scale === 1 ? 'demo-seed' : `demo-seed-x${scale}`, lines.join('\n'));
