import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/index.js';

/**
 * What `db.run()` answers: libSQL (file, http) reports `rowsAffected`, D1 reports `meta.changes`.
 * Read it through `changedRows` so no call site depends on the driver.
 */
export type DbRunResult = { rowsAffected: number } | { meta: { changes: number } };

/**
 * The database as the application sees it, whichever driver is underneath: drizzle's async SQLite
 * database (libSQL file, libSQL over HTTP or D1) plus `batch`, which each driver declares on its own
 * subclass but all three implement as one atomic round trip. See docs/decisions/0071-one-db-type.md.
 */
export type Db = BaseSQLiteDatabase<'async', DbRunResult, typeof schema> & {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>;
};

/** Rows written by a `db.run()` statement, on any driver. */
export function changedRows(result: DbRunResult): number {
  return 'rowsAffected' in result ? result.rowsAffected : (result.meta?.changes ?? 0);
}

/** SQLite's own limit on bound parameters in one statement (libSQL files and servers). */
export const SQLITE_MAX_PARAMS = 32_766;
/** D1's limit: 100 bound parameters a statement (https://developers.cloudflare.com/d1/platform/limits/). */
export const D1_MAX_PARAMS = 100;

const budgets = new WeakMap<object, number>();

/** Records the parameter limit of a database's driver (set where the driver is chosen). */
export function limitParams<T extends object>(db: T, max: number): T {
  budgets.set(db, max);
  return db;
}

/** Bound parameters one statement may carry on this database's driver. */
export function paramBudget(db: object): number {
  return budgets.get(db) ?? SQLITE_MAX_PARAMS;
}

/**
 * Splits `items` into runs that fit one statement on this driver, each item taking `perItem` parameters and the
 * statement `fixed` more. Multi-row inserts and `IN (…)` lists go through here, so D1 gets many small statements
 * (in the same batch, still all or nothing) and a libSQL file a few large ones.
 */
export function fitParams<T>(db: object, items: readonly T[], perItem: number, fixed = 0, most = 500): T[][] {
  const size = Math.max(1, Math.min(most, Math.floor((paramBudget(db) - fixed) / perItem)));
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
