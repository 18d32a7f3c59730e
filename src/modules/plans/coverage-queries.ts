import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, recipients, villages } from '../../db/schema/index.js';
import { SERVICE_VISITOR_KINDS } from '../../domain/coverage.js';
import type { Scope } from '../../lib/scope.js';
import { activeAtHome, recipientsIn } from '../recipients/queries.js';
import { noOpenStationTask } from '../visits/tasks.js';
import { coveragePeriodOf } from './coverage-periods.js';

const serviceKinds = sql.join(
  SERVICE_VISITOR_KINDS.map((k) => sql`${k}`),
  sql`, `,
);

/**
 * Active home-supported households in scope with what the coverage rule reads: the last day an organisation or a
 * station met them (a 守望之家 care visit does not count) and their unresolved needs. Correlated per household, so
 * the cost follows the township's households, not the visits table. A household whose death or move is waiting for
 * the station (an open exit or transfer task) is no candidate and counts nowhere on the plan page.
 */
export function coverageHouseholds(db: Db, scope: Scope) {
  return db
    .select({
      id: recipients.id,
      name: recipients.name,
      careLevel: recipients.careLevel,
      createdAt: recipients.createdAt,
      village: villages.name,
      lastServiceVisit: sql<
        string | null
      >`(select max(v.visited_on) from visits v where v.recipient_id = "recipients"."id"
        and v.outcome = 'visited' and v.visitor_kind in (${serviceKinds}))`,
      openNeeds: sql<number>`(select count(*) from needs n where n.recipient_id = "recipients"."id" and n.status <> 'resolved')`,
    })
    .from(recipients)
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(recipientsIn(scope), activeAtHome, noOpenStationTask))
    .all();
}
export type CoverageHouseholdRow = Awaited<ReturnType<typeof coverageHouseholds>>[number];

/** A township's nursing homes with the last day a social organisation or a station named them on an activity. */
export function townshipNursingHomes(db: Db, townshipId: number) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      lastServiceVisit: sql<string | null>`(select max(t.occurred_on) from activity_targets t
        join organisations o on o.id = t.organisation_id
        where t.nursing_home_id = "organisations"."id" and o.kind in ('social_org', 'station'))`,
    })
    .from(organisations)
    .where(and(eq(organisations.kind, 'nursing_home'), eq(organisations.townshipId, townshipId)))
    .all();
}

/** Months per coverage period for a township: its own row, else the county's, else a quarter. */
export async function coverageMonths(db: Db, townshipId: number): Promise<number> {
  return (await coveragePeriodOf(db, townshipId)).months;
}
