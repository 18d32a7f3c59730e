import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bySource, emptyMeasures, type Measures, type SourceRow } from '../../domain/aid-summary.js';
import { FUNDING_SOURCES, UNSPECIFIED_SOURCE } from '../../domain/vocabulary.js';
import type { Scope } from '../../lib/scope.js';
import { factStatements, sourceFacts } from './facts.js';
import { measuresFromRows, measuresStatement } from './measures.js';

export { factStatements, yearRange } from './facts.js';

export interface AnnualSummary extends Measures {
  year: number;
  by_township: (Measures & { township_id: number | null; township: string | null })[];
  by_organisation: (Measures & { organisation_id: number; organisation: string; organisation_kind: string })[];
  by_month: (Measures & { month: string })[];
  by_funding_source: SourceRow[];
}

type Row = Record<string, unknown>;

/** Computes a year's annual summary within a scope (the whole county, a township, or an organisation). */
export async function annualSummary(db: Db, year: number, s: Scope): Promise<AnnualSummary> {
  // Counted in SQL (./measures.ts, decision 0210), the table by source from its own few rows, in one snapshot.
  const [counted, sourceRows] = (await db.batch([
    db.all(measuresStatement(year, s)),
    db.all(factStatements(year, s).sources),
  ])) as unknown as Row[][];
  const m = measuresFromRows(counted);
  const all = m.all.get('all') ?? emptyMeasures();
  const byMonth = m.month;
  const byOrg = m.organisation;
  const byTown = m.township;

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
    by_funding_source: bySource(sourceFacts(sourceRows), [...FUNDING_SOURCES, UNSPECIFIED_SOURCE]),
  };
}
