import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';

const MIGRATIONS = resolve(ROOT, 'migrations');

/** The migrations folder as it was before the birth dates were dropped (up to 0013). */
function beforeBirthDatesDropped(): string {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8'));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag.startsWith('0014_'));
  expect(upTo).toBeGreaterThan(0);
  const dir = resolve(TMP_DIR, `migrations-${randomUUID()}`);
  mkdirSync(dir, { recursive: true });
  cpSync(MIGRATIONS, dir, { recursive: true });
  writeFileSync(
    resolve(dir, 'meta/_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
  );
  return dir;
}

const fileText = (path: string) =>
  Buffer.concat([
    readFileSync(path),
    ...[`${path}-wal`].map((p) => {
      try {
        return readFileSync(p);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  ]);

describe('migrating existing rows off clear birth dates', () => {
  it('drops the column and, once, rewrites the file so no old page keeps a birth date', async () => {
    const path = resolve(TMP_DIR, `birth-${randomUUID()}.db`);
    const old = createClient({ url: `file:${path}` });
    await old.execute('PRAGMA journal_mode = WAL');
    await migrate(drizzle(old), { migrationsFolder: beforeBirthDatesDropped() });
    await old.execute("INSERT INTO townships (id, name, created_at) VALUES (1, '花石镇', 0)");
    for (let i = 0; i < 200; i++)
      await old.execute({
        sql: `INSERT INTO recipients (name, id_number_enc, id_number_hash, id_number_masked, key_version, gender, birth_date,
                township_id, support_mode, care_level, created_at, updated_at)
              VALUES (?, 'v1:x:x', ?, '430321********1234', 1, 'M', ?, 1, 'home', 'self', 0, 0)`,
        args: [`老人${i}`, `h${i}`, `19${String(10 + (i % 80)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`],
      });
    await old.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    old.close();
    expect(fileText(path).includes('1941-04-11')).toBe(true); // the old file does hold them

    const database = await openDatabase(`file:${path}`);
    await migrateDatabase(database);
    const cols = await database.client.execute("SELECT name FROM pragma_table_info('recipients')");
    expect(cols.rows.map((r) => String(r.name))).not.toContain('birth_date');
    expect(Number((await database.client.execute('SELECT count(*) FROM recipients')).rows[0][0])).toBe(200);
    await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const text = fileText(path);
    expect(text.includes('老人7')).toBe(true);
    for (let i = 0; i < 200; i++) {
      const date = `19${String(10 + (i % 80)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
      expect(text.includes(date), date).toBe(false);
    }
    // Idempotent: the second start finds the step done and does not rewrite the file again.
    await migrateDatabase(database);
    const marks = await database.client.execute('SELECT count(*) FROM data_migrations');
    expect(Number(marks.rows[0][0])).toBe(1);
    database.close();
  });
});
