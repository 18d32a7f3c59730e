import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { type Role, users, volunteers } from '../db/schema/index.js';
import { changedRows } from '../db/types.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { revokeUserFeedTokensQuery } from '../modules/calendar/feed.js';
import { knownDevice, rememberDevice } from './devices.js';
import { findLoginUser, loginIdentifier } from './identify.js';
import type { PasswordHasher } from './password.js';
import { createSession, deleteUserSessionsQuery } from './session.js';
import {
  clearAccountFailures,
  pruneAttempts,
  releaseAttempt,
  reserveAttempt,
  retryAfterSeconds,
  THROTTLE_MAX_FAILURES,
  throttleKeys,
} from './throttle.js';

export type LoginResult =
  | { kind: 'ok'; token: string; userId: number; deviceToken: string | null }
  | { kind: 'failed' }
  /** The right password of a public sign-up nobody has approved yet: told only to who knows the password. */
  | { kind: 'pending' }
  | { kind: 'throttled'; retryAfter: number };

// A real hash to verify against when the user does not exist, so both failures take the same time.
let dummyHash: Promise<string> | null = null;

/**
 * Checks credentials under the throttle; on success starts a brand-new session (no fixation). The attempt is
 * claimed before the password is verified (so parallel guesses cannot overrun the limit), in the device's own
 * bucket when this browser logged in to the account before, else in the account's and the address's: see
 * docs/decisions/0130-login-throttle.md. Answers a new device token when the browser was not known yet.
 */
export async function login(
  deps: { db: Db; passwords: PasswordHasher; cipher: PersonalDataCipher },
  input: { username: string; password: string; ip: string; deviceToken?: string },
  now: Date,
): Promise<LoginResult> {
  const { db, passwords } = deps;
  const identifier = loginIdentifier(input.username);
  const user = await findLoginUser(db, deps.cipher, identifier);
  const device = await knownDevice(db, input.deviceToken, user?.id);
  const buckets = device ? [device.bucket] : throttleKeys(deps.cipher, identifier, input.ip);
  const claim = await reserveAttempt(db, buckets, now);
  if (!claim) return { kind: 'throttled', retryAfter: await retryAfterSeconds(db, buckets, now) };

  dummyHash ??= passwords.hash('not-a-real-password');
  // Without a user the dummy hash is still verified, so a wrong username costs as long as a wrong password.
  const ok = await passwords.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (user && ok && (await awaitsApproval(db, user))) {
    await releaseAttempt(db, claim);
    return { kind: 'pending' };
  }
  if (!user || !ok || user.disabledAt) {
    await pruneAttempts(db, now); // the claim stays: it is this failure
    return { kind: 'failed' };
  }
  if (passwords.needsRehash(user.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await passwords.hash(input.password) })
      .where(eq(users.id, user.id));
  }
  await releaseAttempt(db, claim);
  if (!device) await clearAccountFailures(db, deps.cipher, identifier);
  const deviceToken = await rememberDevice(db, device, user.id, now);
  const token = await createSession(db, user.id, now);
  return { kind: 'ok', token, userId: user.id, deviceToken };
}

/** A login still disabled by the sign-up that made it (never enabled since) whose volunteer awaits approval. */
async function awaitsApproval(db: Db, user: typeof users.$inferSelect): Promise<boolean> {
  if (!user.disabledAt || user.disabledAt.getTime() !== user.createdAt.getTime()) return false;
  const row = await db
    .select({ status: volunteers.status })
    .from(volunteers)
    .where(eq(volunteers.userId, user.id))
    .get();
  return row?.status === 'pending';
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
): Promise<'created' | 'closed' | 'username_taken'> {
  const hash = await deps.passwords.hash(input.password);
  try {
    const result = await deps.db.run(sql`
    INSERT INTO users (username, display_name, password_hash, role, locale, created_at)
    SELECT ${input.username}, ${input.displayName}, ${hash}, 'county_admin', 'zh', ${now.getTime()}
    WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'county_admin')`);
    return changedRows(result) === 1 ? 'created' : 'closed';
  } catch (error) {
    // Logins seeded before the first run (a demo county, an import) may already hold the chosen username.
    if (isUniqueViolation(error)) return 'username_taken';
    throw error;
  }
}

/**
 * /setup stays open until the county has an administrator, not merely until some login exists: a demo county or a
 * volunteers import seeded before the first run must not lock the administrator out of their own deployment.
 */
export async function hasAdministrator(db: Db): Promise<boolean> {
  return !!(await db.select({ id: users.id }).from(users).where(eq(users.role, 'county_admin')).limit(1).get());
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return !!(await db.select({ id: users.id }).from(users).limit(1).get());
}

export type ChangePasswordResult =
  | { kind: 'ok'; token: string }
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfter: number };

/**
 * Changes a password and ends every session of the user in one batch; returns a fresh session token. The check of
 * the current password is throttled like a login (claimed before verifying), so a borrowed session cannot guess it.
 */
export async function changePassword(
  deps: { db: Db; passwords: PasswordHasher },
  { userId, current, next }: { userId: number; current: string; next: string },
  now: Date,
): Promise<ChangePasswordResult> {
  const buckets = [{ key: `password:${userId}`, limit: THROTTLE_MAX_FAILURES }];
  const claim = await reserveAttempt(deps.db, buckets, now);
  if (!claim) return { kind: 'throttled', retryAfter: await retryAfterSeconds(deps.db, buckets, now) };
  const user = await deps.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || !(await deps.passwords.verify(user.passwordHash, current))) return { kind: 'wrong' };
  const hash = await deps.passwords.hash(next);
  await deps.db.batch([
    deps.db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId)),
    deleteUserSessionsQuery(deps.db, userId),
    // A feed URL may have leaked with the old password: it ends with it.
    revokeUserFeedTokensQuery(deps.db, userId, now),
  ]);
  await releaseAttempt(deps.db, claim);
  return { kind: 'ok', token: await createSession(deps.db, userId, now) };
}

/** The language a logged-in user chose, kept on the account so notices and later sessions use it. */
export async function rememberLocale(db: Db, userId: number, locale: 'zh' | 'en'): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
