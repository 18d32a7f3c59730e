// npm run bench:activation — a station creating logins for a whole selection (200 volunteers, the list's page),
// beside a baseline measured in the same run: 200 one-statement batches touching the same volunteers (the least a
// per-volunteer batch costs). Then redemption, beside its floor: one argon2id hash of the new password.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { argon2Hasher } from '../src/auth/password.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { townships, users, volunteers } from '../src/db/schema/index.js';
import { loadConfig } from '../src/env.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { redeemActivation } from '../src/modules/activation/service.js';
import { createVolunteerLogins } from '../src/modules/volunteers/logins.js';
import { mobileColumns } from '../src/modules/volunteers/mobile.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const N = 200;
const REDEEM = 20;
mkdirSync(BENCH_TMP, { recursive: true });
const file = resolve(BENCH_TMP, 'activation.db');
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const database = await openDatabase(`file:${file}`);
await migrateDatabase(database);
const db = database.db;
const cipher = cipherFor(loadConfig(BENCH_KEYS));
const now = new Date();
const [t] = await db.insert(townships).values({ name: '花石镇', createdAt: now }).returning();
const [actor] = await db
  .insert(users)
  .values({
    username: 'station',
    displayName: '站',
    passwordHash: 'x',
    role: 'station_staff',
    townshipId: t.id,
    createdAt: now,
  })
  .returning();
const mobileOf = (i: number) => `138${String(i).padStart(8, '0')}`;
const rows = await db
  .insert(volunteers)
  .values(
    await Promise.all(
      Array.from({ length: N }, async (_, i) => ({
        name: `志愿者${i}`,
        ...(await mobileColumns(cipher, mobileOf(i))),
        townshipId: t.id,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  )
  .returning();
const mobileById = new Map(rows.map((v, i) => [v.id, mobileOf(i)]));

let started = performance.now();
for (const v of rows)
  await db.batch([db.run(sql`UPDATE volunteers SET updated_at = ${now.getTime()} WHERE id = ${v.id}`)]);
const baselineMs = performance.now() - started;

const ctx = { db, cipher, actorUserId: actor.id, rows, activateUrl: 'http://localhost/activate', now };
started = performance.now();
const issued = await createVolunteerLogins({ ...ctx, reissue: false });
const createMs = performance.now() - started;
const linked = await db.select().from(volunteers);
started = performance.now();
const reissued = await createVolunteerLogins({ ...ctx, rows: linked, reissue: true });
const reissueMs = performance.now() - started;

started = performance.now();
for (let i = 0; i < REDEEM; i++) await argon2Hasher.hash(`password number ${i}`);
const hashMs = (performance.now() - started) / REDEEM;
started = performance.now();
let ok = 0;
for (const o of reissued.slice(0, REDEEM)) {
  if (o.kind !== 'issued') continue;
  const r = await redeemActivation({
    db,
    cipher,
    passwords: argon2Hasher,
    login: mobileById.get(o.volunteer.id)!,
    code: o.code,
    password: `password of ${o.volunteer.id}`,
    ip: `10.0.0.${o.volunteer.id}`,
    now,
  });
  if (r.kind === 'ok') ok++;
}
const redeemMs = (performance.now() - started) / REDEEM;

const f = (ms: number) => `${ms.toFixed(0)} ms`;
saveReport(
  'activation',
  [
    'Shared 2-core machine with other engineers working: figures are noisy (one run).',
    '',
    `baseline: ${N} one-statement batches                 ${f(baselineMs)} (${(baselineMs / N).toFixed(2)} ms each)`,
    `create ${N} logins (login, link, code, audit, SMS)   ${f(createMs)} (${(createMs / N).toFixed(2)} ms each) — ${issued.filter((o) => o.kind === 'issued').length} issued`,
    `${N} codes again (void, code, audit, SMS)          ${f(reissueMs)} (${(reissueMs / N).toFixed(2)} ms each) — ${reissued.filter((o) => o.kind === 'issued').length} new codes`,
    `floor: one argon2id hash                             ${hashMs.toFixed(1)} ms`,
    `redeem one code (throttle, check, hash, batch, session) ${redeemMs.toFixed(1)} ms — ${ok}/${REDEEM} ok`,
    `peak RSS ${peakRssMiB()} MiB`,
  ].join('\n'),
);
database.client.close();
