import type { InArgs, InStatement, ResultSet } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './types.js';

/** What the statement cache's client offers (src/db/statement-cache.ts); no other driver has it. */
interface GroupCommitter {
  executeInGroup(stmt: InStatement): Promise<ResultSet>;
}

const dialect = new SQLiteAsyncDialect();

/**
 * One write statement's rows (its RETURNING), written in the next group commit on an embedded file: answered only
 * once on disk, sharing the disk's wait with the writes that arrived beside it (decision 0246). Asked of the client
 * object, not imported, so the Workers bundle stays free of the native driver; other drivers (D1, a libSQL server)
 * run it on its own, as `db.all` does. Rows as `db.all` gives them: plain objects by column name.
 */
export async function allInGroup<T>(db: Db, query: SQL): Promise<T[]> {
  const client = (db as { $client?: Partial<GroupCommitter> }).$client;
  if (typeof client?.executeInGroup !== 'function') return db.all<T>(query);
  const { sql, params } = dialect.sqlToQuery(query);
  const { rows } = await client.executeInGroup({ sql, args: params as InArgs });
  return rows.map((row) => ({ ...row }) as T);
}
