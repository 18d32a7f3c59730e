import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/index.js';

export type { Db } from './types.js';
export interface Database {
  /** The libSQL-typed database: assignable to the driver-agnostic `Db` the app takes. */
  db: LibSQLDatabase<typeof schema>;
  client: Client;
  close(): void;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Opens the database named by `url`: an embedded file (created on first use) or a libSQL server. */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const isFile = url.startsWith('file:');
  if (isFile) {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // Busy timeout covers other processes on the same file (a CLI beside the server); in-process writes
  // never wait on each other because multi-statement writes go through batch(), which runs synchronously.
  const client = createClient({ url, authToken, timeout: isFile ? 5000 : undefined });
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
  }
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}

/** Applies pending migrations from the committed `migrations/` folder (Node only). */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS });
}
