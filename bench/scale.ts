/**
 * Province scale: the same pages at county size and at province size, in one run.
 * County: the seed's Xiangtan (17 townships, 5,200 recipients) with its share of the province's volunteers and
 * ledger. Province: 135 such counties in ONE embedded file (700 k recipients, 150 k volunteers, 5 M ledger lines).
 * Each page goes through the real app (createApp → app.request, session cookie, rendering) on the Node drivers;
 * median of 15, county and province alternating, after a warm-up. Target: a page scoped to a township or a county's data ≤ 2× slower at province
 * size, peak memory < 500 MB. The county-wide summary on the shared file is measured too: it is what forces
 * one database per county (docs/scaling.md).
 * Visit records (20 M at province size) feed the station's overdue list; the coming service days' shifts feed a
 * volunteer's shifts page and the sign-up.
 * Usage: npm run bench:scale [-- --counties 135]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { argon2Hasher } from '../src/auth/password.js';
import { createSession, SESSION_COOKIE } from '../src/auth/session.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { loadConfig } from '../src/env.js';
import { createLogger } from '../src/lib/logger.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { createUser } from '../src/modules/users/service.js';
import { BENCH_TMP } from './lib/app.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';
import { buildDataset, LAST_YEAR, type Shape } from './lib/scale-data.js';

const { values } = parseArgs({
  options: { counties: { type: 'string' }, measure: { type: 'string' }, scoped: { type: 'boolean' } },
});
const COUNTIES = Number(values.counties ?? 135);
const PROVINCE: Shape = {
  counties: COUNTIES,
  recipients: 700_000,
  volunteers: 150_000,
  ledgerLines: 5_000_000,
  visits: 20_000_000,
};
const per = (n: number) => Math.round(n / 135);
const COUNTY: Shape = {
  counties: 1,
  recipients: per(700_000),
  volunteers: per(150_000),
  ledgerLines: per(5_000_000),
  visits: per(20_000_000),
};
if (COUNTIES !== 135) {
  // A scaled-down run keeps the county fixed and shrinks the province.
  PROVINCE.recipients = COUNTY.recipients * COUNTIES;
  PROVINCE.volunteers = COUNTY.volunteers * COUNTIES;
  PROVINCE.ledgerLines = COUNTY.ledgerLines * COUNTIES;
  PROVINCE.visits = COUNTY.visits * COUNTIES;
}

const out: string[] = [];
const log = (s: string) => {
  console.log(s);
  out.push(s);
};

type Role = 'station_staff' | 'county_admin' | 'volunteer';
interface Pages {
  name: string;
  path: string;
  role: Role;
  /** POSTs made one after the other instead of a GET of `path` (a sign-up and its cancellation: both writes). */
  posts?: string[];
}
// The station of township 1 (county 1), volunteer 1 (township 1, on its shifts) and the county administrator.
const PAGES: Pages[] = [
  {
    name: 'recipient search, one township (station)',
    path: `/recipients?q=${encodeURIComponent('秀')}`,
    role: 'station_staff',
  },
  { name: 'dashboard (station)', path: '/', role: 'station_staff' },
  { name: 'overdue list, one township (station)', path: '/visits/overdue', role: 'station_staff' },
  { name: "volunteer's upcoming shifts", path: '/shifts', role: 'volunteer' },
  {
    name: 'sign-up + cancel (volunteer, 2 POSTs)',
    path: '',
    role: 'volunteer',
    posts: ['/shifts/SHIFT/signup', '/shifts/SHIFT/cancel'],
  },
  {
    name: `annual summary ${LAST_YEAR}, one township (station)`,
    path: `/reports/aid?year=${LAST_YEAR}`,
    role: 'station_staff',
  },
  {
    name: `annual summary ${LAST_YEAR}, whole file (county admin)`,
    path: `/reports/aid?year=${LAST_YEAR}`,
    role: 'county_admin',
  },
];

