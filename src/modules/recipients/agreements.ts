import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countySettings, recipients, townships } from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import type { Scope } from '../../lib/scope.js';
import { agreementStatusSql } from './agreement-sql.js';
import { recipientsIn } from './queries.js';

/** One township's care agreements among its active recipients, each counted by the one status rule. */
export interface AgreementTally {
  townshipId: number;
  township: string;
  active: number;
  ok: number;
  missing: number;
  expired: number;
  mismatch: number;
}

/** The county's default agreement term in years, or null: agreements entered without an end date never expire. */
export async function agreementTerm(db: Db): Promise<number | null> {
  const row = await db
    .select({ years: countySettings.agreementTermYears })
    .from(countySettings)
    .where(eq(countySettings.id, 1))
    .get();
  return row?.years ?? null;
}

/** Sets (or clears, with null) the county's default term, audited in the same batch. */
export async function setAgreementTerm(ctx: { db: Db; now: Date; actorUserId: number; termYears: number | null }) {
  const { db, now } = ctx;
  const from = await agreementTerm(db);
  await db.batch([
    db
      .insert(countySettings)
      .values({ id: 1, agreementTermYears: ctx.termYears, updatedAt: now })
      .onConflictDoUpdate({ target: countySettings.id, set: { agreementTermYears: ctx.termYears, updatedAt: now } }),
    auditInsert(
      db,
      {
        actorUserId: ctx.actorUserId,
        action: 'update',
        entity: 'county_settings',
        entityId: '1',
        changes: { agreementTermYears: { from, to: ctx.termYears } },
      },
      now,
    ),
  ]);
}

/**
 * Per township of the scope, the active recipients' agreements by status today: one pass over the dashboard's
 * covering index grouped by township and status, so the rule (`agreementStatusSql`, named once) is evaluated once
 * per row; at most four rows per township reach JavaScript. (Four conditional sums over a flattened subquery
 * evaluated the rule four times per row: decision 0195's figures.)
 */
export async function agreementTallies(ctx: { db: Db; scope: Scope; today: string }): Promise<AgreementTally[]> {
  const { db } = ctx;
  const groups = await db
    .select({
      townshipId: recipients.townshipId,
      township: townships.name,
      status: agreementStatusSql(ctx.today),
      n: sql<number>`count(*)`,
    })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .where(and(recipientsIn(ctx.scope), eq(recipients.status, 'active')))
    // The third result column: the status as computed for the row, not the CASE written out again.
    .groupBy(recipients.townshipId, sql.raw('3'))
    .orderBy(asc(recipients.townshipId));
  const byTownship = new Map<number, AgreementTally>();
  for (const g of groups) {
    const id = g.townshipId!;
    let tally = byTownship.get(id);
    if (!tally) {
      tally = { townshipId: id, township: g.township, active: 0, ok: 0, missing: 0, expired: 0, mismatch: 0 };
      byTownship.set(id, tally);
    }
    tally[g.status] += Number(g.n);
    tally.active += Number(g.n);
  }
  return [...byTownship.values()];
}

/** The tallies added up, for the dashboard's cards and the table's total row. */
export function totalOf(rows: AgreementTally[]): Omit<AgreementTally, 'townshipId' | 'township'> {
  const sum = (k: 'active' | 'ok' | 'missing' | 'expired' | 'mismatch') => rows.reduce((n, r) => n + r[k], 0);
  return {
    active: sum('active'),
    ok: sum('ok'),
    missing: sum('missing'),
    expired: sum('expired'),
    mismatch: sum('mismatch'),
  };
}
