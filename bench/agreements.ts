// npm run bench:agreements — the dashboard's care-agreement counts by the one status rule (per township, four
// statuses), beside a baseline measured in the same run: the query it replaced (active count + "no kind or no date"
// in one pass). Over the demo county (6,241 recipients) and a county five times its size, as the county admin
// (every township) and as a station (one township).
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, migrateDatabase, openDatabase } from '../src/db/client.js';
import { recipients } from '../src/db/schema/index.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { loadConfig } from '../src/env.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { ALL, type Scope, township } from '../src/lib/scope.js';
import { agreementTallies } from '../src/modules/recipients/agreements.js';
import { recipientsIn } from '../src/modules/recipients/queries.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const RUNS = 200;
const today = '2026-12-01';

/** The dashboard's agreement query before the one rule (kept here only as the baseline). */
function before(db: Db, scope: Scope) {
  return db
    .select({
      active: sql<number>`count(*)`,
      noAgreement: sql<number>`coalesce(sum(${recipients.agreementKind} IS NULL OR ${recipients.agreementSignedOn} IS NULL), 0)`,
    })
    .from(recipients)
    .where(and(recipientsIn(scope), eq(recipients.status, 'active')));
}

/** Medians of two queries timed in alternation, so a load spike on the shared machine hits both alike. */
async function medians(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 10; i++) await Promise.all([a(), b()]);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < RUNS; i++)
    for (const [fn, times] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
  const mid = (t: number[]) => t.sort((x, y) => x - y)[Math.floor(RUNS / 2)];
  return [mid(ta), mid(tb)];
}

mkdirSync(BENCH_TMP, { recursive: true });
const lines = [
  'Shared 2-core machine with other engineers running tests: figures are noisy (one run; medians of 200, the two queries timed in alternation).',
  '',
];
lines.push('county                   viewer            baseline (old query)   one rule, per township   ratio');
for (const scale of [1, 5]) {
  const file = resolve(BENCH_TMP, `agreements-${scale}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const db = database.db;
  await seedDemo(
    { db, cipher: cipherFor(loadConfig(BENCH_KEYS)), now: new Date('2026-11-30T02:00:00Z') },
    { size: countySize(scale) },
  );
  const n = await db.$count(recipients);
  for (const [who, scope] of [
    ['county admin', ALL],
    ['station', township(1)],
  ] as const) {
    const [old, now] = await medians(
      () => before(db, scope),
      () => agreementTallies({ db, scope, today }),
    );
    lines.push(
      `${`${n.toLocaleString('en')} recipients`.padEnd(24)} ${who.padEnd(17)} ${`${old.toFixed(2)} ms`.padStart(20)}   ${`${now.toFixed(2)} ms`.padStart(22)}   ${(now / old).toFixed(2)}×`,
    );
  }
  database.client.close();
}
lines.push('', `peak RSS ${peakRssMiB()} MiB`);
saveReport('agreements', lines.join('\n'));
