import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { coveragePeriods, townships } from '../../db/schema/index.js';
import { coverageMonthsFor, DEFAULT_COVERAGE_MONTHS } from '../../domain/coverage.js';
import { auditInsert } from '../../lib/audit.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';

/** Where the period that applies to a township comes from. */
export type PeriodSource = 'township' | 'county' | 'default';

/** The period that applies to a township and who set it: its own row, else the county's, else a quarter. */
export async function coveragePeriodOf(db: Db, townshipId: number): Promise<{ months: number; source: PeriodSource }> {
  const rows = await db
    .select({ townshipId: coveragePeriods.townshipId, months: coveragePeriods.months })
    .from(coveragePeriods)
    .where(sql`${coveragePeriods.townshipId} = ${townshipId} or ${coveragePeriods.townshipId} is null`);
  const source = rows.some((r) => r.townshipId === townshipId)
    ? 'township'
    : rows.some((r) => r.townshipId === null)
      ? 'county'
      : 'default';
  return { months: coverageMonthsFor(rows, townshipId), source };
}

/** The county's setting and, for each township in scope, its own setting and the period that applies. */
export async function coverageSettings(db: Db, scope: Scope) {
  const [rows, places] = await Promise.all([
    db.select({ townshipId: coveragePeriods.townshipId, months: coveragePeriods.months }).from(coveragePeriods),
    db
      .select({ id: townships.id, name: townships.name })
      .from(townships)
      .where(scopeWhere(scope, { township: townships.id }))
      .orderBy(asc(townships.id)),
  ]);
  const county = rows.find((r) => r.townshipId === null)?.months ?? null;
  return {
    county,
    countyApplies: county ?? DEFAULT_COVERAGE_MONTHS,
    townships: places.map((p) => ({
      ...p,
      own: rows.find((r) => r.townshipId === p.id)?.months ?? null,
      applies: coverageMonthsFor(rows, p.id),
    })),
  };
}
export type CoverageSettings = Awaited<ReturnType<typeof coverageSettings>>;

/**
 * Sets the period for the county (township null) or one township in scope, or clears a township's own setting
 * (months null: it follows the county again), audited in the same batch. A township out of scope is not found.
 */
export async function setCoveragePeriod(p: {
  db: Db;
  now: Date;
  actorUserId: number | null;
  scope: Scope;
  townshipId: number | null;
  months: number | null;
}): Promise<'ok' | 'not_found'> {
  const { db, now, townshipId, months } = p;
  if (townshipId !== null) {
    const found = await db
      .select({ id: townships.id })
      .from(townships)
      .where(sql`${townships.id} = ${townshipId} and ${scopeWhere(p.scope, { township: townships.id })}`)
      .get();
    if (!found) return 'not_found';
  }
  const same =
    townshipId === null ? sql`${coveragePeriods.townshipId} is null` : eq(coveragePeriods.townshipId, townshipId);
  const audit = auditInsert(
    db,
    {
      actorUserId: p.actorUserId,
      action: 'update',
      entity: 'coverage_periods',
      entityId: townshipId,
      changes: { months },
    },
    now,
  );
  const write = months === null ? [] : [db.insert(coveragePeriods).values({ townshipId, months, updatedAt: now })];
  await db.batch([db.delete(coveragePeriods).where(same), ...write, audit]);
  return 'ok';
}
