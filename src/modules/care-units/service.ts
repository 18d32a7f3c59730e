import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { careUnitHouseholds, careUnitMembers, organisations, villages } from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import { boundTownship, type Scope } from '../../lib/scope.js';
import { householdsOfUnit } from './queries.js';
import type { MemberInput, UnitInput } from './schema.js';

export type FieldRefusal = {
  ok: false;
  field: string;
  message: 'care.error.nameTaken' | 'care.error.villageOutside' | 'care.error.otherTownship';
};
export type SaveResult = { ok: true; id: number } | FieldRefusal;

/** Creates a 守望之家 (id absent) or changes one, its villages replaced by the form's, in one audited batch. */
export async function saveUnit(p: {
  db: Db;
  scope: Scope;
  id?: number;
  input: UnitInput;
  actorUserId: number;
  now: Date;
}): Promise<SaveResult> {
  const { db, input: v, now } = p;
  const townshipId = v.townshipId as number;
  const bound = boundTownship(p.scope);
  if (bound !== null && bound !== townshipId)
    return { ok: false, field: 'townshipId', message: 'care.error.otherTownship' };
  const inTownship = await db
    .select({ id: villages.id })
    .from(villages)
    .where(and(inArray(villages.id, v.villageIds), eq(villages.townshipId, townshipId)));
  if (inTownship.length !== v.villageIds.length)
    return { ok: false, field: 'villageIds', message: 'care.error.villageOutside' };
  const columns = { name: v.name, townshipId, contactName: v.contactName, contactPhone: v.contactPhone };
  const unitId = p.id ?? sql<number>`(SELECT id FROM organisations WHERE name = ${v.name} AND kind = 'care_unit')`;
  const head = p.id
    ? db
        .update(organisations)
        .set({ ...columns, updatedAt: now })
        .where(and(eq(organisations.id, p.id), eq(organisations.kind, 'care_unit')))
    : db.insert(organisations).values({ ...columns, kind: 'care_unit', createdAt: now, updatedAt: now });
  try {
    await db.batch([
      head,
      db.run(sql`DELETE FROM care_unit_villages WHERE unit_id = ${unitId}`),
      ...v.villageIds.map((villageId) =>
        db.run(sql`INSERT INTO care_unit_villages (unit_id, village_id) VALUES (${unitId}, ${villageId})`),
      ),
      auditInsert(
        db,
        {
          actorUserId: p.actorUserId,
          action: p.id ? 'update' : 'create',
          entity: 'care_unit',
          entityId: typeof unitId === 'number' ? unitId : sql`CAST(${unitId} AS TEXT)`,
          changes: { ...columns, villageIds: v.villageIds },
        },
        now,
      ),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'organisations.name'))
      return { ok: false, field: 'name', message: 'care.error.nameTaken' };
    throw error;
  }
  if (p.id) return { ok: true, id: p.id };
  const created = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.name, v.name), eq(organisations.kind, 'care_unit')))
    .get();
  return { ok: true, id: created!.id };
}

/**
 * Adds a member to the unit, audited. Their login, when the station makes one, comes by an activation code
 * (`logins.ts`): nobody but the member ever chooses their password.
 */
export async function addMember(p: {
  db: Db;
  unitId: number;
  input: MemberInput;
  actorUserId: number;
  now: Date;
}): Promise<{ ok: true }> {
  const { db, input: v, now } = p;
  await db.batch([
    db.insert(careUnitMembers).values({
      unitId: p.unitId,
      name: v.name,
      memberRole: v.memberRole,
      mobile: v.mobile,
      createdAt: now,
      updatedAt: now,
    }),
    auditInsert(
      db,
      {
        actorUserId: p.actorUserId,
        action: 'create',
        entity: 'care_unit_member',
        entityId: p.unitId,
        changes: { name: v.name, memberRole: v.memberRole },
      },
      now,
    ),
  ]);
  return { ok: true };
}

/**
 * Assigns a household of the unit's villages to this unit (winning over the village rule of any other unit that
 * shares the village), or releases it back to the village rule. Households outside the unit's villages: not found.
 */
export async function assignHousehold(p: {
  db: Db;
  unitId: number;
  recipientId: number;
  assign: boolean;
  actorUserId: number;
  now: Date;
}): Promise<'ok' | 'not_found'> {
  const { db, now } = p;
  const household = (await householdsOfUnit(db, p.unitId)).find((h) => h.id === p.recipientId);
  if (!household) return 'not_found';
  const change = p.assign
    ? db
        .insert(careUnitHouseholds)
        .values({ recipientId: p.recipientId, unitId: p.unitId, createdAt: now })
        .onConflictDoUpdate({ target: careUnitHouseholds.recipientId, set: { unitId: p.unitId, createdAt: now } })
    : db
        .delete(careUnitHouseholds)
        .where(and(eq(careUnitHouseholds.recipientId, p.recipientId), eq(careUnitHouseholds.unitId, p.unitId)));
  await db.batch([
    change,
    auditInsert(
      db,
      {
        actorUserId: p.actorUserId,
        action: p.assign ? 'assign' : 'release',
        entity: 'care_unit_household',
        entityId: p.recipientId,
        changes: { unitId: p.unitId, from: household.assignedTo ?? null },
      },
      now,
    ),
  ]);
  return 'ok';
}
