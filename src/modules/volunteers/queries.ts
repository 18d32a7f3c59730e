import { and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, townships, volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import { normaliseMobile } from '../../domain/mobile.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';

/** The volunteers inside a scope: a township's registered volunteers, an organisation's members. */
export function volunteersIn(scope: Scope): SQL {
  return scopeWhere(scope, {
    township: volunteers.townshipId,
    organisation: (id) =>
      inArray(
        volunteers.id,
        sql`(SELECT ${volunteerOrganisations.volunteerId} FROM ${volunteerOrganisations} WHERE ${volunteerOrganisations.organisationId} = ${id})`,
      ),
  });
}

/**
 * A search names a volunteer by name, by a whole mobile number (its keyed hash: the number is stored encrypted) or
 * by the digits the masked copy keeps (138****1234: the first three, the last four).
 */
export function listVolunteers({
  db,
  scope,
  query: q,
  cipher,
}: {
  db: Db;
  scope: Scope;
  query: { q?: string; status?: string };
  cipher: Pick<PersonalDataCipher, 'lookupHash'>;
}) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const whole = q.q ? normaliseMobile(q.q) : null;
  return db
    .select({ v: volunteers, township: townships.name })
    .from(volunteers)
    .leftJoin(townships, eq(townships.id, volunteers.townshipId))
    .where(
      and(
        volunteersIn(scope),
        q.status ? eq(volunteers.status, q.status as 'active') : undefined,
        like
          ? or(
              sql`${volunteers.name} LIKE ${like} ESCAPE '\\'`,
              sql`${volunteers.mobileMasked} LIKE ${like} ESCAPE '\\'`,
              whole ? eq(volunteers.mobileHash, cipher.lookupHash(whole)) : undefined,
            )
          : undefined,
      ),
    )
    .orderBy(asc(volunteers.status), asc(volunteers.name))
    .limit(200);
}

export type VolunteerRow = Awaited<ReturnType<typeof listVolunteers>>[number];

export function findVolunteer(db: Db, scope: Scope, id: number) {
  return db
    .select({ v: volunteers, township: townships.name })
    .from(volunteers)
    .leftJoin(townships, eq(townships.id, volunteers.townshipId))
    .where(and(eq(volunteers.id, id), volunteersIn(scope)))
    .get();
}

export function memberships(db: Db, volunteerId: number) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(volunteerOrganisations)
    .innerJoin(organisations, eq(organisations.id, volunteerOrganisations.organisationId))
    .where(eq(volunteerOrganisations.volunteerId, volunteerId));
}

/** Townships and the organisations a volunteer can join (social organisations and stations). */
export async function choices(db: Db, townshipId: number | null) {
  const [ts, orgs] = await Promise.all([
    db
      .select({ id: townships.id, name: townships.name })
      .from(townships)
      .where(townshipId ? eq(townships.id, townshipId) : undefined)
      .orderBy(asc(townships.id)),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(inArray(organisations.kind, ['social_org', 'station']), notWithdrawn))
      .orderBy(asc(organisations.kind), asc(organisations.name)),
  ]);
  return { townships: ts, organisations: orgs };
}

export type VolunteerChoices = Awaited<ReturnType<typeof choices>>;

// An organisation that left incubation takes no new volunteers (stations have no stage).
const notWithdrawn = or(isNull(organisations.incubationStage), ne(organisations.incubationStage, 'withdrawn'));

/** Whether volunteers can join this organisation: it must exist, be one they join, and not have withdrawn. */
export async function organisationStanding(db: Db, id: number): Promise<'ok' | 'missing' | 'withdrawn'> {
  const row = await db
    .select({ stage: organisations.incubationStage })
    .from(organisations)
    .where(and(eq(organisations.id, id), inArray(organisations.kind, ['social_org', 'station'])))
    .get();
  if (!row) return 'missing';
  return row.stage === 'withdrawn' ? 'withdrawn' : 'ok';
}

export function townshipExists(db: Db, id: number) {
  return db.select({ id: townships.id }).from(townships).where(eq(townships.id, id)).get();
}

/** The volunteers among these ids that lie in the scope (the caller compares counts: a missing one is a 404). */
export function volunteersByIds(db: Db, scope: Scope, ids: number[]) {
  return db
    .select()
    .from(volunteers)
    .where(and(inArray(volunteers.id, ids), volunteersIn(scope)))
    .orderBy(asc(volunteers.name), asc(volunteers.id));
}
