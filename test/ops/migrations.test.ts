import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { ROOT, TMP_DIR } from '../setup/paths.js';

const MIGRATIONS = resolve(ROOT, 'migrations');
const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

/** A copy of the migrations folder that stops after the first `count` migrations. */
function foldersUpTo(count: number): string {
  const dir = resolve(TMP_DIR, `migrations-${randomUUID()}`);
  mkdirSync(dir, { recursive: true });
  cpSync(MIGRATIONS, dir, { recursive: true });
  const partial = { ...journal, entries: journal.entries.slice(0, count) };
  writeFileSync(resolve(dir, 'meta/_journal.json'), JSON.stringify(partial));
  return dir;
}

async function userTables(client: Client): Promise<string[]> {
  const rows = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
  );
  return rows.rows.map((r) => String(r.name));
}

/**
 * Puts three rows in every table, parents before children, with values of each column's type that are unique per
 * row — enough to notice a migration that loses rows or breaks a foreign key.
 */
async function fillEveryTable(client: Client): Promise<void> {
  const tables = await userTables(client);
  const done = new Set<string>();
  for (let pass = 0; pass < tables.length + 1 && done.size < tables.length; pass++) {
    for (const table of tables) {
      if (done.has(table)) continue;
      const fks = (await client.execute(`PRAGMA foreign_key_list("${table}")`)).rows;
      if (fks.some((fk) => String(fk.table) !== table && !done.has(String(fk.table)))) continue;
      const cols = (await client.execute(`PRAGMA table_info("${table}")`)).rows;
      const rowidKey = cols.filter((c) => Number(c.pk) > 0).length === 1;
      for (let row = 1; row <= 3; row++) {
        const value = (col: (typeof cols)[number]) => {
          const name = String(col.name);
          const type = String(col.type).toUpperCase();
          if (fks.some((f) => String(f.from) === name)) return row;
          if (type.includes('INT') || type.includes('REAL')) return row;
          if (type.includes('BLOB')) return `b${row}`;
          return `${table}-${name}-${row}`;
        };
        const insertable = cols.filter(
          (c) => !(rowidKey && Number(c.pk) === 1 && String(c.type).toUpperCase() === 'INTEGER'),
        );
        const required = insertable.filter((c) => Number(c.notnull) === 1 && c.dflt_value === null);
        const optional = insertable.filter((c) => !required.includes(c));
        // CHECK constraints may forbid some combinations (e.g. "exactly one of two targets"): try all columns,
        // then the required ones, then the required ones plus each optional column alone.
        const attempts = [insertable, required, ...optional.map((c) => [...required, c])];
        let inserted = false;
        let lastError: unknown;
        for (const columns of attempts) {
          try {
            await client.execute({
              sql: `INSERT INTO "${table}" (${columns.map((c) => `"${String(c.name)}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
              args: columns.map(value),
            });
            inserted = true;
            break;
          } catch (error) {
            lastError = error;
          }
        }
        if (!inserted) throw lastError;
      }
      done.add(table);
    }
  }
  expect([...done].sort()).toEqual(tables);
}

async function counts(client: Client, tables: string[]) {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await client.execute(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
  return out;
}

describe('migrations', () => {
  it('never drop a table outright (drizzle rebuilds copy rows through __new_ tables)', () => {
    for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'))) {
      const sql = readFileSync(resolve(MIGRATIONS, file), 'utf8');
      for (const m of sql.matchAll(/DROP TABLE [`"]?(\w+)[`"]?/gi)) {
        expect(sql, `${file} drops ${m[1]} without copying its rows`).toMatch(
          new RegExp(`INSERT INTO [\`"]__new_${m[1]}[\`"]`),
        );
      }
    }
  });

  it.each(journal.entries.slice(1).map((e, i) => [e.tag, i + 1] as const))(
    'apply %s over a database full of the previous schema’s data without losing rows or keys',
    async (_tag, before) => {
      const path = resolve(TMP_DIR, `mig-${randomUUID()}.db`);
      const client = createClient({ url: `file:${path}` });
      await migrate(drizzle(client), { migrationsFolder: foldersUpTo(before) });
      await fillEveryTable(client);
      const tables = await userTables(client);
      const countsBefore = await counts(client, tables);
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
      // No table may lose rows (a data migration may add some, e.g. seeded defaults).
      const countsAfter = await counts(client, tables);
      for (const table of tables) expect(countsAfter[table], table).toBeGreaterThanOrEqual(countsBefore[table]);
      expect((await client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
      expect((await client.execute('PRAGMA integrity_check')).rows[0][0]).toBe('ok');
      client.close();
    },
  );

  it('apply from nothing to the latest schema', async () => {
    const client = createClient({ url: `file:${resolve(TMP_DIR, `mig-${randomUUID()}.db`)}` });
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    await fillEveryTable(client);
    expect((await client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
    client.close();
  });
});
