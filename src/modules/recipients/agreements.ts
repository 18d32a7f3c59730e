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
 * covering index, the rule named once (`agreementStatusSql`) in a subquery. SQLite flattens it, so each sum
 * evaluates the rule: slower than the old single count (bench/results/agreements.txt, decision 0195).
 */
export async function agreementTallies(ctx: { db: Db; scope: Scope; today: string }): Promise<AgreementTally[]> {
  const { db } = ctx;
  const perRow = db
    .select({ townshipId: recipients.townshipId, status: agreementStatusSql(ctx.today).as('status') })
    .from(recipients)
    .where(and(recipientsIn(ctx.scope), eq(recipients.status, 'active')))
    .as('per_row');
  const count = (s: string) => sql<number>`coalesce(sum(${perRow.status} = ${s}), 0)`;
  const rows = await db
    .select({
      townshipId: perRow.townshipId,
      township: townships.name,
      active: sql<number>`count(*)`,
      ok: count('ok'),
      missing: count('missing'),
      expired: count('expired'),
      mismatch: count('mismatch'),
    })
    .from(perRow)
    .innerJoin(townships, eq(townships.id, perRow.townshipId))
    .groupBy(perRow.townshipId)
    .orderBy(asc(perRow.townshipId));
  return rows.map((r) => ({
    ...r,
    active: Number(r.active),
    ok: Number(r.ok),
    missing: Number(r.missing),
    expired: Number(r.expired),
    mismatch: Number(r.mismatch),
  }));
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