/** The real app over one file, with a station user (township 1) and a county admin logged in. */
async function pageRunner(database: Database) {
  const config = loadConfig({ ...BENCH_KEYS, LOG_LEVEL: 'error' });
  const app = createApp({
    db: database.db,
    now: () => new Date(`${LAST_YEAR}-11-28T04:00:00Z`),
    config,
    passwords: argon2Hasher,
    logger: createLogger('error'),
    cipher: cipherFor(config),
  });
  const cookies: Record<string, string> = {};
  for (const role of ['station_staff', 'county_admin', 'volunteer'] as const) {
    const username = `bench_${role}_${Date.now()}`;
    const made = await createUser(
      { db: database.db, passwords: argon2Hasher },
      {
        username,
        displayName: role,
        password: 'bench password',
        role,
        townshipId: role === 'station_staff' ? 1 : undefined,
      },
      new Date(),
    );
    if (!made.ok) throw new Error(`user ${role}`);
    if (role === 'volunteer')
      await database.client.execute({ sql: 'UPDATE volunteers SET user_id = ? WHERE id = 1', args: [made.id] });
    cookies[role] = `${SESSION_COOKIE}=${await createSession(database.db, made.id, new Date())}`;
  }
  // A shift of township 1 that volunteer 1 is not on yet (bench volunteers 1..5 × T are on every shift): a new
  // one, added the same way in both files, so the sign-up takes a place and the cancellation frees it.
  const shift = Number(
    (
      await database.client.execute(`INSERT INTO shifts (organisation_id, township_id, title, date, start_time, end_time, starts_at, ends_at, capacity, created_at, updated_at)
    VALUES (1, 1, '关爱帮扶', '${LAST_YEAR}-12-25', '08:30', '12:00', ${Date.parse(`${LAST_YEAR}-12-25T08:30:00+08:00`)}, ${Date.parse(`${LAST_YEAR}-12-25T12:00:00+08:00`)}, 10, 0, 0) RETURNING id`)
    ).rows[0]![0],
  );
  const form = {
    'content-type': 'application/x-www-form-urlencoded',
    origin: 'http://localhost',
    'hx-request': 'true',
  };
  return async (page: Pages): Promise<number> => {
    const t0 = performance.now();
    for (const path of page.posts ?? [page.path]) {
      const post = !!page.posts;
      const res = await app.request(
        `http://localhost${path.replace('SHIFT', String(shift))}`,
        post
          ? { method: 'POST', body: '', headers: { ...form, cookie: cookies[page.role]! } }
          : { headers: { cookie: cookies[page.role]! } },
      );
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.text();
    }
    return performance.now() - t0;
  };
}

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Times every page on each file, alternating county and province run by run: the machine is shared, and
 * interleaving puts both sizes under the same background load. Median of RUNS after a warm-up.
 */
async function measure(paths: string[]): Promise<number[][]> {
  const dbs = await Promise.all(paths.map((p) => openDatabase(`file:${p}`)));
  const runners = await Promise.all(dbs.map(pageRunner));
  const out = paths.map(() => [] as number[]);
  for (const page of values.scoped ? PAGES.filter((p) => p.role !== 'county_admin') : PAGES) {
    for (const run of runners) await run(page);
    const times = paths.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) for (let k = 0; k < runners.length; k++) times[k]!.push(await runners[k]!(page));
    times.forEach((t, k) => {
      out[k]!.push(median(t));
    });
  }
  for (const d of dbs) d.close();
  return out;
}

const fmt = (n: number) => n.toLocaleString('en');
const mib = (path: string) => Math.round(statSync(path).size / 2 ** 20);

if (values.measure) {
  // Child mode, the server's side alone (open the files, log in, serve the pages): its peak memory is a
  // server's, not the generator's.
  const ms = await measure(values.measure.split(','));
  console.log(JSON.stringify({ ms, rss: peakRssMiB() }));
  process.exit(0);
}

mkdirSync(BENCH_TMP, { recursive: true });
const files: Record<string, string> = {};
for (const [label, shape] of [
  ['county', COUNTY],
  ['province', PROVINCE],
] as const) {
  const path = resolve(BENCH_TMP, `scale-${label}.db`);
  const { database, seconds } = await buildDataset(path, shape);
  database.close();
  files[label] = path;
  log(
    `${label}: ${shape.counties} ${shape.counties === 1 ? 'county' : 'counties'}, ${fmt(shape.recipients)} recipients, ${fmt(shape.volunteers)} volunteers, ${fmt(shape.ledgerLines)} ledger lines (2017–2026), ${fmt(shape.visits)} visits — built in ${seconds.toFixed(1)} s, file ${mib(path)} MiB`,
  );
}
const child = (paths: string[], scoped = false) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--measure',
        paths.join(','),
        ...(scoped ? ['--scoped'] : []),
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .pop()!,
  ) as { ms: number[][]; rss: number };
const both = child([files.county!, files.province!]);
// Memory of a server holding the province file alone and serving the scoped pages (its times are not used).
const provinceOnly = child([files.province!], true);
const results = { county: { ms: both.ms[0]! }, province: { ms: both.ms[1]! } };

log('');
log(`${'page'.padEnd(48)} ${'county'.padStart(10)} ${'province'.padStart(10)} ${'ratio'.padStart(7)}  target`);
PAGES.forEach((p, i) => {
  const c = results.county!.ms[i]!;
  const v = results.province!.ms[i]!;
  const wholeFile = p.role === 'county_admin';
  log(
    `${p.name.padEnd(48)} ${(`${c.toFixed(1)} ms`).padStart(10)} ${(`${v.toFixed(1)} ms`).padStart(10)} ${(v / c).toFixed(2).padStart(6)}×  ${wholeFile ? '(reads the whole file: one database per county instead)' : '≤ 2×'}`,
  );
});
log('');
log(
  `peak memory (RSS), target < 500 MiB: a server over the province file serving the township-scoped pages ${provinceOnly.rss} MiB;`,
);
log(`  the same with the whole-file summary too (it loads the province's year into memory) ${both.rss} MiB`);
log(`peak memory of the generator process (not a server; CTE sorts in SQLite's cache): ${peakRssMiB()} MiB`);
saveReport('scale', out.join('\n'));
process.exit(0);
