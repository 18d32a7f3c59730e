// npm run bench:keys — `keys rotate` over the demo county (6,241 recipients, ID numbers and caregiver mobiles),
// beside a baseline measured in the same run: decrypting every encrypted value once (the least a rotation reads).
// Also the once-only VACUUM that clears dropped birth dates from the file (decision 0081), on the same database.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { recipients } from '../src/db/schema/index.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { loadConfig } from '../src/env.js';
import { cipherFor, createCipher } from '../src/lib/personal-data.js';
import { rotateKeys } from '../src/ops/rotate-keys.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

mkdirSync(BENCH_TMP, { recursive: true });
const file = resolve(BENCH_TMP, 'keys.db');
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const database = await openDatabase(`file:${file}`);
await migrateDatabase(database);
const config = loadConfig(BENCH_KEYS);
const v1 = cipherFor(config);
await seedDemo({ db: database.db, cipher: v1, now: new Date() }, { size: countySize(1) });
const count = await database.db.$count(recipients);

let started = performance.now();
const rows = await database.db
  .select({ id: recipients.idNumberEnc, mobile: recipients.caregiverMobileEnc })
  .from(recipients);
let values = 0;
for (const r of rows) {
  await v1.decrypt(r.id);
  values++;
  if (r.mobile) {
    await v1.decrypt(r.mobile);
    values++;
  }
}
const baselineMs = performance.now() - started;

const ring = config.keys!;
// Every run moves every row: v1 → v2 (50 a batch), → v3 (200, the default), → v4 (1000).
const keys = new Map(ring.keys);
for (const v of [2, 3, 4]) keys.set(v, crypto.getRandomValues(new Uint8Array(32)));
const lines: string[] = [];
for (const [version, batchSize] of [
  [2, 50],
  [3, 200],
  [4, 1000],
] as const) {
  started = performance.now();
  const report = await rotateKeys(database.db, createCipher({ current: version, keys, lookup: ring.lookup }), {
    now: new Date(),
    batchSize,
  });
  const ms = performance.now() - started;
  lines.push(
    `rotate --batch ${String(batchSize).padEnd(4)}  ${report.recipients} rows in ${report.batches} batches: ${(ms / 1000).toFixed(2)} s (${Math.round(report.recipients / (ms / 1000))} rows/s, ${(ms / baselineMs).toFixed(1)}× the decrypt-only baseline)`,
  );
}

const before = statSync(file).size;
started = performance.now();
await database.client.execute('VACUUM');
await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
const vacuumMs = performance.now() - started;
database.close();

saveReport(
  'keys',
  `demo county: ${count} recipients, ${values} encrypted values
baseline (decrypt every value once): ${(baselineMs / 1000).toFixed(2)} s
${lines.join('\n')}
VACUUM + checkpoint (the once-only birth-date scrub) on the ${(before / 2 ** 20).toFixed(1)} MiB file: ${(vacuumMs / 1000).toFixed(2)} s
peak RSS ${peakRssMiB()} MiB
(shared 2-core machine, other engineers' test runs alongside: figures are noisy)`,
);
