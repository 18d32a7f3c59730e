import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { fileDatabases } from '../setup/file-databases.js';

// The app's own client over a file database keeps statements prepared (decision 0220): these are the
// @libsql/client behaviours drizzle and our code rely on, checked against a real file.
const files = fileDatabases('create table t (id integer primary key, name text unique, n integer, b blob)');
async function fresh() {
  const { database, path } = await files.fresh();
  return { database, path, c: database.client };
}

describe('the statement-cache client', () => {
  it('reuses one prepared statement per SQL text, with each call its own arguments', async () => {
    const { c } = await fresh();
    await c.batch(["insert into t (name, n) values ('a', 1)", ['insert into t (name, n) values (?, ?)', ['b', 2]]]);
    const names: unknown[] = [];
    for (const n of [1, 2, 1, 2])
      names.push((await c.execute({ sql: 'select name from t where n = ?', args: [n] })).rows[0].name);
    expect(names).toEqual(['a', 'b', 'a', 'b']);
    const named = await c.execute({ sql: 'select name from t where n = :n', args: { ':n': 2 } });
    expect(named.rows[0].name).toBe('b');
    expect((c as unknown as { cachedStatements: number }).cachedStatements).toBeGreaterThan(0);
    const before = (c as unknown as { cachedStatements: number }).cachedStatements;
    for (let k = 0; k < 20; k++) await c.execute({ sql: 'select name from t where n = ?', args: [k] });
    expect((c as unknown as { cachedStatements: number }).cachedStatements).toBe(before);
  });

  it('sees at once what another connection to the file committed (no stale snapshot kept by a cached read)', async () => {
    const { c, path, database } = await fresh();
    const count = async () => (await c.execute('select count(*) as k from t')).rows[0].k;
    expect(await count()).toBe(0);
    const other = await openDatabase(`file:${path}`);
    files.keep(other);
    await other.client.execute("insert into t (name) values ('from the other')");
    expect(await count()).toBe(1);
    // The pool's interactive transaction (drizzle's db.transaction) and the cached connection see each other's commits.
    await database.db.transaction(async (tx) => {
      await tx.run(sql`insert into t (name) values ('in a transaction')`);
    });
    expect(await count()).toBe(2);
  });

  it('writes a batch all or nothing and reports the failing statement as @libsql/client does', async () => {
    const { c } = await fresh();
    await c.execute("insert into t (name) values ('taken')");
    const error = await c
      .batch(["insert into t (name) values ('new')", "insert into t (name) values ('taken')"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlBatchError);
    expect((error as LibsqlBatchError).statementIndex).toBe(1);
    expect((error as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect(isUniqueViolation(error, 't.name')).toBe(true);
    const rows = (await c.execute('select name from t order by id')).rows.map((r) => r.name);
    expect(rows).toEqual(['taken']);
    // The connection is back in autocommit: the next batch commits.
    await c.batch(["insert into t (name) values ('later')"]);
    expect((await c.execute('select count(*) as k from t')).rows[0].k).toBe(2);
  });

  it('stops a batch whose trigger rolled the transaction back', async () => {
    const { c } = await fresh();
    await c.execute(
      "create trigger no_x before insert on t when new.name = 'x' begin select raise(rollback, 'no x'); end",
    );
    const error = await c
      .batch([
        "insert into t (name) values ('a')",
        "insert into t (name) values ('x')",
        "insert into t (name) values ('b')",
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((await c.execute('select count(*) as k from t')).rows[0].k).toBe(0);
  });

  it('answers rows by index and by name, changes and row ids, and RETURNING rows', async () => {
    const { c } = await fresh();
    const written = await c.execute({ sql: 'insert into t (name, n) values (?, ?)', args: ['a', true] });
    expect(written.rowsAffected).toBe(1);
    expect(written.lastInsertRowid).toBe(1n);
    const returned = await c.execute({
      sql: 'insert into t (name, n) values (?, ?) returning id, name',
      args: ['b', 5],
    });
    expect(returned.columns).toEqual(['id', 'name']);
    expect(returned.rows[0].name).toBe('b');
    const joined = await c.execute('select t.id, u.id, t.name from t join t as u on u.id = t.id + 1');
    const row = joined.rows[0];
    expect([row[0], row[1], row[2], row.length]).toEqual([1, 2, 'a', 3]);
    expect(Object.keys(row)).toEqual(['id', 'name']);
    // drizzle reads mapped rows by index (slice) and raw rows by their enumerable names.
    expect(Array.prototype.slice.call(row)).toEqual([1, 2, 'a']);
    expect(JSON.parse(JSON.stringify(row))).toEqual({ id: 1, name: 'a' });
    expect(row.id).toBe(1);
    expect((await c.execute('select n from t where id = 1')).rows[0].n).toBe(1);
  });

  it('keeps the integer, date and blob rules of the default integer mode', async () => {
    const { c } = await fresh();
    const when = new Date('2026-12-01T00:00:00Z');
    const blob = new Uint8Array([1, 2, 3]).buffer;
    await c.execute({ sql: 'insert into t (name, n, b) values (?, ?, ?)', args: ['d', when, blob] });
    const row = (await c.execute('select n, b from t')).rows[0];
    expect(row.n).toBe(when.getTime());
    expect(new Uint8Array(row.b as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    await expect(c.execute('select 9007199254740993 as big')).rejects.toThrow(RangeError);
    await expect(c.execute({ sql: 'select ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
    await expect(c.execute({ sql: 'select ?', args: [undefined as unknown as null] })).rejects.toThrow(TypeError);
  });

  it('re-reads the columns of a cached statement after the schema changes', async () => {
    const { c } = await fresh();
    expect((await c.execute('select * from t')).columns).toEqual(['id', 'name', 'n', 'b']);
    await c.execute('alter table t add column extra text');
    expect((await c.execute('select * from t')).columns).toEqual(['id', 'name', 'n', 'b', 'extra']);
  });

  it('refuses work once closed, as @libsql/client does', async () => {
    const { database } = await fresh();
    database.close();
    await expect(database.client.execute('select 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    expect(database.client.closed).toBe(true);
  });
});
