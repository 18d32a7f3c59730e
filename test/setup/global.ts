import { mkdirSync, rmSync } from 'node:fs';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { BASE_DB, TMP_DIR } from './paths.js';

/** Builds the migrated base database once; each test file copies it (a fresh database per file). */
export default async function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = await openDatabase(`file:${BASE_DB}`);
  await migrateDatabase(db);
  // Fold the WAL back so a plain file copy carries every table.
  await db.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}
