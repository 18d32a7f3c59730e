import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../lib/scope.js';

/**
 * The ledger's version: its three tables are append-only (triggers refuse UPDATE and DELETE, decision 0061), so
 * their largest ids change with every write and with nothing else. Voids are append-only too, but keyed by the
 * activity, so their count (not their largest key) moves with each. Counted visits and confirmed hours feed the
 * summary as well: the newest visit id and the latest confirmation of hours. Visits are
 * filed through the household and the published plan at read time, so the latest change to any household (a move, a
 * support mode: indexed) and the newest plan assignment (publication writes the published copy anew) count too.
 * Organisation renames (names on the page) and
 * new townships count too. Index or tiny-table lookups (≈ 0.1 ms), read from the database on every request,
 * so a write through any instance or the CLI invalidates every instance's copy at once.
 */
export async function ledgerVersion(db: Db): Promise<string> {
  const [row] = await db.all<Record<string, number | null>>(
    sql`SELECT (SELECT max(id) FROM activities) AS a, (SELECT max(id) FROM ledger_lines) AS l,
      (SELECT max(id) FROM activity_targets) AS t, (SELECT max(updated_at) FROM organisations) AS o,
      (SELECT max(id) FROM townships) AS n, (SELECT count(*) FROM activity_voids) AS v,
      (SELECT max(id) FROM visits) AS vi, (SELECT max(confirmed_at) FROM shift_signups) AS h,
      (SELECT max(updated_at) FROM recipients) AS r, (SELECT max(id) FROM plan_assignments) AS p`,
  );
  return [row.a, row.l, row.t, row.o, row.n, row.v, row.vi, row.h, row.r, row.p].join(':');
}

interface Entry {
  version: string;
  until: number;
  value: Promise<unknown>;
}

// A rename of a township keeps its id, so the version cannot see it: no copy lives longer than this.
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 200;
const caches = new WeakMap<object, Map<string, Entry>>();

/** A cache key for a year seen through a scope (and whatever else the caller adds, e.g. the language). */
export function summaryKey(year: number, scope: Scope, ...rest: string[]): string {
  return [year, JSON.stringify(scope), ...rest].join('|');
}

/**
 * The value computed for `key` at the ledger's version (read here unless the caller has just read it), computed
 * once however many requests ask at the same time (they share the promise); a failure is not kept. Per database, so
 * counties never share entries.
 */
export async function cachedByVersion<T>(ctx: {
  db: Db;
  key: string;
  now: number;
  version?: string;
  compute: () => Promise<T>;
}): Promise<T> {
  const { db, key, now, compute } = ctx;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = ctx.version ?? (await ledgerVersion(db));
  const hit = cache.get(key);
  if (hit && hit.version === version && hit.until > now) return hit.value as Promise<T>;
  const value = compute();
  cache.delete(key);
  cache.set(key, { version, until: now + MAX_AGE_MS, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  // Oldest first in a Map: drop from the front past the bound.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}
