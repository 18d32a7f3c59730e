import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  careUnitHouseholds,
  careUnitMembers,
  careUnitVillages,
  organisations,
  recipients,
  townships,
  users,
  villages,
} from '../../db/schema/index.js';
import type { VisitOutcome } from '../../domain/vocabulary.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { townshipChoices } from '../places/queries.js';
import { activeAtHome, recipientsIn } from '../recipients/queries.js';
import { unitCovers } from './coverage.js';

/** The 守望之家 inside a scope, as a where-clause on `organisations`. */
export function unitsIn(scope: Scope): SQL {
  return and(
    eq(organisations.kind, 'care_unit'),
    scopeWhere(scope, { township: organisations.townshipId, unit: (id) => sql`${organisations.id} = ${id}` }),
  ) as SQL;
}

/** Active households a unit covers, counted by the same rule its members' scope uses. */
const householdCount = sql<number>`(SELECT count(*) FROM recipients r WHERE r.status = 'active' AND ${unitCovers(
  sql`"organisations"."id"`,
  { id: sql`r.id`, villageId: sql`r.village_id`, supportMode: sql`r.support_mode` },
)})`;

export function listUnits(db: Db, scope: Scope) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      township: townships.name,
      contactName: organisations.contactName,
      villages: sql<
        string | null
      >`(SELECT group_concat(v.name, '、') FROM care_unit_villages cv JOIN villages v ON v.id = cv.village_id WHERE cv.unit_id = "organisations"."id")`,
      members: sql<number>`(SELECT count(*) FROM care_unit_members m WHERE m.unit_id = "organisations"."id")`,
      households: householdCount,
    })
    .from(organisations)
    .leftJoin(townships, eq(townships.id, organisations.townshipId))
    .where(unitsIn(scope))
    .orderBy(asc(organisations.townshipId), asc(organisations.name), asc(organisations.id))
    .all();
}
export type UnitListRow = Awaited<ReturnType<typeof listUnits>>[number];

/** One unit, only when the viewer's scope holds it. */
export function findUnit(db: Db, scope: Scope, id: number) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      townshipId: organisations.townshipId,
      township: townships.name,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
      households: householdCount,
    })
    .from(organisations)
    .leftJoin(townships, eq(townships.id, organisations.townshipId))
    .where(and(unitsIn(scope), eq(organisations.id, id)))
    .get();
}
export type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnit>>>;

export async function unitVillageIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await db.select().from(careUnitVillages).where(eq(careUnitVillages.unitId, unitId));
  return rows.map((r) => r.villageId);
}

/** The villages of a township, to choose a unit's from. */
export function villagesOf(db: Db, townshipIds: number[]) {
  return db
    .select({ id: villages.id, name: villages.name, townshipId: villages.townshipId })
    .from(villages)
    .where(inArray(villages.townshipId, townshipIds))
    .orderBy(asc(villages.townshipId), asc(villages.id))
    .all();
}

export function membersOf(db: Db, unitId: number) {
  return db
    .select({
      id: careUnitMembers.id,
      name: careUnitMembers.name,
      memberRole: careUnitMembers.memberRole,
      mobile: careUnitMembers.mobile,
      username: users.username,
      // The mark of a login made for activation: disabled at the instant it was made (decision 0140).
      login: sql<MemberLoginState>`CASE WHEN ${users.id} IS NULL THEN 'none' WHEN ${users.disabledAt} IS NULL THEN 'active'
        WHEN ${users.disabledAt} = ${users.createdAt} THEN 'pending' ELSE 'disabled' END`,
    })
    .from(careUnitMembers)
    .leftJoin(users, eq(users.id, careUnitMembers.userId))
    .where(eq(careUnitMembers.unitId, unitId))
    .orderBy(asc(careUnitMembers.id))
    .all();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];
export type MemberLoginState = 'none' | 'pending' | 'active' | 'disabled';

/** Members of one unit by id (the unit already found in the viewer's Scope); ids of another unit are not found. */
export function membersByIds(db: Db, unitId: number, ids: number[]) {
  return db
    .select()
    .from(careUnitMembers)
    .where(and(eq(careUnitMembers.unitId, unitId), inArray(careUnitMembers.id, ids)))
    .orderBy(asc(careUnitMembers.id))
    .all();
}

