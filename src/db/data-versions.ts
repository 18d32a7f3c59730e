import { eq } from 'drizzle-orm';
import { dataVersions } from './schema/index.js';
import type { Db } from './types.js';

/**
 * The counters migration 0027's triggers move in the same transaction as any change to what they follow, whoever
 * writes: `registers` (recipients, needs, volunteers and the organisations they serve), `places` (organisations and
 * townships: the names every filter and form lists).
 */
export type Counter = 'registers' | 'places';

async function counterValue(db: Db, counter: Counter): Promise<number | null> {
  const [row] = await db
    .select({ version: dataVersions.version })
    .from(dataVersions)
    .where(eq(dataVersions.name, counter));
  return row ? row.version : null;
}

interface Kept {
  version: number;
  value: Promise<unknown>;
}

const MOST = 500;
const kept = new WeakMap<object, Map<string, Kept>>();

/**
 * What `read` gives for `key`, read once per value of the counter that follows everything it reads: any change
 * there (on any instance) moves the counter, so a kept copy is never older than the data. Per database; a failed
 * read is not kept; without the counter's row (a database older than its migration) every call reads. `read` must
 * be an async function: drizzle's query objects run their statement again each time they are awaited.
 */
export async function keptByCounter<T>(db: Db, counter: Counter, key: string, read: () => Promise<T>): Promise<T> {
  const version = await counterValue(db, counter);
  if (version === null) return read();
  const entries = kept.get(db) ?? new Map<string, Kept>();
  kept.set(db, entries);
  const id = `${counter}|${key}`;
  const hit = entries.get(id);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = read();
  if (entries.size >= MOST) entries.clear();
  entries.set(id, { version, value });
  value.catch(() => {
    if (entries.get(id)?.value === value) entries.delete(id);
  });
  return value;
}
