// npm run bench:demo-care — what the demo county's 守望之家 (a unit per village, four members each, the shared
// villages' households assigned, a month of care visits) add to the demo seed, beside the registry seed alone (the
// baseline) in the same run, set up as the CLI does (one connection, WAL with synchronous=NORMAL).
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { argon2Hasher } from '../src/auth/password.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedCareUnits } from '../src/demo/care-units.js';
import { countySize, rng } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { loadConfig } from '../src/env.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const cipher = cipherFor(loadConfig(BENCH_KEYS));
const NOW = new Date('2027-01-10T10:00:00+08:00');
const REGISTERED = new Date('2025-12-31T09:00:00+08:00');

async function measure<T>(f: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await f();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

mkdirSync(BENCH_TMP, { recursive: true });
const file = resolve(BENCH_TMP, 'demo-care-units.db');
for (const x of ['', '-wal', '-shm']) rmSync(file + x, { force: true });
const database = await openDatabase(`file:${file}`, undefined, 1);
await migrateDatabase(database);
await database.client.execute('PRAGMA synchronous = NORMAL');
const load = () => os.loadavg()[0].toFixed(1);
const loadBefore = load();
const registry = await measure(() => seedDemo({ db: database.db, cipher, now: REGISTERED }, { size: countySize(1) }));
const townshipId = (await database.client.execute('SELECT min(id) AS id FROM townships')).rows[0].id as number;
const care = await measure(() =>
  seedCareUnits({ db: database.db, passwords: argon2Hasher, now: NOW, registeredAt: REGISTERED }, rng(7), townshipId),
);
database.close();
const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
saveReport(
  'demo-care-units',
  [
    `clock ${NOW.toISOString()}; load average ${loadBefore} before, ${load()} after (shared machine: wall figures are noisy, CPU less so)`,
    '',
    `baseline: registry only (seedDemo)            wall ${f(registry.wallMs)}   CPU ${f(registry.cpuMs)}`,
    `守望之家 added (seedCareUnits)                 wall ${f(care.wallMs)}   CPU ${f(care.cpuMs)}   (target: a few seconds)`,
    `  ${care.result.units} units, ${care.result.members} members, ${care.result.visits} care visits over 30 days`,
    '',
    `peak RSS of the whole run: ${peakRssMiB()} MiB`,
  ].join('\n'),
);
