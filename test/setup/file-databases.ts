import { afterEach } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from './app.js';

/**
 * Fresh file databases for the tests of one file, each with the table `createTable` makes: every database opened
 * through it (or handed to `keep`) is closed after its test.
 */
export function fileDatabases(createTable: string) {
  const opened: Database[] = [];
  afterEach(() => {
    for (const d of opened.splice(0)) d.close();
  });
  return {
    async fresh() {
      const { database, path } = await freshDatabase();
      opened.push(database);
      await database.client.execute(createTable);
      return { database, path };
    },
    keep(database: Database) {
      opened.push(database);
      return database;
    },
  };
}
