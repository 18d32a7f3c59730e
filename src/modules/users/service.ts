import { eq } from 'drizzle-orm';
import type { PasswordHasher } from '../../auth/password.js';
import type { NewUser } from '../../auth/service.js';
import { deleteUserSessionsQuery } from '../../auth/session.js';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import { revokeUserFeedTokensQuery } from '../calendar/feed.js';

export type CreateUserResult = { ok: true; id: number } | { ok: false; reason: 'username_taken' };

/** Creates an account; the username is unique (the database decides, not a prior read). */
export async function createUser(
  deps: { db: Db; passwords: PasswordHasher },
  input: NewUser,
  now: Date,
): Promise<CreateUserResult> {
  const passwordHash = await deps.passwords.hash(input.password);
  const rows = await deps.db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      townshipId: input.role === 'station_staff' ? (input.townshipId ?? null) : null,
      // A coordinator's organisation, or a 守望之家 member's unit.
      organisationId:
        input.role === 'org_coordinator' || input.role === 'care_member' ? (input.organisationId ?? null) : null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id });
  return rows[0] ? { ok: true, id: rows[0].id } : { ok: false, reason: 'username_taken' };
}

/** Disables an account, ends all its sessions and revokes its calendar feed, in one batch. */
export type SetActiveResult = 'done' | 'self' | 'missing';

/**
 * An administrator disables or enables a login, audited in the same batch. Disabling ends every session and revokes
 * the calendar feeds; nobody disables their own login (the county would lose its last administrator that way).
 */
export async function setUserActive(input: {
  db: Db;
  now: Date;
  actor: { id: number };
  userId: number;
  action: 'disable' | 'enable';
}): Promise<SetActiveResult> {
  const { db, now, actor, userId, action } = input;
  const user = await findUser(db, userId);
  if (!user) return 'missing';
  if (action === 'disable' && user.id === actor.id) return 'self';
  const audit = auditInsert(db, { actorUserId: actor.id, action, entity: 'user', entityId: user.id }, now);
  if (action === 'enable')
    await db.batch([db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id)), audit]);
  else
    await db.batch([
      db.update(users).set({ disabledAt: now }).where(eq(users.id, user.id)),
      deleteUserSessionsQuery(db, user.id),
      revokeUserFeedTokensQuery(db, user.id, now),
      audit,
    ]);
  return 'done';
}

export async function findUser(db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}
