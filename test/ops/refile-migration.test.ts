// The migration numbers_voids_and_sources re-files the ledger rows written so far under the township where the aid arrived (decision 0175)
// and refills the monthly roll-up from them; the append-only guards are back afterwards.

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

/** A copy of migrations/ that stops just before the migration named `name` (its number changes as branches merge). */
function before(name: string): string {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8'));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith(`_${name}`));
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

describe('re-filing the ledger where the aid arrived', () => {
  it('moves old rows to the household’s township, refills the roll-up, keeps the guards', async () => {
    const path = resolve(TMP_DIR, `refile-${randomUUID()}.db`);
    const old = createClient({ url: `file:${path}` });
    await migrate(drizzle(old), { migrationsFolder: before('numbers_voids_and_sources') });
    await old.executeMultiple(`
      INSERT INTO townships (id, name, created_at) VALUES (1, '梅林桥镇', 0), (2, '中路铺镇', 0);
      INSERT INTO organisations (id, name, kind, township_id, created_at, updated_at) VALUES (1, '梅林桥志愿队', 'social_org', 1, 0, 0);
      INSERT INTO recipients (id, name, id_number_enc, id_number_hash, id_number_masked, key_version, gender, township_id,
        support_mode, care_level, created_at, updated_at)
        VALUES (1, '王秀英', 'v1:x:x', 'h1', '430321********1234', 1, 'F', 2, 'home', 'self', 0, 0);
      INSERT INTO activities (id, organisation_id, organisation_kind, township_id, occurred_on, kind, idempotency_key,
        content_hash, write_nonce, created_at) VALUES (1, 1, 'social_org', 1, '2026-03-24', 'home_visit', 'k', 'h', 'n', 0);
      INSERT INTO activity_targets (activity_id, recipient_id, occurred_on, organisation_id, township_id)
        VALUES (1, 1, '2026-03-24', 1, 1);
      INSERT INTO ledger_lines (activity_id, kind, amount_fen, occurred_on, organisation_id, township_id, write_nonce, created_at)
        VALUES (1, 'cash', 10000, '2026-03-24', 1, 1, 'n', 0);
    `);
    expect(
      (await old.execute('SELECT township_id, events, cash_fen FROM aid_monthly')).rows.map((r) =>
        Array.from(r as unknown as ArrayLike<unknown>),
      ),
    ).toEqual([[1, 1, 10000]]);
    old.close();

    const database = await openDatabase(`file:${path}`);
    await migrateDatabase(database);
    const c = database.client;
    const one = async (q: string) =>
      (await c.execute(q)).rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>));
    expect(await one('SELECT township_id FROM activities')).toEqual([[2]]);
    expect(await one('SELECT township_id FROM activity_targets')).toEqual([[2]]);
    expect(await one('SELECT township_id, funding_source FROM ledger_lines')).toEqual([[2, null]]);
    // The roll-up follows; the row under the old township stays, zeroed (no table loses rows in a migration).
    expect(await one('SELECT month, township_id, events, cash_fen FROM aid_monthly ORDER BY township_id')).toEqual([
      ['2026-03', 1, 0, 0],
      ['2026-03', 2, 1, 10000],
    ]);
    await expect(c.execute('UPDATE ledger_lines SET amount_fen = 1')).rejects.toThrow(/ledger_append_only/);
    await expect(c.execute('UPDATE activities SET township_id = 1')).rejects.toThrow(/ledger_append_only/);
    await expect(c.execute('UPDATE activity_targets SET township_id = 1')).rejects.toThrow(/ledger_append_only/);
    database.close();
  });
});
