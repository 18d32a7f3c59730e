import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Role, users } from '../db/schema/index.js';
import { changedRows } from '../db/types.js';
import { revokeUserFeedTokensQuery } from '../modules/calendar/feed.js';
import type { PasswordHasher } from './password.js';
import { createSession, deleteUserSessionsQuery } from './session.js';
import { clearAccountFailures, recordFailure, retryAfterSeconds, throttleKeys } from './throttle.js';

export type LoginResult =
  | { kind: 'ok'; token: string; userId: number }
  | { kind: 'failed' }
  | { kind: 'throttled'; retryAfter: number };

// A real hash to verify against when the user does not exist, so both failures take the same time.
let dummyHash: Promise<string> | null = null;

/** Checks credentials under the throttle; on success starts a brand-new session (no fixation). */
export async function login(
  deps: { db: Db; passwords: PasswordHasher },
  input: { username: string; password: string; ip: string },
  now: Date,
): Promise<LoginResult> {
  const { db, passwords } = deps;
  const keys = throttleKeys(input.username, input.ip);
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfter: wait };

  const user = await db.select().from(users).where(eq(users.username, input.username.trim().toLowerCase())).get();
  dummyHash ??= passwords.hash('not-a-real-password');
  // Without a user the dummy hash is still verified, so a wrong username costs as long as a wrong password.
  const ok = await passwords.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok || user.disabledAt) {
    await recordFailure(db, keys, now);
    return { kind: 'failed' };
  }
  if (passwords.needsRehash(user.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await passwords.hash(input.password) })
      .where(eq(users.id, user.id));
  }
  await clearAccountFailures(db, input.username);
  const token = await createSession(db, user.id, now);
  return { kind: 'ok', token, userId: user.id };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  townshipId?: number | null;
  organisationId?: number | null;
}

/** Creates the first county admin, atomically refusing when any user exists already. */
export async function createFirstAdmin(
  deps: { db: Db; passwords: PasswordHasher },
  input: Omit<NewUser, 'role'>,
  now: Date,
): Promise<boolean> {
  const hash = await deps.passwords.hash(input.password);
  const result = await deps.db.run(sql`
    INSERT INTO users (username, display_name, password_hash, role, locale, created_at)
    SELECT ${input.username}, ${input.displayName}, ${hash}, 'county_admin', 'zh', ${now.getTime()}
    WHERE NOT EXISTS (SELECT 1 FROM users)`);
  return changedRows(result) === 1;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return !!(await db.select({ id: users.id }).from(users).limit(1).get());
}

/** Changes a password and ends every session of the user in one batch; returns a fresh session token. */
export async function changePassword(
  deps: { db: Db; passwords: PasswordHasher },
  userId: number,
  current: string,
  next: string,
  now: Date,
): Promise<string | null> {
  const user = await deps.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || !(await deps.passwords.verify(user.passwordHash, current))) return null;
  const hash = await deps.passwords.hash(next);
  await deps.db.batch([
    deps.db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId)),
    deleteUserSessionsQuery(deps.db, userId),
    // A feed URL may have leaked with the old password: it ends with it (issue 13, finding 6).
    revokeUserFeedTokensQuery(deps.db, userId, now),
  ]);
  return createSession(deps.db, userId, now);
}
