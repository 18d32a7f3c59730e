// npm run bench:roster — what the overlap guard (decision 0145) costs the sign-up statement: a county's year of
// service days already on every volunteer's record, then every volunteer takes a place on a coming shift through
// the guarded statement; beside it, in the same run, the guard read alone and a bare `select 1` on the same
// connection (the floor of one statement round trip).

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import * as s from '../src/db/schema/index.js';
import { addDays, shanghaiInstant } from '../src/domain/dates.js';
import { loadConfig } from '../src/env.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { noOverlap, takePlace } from '../src/modules/shifts/signup.js';
import { mobileColumns } from '../src/modules/volunteers/mobile.js';
import { BENCH_KEYS } from './lib/keys.js';
import { saveReport } from './lib/results.js';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 2000);
const PAST_DAYS = 24; // the 24th and 25th of twelve months
const file = resolve(tmpdir(), `bench-roster-${process.pid}.db`);
const database = await openDatabase(`file:${file}`);
await migrateDatabase(database);
const db = database.db;
const cipher = cipherFor(loadConfig(BENCH_KEYS));
const now = new Date('2026-12-01T02:00:00Z');

const [town] = await db.insert(s.townships).values({ name: '易俗河镇', createdAt: now }).returning();
const [org] = await db
  .insert(s.organisations)
  .values({ name: '易俗河镇社工站', kind: 'station', townshipId: town.id, createdAt: now, updatedAt: now })
  .returning();
const shift = (date: string, capacity: number) => ({
  organisationId: org.id,
  townshipId: town.id,
  title: '入户走访',
  date,
  startTime: '08:30',
  endTime: '12:00',
  startsAt: shanghaiInstant(date, '08:30'),
  endsAt: shanghaiInstant(date, '12:00'),
  capacity,
  createdAt: now,
  updatedAt: now,
});
const past = await db
  .insert(s.shifts)
  .values(Array.from({ length: PAST_DAYS }, (_, i) => shift(addDays('2025-12-24', -i * 15), VOLUNTEERS)))
  .returning({ id: s.shifts.id });
const [target, probe] = await db
  .insert(s.shifts)
  .values([shift('2026-12-24', VOLUNTEERS), shift('2026-12-25', VOLUNTEERS)])
  .returning({ id: s.shifts.id });

const ids: number[] = [];
for (let i = 0; i < VOLUNTEERS; i += 500) {
  const rows = await db
    .insert(s.volunteers)
    .values(
      await Promise.all(
        Array.from({ length: Math.min(500, VOLUNTEERS - i) }, async (_, j) => ({
          name: `志愿者${i + j}`,
          ...(await mobileColumns(cipher, String(13800000000 + i + j))),
          townshipId: town.id,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    )
    .returning({ id: s.volunteers.id });
  ids.push(...rows.map((r) => r.id));
}
const history = past.flatMap((p) => ids.map((v, k) => ({ shiftId: p.id, volunteerId: v, position: k + 1 })));
for (let i = 0; i < history.length; i += 500)
  await db
    .insert(s.shiftSignups)
    .values(
      history.slice(i, i + 500).map((h) => ({ ...h, status: 'confirmed' as const, createdAt: now, updatedAt: now })),
    );

async function perOp(label: string, run: (volunteerId: number) => Promise<unknown>) {
  const start = performance.now();
  for (const v of ids) await run(v);
  const ms = performance.now() - start;
  return { label, us: Math.round((ms * 1000) / ids.length) };
}

const floor = await perOp('select 1 (one statement, floor)', () => db.all(sql`select 1`));
const guard = await perOp('overlap guard read alone', (v) => db.all(sql`select ${noOverlap(probe.id, v)} as ok`));
const take = await perOp('sign-up statement with the guard (writes)', (v) =>
  db.run(takePlace({ shiftId: target.id, volunteerId: v, allowWaitlist: true, now })),
);
const [check] = await db.all<{ n: number }>(
  sql`select count(*) as n from shift_signups where shift_id = ${target.id} and status = 'confirmed'`,
);
database.close();
rmSync(file, { force: true });
for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });

const lines = [floor, guard, take].map((r) => `${r.label.padEnd(46)} ${String(r.us).padStart(6)} µs/op`);
saveReport(
  'roster',
  [
    `${VOLUNTEERS} volunteers, each already on ${PAST_DAYS} past shifts (${history.length} sign-ups); one connection, sequential.`,
    ...lines,
    `guard share of the sign-up statement: ${Math.round((100 * (guard.us - floor.us)) / Math.max(1, take.us))} % (guard minus floor, over the statement)`,
    `places taken: ${Number(check.n)} of ${VOLUNTEERS}`,
    'The machine is shared with other engineers while this runs: figures are noisy; compare within one run.',
  ].join('\n'),
);
