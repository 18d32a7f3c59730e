/**
 * Province-shaped datasets for bench:scale, generated inside SQLite with recursive CTEs (one statement per
 * table per chunk, no per-row round trips). A "county" is the seed's Xiangtan: 17 townships, each with a
 * station, 46 social organisations and 22 nursing homes per county, recipients and volunteers spread evenly
 * over the townships, ledger activities of the township's station or a social organisation of its county, visit
 * records of every home-supported recipient (weekly, the latest ones missing for one in five: the overdue), and
 * the coming service days' station shifts with a few volunteers of the township signed up on each.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/client.js';

export interface Shape {
  counties: number;
  recipients: number;
  volunteers: number;
  ledgerLines: number;
  visits: number;
}

export const TOWNSHIPS_PER_COUNTY = 17;
const SOCIAL_PER_COUNTY = 46;
const HOMES_PER_COUNTY = 22;
export const FIRST_YEAR = 2017;
export const LAST_YEAR = 2026;

const seq = (lo: number, hi: number) =>
  `WITH RECURSIVE n(i) AS (SELECT ${lo} UNION ALL SELECT i + 1 FROM n WHERE i < ${hi})`;

/** Runs `make(lo, hi)` over [1, total] in chunks, each chunk one write batch. */
async function chunked(db: Database, total: number, size: number, make: (lo: number, hi: number) => string[]) {
  for (let lo = 1; lo <= total; lo += size) {
    await db.client.batch(make(lo, Math.min(total, lo + size - 1)), 'write');
  }
}

