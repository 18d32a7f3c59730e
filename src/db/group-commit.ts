import type { InArgs, InStatement, ResultSet } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './types.js';

/** What the statement cache's client offers (src/db/statement-cache.ts); no other driver has it. */
interface GroupCommitter {
  executeInGroup(stmt: InStatement): Promise<ResultSet>;
  batchInGroup(stmts: InStatement[]): Promise<ResultSet[]>;
}

/** How drizzle's own `batch` turns a query into a statement and its driver result back into rows. */
interface Preparable {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] };
    mapResult(result: unknown, isFromBatch?: boolean): unknown;
  };
}

const committerOf = (db: Db) => (db as { $client?: Partial<GroupCommitter> }).$client;

const dialect = new SQLiteAsyncDialect();

/**
 * One write statement's rows (its RETURNING), written in the next group commit on an embedded file: answered only
 * once on disk, sharing the disk's wait with the writes that arrived beside it (decision 0246). Asked of the client
 * object, not imported, so the Workers bundle stays free of the native driver; other drivers (D1, a libSQL server)
 * run it on its own, as `db.all` does. Rows as `db.all` gives them: plain objects by column name.
 */
export async function allInGroup<T>(db: Db, query: SQL): Promise<T[]> {
  const client = committerOf(db);
  if (typeof client?.executeInGroup !== 'function') return db.all<T>(query);
  const { sql, params } = dialect.sqlToQuery(query);
  const { rows } = await client.executeInGroup({ sql, args: params as InArgs });
  return rows.map((row) => ({ ...row }) as T);
}

/**
 * `db.batch` written in the next group commit on an embedded file: one transaction of its own as far as its answer
 * goes (a failing statement fails the batch alone, with drizzle's results otherwise), on disk with the writes that
 * arrived beside it. Queries are built and their results read back as drizzle's own `batch` does; other drivers run
 * `db.batch` itself.
 */
export async function batchInGroup<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(
  db: Db,
  queries: T,
): Promise<BatchResponse<T>> {
  const client = committerOf(db);
  if (typeof client?.batchInGroup !== 'function') return db.batch(queries);
  const prepared = (queries as unknown as Preparable[]).map((q) => q._prepare());
  const results = await client.batchInGroup(
    prepared.map((p) => {
      const { sql, params } = p.getQuery();
      return { sql, args: params as InArgs };
    }),
  );
  return results.map((result, i) => prepared[i].mapResult(result, true)) as BatchResponse<T>;
}
