// npm run bench:import — the demo county (85 organisations, 2,000 volunteers, 6,241 recipients) imported through the
// same service the page and the CLI use, next to plain batched inserts of the same rows (the baseline) in one run.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { loadConfig } from '../src/env.js';
import type { Viewer } from '../src/lib/context.js';
import { translator } from '../src/lib/i18n/index.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { exportRegister, importRegister } from '../src/modules/registry/service.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const ADMIN: Viewer = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'county_admin',
  townshipId: null,
  organisationId: null,
  locale: 'zh',
};
const config = loadConfig(BENCH_KEYS);
const cipher = cipherFor(config);

async function fresh(name: string): Promise<Database> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const db = await openDatabase(`file:${file}`);
  await migrateDatabase(db);
  return db;
}

// Baseline: the demo seeder writes the same county with plain batched inserts (no parsing, no comparison).
const base = await fresh('import-baseline');
let started = performance.now();
const seeded = await seedDemo({ db: base.db, cipher, now: new Date() }, { size: countySize(1) });
const baselineMs = performance.now() - started;
if ('skipped' in seeded) throw new Error('baseline database not empty');

// The county's three spreadsheets, as an admin would export them from another installation.
const files: Record<string, Uint8Array> = {};
for (const register of ['organisations', 'volunteers', 'recipients'] as const) {
  files[register] = await exportRegister({
    db: base.db,
    cipher,
    viewer: ADMIN,
    register,
    format: 'csv',
    unmasked: true,
    now: new Date(),
    sheetName: register,
  });
}
base.close();

const target = await fresh('import-target');
const t = translator('zh');
const rows: string[] = [];
let total = 0;
started = performance.now();
for (const register of ['organisations', 'volunteers', 'recipients'] as const) {
  const s = performance.now();
  const outcome = await importRegister({
    db: target.db,
    cipher,
    viewer: ADMIN,
    t,
    register,
    file: { name: `${register}.csv`, bytes: files[register] },
    apply: true,
    now: new Date(),
  });
  const ms = performance.now() - s;
  if (!outcome.ok) throw new Error(`${register}: ${outcome.fileError ?? JSON.stringify(outcome.errors.slice(0, 3))}`);
  total += outcome.created;
  rows.push(
    `${register.padEnd(14)} ${String(outcome.created).padStart(5)} rows  ${ms.toFixed(0).padStart(6)} ms  ${Math.round(
      (outcome.created / ms) * 1000,
    )
      .toString()
      .padStart(6)} rows/s`,
  );
}
const importMs = performance.now() - started;
// A second import of the same files must change nothing (and shows the cost of a no-op re-import).
started = performance.now();
const again = await importRegister({
  db: target.db,
  cipher,
  viewer: ADMIN,
  t,
  register: 'recipients',
  file: { name: 'recipients.csv', bytes: files.recipients },
  apply: true,
  now: new Date(),
});
const reimportMs = performance.now() - started;
target.close();

saveReport(
  'import',
  [
    `demo county: ${seeded.organisations} organisations, ${seeded.volunteers} volunteers, ${seeded.recipients} recipients (${seeded.townships} townships, ${seeded.villages} villages)`,
    '',
    ...rows,
    `whole county   ${String(total).padStart(5)} rows  ${importMs.toFixed(0).padStart(6)} ms  ${Math.round(
      (total / importMs) * 1000,
    )
      .toString()
      .padStart(6)} rows/s   (target < 5,000 ms)`,
    `baseline: the same county by plain batched inserts (demo seeder): ${baselineMs.toFixed(0)} ms`,
    `re-import of the recipients file: ${again.ok ? `${again.unchanged} unchanged, ${again.created} created, ${again.updated} updated` : 'failed'} in ${reimportMs.toFixed(0)} ms`,
    `peak RSS of the whole run: ${peakRssMiB()} MiB (target < 300 MB)`,
  ].join('\n'),
);
