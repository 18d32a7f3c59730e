import { eq, sql } from 'drizzle-orm';
import type { PasswordHasher } from '../../auth/password.js';
import type { Db } from '../../db/client.js';
import { auditLog, users, volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import { diff } from '../../lib/audit.js';
import type { JoinInput, VolunteerInput } from './schema.js';

export type SaveResult = { ok: true; id: number } | { ok: false; field: 'mobile'; message: 'vols.error.mobileTaken' };

const taken = (error: unknown) =>
  /UNIQUE constraint failed: (volunteers\.mobile|users\.username)/.test(String((error as Error).message));

function columns(v: Omit<VolunteerInput, 'status' | 'organisationId'>) {
  return {
    name: v.name,
    mobile: v.mobile,
    townshipId: v.townshipId,
    skills: v.skills,
    partyMember: v.partyMember,
    availability: v.availability,
  };
}

const byMobile = (mobile: string) => sql<number>`(SELECT id FROM volunteers WHERE mobile = ${mobile})`;

/** Registers a volunteer (and their organisation) with an audit row, in one batch. */
export async function createVolunteer(db: Db, v: VolunteerInput, actorUserId: number, now: Date): Promise<SaveResult> {
  try {
    const [rows] = await db.batch([
      db
        .insert(volunteers)
        .values({ ...columns(v), status: v.status, createdAt: now, updatedAt: now })
        .returning({ id: volunteers.id }),
      db.insert(auditLog).values({
        at: now,
        actorUserId,
        action: 'create',
        entity: 'volunteer',
        entityId: sql`CAST(${byMobile(v.mobile)} AS TEXT)`,
        changes: { name: v.name },
      }),
      ...(v.organisationId
        ? [
            db
              .insert(volunteerOrganisations)
              .values({ volunteerId: byMobile(v.mobile), organisationId: v.organisationId }),
          ]
        : []),
    ]);
    return { ok: true, id: rows[0].id };
  } catch (error) {
    if (taken(error)) return { ok: false, field: 'mobile', message: 'vols.error.mobileTaken' };
    throw error;
  }
}

export async function updateVolunteer(
  db: Db,
  current: typeof volunteers.$inferSelect,
  v: VolunteerInput,
  actorUserId: number,
  now: Date,
): Promise<SaveResult> {
  const next = { ...columns(v), status: v.status };
  const changes = diff(current as unknown as Record<string, unknown>, next);
  try {
    await db.batch([
      db
        .update(volunteers)
        .set({ ...next, updatedAt: now })
        .where(eq(volunteers.id, current.id)),
      db
        .insert(auditLog)
        .values({ at: now, actorUserId, action: 'update', entity: 'volunteer', entityId: String(current.id), changes }),
      ...(v.organisationId
        ? [
            db
              .insert(volunteerOrganisations)
              .values({ volunteerId: current.id, organisationId: v.organisationId })
              .onConflictDoNothing(),
          ]
        : []),
    ]);
    return { ok: true, id: current.id };
  } catch (error) {
    if (taken(error)) return { ok: false, field: 'mobile', message: 'vols.error.mobileTaken' };
    throw error;
  }
}

/**
 * Public sign-up: a pending volunteer and a disabled login (username = mobile) in one batch; an approver enables
 * both. The mobile is unique in both tables, so a second sign-up with the same number changes nothing.
 */
export async function join(db: Db, passwords: PasswordHasher, v: JoinInput, now: Date): Promise<SaveResult> {
  const hash = await passwords.hash(v.password);
  const userId = sql<number>`(SELECT id FROM users WHERE username = ${v.mobile})`;
  try {
    const [rows] = await db.batch([
      db
        .insert(volunteers)
        .values({ ...columns(v), status: 'pending', createdAt: now, updatedAt: now })
        .returning({ id: volunteers.id }),
      db.insert(users).values({
        username: v.mobile,
        displayName: v.name,
        passwordHash: hash,
        role: 'volunteer',
        disabledAt: now,
        createdAt: now,
      }),
      db.update(volunteers).set({ userId }).where(eq(volunteers.mobile, v.mobile)),
      db.insert(auditLog).values({
        at: now,
        actorUserId: null,
        action: 'join',
        entity: 'volunteer',
        entityId: sql`CAST(${byMobile(v.mobile)} AS TEXT)`,
        changes: { name: v.name },
      }),
      ...(v.organisationId
        ? [
            db
              .insert(volunteerOrganisations)
              .values({ volunteerId: byMobile(v.mobile), organisationId: v.organisationId }),
          ]
        : []),
    ]);
    return { ok: true, id: rows[0].id };
  } catch (error) {
    if (taken(error)) return { ok: false, field: 'mobile', message: 'vols.error.mobileTaken' };
    throw error;
  }
}

/** Approval activates the volunteer and enables their login, together. */
export async function approve(db: Db, current: typeof volunteers.$inferSelect, actorUserId: number, now: Date) {
  await db.batch([
    db.update(volunteers).set({ status: 'active', updatedAt: now }).where(eq(volunteers.id, current.id)),
    ...(current.userId ? [db.update(users).set({ disabledAt: null }).where(eq(users.id, current.userId))] : []),
    db.insert(auditLog).values({
      at: now,
      actorUserId,
      action: 'approve',
      entity: 'volunteer',
      entityId: String(current.id),
      changes: null,
    }),
  ]);
}
