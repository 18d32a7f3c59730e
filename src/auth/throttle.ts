import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginFailures } from '../db/schema/index.js';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Five failures are allowed; the sixth attempt inside the window is refused. */
export const THROTTLE_MAX_FAILURES = 5;

export function throttleKeys(username: string, ip: string): string[] {
  return [`user:${username.trim().toLowerCase()}`, `ip:${ip}`];
}

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function retryAfterSeconds(db: Db, keys: string[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const rows = await db
    .select({ key: loginFailures.key, count: sql<number>`count(*)`, oldest: sql<number>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  let wait = 0;
  for (const row of rows) {
    if (row.count >= THROTTLE_MAX_FAILURES) {
      wait = Math.max(wait, Math.ceil((Number(row.oldest) + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(db: Db, keys: string[], now: Date): Promise<void> {
  await db.batch([
    db.insert(loginFailures).values(keys.map((key) => ({ key, at: now }))),
    // Old rows are useless: drop them while we are writing anyway.
    db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS))),
  ]);
}

/** A successful login clears the account's counter (the address's stays, against spraying). */
export async function clearAccountFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, `user:${username.trim().toLowerCase()}`));
}
