import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { projectRoot } from '../lib/project-root.js';
import * as schema from './schema/index.js';
import { withStatementCache } from './statement-cache.js';

export type { Db } from './types.js';
export interface Database {
  /** The libSQL-typed database: assignable to the driver-agnostic `Db` the app takes. */
  db: LibSQLDatabase<typeof schema>;
  client: Client;
  /** An embedded file (not a libSQL server): only here can the process rewrite the file itself. */
  isFile?: boolean;
  close(): void;
}

const BUSY_TIMEOUT_MS = 5000;
const MIGRATIONS = resolve(projectRoot(import.meta.url), 'migrations');

/**
 * Opens the database named by `url`: an embedded file (created on first use) or a libSQL server. `concurrency` caps
 * the client's connection pool (default 20); one connection lets a per-connection PRAGMA hold for every statement.
 */
export async function openDatabase(url: string, authToken?: string, concurrency?: number): Promise<Database> {
  const isFile = url.startsWith('file:');
  const path = isFile ? url.slice('file:'.length).split('?')[0] : '';
  const onDisk = isFile && path !== '' && !url.includes(':memory:');
  if (onDisk) mkdirSync(dirname(resolve(path)), { recursive: true });
  // Busy timeout covers other processes on the same file (a CLI beside the server); in-process writes
  // never wait on each other because multi-statement writes go through batch(), which runs synchronously.
  const pooled = createClient({ url, authToken, timeout: isFile ? BUSY_TIMEOUT_MS : undefined, concurrency });
  // A file's reads and batches keep their statements prepared (decision 0220); a memory database lives on one
  // connection only, so it stays on the pool alone.
  const client = onDisk ? withStatementCache(pooled, resolve(path), BUSY_TIMEOUT_MS) : pooled;
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
  }
  const db = drizzle(client, { schema });
  return { db, client, isFile: onDisk, close: () => client.close() };
}

/** Applies pending migrations from the committed `migrations/` folder (Node only). */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS });
  await scrubDroppedBirthDates(database);
}

/**
 * Migration 0013 drops the clear birth dates, but SQLite keeps a dropped column's old pages on its free list, where
 * a copy of the file could still read them. Once per database (a data_migrations row records it), VACUUM rewrites the file
 * without free pages and the WAL is folded back. SQL migrations cannot VACUUM (it refuses to run in a transaction),
 * hence this step. A libSQL server keeps its own storage: nothing to do here (decision 0081).
 */
async function scrubDroppedBirthDates(database: Database): Promise<void> {
  if (!database.isFile) return;
  const done = await database.client.execute("SELECT 1 FROM data_migrations WHERE name = '0013-vacuum-birth-dates'");
  if (done.rows.length > 0) return;
  await database.client.execute('VACUUM');
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  await database.client.execute({
    sql: "INSERT OR IGNORE INTO data_migrations (name, done_at) VALUES ('0013-vacuum-birth-dates', ?)",
    args: [Date.now()],
  });
}