/** The member record behind a care_member login. */
export function memberOfUser(db: Db, userId: number) {
  return db.select().from(careUnitMembers).where(eq(careUnitMembers.userId, userId)).get();
}

/**
 * The active home-supported households of a unit's villages and those assigned to it, each with whether the unit
 * covers it, the unit it is assigned to (if any) and whether its village is shared with another unit.
 */
export function householdsOfUnit(db: Db, unitId: number) {
  return db
    .select({
      id: recipients.id,
      name: recipients.name,
      idNumberMasked: recipients.idNumberMasked,
      village: villages.name,
      careLevel: recipients.careLevel,
      covered: sql<number>`${unitCovers(unitId)}`,
      assignedTo: careUnitHouseholds.unitId,
      assignedName: organisations.name,
      shared: sql<number>`(SELECT count(*) FROM care_unit_villages s WHERE s.village_id = ${recipients.villageId} AND s.unit_id <> ${unitId}) > 0`,
    })
    .from(recipients)
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .leftJoin(careUnitHouseholds, eq(careUnitHouseholds.recipientId, recipients.id))
    .leftJoin(organisations, eq(organisations.id, careUnitHouseholds.unitId))
    .where(
      and(
        activeAtHome,
        sql`(${recipients.villageId} IN (SELECT village_id FROM care_unit_villages WHERE unit_id = ${unitId}) OR ${careUnitHouseholds.unitId} = ${unitId})`,
      ),
    )
    .orderBy(asc(recipients.villageId), asc(recipients.name), asc(recipients.id))
    .all();
}
export type UnitHouseholdRow = Awaited<ReturnType<typeof householdsOfUnit>>[number];

/**
 * A member's households (their unit's scope) with only what the day's visit needs: name, village, care level, the
 * last counted visit, today's outcome by the unit, whether a caregiver's number is on file (never the number).
 */
export function captureHouseholds({
  db,
  scope,
  unitId,
  on,
  only,
}: {
  db: Db;
  scope: Scope;
  unitId: number;
  on: string;
  /** One household only (the row a tap answers with). */
  only?: number;
}) {
  return db
    .select({
      id: recipients.id,
      name: recipients.name,
      village: villages.name,
      careLevel: recipients.careLevel,
      createdAt: recipients.createdAt,
      lastVisit: sql<
        string | null
      >`(SELECT max(v.visited_on) FROM visits v WHERE v.recipient_id = "recipients"."id" AND v.outcome = 'visited' AND v.visited_on < ${on})`,
      recorded: sql<VisitOutcome | null>`(SELECT v.outcome FROM visits v WHERE v.recipient_id = "recipients"."id" AND v.visited_on = ${on} AND v.organisation_id = ${unitId})`,
      hasCaregiver: sql<number>`${recipients.caregiverMobileEnc} IS NOT NULL`,
    })
    .from(recipients)
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(
      and(
        recipientsIn(scope),
        eq(recipients.status, 'active'),
        only === undefined ? undefined : eq(recipients.id, only),
      ),
    )
    .orderBy(asc(recipients.villageId), asc(recipients.name), asc(recipients.id))
    .all();
}
export type CaptureRow = Awaited<ReturnType<typeof captureHouseholds>>[number];

/** What a unit's page shows besides the unit: its villages' names, its members, its households. */
export async function unitDetail(db: Db, unitId: number) {
  const [villageRows, members, households] = await Promise.all([
    db
      .select({ name: villages.name })
      .from(careUnitVillages)
      .innerJoin(villages, eq(villages.id, careUnitVillages.villageId))
      .where(eq(careUnitVillages.unitId, unitId))
      .orderBy(asc(villages.id)),
    membersOf(db, unitId),
    householdsOfUnit(db, unitId),
  ]);
  return { villages: villageRows.map((v) => v.name), members, households };
}

/** The townships a viewer may put a unit in (one for a station) and their villages, for the unit form. */
export async function unitFormChoices(db: Db, townshipId: number | null) {
  const townships = await townshipChoices(db, townshipId);
  return {
    townships,
    villages: await villagesOf(
      db,
      townships.map((x) => x.id),
    ),
  };
}
