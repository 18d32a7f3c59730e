import type { Client } from '@libsql/client';
import { maskMobile } from '../domain/mobile.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';

/**
 * Migration 0024 moves volunteers' clear mobiles out of `volunteers` into `volunteer_mobiles_clear` (a SQL migration
 * cannot encrypt); this data step, run once keys are known, encrypts them into the new columns, seals the mobiles
 * queued in the outbox, masks the numbers old audit rows of volunteer edits recorded, drops the holding table and (for a file) VACUUMs so no free page keeps a number
 * (decision 0215). Idempotent: a data_migrations row records it; a database without volunteers needs no key.
 */
const STEP = '0024-encrypt-volunteer-mobiles';
const BATCH = 200;

/** How many clear mobiles wait for the data step (0 when none, or when the step is done). */
export async function clearMobilesPending(client: Client): Promise<number> {
  const table = await client.execute(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'volunteer_mobiles_clear'",
  );
  if (table.rows.length === 0) return 0;
  const [sms] = (
    await client.execute("SELECT count(*) FROM outbox WHERE channel = 'sms' AND recipient NOT LIKE 'v%:%'")
  ).rows;
  const [held] = (await client.execute('SELECT count(*) FROM volunteer_mobiles_clear')).rows;
  return Number(held[0]) + Number(sms[0]);
}

/** Runs the data step; `cipher` is asked for only when there is something to encrypt. */
export async function encryptClearMobiles(
  database: { client: Client; isFile?: boolean },
  cipher: () => PersonalDataCipher,
): Promise<{ volunteers: number; outbox: number }> {
  const { client } = database;
  const done = await client.execute({ sql: 'SELECT 1 FROM data_migrations WHERE name = ?', args: [STEP] });
  const table = await client.execute(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'volunteer_mobiles_clear'",
  );
  if (done.rows.length > 0 && table.rows.length === 0) return { volunteers: 0, outbox: 0 };
  const pending = await clearMobilesPending(client);
  const counts = { volunteers: 0, outbox: 0 };
  if (pending > 0) {
    const c = cipher();
    counts.volunteers = await sealHeld(client, c);
    counts.outbox = await sealOutbox(client, c);
    await maskAudited(client);
  }
  await client.batch(
    [
      'DROP TABLE IF EXISTS volunteer_mobiles_clear',
      { sql: 'INSERT OR IGNORE INTO data_migrations (name, done_at) VALUES (?, ?)', args: [STEP, Date.now()] },
    ],
    'write',
  );
  // The dropped table's pages (every clear number) stay on the free list until the file is rewritten.
  if (pending > 0 && database.isFile) {
    await client.execute('VACUUM');
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  }
  return counts;
}

/** The held numbers, BATCH at a time, each batch one write: the new columns set and the held rows deleted. */
async function sealHeld(client: Client, cipher: PersonalDataCipher): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await client.execute({
      sql: 'SELECT volunteer_id, mobile FROM volunteer_mobiles_clear ORDER BY volunteer_id LIMIT ?',
      args: [BATCH],
    });
    if (rows.length === 0) return total;
    const statements = [];
    for (const row of rows) {
      const id = Number(row.volunteer_id);
      const mobile = String(row.mobile);
      statements.push(
        {
          sql: `UPDATE volunteers SET mobile_enc = ?, mobile_hash = ?, mobile_masked = ?, key_version = ? WHERE id = ?`,
          args: [await cipher.encrypt(mobile), cipher.lookupHash(mobile), maskMobile(mobile), cipher.keyVersion, id],
        },
        { sql: 'DELETE FROM volunteer_mobiles_clear WHERE volunteer_id = ?', args: [id] },
      );
    }
    await client.batch(statements, 'write');
    total += rows.length;
  }
}

/** Text messages queued (or kept after sending) with the number in clear: the sender now decrypts at send time. */
async function sealOutbox(client: Client, cipher: PersonalDataCipher): Promise<number> {
  let total = 0;
  let after = 0;
  for (;;) {
    const { rows } = await client.execute({
      sql: "SELECT id, recipient FROM outbox WHERE channel = 'sms' AND recipient NOT LIKE 'v%:%' AND id > ? ORDER BY id LIMIT ?",
      args: [after, BATCH],
    });
    if (rows.length === 0) return total;
    const statements = [];
    for (const row of rows) {
      statements.push({
        sql: 'UPDATE outbox SET recipient = ? WHERE id = ? AND recipient = ?',
        args: [await cipher.encrypt(String(row.recipient)), Number(row.id), String(row.recipient)],
      });
      after = Number(row.id);
    }
    await client.batch(statements, 'write');
    total += rows.length;
  }
}

/** Edits of a volunteer recorded the old and new number in clear in the audit row: only the masked form stays. */
async function maskAudited(client: Client): Promise<void> {
  const { rows } = await client.execute(
    "SELECT id, changes FROM audit_log WHERE entity = 'volunteer' AND changes GLOB '*1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'",
  );
  const statements = rows.map((row) => ({
    sql: 'UPDATE audit_log SET changes = ? WHERE id = ?',
    args: [String(row.changes).replace(/1[3-9]\d{9}/g, (m) => maskMobile(m)), Number(row.id)],
  }));
  if (statements.length) await client.batch(statements, 'write');
}
