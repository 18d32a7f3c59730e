import { LibsqlBatchError } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { allInGroup, batchInGroup } from '../../src/db/group-commit.js';
import { fileDatabases } from '../setup/file-databases.js';

// Writes that arrive together share one commit (decision 0246): checked on a real file, by what the WAL holds and
// what another connection reads.
const files = fileDatabases('create table t (id integer primary key, name text unique)');
async function fresh() {
  const { database, path } = await files.fresh();
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  return { database, path, db: database.db };
}

const insert = (name: string) => sql`insert into t (name) values (${name}) returning id, name`;

/** Frames in the WAL since it was last emptied: each commit writes at least one (the table's page). */
async function walFrames(database: Database): Promise<number> {
  // A passive checkpoint answers (busy, frames in the log, frames checkpointed) without emptying the log.
  const { rows } = await database.client.execute('PRAGMA wal_checkpoint(PASSIVE)');
  const frames = Number(rows[0][1]);
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  return frames;
}

async function names(database: Database) {
  return (await database.client.execute('select name from t order by name')).rows.map((r) => r.name);
}

describe('group commit', () => {
  it('writes the statements that arrive together in one commit, each answered with its own rows', async () => {
    const { database, db } = await fresh();
    const alone: string[] = [];
    for (let k = 0; k < 20; k++)
      alone.push(...(await allInGroup<{ name: string }>(db, insert(`a${k}`))).map((r) => r.name));
    const aloneFrames = await walFrames(database);

    const together = await Promise.all(
      Array.from({ length: 20 }, (_, k) => allInGroup<{ id: number; name: string }>(db, insert(`b${k}`))),
    );
    const togetherFrames = await walFrames(database);

    expect(alone).toEqual(Array.from({ length: 20 }, (_, k) => `a${k}`));
    expect(together.map((rows) => rows.map((r) => r.name))).toEqual(Array.from({ length: 20 }, (_, k) => [`b${k}`]));
    expect(new Set(together.map(([r]) => r.id)).size).toBe(20);
    // One commit a write when they come one by one, one commit for all twenty when they come together.
    expect(aloneFrames).toBeGreaterThanOrEqual(20);
    expect(togetherFrames).toBeLessThanOrEqual(2);
    expect(await names(database)).toHaveLength(40);
  });

  it('answers only once the write is committed: another connection already reads it', async () => {
    const { db, path } = await fresh();
    const other = await openDatabase(`file:${path}`);
    files.keep(other);
    const writes = ['x', 'y', 'z'].map((name) => allInGroup(db, insert(name)));
    // Not yet committed while the callers wait: the other connection sees nothing.
    expect(await names(other)).toEqual([]);
    await writes[0];
    expect(await names(other)).toEqual(['x', 'y', 'z']);
  });

  it('refuses only the failing write of a group; the others are written once each', async () => {
    const { database, db } = await fresh();
    await allInGroup(db, insert('taken'));
    const results = await Promise.allSettled(['p', 'taken', 'q'].map((name) => allInGroup(db, insert(name))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await names(database)).toEqual(['p', 'q', 'taken']);
  });

  it("keeps the others when a trigger's RAISE(ROLLBACK) ends the group's transaction", async () => {
    const { database, db } = await fresh();
    await database.client.execute(
      "create trigger no_x before insert on t when new.name = 'x' begin select raise(rollback, 'no x'); end",
    );
    const results = await Promise.allSettled(['a', 'x', 'b', 'c'].map((name) => allInGroup(db, insert(name))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/no x/);
    // Written exactly once each, in autocommit after the group was undone (none outside a transaction twice).
    expect(await names(database)).toEqual(['a', 'b', 'c']);
    // The connection is back in autocommit: a later write commits.
    await allInGroup(db, insert('later'));
    expect(await names(database)).toEqual(['a', 'b', 'c', 'later']);
  });

  it('commits a write that waited long enough before the next statement anyone runs, never inside a batch', async () => {
    const { database, db } = await fresh();
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const early = allInGroup(db, insert('early'));
    busy(25);
    // The event loop has not turned, yet this read already sees it: the read committed the waiting write first.
    expect(await names(database)).toEqual(['early']);
    await early;
    // A batch that fails after the wait: the waiting write was committed before the batch began, so it stays.
    const kept = allInGroup(db, insert('kept'));
    busy(25);
    const failing = database.client.batch(["insert into t (name) values ('z')", "insert into t (name) values ('z')"]);
    await expect(failing).rejects.toThrow(/UNIQUE/);
    await kept;
    expect(await names(database)).toEqual(['early', 'kept']);
  });

  it('writes batches that arrive together in one commit, each answered as db.batch answers it', async () => {
    const { database, db } = await fresh();
    const pair = (k: number) =>
      batchInGroup(db, [
        db.run(sql`insert into t (name) values (${`c${k}`})`),
        db.run(sql`insert into t (name) values (${`d${k}`})`),
        db.all<{ n: number }>(sql`select count(*) as n from t where name in (${`c${k}`}, ${`d${k}`})`),
      ]);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => pair(k)));
    const frames = await walFrames(database);
    // Each batch reads its own two rows inside its transaction, and is told how many rows each insert wrote.
    expect(answers.map((a) => a[2].map((row) => Number(row.n)))).toEqual(Array.from({ length: 20 }, () => [2]));
    expect(answers.every((a) => a[0].rowsAffected === 1 && a[1].rowsAffected === 1)).toBe(true);
    expect(frames).toBeLessThanOrEqual(2);
    expect(await names(database)).toHaveLength(40);
  });

  it('fails a batch of a group as a whole and alone: none of its writes stay, the others are written once', async () => {
    const { database, db } = await fresh();
    await allInGroup(db, insert('taken'));
    const batch = (first: string, second: string) =>
      batchInGroup(db, [
        db.run(sql`insert into t (name) values (${first})`),
        db.run(sql`insert into t (name) values (${second})`),
      ]);
    const results = await Promise.allSettled([batch('e', 'f'), batch('g', 'taken'), batch('h', 'i')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (results[1] as PromiseRejectedResult).reason as LibsqlBatchError;
    // The same error db.batch gives: which statement of the batch failed, and why.
    expect(reason).toBeInstanceOf(LibsqlBatchError);
    expect(reason.statementIndex).toBe(1);
    expect(String(reason)).toMatch(/UNIQUE/);
    // 'g' went with its batch's failure; the other batches are there once each.
    expect(await names(database)).toEqual(['e', 'f', 'h', 'i', 'taken']);
  });

  it('runs the write on its own on a database without the statement cache (memory)', async () => {
    const memory = await openDatabase('file::memory:');
    files.keep(memory);
    await memory.client.execute('create table t (id integer primary key, name text unique)');
    const rows = await Promise.all(['m', 'n'].map((name) => allInGroup<{ name: string }>(memory.db, insert(name))));
    expect(rows.map(([r]) => r.name)).toEqual(['m', 'n']);
    const [, counted] = await batchInGroup(memory.db, [
      memory.db.run(sql`insert into t (name) values ('o')`),
      memory.db.all<{ n: number }>(sql`select count(*) as n from t`),
    ]);
    expect(counted.map((row) => Number(row.n))).toEqual([3]);
  });
});
