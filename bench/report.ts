/**
 * Annual-summary benchmark. Builds ledgers of 100 k, 1 M and 5 M lines over 10 years (2017–2026) and
 * times the 2026 summary (folded from the year's facts, decision 0175) against its floor, the same fact statements
 * run bare on the client, in the same run.
 * The 1 M and 5 M histories give 2026 the same size (100 k lines), so their ratio shows what history costs.
 * Then the summary page under autocannon next to a bare Hono hello-world.
 * Usage: npm run bench:report [-- --sizes 100000,1000000,5000000]
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { argon2Hasher } from '../src/auth/password.js';
import { createSession, SESSION_COOKIE } from '../src/auth/session.js';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.js';
import { foldMeasures, type GroupKey } from '../src/domain/aid-summary.js';
import { loadConfig } from '../src/env.js';
import { createLogger } from '../src/lib/logger.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { ALL } from '../src/lib/scope.js';
import { readFacts } from '../src/modules/reports/facts.js';
import { measuresByGroup } from '../src/modules/reports/measures.js';
import { annualSummary, factStatements, yearRange } from '../src/modules/reports/summary.js';
import { createUser } from '../src/modules/users/service.js';
import { BENCH_KEYS } from './lib/keys.js';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, out: { type: 'string' } } });
const SIZES = (values.sizes ?? '100000,1000000,5000000').split(',').map(Number);
const YEAR = 2026;
const YEAR_LINES_FIXED = 100_000; // the measured year's size in the 1 M and 5 M histories
const DIR = resolve('data/bench-report');
const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};

const TOWNSHIPS = 17;
const STATIONS = 17;
const SOCIAL = 46;
const HOMES = 22;
const RECIPIENTS = 5201;

async function registry(database: Database) {
  const c = database.client;
  const now = Date.now();
  await c.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOWNSHIPS})
    INSERT INTO townships (id, name, created_at) SELECT i, '乡镇' || i, ${now} FROM n`);
  // ids 1..17 stations, 18..63 social organisations, 64..85 nursing homes
  await c.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${STATIONS + SOCIAL + HOMES})
    INSERT INTO organisations (id, name, kind, township_id, created_at, updated_at)
    SELECT i, '组织' || i,
      CASE WHEN i <= ${STATIONS} THEN 'station' WHEN i <= ${STATIONS + SOCIAL} THEN 'social_org' ELSE 'nursing_home' END,
      CASE WHEN i <= ${STATIONS} THEN i WHEN i <= ${STATIONS + SOCIAL} THEN (CASE WHEN i % 3 = 0 THEN NULL ELSE i % ${TOWNSHIPS} + 1 END) ELSE i % ${TOWNSHIPS} + 1 END,
      ${now}, ${now} FROM n`);
  await c.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${RECIPIENTS})
    INSERT INTO recipients (id, name, id_number_enc, id_number_hash, id_number_masked, key_version, gender, township_id, support_mode, care_level, created_at, updated_at)
    SELECT i, '对象' || i, 'v1:x:x', 'h' || i, '430321********' || i, 1, 'M', i % ${TOWNSHIPS} + 1, 'home', 'self', ${now}, ${now} FROM n`);
}

/** Appends `count` lines (3 per activity: cash, goods, service) spread evenly over [from, to) days, in date order. */
async function fill(database: Database, count: number, from: string, to: string, startId: number) {
  const c = database.client;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const acts = Math.floor(count / 3);
  const CHUNK = 200_000;
  for (let lo = 0; lo < acts; lo += CHUNK) {
    const hi = Math.min(acts, lo + CHUNK);
    // One statement per table per chunk, generated inside the engine: no per-row round trips.
    const gen = `WITH RECURSIVE n(i) AS (SELECT ${lo} UNION ALL SELECT i + 1 FROM n WHERE i < ${hi - 1})
      SELECT ${startId} + i AS id, date('${from}', '+' || (i * ${days} / ${acts}) || ' days') AS d,
        ${STATIONS} + 1 + (i % ${STATIONS + SOCIAL}) - ${STATIONS} AS o FROM n`;
    await c.batch(
      [
        `INSERT INTO activities (id, organisation_id, organisation_kind, township_id, occurred_on, kind, idempotency_key, content_hash, write_nonce, created_at)
         SELECT g.id, g.o, org.kind, coalesce(org.township_id, g.id % ${TOWNSHIPS} + 1), g.d, 'home_visit', 'b' || g.id, '', '', 0
         FROM (${gen}) g JOIN organisations org ON org.id = g.o`,
        `INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
         SELECT a.id, (a.id * 7919) % ${RECIPIENTS} + 1, NULL, a.occurred_on, a.organisation_id, a.township_id FROM activities a WHERE a.id >= ${startId + lo} AND a.id < ${startId + hi}`,
        `INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
         SELECT a.id, NULL, ${STATIONS + SOCIAL} + 1 + a.id % ${HOMES}, a.occurred_on, a.organisation_id, a.township_id FROM activities a
         WHERE a.id >= ${startId + lo} AND a.id < ${startId + hi} AND a.id % 10 = 0`,
        `INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours, occurred_on, organisation_id, township_id, write_nonce, created_at)
         SELECT a.id, k.kind, CASE k.kind WHEN 'service' THEN 0 ELSE 10000 + a.id % 50000 END, NULL, NULL, NULL, NULL,
           CASE k.kind WHEN 'service' THEN 150 ELSE 0 END, a.occurred_on, a.organisation_id, a.township_id, '', 0
         FROM activities a, (SELECT 'cash' AS kind UNION ALL SELECT 'goods' UNION ALL SELECT 'service') k
         WHERE a.id >= ${startId + lo} AND a.id < ${startId + hi} ORDER BY a.id`,
      ],
      'write',
    );
  }
  return startId + acts;
}

