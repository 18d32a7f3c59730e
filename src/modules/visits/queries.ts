import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { CARE_LEVELS, cadenceRules, needs, recipients, townships, villages } from '../../db/schema/index.js';
import { type CadenceRules, DEFAULT_CADENCE } from '../../domain/cadence.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { Scope } from '../../lib/scope.js';
import { activeAtHome, recipientsIn } from '../recipients/queries.js';

/** The county's cadence rules; a level missing from the table falls back to the seed's default. */
export async function loadCadenceRules(db: Db): Promise<CadenceRules> {
  const rows = await db.select().from(cadenceRules).all();
  const rules = { ...DEFAULT_CADENCE };
  for (const r of rows) if (CARE_LEVELS.includes(r.careLevel)) rules[r.careLevel] = r.intervalDays;
  return rules;
}

/**
 * Active home-supported recipients in scope with their last counted visit. The last visit is a correlated
 * `max()` per recipient, answered from the (recipient, outcome, date) index: the cost follows the recipients
 * listed, not the visits table (20 M rows at province size, bench:scale).
 */
export function homeRecipientsWithLastVisit(db: Db, scope: Scope, townshipId?: number) {
  return db
    .select({
      id: recipients.id,
      name: recipients.name,
      careLevel: recipients.careLevel,
      createdAt: recipients.createdAt,
      village: villages.name,
      township: townships.name,
      lastVisit: sql<
        string | null
      >`(select max(v.visited_on) from visits v where v.recipient_id = ${recipients.id} and v.outcome = 'visited')`,
      task: sql<
        'exit' | 'transfer' | null
      >`(select t.kind from station_tasks t where t.recipient_id = "recipients"."id" and t.status = 'open' order by t.id desc limit 1)`,
    })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(recipientsIn(scope), activeAtHome, townshipId ? eq(recipients.townshipId, townshipId) : undefined))
    .all();
}
export type HomeRecipientRow = Awaited<ReturnType<typeof homeRecipientsWithLastVisit>>[number];

/** One recipient, only when the viewer's scope holds it. */
export function findRecipientInScope(db: Db, scope: Scope, id: number) {
  return db
    .select({
      id: recipients.id,
      name: recipients.name,
      careLevel: recipients.careLevel,
      village: villages.name,
      township: townships.name,
      townshipId: recipients.townshipId,
    })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(recipientsIn(scope), eq(recipients.id, id)))
    .get();
}

export function listNeeds(db: Db, scope: Scope) {
  return db
    .select({
      id: needs.id,
      recipientId: needs.recipientId,
      recipient: recipients.name,
      township: townships.name,
      village: villages.name,
      category: needs.category,
      urgency: needs.urgency,
      text: needs.text,
      status: needs.status,
      openedOn: needs.openedOn,
      assignedOn: needs.assignedOn,
      resolvedOn: needs.resolvedOn,
      assignee: needs.assignee,
      resolution: needs.resolution,
    })
    .from(needs)
    .innerJoin(recipients, eq(recipients.id, needs.recipientId))
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(recipientsIn(scope))
    .orderBy(desc(sql`${needs.urgency} = 'urgent'`), asc(needs.openedOn), asc(needs.id))
    .all();
}
export type NeedRow = Awaited<ReturnType<typeof listNeeds>>[number];

/** Ids of the needs whose recipient is in scope: moves on a need are conditional on it. */
export function needsInScope(db: Db, scope: Scope, also?: SQL) {
  return db
    .select({ id: needs.id })
    .from(needs)
    .innerJoin(recipients, eq(recipients.id, needs.recipientId))
    .where(and(recipientsIn(scope), also));
}

/** A recipient's caregiver mobile in clear, for an audited call; null when none is on file. */
export async function caregiverMobileOf(
  db: Db,
  cipher: PersonalDataCipher,
  recipientId: number,
): Promise<string | null> {
  const [row] = await db
    .select({ enc: recipients.caregiverMobileEnc })
    .from(recipients)
    .where(eq(recipients.id, recipientId));
  return row?.enc ? cipher.decrypt(row.enc) : null;
}