export async function buildDataset(path: string, s: Shape): Promise<{ database: Database; seconds: number }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const database = await openDatabase(`file:${path}`);
  await migrateDatabase(database);
  const t0 = performance.now();
  const T = s.counties * TOWNSHIPS_PER_COUNTY;
  const S = s.counties * SOCIAL_PER_COUNTY;
  const H = s.counties * HOMES_PER_COUNTY;
  const c = database.client;
  // Township t belongs to county (t-1)/17. Organisation ids: stations 1..T (station t serves township t),
  // social organisations T+1..T+S (every third county-wide), nursing homes after them.
  await c.batch(
    [
      `${seq(1, T)} INSERT INTO townships (id, name, created_at) SELECT i, '县' || ((i - 1) / ${TOWNSHIPS_PER_COUNTY} + 1) || '乡' || i, 0 FROM n`,
      `${seq(1, T)} INSERT INTO organisations (id, name, kind, township_id, created_at, updated_at) SELECT i, '服务站' || i, 'station', i, 0, 0 FROM n`,
      `${seq(1, S)} INSERT INTO organisations (id, name, kind, township_id, created_at, updated_at)
        SELECT ${T} + i, '社会组织' || i, 'social_org',
          CASE WHEN i % 3 = 0 THEN NULL ELSE ((i - 1) / ${SOCIAL_PER_COUNTY}) * ${TOWNSHIPS_PER_COUNTY} + i % ${TOWNSHIPS_PER_COUNTY} + 1 END, 0, 0 FROM n`,
      `${seq(1, H)} INSERT INTO organisations (id, name, kind, township_id, created_at, updated_at)
        SELECT ${T + S} + i, '敬老院' || i, 'nursing_home', ((i - 1) / ${HOMES_PER_COUNTY}) * ${TOWNSHIPS_PER_COUNTY} + i % ${TOWNSHIPS_PER_COUNTY} + 1, 0, 0 FROM n`,
    ],
    'write',
  );
  // Recipient r lives in township (r-1) % T + 1; names from common surnames and given names (searchable).
  await chunked(database, s.recipients, 200_000, (lo, hi) => [
    `${seq(lo, hi)} INSERT INTO recipients (id, name, id_number_enc, id_number_hash, id_number_masked, key_version, gender, township_id, support_mode, care_level, created_at, updated_at)
      SELECT i, substr('王李张刘陈杨黄赵吴周徐孙马朱胡', i % 15 + 1, 1) || substr('秀桂玉建德明春国金兰英珍华芳', (i / 15) % 14 + 1, 1) || substr('英兰珍华明芳', (i / 210) % 6 + 1, 1),
        'v1:x:x', 'h' || i, '430321********' || substr('000' || i, -4), 1, CASE WHEN i % 2 THEN 'M' ELSE 'F' END,
        (i - 1) % ${T} + 1, CASE WHEN i % 10 = 0 THEN 'institution' ELSE 'home' END, 'self', 0, 0 FROM n`,
  ]);
  await chunked(database, s.volunteers, 200_000, (lo, hi) => [
    // Mobiles stand in as placeholders in the stored shape (like the recipients' 'v1:x:x'): nothing here decrypts them.
    `${seq(lo, hi)} INSERT INTO volunteers (id, name, mobile_enc, mobile_hash, mobile_masked, key_version, township_id, created_at, updated_at)
      SELECT i, '志愿者' || i, 'v1:x:x', 'm' || i, '130****' || substr('0000' || i, -4), 1, (i - 1) % ${T} + 1, 0, 0 FROM n`,
  ]);
  // Activities spread evenly over ten years in date order; 3 lines each (cash, goods, service); one recipient of the
  // township targeted, every tenth activity also a nursing home of the county.
  const acts = Math.floor(s.ledgerLines / 3);
  const span = Math.round((Date.parse(`${LAST_YEAR + 1}-01-01`) - Date.parse(`${FIRST_YEAR}-01-01`)) / 86_400_000);
  const perTownship = Math.max(1, Math.floor(s.recipients / T));
  await chunked(database, acts, 150_000, (lo, hi) => [
    `${seq(lo, hi)} INSERT INTO activities (id, organisation_id, organisation_kind, township_id, occurred_on, kind, idempotency_key, content_hash, write_nonce, created_at)
      SELECT i, CASE WHEN i % 3 = 0 THEN ${T} + ((i - 1) % ${T}) / ${TOWNSHIPS_PER_COUNTY} * ${SOCIAL_PER_COUNTY} + i % ${SOCIAL_PER_COUNTY} + 1 ELSE (i - 1) % ${T} + 1 END,
        CASE WHEN i % 3 = 0 THEN 'social_org' ELSE 'station' END, (i - 1) % ${T} + 1,
        date('${FIRST_YEAR}-01-01', '+' || ((i - 1) * ${span} / ${acts}) || ' days'), 'home_visit', 'b' || i, '', '', 0 FROM n`,
    `INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
      SELECT a.id, a.township_id + ${T} * ((a.id * 7919) % ${perTownship}), NULL, a.occurred_on, a.organisation_id, a.township_id
      FROM activities a WHERE a.id BETWEEN ${lo} AND ${hi}`,
    `INSERT INTO activity_targets (activity_id, recipient_id, nursing_home_id, occurred_on, organisation_id, township_id)
      SELECT a.id, NULL, ${T + S} + (a.township_id - 1) / ${TOWNSHIPS_PER_COUNTY} * ${HOMES_PER_COUNTY} + a.id % ${HOMES_PER_COUNTY} + 1, a.occurred_on, a.organisation_id, a.township_id
      FROM activities a WHERE a.id BETWEEN ${lo} AND ${hi} AND a.id % 10 = 0`,
    `INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours, occurred_on, organisation_id, township_id, write_nonce, created_at)
      SELECT a.id, k.kind, CASE k.kind WHEN 'service' THEN 0 ELSE 10000 + a.id % 50000 END, NULL, NULL, NULL, NULL,
        CASE k.kind WHEN 'service' THEN 150 ELSE 0 END, a.occurred_on, a.organisation_id, a.township_id, '', 0
      FROM activities a, (SELECT 'cash' AS kind UNION ALL SELECT 'goods' UNION ALL SELECT 'service') k
      WHERE a.id BETWEEN ${lo} AND ${hi} ORDER BY a.id`,
  ]);
  // Visits: the same number for every home-supported recipient (ids not divisible by 10), a week apart, back from
  // the day before the bench's "today"; one recipient in five skipped its last two weeks (overdue), one visit in 13
  // found nobody at home (not counted towards the cadence).
  const homes = s.recipients - Math.floor(s.recipients / 10);
  const perHome = Math.max(1, Math.round(s.visits / homes));
  await chunked(database, s.recipients, 20_000, (lo, hi) => [
    `WITH RECURSIVE n(i) AS (SELECT ${lo} UNION ALL SELECT i + 1 FROM n WHERE i < ${hi}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${perHome - 1})
      INSERT INTO visits (recipient_id, visited_on, kind, visitor_kind, volunteer_ids, outcome, created_at)
      SELECT i, date('${LAST_YEAR}-11-27', '-' || (j * 7 + i % 7 + CASE WHEN i % 5 = 0 THEN 14 ELSE 0 END) || ' days'), 'home_visit', 'station_worker', '[]',
        CASE WHEN (i + j) % 13 = 0 THEN 'not_home' ELSE 'visited' END, 0
      FROM n, k WHERE i % 10 <> 0 ORDER BY i, j`,
  ]);
  // Shifts: each station's morning and afternoon on the next two months' 24th (4 a township), capacity 10, with the
  // township's first five volunteers confirmed on each.
  const days = [`${LAST_YEAR}-12-24`, `${LAST_YEAR + 1}-01-24`];
  const slots = [
    ['08:30', '12:00'],
    ['14:00', '17:30'],
  ];
  const kinds = days.flatMap((d) => slots.map(([a, b]) => [d, a, b] as const));
  await c.batch(
    kinds.map(
      ([
        d,
        a,
        b,
      ]) => `${seq(1, T)} INSERT INTO shifts (organisation_id, township_id, title, date, start_time, end_time, starts_at, ends_at, capacity, created_at, updated_at)
      SELECT i, i, '入户走访', '${d}', '${a}', '${b}', ${Date.parse(`${d}T${a}:00+08:00`)}, ${Date.parse(`${d}T${b}:00+08:00`)}, 10, 0, 0 FROM n`,
    ),
    'write',
  );
  await c.execute(`WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 4)
    INSERT INTO shift_signups (shift_id, volunteer_id, status, position, created_at, updated_at)
    SELECT x.id, x.township_id + ${T} * k.j, 'confirmed', k.j + 1, 0, 0 FROM shifts x, k WHERE x.township_id + ${T} * k.j <= ${s.volunteers}`);
  await c.execute('ANALYZE');
  await c.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  return { database, seconds: (performance.now() - t0) / 1000 };
}
