import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { incubationEvents, organisations, townships, volunteerOrganisations } from '../../db/schema/index.js';
import type { listQuery } from './schema.js';

export type OrganisationRecord = typeof organisations.$inferSelect;
export type IncubationEventRow = typeof incubationEvents.$inferSelect;

export function listOrganisations(db: Db, q: z.infer<typeof listQuery>) {
  return db
    .select({
      o: organisations,
      township: townships.name,
      volunteers: sql<number>`(SELECT count(*) FROM volunteer_organisations vo WHERE vo.organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .leftJoin(townships, eq(townships.id, organisations.townshipId))
    .where(
      and(
        q.kind ? eq(organisations.kind, q.kind) : undefined,
        q.q ? sql`${organisations.name} LIKE ${`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

export type OrganisationRow = Awaited<ReturnType<typeof listOrganisations>>[number];

export function findOrganisation(db: Db, id: number) {
  return db
    .select({ o: organisations, township: townships.name })
    .from(organisations)
    .leftJoin(townships, eq(townships.id, organisations.townshipId))
    .where(eq(organisations.id, id))
    .get();
}

export function stageHistory(db: Db, id: number) {
  return db
    .select()
    .from(incubationEvents)
    .where(eq(incubationEvents.organisationId, id))
    .orderBy(desc(incubationEvents.on), desc(incubationEvents.id));
}

export function volunteerCount(db: Db, id: number) {
  return db.$count(volunteerOrganisations, eq(volunteerOrganisations.organisationId, id));
}

/** Social organisations admitted per year (by their year of admission), oldest first. */
/**
 * The dates social organisations entered incubation (their first 入驻孵化 record), and the year of the first
 * application on record, so that intake can list every year since.
 */
export async function admissions(db: Db) {
  const [entered, first] = await Promise.all([
    db
      .select({ on: sql<string>`min(${incubationEvents.on})` })
      .from(incubationEvents)
      .innerJoin(organisations, eq(organisations.id, incubationEvents.organisationId))
      .where(and(eq(organisations.kind, 'social_org'), eq(incubationEvents.stage, 'incubating')))
      .groupBy(incubationEvents.organisationId),
    db
      .select({ on: sql<string | null>`min(${incubationEvents.on})` })
      .from(incubationEvents)
      .get(),
  ]);
  return { admittedOn: entered.map((r) => r.on), firstYear: first?.on ? Number(first.on.slice(0, 4)) : null };
}

/** The organisation's current stage and the date of its latest stage change. */
export async function lastStage(db: Db, id: number) {
  return db
    .select({
      stage: organisations.incubationStage,
      on: sql<
        string | null
      >`(SELECT max(e."on") FROM incubation_events e WHERE e.organisation_id = "organisations"."id")`,
    })
    .from(organisations)
    .where(eq(organisations.id, id))
    .get();
}