async function build(total: number): Promise<{ database: Database; path: string; yearLines: number }> {
  const path = resolve(DIR, `ledger-${total}.db`);
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const database = await openDatabase(`file:${path}`);
  await migrateDatabase(database);
  await registry(database);
  const yearLines = total >= 1_000_000 ? YEAR_LINES_FIXED : Math.round(total / 10);
  const t0 = performance.now();
  const next = await fill(database, total - yearLines, '2017-01-01', `${YEAR}-01-01`, 1);
  await fill(database, yearLines, `${YEAR}-01-01`, `${YEAR + 1}-01-01`, next);
  await database.client.execute('ANALYZE');
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  const n = await database.client.execute('SELECT count(*) AS n FROM ledger_lines');
  log(
    `built ${Number(n.rows[0].n).toLocaleString('en')} lines (${yearLines.toLocaleString('en')} in ${YEAR}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { database, path, yearLines };
}

async function median(fn: () => Promise<unknown>, runs = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

async function time(database: Database) {
  const db = database.db;
  const st = factStatements(YEAR, ALL);
  // Floor: the same facts read from the ledger, visits and shifts, bare on the client (no drizzle, no folding, no names).
  const dialect = (db as unknown as { dialect: { sqlToQuery(s: unknown): { sql: string; params: unknown[] } } })
    .dialect;
  const raw = [st.reach, st.lines, st.sources, st.hours].map((q) => {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return { sql: text, args: params as never[] };
  });
  const floor = await median(() => database.client.batch(raw, 'read'));
  // The headline figures alone, as a plain aggregate (for scale).
  const headline = dialect.sqlToQuery(
    sql`SELECT kind, count(*), sum(amount_fen), sum(service_centihours) FROM ledger_lines WHERE ${yearRange(YEAR)} GROUP BY kind`,
  );
  const head = await median(() => database.client.execute({ sql: headline.sql, args: headline.params as never[] }));
  const summary = await median(() => annualSummary(db, YEAR, ALL));
  // The previous path, in the same run: the facts read row by row and folded in JavaScript (decision 0175).
  const groups: GroupKey[] = ['all', 'month', 'organisation', 'township'];
  const foldAll = async () => {
    const facts = await readFacts(db, YEAR, ALL);
    return Object.fromEntries(groups.map((g) => [g, foldMeasures(g, facts)]));
  };
  const fold = await median(foldAll);
  const counted = await median(() => measuresByGroup(db, YEAR, ALL));
  // Both paths must give the same figures here too, or the timings compare different work.
  const [a, b] = [await foldAll(), await measuresByGroup(db, YEAR, ALL)];
  for (const g of groups)
    if (JSON.stringify([...a[g]].sort()) !== JSON.stringify([...b[g]].sort()))
      throw new Error(`SQL counts differ from the fold in grouping ${g}`);
  log(
    `  measures: counted in SQL ${counted.toFixed(1)} ms · facts read and folded in JavaScript (previous path) ${fold.toFixed(1)} ms · ${(fold / counted).toFixed(1)}× faster`,
  );
  // Each fact statement alone, one after another, to see where the floor goes.
  const each: string[] = [];
  for (const [i, k] of ['reach', 'lines', 'sources', 'hours'].entries())
    each.push(`${k} ${(await median(() => database.client.execute(raw[i]), 3)).toFixed(1)} ms`);
  log(`  fact statements alone: ${each.join(' · ')}`);
  return { summary, floor, head };
}

async function pageBench(database: Database, size: number) {
  const config = loadConfig({ ...BENCH_KEYS, ...process.env, LOG_LEVEL: 'error' } as Record<string, string>);
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config,
    passwords: argon2Hasher,
    logger: createLogger('error'),
    cipher: cipherFor(config),
  });
  const user = await createUser(
    { db: database.db, passwords: argon2Hasher },
    { username: 'benchadmin', displayName: 'bench', password: 'correct horse battery', role: 'county_admin' },
    new Date(),
  );
  if (!user.ok) throw new Error('user');
  const token = await createSession(database.db, user.id, new Date());
  const hello = new Hono().get('/', (c) => c.text('hello'));
  const run = async (
    fetch: (r: Request) => Response | Promise<Response>,
    path: string,
    headers: Record<string, string>,
  ) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 10, duration: 10, headers });
    server.close();
    return result;
  };
  // In process, one request at a time: the first (computes the summary and draws the charts) and then the cached
  // page (the version check, the session and rendering), median of 50 — less at the mercy of a busy machine.
  const one = async () => {
    const t0 = performance.now();
    const res = await app.request(`http://localhost/reports/aid?year=${YEAR}`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    await res.text();
    if (res.status !== 200) throw new Error(`page answered ${res.status}`);
    return performance.now() - t0;
  };
  const cold = await one();
  const warm: number[] = [];
  for (let i = 0; i < 50; i++) warm.push(await one());
  warm.sort((a, b) => a - b);
  log(
    `${size.toLocaleString('en')}-line history, in process: first request ${cold.toFixed(1)} ms, cached page median ${warm[25].toFixed(1)} ms (max ${warm[49].toFixed(1)} ms)`,
  );
  const h = await run(hello.fetch, '/', {});
  const p = await run(app.fetch, `/reports/aid?year=${YEAR}`, { cookie: `${SESSION_COOKIE}=${token}` });
  if (p.non2xx) throw new Error(`page answered ${p.non2xx} non-2xx`);
  // Targets: p99 < 300 ms with the 100 k history, < 1 s with the 1 M one (the page is cached per ledger version).
  const target = size >= 1_000_000 ? 1000 : 300;
  log(
    `${size.toLocaleString('en')}-line history, autocannon -c 10 -d 10: hello-world ${h.requests.average.toFixed(0)} req/s (p50 ${h.latency.p50} ms); summary page ${p.requests.average.toFixed(0)} req/s (p50 ${p.latency.p50} ms, p99 ${p.latency.p99} ms; target p99 < ${target} ms: ${p.latency.p99 < target ? 'met' : 'NOT met'}; errors ${p.errors + p.timeouts})`,
  );
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  log(
    `# bench:report — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
  );
  const results: Record<number, { summary: number; floor: number; head: number; yearLines: number }> = {};
  const pageDbs: [number, Database][] = [];
  for (const size of SIZES) {
    const { database, yearLines } = await build(size);
    const r = await time(database);
    results[size] = { ...r, yearLines };
    log(
      `${size.toLocaleString('en')} lines: summary ${r.summary.toFixed(1)} ms · floor (bare SQL over the rows) ${r.floor.toFixed(1)} ms · ratio ${(r.summary / r.floor).toFixed(2)}× (target ≤ 1.5×) · headline-only aggregate ${r.head.toFixed(1)} ms`,
    );
    if (size <= 1_000_000) pageDbs.push([size, database]);
    else database.close();
  }
  if (results[1_000_000] && results[5_000_000]) {
    const k = results[5_000_000].summary / results[1_000_000].summary;
    log(
      `5 M vs 1 M history, same year size (${YEAR_LINES_FIXED.toLocaleString('en')} lines): ${k.toFixed(2)}× (target ≤ 1.3×)`,
    );
  }
  for (const [size, database] of pageDbs) {
    await pageBench(database, size);
    database.close();
  }
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1));
  log(
    `Load average when done (other engineers' tests and benches share these 2 cores: figures are noisy): ${load.join(' / ')}`,
  );
  writeFileSync(values.out ?? 'bench/results/report.txt', `${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
