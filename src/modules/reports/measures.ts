import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { emptyMeasures, type GroupKey, type Measures } from '../../domain/aid-summary.js';
import type { Scope } from '../../lib/scope.js';
import { factRelations } from './facts.js';

/**
 * The summary's measures counted in SQL: the same facts as `readFacts` (decision 0175), counted as distinct sets
 * per grouping inside the engine, so a few hundred group rows cross into JavaScript instead of one row per target
 * (decision 0210). `foldMeasures` (src/domain/aid-summary.ts) stays the definition; test/unit/summary-sql.test.ts
 * checks on random years that this gives the same figures.
 */

// The key of each grouping as the fold writes it: 'all', the month, the organisation's id, the township's id or ''.
const GROUPINGS: [GroupKey, string][] = [
  ['all', "'all'"],
  ['month', 'month'],
  ['organisation', 'CAST(organisation_id AS TEXT)'],
  ['township', "coalesce(CAST(township_id AS TEXT), '')"],
];

// Each arm fills its own columns and zeros the others, so the rows of one group add up in JavaScript.
const COLUMNS = [
  'events',
  'households',
  'homes',
  'social',
  'stations',
  'cash',
  'goods',
  'centihours',
  'minutes',
  'volunteers',
];
const arms = (from: string, aggregates: Record<string, string>): string[] =>
  GROUPINGS.map(
    ([g, key]) =>
      `SELECT '${g}' AS g, ${key} AS k, ${COLUMNS.map((c) => `${aggregates[c] ?? '0'} AS ${c}`).join(', ')}
      FROM ${from} GROUP BY k`,
  );

const REACH = arms('r', {
  events: 'count(DISTINCT event)',
  households: "count(DISTINCT CASE WHEN target = 'household' THEN id END)",
  homes: "count(DISTINCT CASE WHEN target = 'nursing_home' THEN id END)",
  social: "count(DISTINCT CASE WHEN organisation_kind = 'social_org' THEN organisation_id END)",
  stations: "count(DISTINCT CASE WHEN organisation_kind = 'station' THEN organisation_id END)",
});
const LINES = arms('l', { cash: 'sum(cash)', goods: 'sum(goods)', centihours: 'sum(centihours)' });
const HOURS = arms('hr', { minutes: 'sum(minutes)', volunteers: 'count(DISTINCT volunteer_id)' });

/** One statement: the year's facts as materialized CTEs, then every grouping's counts and sums. */
export function measuresStatement(year: number, s: Scope): SQL {
  const f = factRelations(year, s);
  return sql`WITH ${f.countedVisits}, r AS MATERIALIZED (${f.reach}), l AS MATERIALIZED (${f.lineSums}),
    hr AS MATERIALIZED (${f.hours})
    ${sql.raw([...REACH, ...LINES, ...HOURS].join('\nUNION ALL '))}`;
}

export type MeasuresByGroup = Record<GroupKey, Map<string, Measures>>;

/** The measures of a year in a scope, per grouping, keyed as `foldMeasures` keys them. */
export async function measuresByGroup(db: Db, year: number, s: Scope): Promise<MeasuresByGroup> {
  return measuresFromRows(await db.all(measuresStatement(year, s)));
}

/** Adds up the statement's rows per group (each measure comes from one arm, the others are zero). */
export function measuresFromRows(rows: Record<string, unknown>[]): MeasuresByGroup {
  const sums = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const id = `${r.g}|${r.k}`;
    const acc = sums.get(id) ?? Object.fromEntries(COLUMNS.map((c) => [c, 0]));
    for (const c of COLUMNS) acc[c] += Number(r[c] ?? 0);
    sums.set(id, acc);
  }
  const out: MeasuresByGroup = { all: new Map(), month: new Map(), organisation: new Map(), township: new Map() };
  for (const [id, a] of sums) {
    const bar = id.indexOf('|');
    out[id.slice(0, bar) as GroupKey].set(id.slice(bar + 1), {
      ...emptyMeasures(),
      organisations_participating: a.social,
      stations_participating: a.stations,
      nursing_homes_visited: a.homes,
      households_visited: a.households,
      assistance_events: a.events,
      cash_fen: a.cash,
      goods_value_fen: a.goods,
      aid_total_fen: a.cash + a.goods,
      service_hours: a.centihours / 100,
      // As the fold: minutes to hours with two decimals, rounded once per group.
      volunteer_hours: Math.round((a.minutes * 100) / 60) / 100,
      volunteers_serving: a.volunteers,
    });
  }
  return out;
}
