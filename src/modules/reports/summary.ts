import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type ActivityCell,
  emptyMeasures,
  foldMeasures,
  type GroupKey,
  type LineCell,
  type Measures,
  type TargetCount,
} from '../../domain/aid-summary.js';
import type { Scope } from '../../lib/scope.js';
import { ledgerWhere } from '../ledger/policy.js';

export interface AnnualSummary extends Measures {
  year: number;
  by_township: (Measures & { township_id: number | null; township: string | null })[];
  by_organisation: (Measures & { organisation_id: number; organisation: string; organisation_kind: string })[];
  by_month: (Measures & { month: string })[];
}

/** The year as a half-open range on `occurred_on`, so every query reads one index range and nothing else. */
export function yearRange(year: number): SQL {
  return sql`occurred_on >= ${`${year}-01-01`} AND occurred_on < ${`${year + 1}-01-01`}`;
}

const GROUP_EXPR: Record<Exclude<GroupKey, 'all'>, string> = {
  month: 'substr(occurred_on, 1, 7)',
  organisation: 'organisation_id',
  township: "coalesce(township_id, '')",
};

/**
 * The summary computed from the ledger rows themselves: the benchmark runs these bare as the floor, and a test
 * checks the roll-up gives the same figures.
 */
export function summaryStatements(year: number, s: Scope) {
  const where = sql`${yearRange(year)} AND ${ledgerWhere(s)}`;
  const targets = (g: GroupKey) =>
    sql`SELECT ${sql.raw(g === 'all' ? "'all'" : `CAST(${GROUP_EXPR[g]} AS TEXT)`)} AS k,
      count(DISTINCT recipient_id) AS households, count(DISTINCT nursing_home_id) AS homes
      FROM activity_targets WHERE ${where}${sql.raw(g === 'all' ? '' : ' GROUP BY 1')}`;
  return {
    activities: sql`SELECT substr(occurred_on, 1, 7) AS month, organisation_id, organisation_kind, township_id, count(*) AS events
      FROM activities WHERE ${where} GROUP BY 1, 2, 3, 4`,
    lines: sql`SELECT substr(occurred_on, 1, 7) AS month, organisation_id, township_id,
      sum(CASE WHEN kind = 'cash' THEN amount_fen ELSE 0 END) AS cash,
      sum(CASE WHEN kind = 'goods' THEN amount_fen ELSE 0 END) AS goods,
      sum(service_centihours) AS centihours
      FROM ledger_lines WHERE ${where} GROUP BY 1, 2, 3`,
    targets: {
      all: targets('all'),
      month: targets('month'),
      organisation: targets('organisation'),
      township: targets('township'),
    },
  };
}

type Row = Record<string, unknown>;

/** The year's months from the roll-up (decision 0062): events and sums per (month, organisation, township). */
export function rollupStatement(year: number, s: Scope) {
  return sql`SELECT month, organisation_id, organisation_kind, nullif(township_id, 0) AS township_id, events,
      cash_fen AS cash, goods_fen AS goods, centihours
    FROM aid_monthly WHERE month >= ${`${year}-01`} AND month <= ${`${year}-12`} AND ${ledgerWhere(s)}`;
}

/** Computes a year's annual summary within a scope (the whole county, a township, or an organisation). */
export async function annualSummary(
  db: Db,
  year: number,
  s: Scope,
  source: 'rollup' | 'rows' = 'rollup',
): Promise<AnnualSummary> {
  const st = summaryStatements(year, s);
  const rollup = rollupStatement(year, s);
  const [acts, lines, tAll, tMonth, tOrg, tTown] = (await db.batch([
    db.all(source === 'rollup' ? rollup : st.activities),
    db.all(source === 'rollup' ? sql`SELECT 1 WHERE 0` : st.lines),
    db.all(st.targets.all),
    db.all(st.targets.month),
    db.all(st.targets.organisation),
    db.all(st.targets.township),
  ])) as unknown as Row[][];
  const actCells: ActivityCell[] = acts.map((r) => ({
    month: String(r.month),
    organisationId: Number(r.organisation_id),
    organisationKind: String(r.organisation_kind),
    townshipId: r.township_id === null ? null : Number(r.township_id),
    events: Number(r.events),
  }));
  const lineCells: LineCell[] = (source === 'rollup' ? acts : lines).map((r) => ({
    month: String(r.month),
    organisationId: Number(r.organisation_id),
    townshipId: r.township_id === null ? null : Number(r.township_id),
    cashFen: Number(r.cash),
    goodsFen: Number(r.goods),
    centihours: Number(r.centihours),
  }));
  const tmap = (rows: Row[]) =>
    new Map<string, TargetCount>(
      rows
        .filter((r) => r.k !== null)
        .map((r) => [String(r.k), { households: Number(r.households), nursingHomes: Number(r.homes) }]),
    );
  const all =
    foldMeasures('all', actCells, lineCells, tmap(tAll.filter((r) => Number(r.households) + Number(r.homes) > 0))).get(
      'all',
    ) ?? emptyMeasures();
  const byMonth = foldMeasures('month', actCells, lineCells, tmap(tMonth));
  const byOrg = foldMeasures('organisation', actCells, lineCells, tmap(tOrg));
  const byTown = foldMeasures('township', actCells, lineCells, tmap(tTown));

  const orgIds = [...byOrg.keys()].map(Number);
  const townIds = [...byTown.keys()].filter((k) => k !== '').map(Number);
  const orgNames = new Map<number, { name: string; kind: string }>();
  const townNames = new Map<number, string>();
  if (orgIds.length) {
    const rows = (await db.all(
      sql`SELECT id, name, kind FROM organisations WHERE id IN (${sql.join(
        orgIds.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    )) as Row[];
    for (const r of rows) orgNames.set(Number(r.id), { name: String(r.name), kind: String(r.kind) });
  }
  if (townIds.length) {
    const rows = (await db.all(
      sql`SELECT id, name FROM townships WHERE id IN (${sql.join(
        townIds.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    )) as Row[];
    for (const r of rows) townNames.set(Number(r.id), String(r.name));
  }
  return {
    year,
    ...all,
    by_township: [...byTown]
      .map(([k, m]) => ({
        township_id: k === '' ? null : Number(k),
        township: k === '' ? null : (townNames.get(Number(k)) ?? null),
        ...m,
      }))
      .sort((a, b) => (a.township_id ?? 1e9) - (b.township_id ?? 1e9)),
    by_organisation: [...byOrg]
      .map(([k, m]) => ({
        organisation_id: Number(k),
        organisation: orgNames.get(Number(k))?.name ?? '',
        organisation_kind: orgNames.get(Number(k))?.kind ?? '',
        ...m,
      }))
      .sort((a, b) => b.aid_total_fen - a.aid_total_fen || a.organisation_id - b.organisation_id),
    by_month: [...byMonth].map(([k, m]) => ({ month: k, ...m })).sort((a, b) => a.month.localeCompare(b.month)),
  };
}
