import { eq, sql } from 'drizzle-orm';
import type { PasswordHasher } from '../../auth/password.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { users, volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import { auditInsert, auditRowsFrom, diff } from '../../lib/audit.js';
import { type JoinInput, PRIVACY_NOTICE_VERSION, type VolunteerInput } from './schema.js';

export type SaveResult = { ok: true; id: number } | { ok: false; field: 'mobile'; message: 'vols.error.mobileTaken' };

const taken = (error: unknown) =>
  isUniqueViolation(error, 'volunteers.mobile') || isUniqueViolation(error, 'users.username');

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
      auditInsert(
        db,
        {
          actorUserId,
          action: 'create',
          entity: 'volunteer',
          entityId: sql`CAST(${byMobile(v.mobile)} AS TEXT)`,
          changes: { name: v.name },
        },
        now,
      ),
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
      auditInsert(
        db,
        { actorUserId, action: 'update', entity: 'volunteer', entityId: String(current.id), changes },
        now,
      ),
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
        .values({
          ...columns(v),
          status: 'pending',
          consentVersion: PRIVACY_NOTICE_VERSION,
          consentAt: now,
          createdAt: now,
          updatedAt: now,
        })
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
      auditInsert(
        db,
        {
          actorUserId: null,
          action: 'join',
          entity: 'volunteer',
          entityId: sql`CAST(${byMobile(v.mobile)} AS TEXT)`,
          changes: { name: v.name, consentVersion: PRIVACY_NOTICE_VERSION },
        },
        now,
      ),
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

/**
 * Approval turns a pending sign-up into an active volunteer and enables the login the sign-up created, in one batch
 * of conditional statements: only a pending volunteer is approved (an active or inactive one is left alone), and
 * the login is enabled only while it is still disabled by the sign-up itself: `join` disables it at the instant it
 * creates it (disabled_at = created_at), whereas an administrator's disable is always later. So a station or a
 * coordinator can never re-enable a login the county admin turned off. Answers whether the volunteer was approved.
 */
export async function approve(
  db: Db,
  current: typeof volunteers.$inferSelect,
  actorUserId: number,
  now: Date,
): Promise<boolean> {
  const at = now.getTime();
  const [approved] = await db.batch([
    db.run(
      sql`UPDATE volunteers SET status = 'active', updated_at = ${at} WHERE id = ${current.id} AND status = 'pending'`,
    ),
    auditRowsFrom(
      db,
      {
        actorUserId,
        action: 'approve',
        entity: 'volunteer',
        entityId: sql`${String(current.id)}`,
        rows: sql`WHERE changes() = 1`,
      },
      now,
    ),
    db.run(sql`UPDATE users SET disabled_at = NULL
      WHERE changes() = 1 AND id = (SELECT user_id FROM volunteers WHERE id = ${current.id}) AND disabled_at = created_at`),
  ]);
  return changedRows(approved) === 1;
}
