// npm run bench:activities-import [-- activities] — past years of a county's assistance events (3,600 by default:
// ten years at the seed's 360-odd a year), each with two households, a nursing home and a cash, a goods and a
// service line, imported through the one import pipeline the page and the CLI use (preview, then confirm), beside
// the same activities recorded one by one through the ledger service (the baseline) in the same run, then
// re-imported.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.js';
import * as s from '../src/db/schema/index.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { addDays } from '../src/domain/dates.js';
import { formatHundredths } from '../src/domain/money.js';
import { loadConfig } from '../src/env.js';
import { translator } from '../src/lib/i18n/index.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { writeCsv } from '../src/lib/spreadsheet/index.js';
import { activitiesImporter } from '../src/modules/ledger/import.js';
import { recordActivity } from '../src/modules/ledger/service.js';
import { SHELL } from '../src/modules/registry/cli.js';
import { runImport } from '../src/modules/registry/pipeline.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const COUNT = Number(process.argv[2] ?? 3600);
const cipher = cipherFor(loadConfig(BENCH_KEYS));
const now = new Date();

async function county(name: string): Promise<Database> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const x of ['', '-wal', '-shm']) rmSync(file + x, { force: true });
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemo({ db: database.db, cipher, now }, { size: countySize(1) });
  return database;
}

const base = await county('activities-baseline');
const orgs = await base.db.select().from(s.organisations);
const givers = orgs.filter((o) => o.kind === 'social_org' || o.kind === 'station');
const homes = orgs.filter((o) => o.kind === 'nursing_home');
const people = await base.db
  .select({ id: s.recipients.id, enc: s.recipients.idNumberEnc })
  .from(s.recipients)
  .where(eq(s.recipients.supportMode, 'home'))
  .limit(4000);
const idNumbers = await Promise.all(people.map((p) => cipher.decrypt(p.enc)));

const plan = Array.from({ length: COUNT }, (_, i) => ({
  ref: `BENCH-${i + 1}`,
  on: addDays('2016-01-24', Math.floor((i * 3650) / COUNT)),
  org: givers[i % givers.length],
  home: homes[i % homes.length],
  households: [i % people.length, (i * 7 + 3) % people.length],
  cashFen: 20000 + (i % 50) * 100,
  goodsFen: 12050,
  centihours: 150,
}));
const line = (kind: 'cash' | 'goods' | 'service', amountFen: number, centihours = 0) => ({
  kind,
  amountFen,
  goodsName: kind === 'goods' ? '大米' : null,
  quantity: kind === 'goods' ? 2 : null,
  unit: kind === 'goods' ? '袋' : null,
  serviceKind: null,
  serviceCentihours: centihours,
  volunteers: null,
});

// Baseline: the same activities typed in one by one through the ledger's service (one batch each).
const started = performance.now();
for (const a of plan) {
  const res = await recordActivity(
    base.db,
    {
      organisationId: a.org.id,
      occurredOn: a.on,
      kind: 'care',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: a.households.map((h) => people[h].id),
      nursingHomeIds: [a.home.id],
      lines: [line('cash', a.cashFen), line('goods', a.goodsFen), line('service', 0, a.centihours)],
    },
    { idempotencyKey: a.ref, actorUserId: null, now },
  );
  if (!res.ok) throw new Error(`baseline: ${res.reason}`);
}
const baselineMs = performance.now() - started;
base.close();

const rows = plan.flatMap((a) => [
  [
    a.ref,
    a.on,
    a.org.name,
    '关爱帮扶',
    '分散供养户',
    idNumbers[a.households[0]],
    formatHundredths(a.cashFen),
    '',
    '',
    '',
    '',
    '',
  ],
  [
    a.ref,
    a.on,
    a.org.name,
    '关爱帮扶',
    '分散供养户',
    idNumbers[a.households[1]],
    '',
    '大米',
    2,
    '袋',
    formatHundredths(a.goodsFen),
    '',
  ],
  [a.ref, a.on, a.org.name, '关爱帮扶', '敬老院', a.home.name, '', '', '', '', '', formatHundredths(a.centihours)],
]);
const file = writeCsv(
  activitiesImporter.columns.slice(0, 12).map((c) => c.zh),
  rows,
);
const target = await county('activities-target');
// The demo county has activities of its own: count what the import adds.
const had = { activities: await target.db.$count(s.activities), lines: await target.db.$count(s.ledgerLines) };
const t = translator('zh');
const run = async (apply: boolean) => {
  const s0 = performance.now();
  const outcome = await runImport({
    db: target.db,
    cipher,
    now,
    viewer: SHELL,
    t,
    importer: activitiesImporter,
    file: { name: 'activities.csv', bytes: file },
    apply,
  });
  if (!outcome.ok) throw new Error(outcome.fileError ?? JSON.stringify(outcome.errors.slice(0, 3)));
  return { outcome, ms: performance.now() - s0 };
};
const preview = await run(false);
const first = await run(true);
const again = await run(true);
const stored = (await target.db.$count(s.activities)) - had.activities;
const lines = (await target.db.$count(s.ledgerLines)) - had.lines;
target.close();

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)} activities/s`;
saveReport(
  'activities-import',
  [
    `activities sheet: ${COUNT} activities in ${rows.length} rows (2 households, 1 nursing home, cash + goods + hours ` +
      `each), CSV ${(file.length / 2 ** 20).toFixed(1)} MiB, over the demo county's register`,
    '',
    `preview (read, check every row, plan; nothing written): ${preview.ms.toFixed(0)} ms`,
    `confirm (checked again, one batch with its audit row): ${first.ms.toFixed(0)} ms, ${rate(COUNT, first.ms)}; ${stored} activities and ${lines} ledger lines stored`,
    `baseline: the same activities recorded one by one through the ledger service: ${baselineMs.toFixed(0)} ms, ${rate(COUNT, baselineMs)}`,
    `re-import of the same file: ${again.outcome.ok ? `${again.outcome.unchanged} unchanged, ${again.outcome.created} created` : 'failed'} in ${again.ms.toFixed(0)} ms`,
    `peak RSS of the whole run: ${peakRssMiB()} MiB`,
    'The machine was shared with other engineers and loaded while this ran: figures are noisy.',
  ].join('\n'),
);
