import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginFailures } from '../db/schema/index.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Five attempts per account (or device) are allowed; the sixth inside the window is refused. */
export const THROTTLE_MAX_FAILURES = 5;
/** An address may be shared by a whole office behind one NAT: more attempts, still a cap on password spraying. */
export const THROTTLE_MAX_PER_ADDRESS = 20;

/** A counter and how many attempts it allows in the window. */
export interface Bucket {
  key: string;
  limit: number;
}

/** What turns a typed value into the keyed lookup hash the register uses for ID numbers and mobiles. */
export type KeyHasher = Pick<PersonalDataCipher, 'lookupHash'>;

/**
 * A bucket's stored key: its kind in clear, the value it counts (what was typed as a login — a mobile, an ID
 * number, a password typed in the wrong box — or a client address) only as a keyed hash, so the table of failures
 * holds nothing personal in clear. A key rotation starts the counters afresh (they live 15 minutes).
 */
export function bucketKey(hasher: KeyHasher, kind: string, value: string): string {
  return `${kind}:${hasher.lookupHash(value)}`;
}

export function accountKey(hasher: KeyHasher, username: string): string {
  return bucketKey(hasher, 'user', username.trim().toLowerCase());
}

/** The buckets of a login from a browser that never logged in to this account: the account's and the address's. */
export function throttleKeys(hasher: KeyHasher, username: string, ip: string): Bucket[] {
  return [
    { key: accountKey(hasher, username), limit: THROTTLE_MAX_FAILURES },
    { key: bucketKey(hasher, 'ip', ip), limit: THROTTLE_MAX_PER_ADDRESS },
  ];
}

/**
 * Claims one attempt in every bucket at once, before the password is checked, or none when any bucket is full.
 * It is one INSERT … SELECT: SQLite takes the write lock before the statement reads, so parallel attempts are
 * counted one after another and at most `limit` of them are ever evaluated. Answers the claimed rows (kept as the
 * failures when the attempt fails, released when it succeeds), or null when refused.
 */
export async function reserveAttempt(db: Db, buckets: Bucket[], now: Date): Promise<number[] | null> {
  const at = now.getTime();
  const since = at - THROTTLE_WINDOW_MS;
  const keys = buckets.map((b) => b.key);
  const limitOf = sql.join(
    buckets.map((b) => sql`WHEN ${b.key} THEN ${b.limit}`),
    sql` `,
  );
  const values = sql.join(
    keys.map((k) => sql`(${k})`),
    sql`, `,
  );
  const rows = await db.all<{ id: number }>(sql`
    INSERT INTO login_failures (key, at)
    SELECT column1, ${at} FROM (VALUES ${values})
    WHERE NOT EXISTS (
      SELECT 1 FROM login_failures f WHERE f.key IN ${keys} AND f.at > ${since}
      GROUP BY f.key HAVING count(*) >= CASE f.key ${limitOf} END)
    RETURNING id`);
  return rows.length ? rows.map((r) => r.id) : null;
}

/** Gives the claimed attempt back (a successful login, or one that never reached the password check). */
export async function releaseAttempt(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** Seconds until the full buckets among these allow another attempt; 0 when none is full. */
export async function retryAfterSeconds(db: Db, buckets: Bucket[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const rows = await db
    .select({ key: loginFailures.key, count: sql<number>`count(*)`, oldest: sql<number>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(
      and(
        inArray(
          loginFailures.key,
          buckets.map((b) => b.key),
        ),
        gt(loginFailures.at, since),
      ),
    )
    .groupBy(loginFailures.key);
  let wait = 0;
  for (const row of rows) {
    const limit = buckets.find((b) => b.key === row.key)?.limit ?? THROTTLE_MAX_FAILURES;
    if (row.count >= limit) {
      wait = Math.max(wait, Math.ceil((Number(row.oldest) + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
    }
  }
  return Math.max(wait, 1);
}

/** Drops rows older than the window: they count for nothing. */
export async function pruneAttempts(db: Db, now: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)));
}

/** A successful login clears the account's counter (the address's stays, against spraying). */
export async function clearAccountFailures(db: Db, hasher: KeyHasher, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, accountKey(hasher, username)));
}
