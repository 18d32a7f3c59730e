import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
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
