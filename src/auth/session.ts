import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema/index.js';
import { randomToken } from '../lib/tokens.js';

// Per the Lucia design: a token is `<id>.<secret>`, each 120 bits from a CSPRNG; only SHA-256(secret) is stored.
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** The idle window of the field pages (今日走访): a visit and the walk to the next household (decision 0161). */
export const FIELD_IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// Refresh the idle clock at most once a minute, so reads do not become writes on every request.
const TOUCH_INTERVAL_MS = 60 * 1000;
export const SESSION_COOKIE = 'sw_session';

export type SessionUser = typeof users.$inferSelect;
export interface ValidSession {
  id: string;
  user: SessionUser;
}

function randomSecret(): string {
  return randomToken(15); // 120 bits
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Creates a session for a user and returns the token to put in the cookie. */
export async function createSession(db: Db, userId: number, now: Date): Promise<string> {
  const id = randomSecret();
  const secret = randomSecret();
  await db.insert(sessions).values({
    id,
    userId,
    secretHash: Buffer.from(hashSecret(secret)),
    createdAt: now,
    lastActiveAt: now,
  });
  return `${id}.${secret}`;
}

// The lookup runs on every request: build its SQL once per database instead of on each call.
const lookups = new WeakMap<Db, ReturnType<typeof buildLookup>>();
function buildLookup(db: Db) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
}
function sessionLookup(db: Db) {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = buildLookup(db);
    lookups.set(db, lookup);
  }
  return lookup;
}

export type SessionCheck = { kind: 'valid'; session: ValidSession } | { kind: 'expired'; userId: number } | null;

/**
 * Checks a token: valid (active, user enabled), expired (the token was genuine but timed out: its user is named, so
 * a form posted into the timeout can be kept for that user alone), or null. Expired sessions are deleted.
 */
export async function checkSession(db: Db, token: string, now: Date, idleMs = IDLE_TIMEOUT_MS): Promise<SessionCheck> {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0].length > 64 || parts[1].length > 64) return null;
  const [id, secret] = parts;
  const row = await sessionLookup(db).get({ id });
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.session.secretHash))) return null;
  if (row.user.disabledAt !== null) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const t = now.getTime();
  const expired =
    t - row.session.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS || t - row.session.lastActiveAt.getTime() >= idleMs;
  if (expired) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { kind: 'expired', userId: row.user.id };
  }
  if (t - row.session.lastActiveAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id));
  }
  return { kind: 'valid', session: { id, user: row.user } };
}

/** Returns the session and its user when the token is valid, active and its user enabled; deletes expired ones. */
export async function validateSession(db: Db, token: string, now: Date, idleMs = IDLE_TIMEOUT_MS) {
  const check = await checkSession(db, token, now, idleMs);
  return check?.kind === 'valid' ? check.session : null;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user, optionally keeping one (the one that just changed the password). */
export function deleteUserSessionsQuery(db: Db, userId: number, keepId?: string) {
  return db
    .delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId));
}
