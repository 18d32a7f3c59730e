import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { loadConfig } from '../../src/env.js';
import { deliverOutboxJob } from '../../src/jobs/deliver-outbox.js';
import { holdsEncryptedData } from '../../src/lib/key-file.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import type { OutgoingMessage } from '../../src/modules/notices/senders.js';
import { clearMobilesPending, encryptClearMobiles } from '../../src/ops/clear-mobiles.js';
import { Browser, FakeClock, loginAs, ORIGIN, SETUP_TOKEN, type TestApp } from '../setup/app.js';
import { TEST_KEYS } from '../setup/keys.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';

const MIGRATIONS = resolve(ROOT, 'migrations');

/** The migrations folder as it was while volunteers' mobiles were stored in clear (up to 0023). */
function beforeMobilesEncrypted(): string {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS, 'meta/_journal.json'), 'utf8'));
  const upTo = journal.entries.findIndex((e: { tag: string }) => /^\d+_volunteers_mobile/.test(e.tag));
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

const fileBytes = (path: string) =>
  Buffer.concat(
    [path, `${path}-wal`].map((p) => {
      try {
        return readFileSync(p);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );

const N = 120;
const mobileOf = (i: number) => `1390731${String(i).padStart(4, '0')}`;
const PASSWORD = 'the volunteer password';

describe("migrating volunteers' clear mobiles", () => {
  it('encrypts every existing number at start; they still log in, still de-duplicate, still get their SMS', async () => {
    const path = resolve(TMP_DIR, `mobiles-${randomUUID()}.db`);
    const old = createClient({ url: `file:${path}` });
    await old.execute('PRAGMA journal_mode = WAL');
    await migrate(drizzle(old), { migrationsFolder: beforeMobilesEncrypted() });
    await old.execute("INSERT INTO townships (id, name, created_at) VALUES (1, '花石镇', 0)");
    for (let i = 0; i < N; i++)
      await old.execute({
        sql: `INSERT INTO volunteers (id, name, mobile, township_id, created_at, updated_at) VALUES (?, ?, ?, 1, 0, 0)`,
        args: [i + 1, `志愿者${i}`, mobileOf(i)],
      });
    // Volunteer 1 has a login named by the number (as sign-ups and slips made them), a text message still queued,
    // and an audit row of an edit that changed the number.
    const hash = await argon2Hasher.hash(PASSWORD);
    await old.execute({
      sql: `INSERT INTO users (id, username, display_name, password_hash, role, created_at) VALUES (1, ?, '志愿者0', ?, 'volunteer', 0)`,
      args: [mobileOf(0), hash],
    });
    await old.execute('UPDATE volunteers SET user_id = 1 WHERE id = 1');
    await old.execute({
      sql: `INSERT INTO outbox (volunteer_id, channel, recipient, subject, body, status, attempts, next_attempt_at, idempotency_key, created_at)
            VALUES (1, 'sms', ?, '提醒', '明天的班次', 'pending', 0, 0, 'reminder:1', 0)`,
      args: [mobileOf(0)],
    });
    await old.execute({
      sql: `INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, changes) VALUES (0, NULL, 'update', 'volunteer', '2', ?)`,
      args: [JSON.stringify({ mobile: { from: '13600000000', to: mobileOf(1) } })],
    });
    await old.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    old.close();
    expect(fileBytes(path).includes(Buffer.from(mobileOf(77)))).toBe(true); // the old file does hold them

    // The start path (src/index.node.ts, src/cli.ts): migrations, then keys, then the data step.
    const database = await openDatabase(`file:${path}`);
    await migrateDatabase(database);
    expect(await clearMobilesPending(database.client)).toBe(N + 1);
    // Nothing is encrypted yet: a start without a key file may still create one for this database.
    expect(await holdsEncryptedData(database.client)).toBe(false);
    const config = loadConfig({ SETUP_TOKEN, ...TEST_KEYS });
    const cipher = cipherFor(config);
    expect(await encryptClearMobiles(database, () => cipher)).toEqual({ volunteers: N, outbox: 1 });
    expect(await holdsEncryptedData(database.client)).toBe(true);

    const rows = await database.client.execute(
      'SELECT id, mobile_enc, mobile_hash, mobile_masked, key_version FROM volunteers ORDER BY id',
    );
    expect(rows.rows).toHaveLength(N);
    for (const [i, r] of rows.rows.entries()) {
      expect(await cipher.decrypt(String(r.mobile_enc))).toBe(mobileOf(i));
      expect(r.mobile_hash).toBe(cipher.lookupHash(mobileOf(i)));
      expect(r.mobile_masked).toBe(`139****${mobileOf(i).slice(7)}`);
      expect(Number(r.key_version)).toBe(1);
    }
    const tables = await database.client.execute(
      "SELECT name FROM sqlite_master WHERE name = 'volunteer_mobiles_clear'",
    );
    expect(tables.rows).toHaveLength(0);
    const username = await database.client.execute('SELECT username FROM users WHERE id = 1');
    expect(username.rows[0].username).toBe('volunteer-1');
    const audit = await database.client.execute("SELECT changes FROM audit_log WHERE entity = 'volunteer'");
    expect(JSON.parse(String(audit.rows[0].changes))).toEqual({ mobile: { from: '136****0000', to: '139****0001' } });

    // The file, WAL included, holds none of the numbers any more (the VACUUM dropped the old pages).
    await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = fileBytes(path);
    expect(bytes.includes(Buffer.from('志愿者77'))).toBe(true);
    for (let i = 0; i < N; i++) expect(bytes.includes(Buffer.from(mobileOf(i))), mobileOf(i)).toBe(false);
    expect(bytes.includes(Buffer.from('13600000000'))).toBe(false);

    // Idempotent: the second start finds the step done and needs no key.
    expect(
      await encryptClearMobiles(database, () => {
        throw new Error('no key should be needed');
      }),
    ).toEqual({ volunteers: 0, outbox: 0 });
    const marks = await database.client.execute(
      "SELECT count(*) FROM data_migrations WHERE name = '0024-encrypt-volunteer-mobiles'",
    );
    expect(Number(marks.rows[0][0])).toBe(1);

    // The app over the migrated file: the volunteer logs in by the number as before.
    const clock = new FakeClock();
    const app = createApp({
      db: database.db,
      now: clock.now,
      config,
      passwords: argon2Hasher,
      logger: memoryLogger(),
      cipher,
      clientIp: () => '192.0.2.1',
    });
    const t: TestApp = {
      app,
      database,
      dbPath: path,
      clock,
      config,
      logger: memoryLogger(),
      ip: { value: '192.0.2.1' },
    };
    const login = await new Browser(t).post('/login', { username: `+86 ${mobileOf(0)}`, password: PASSWORD });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie') ?? '').toContain('sw_session=');

    // The queued message goes to the number, opened at send time.
    const got: OutgoingMessage[] = [];
    await deliverOutboxJob.run({
      db: database.db,
      now: clock.now(),
      config,
      logger: memoryLogger(),
      senders: { sms: { name: 'test', send: async (m) => void got.push(m) } },
    });
    expect(got.map((m) => m.recipient)).toEqual([mobileOf(0)]);

    // A station re-importing its register finds the same people by the number: nothing created.
    const { browser } = await loginAs(t, 'station_staff', { townshipId: 1 });
    const csv = [
      '姓名,手机号,乡镇,所属组织,技能,党员',
      ...[3, 4, 5].map((i) => `志愿者${i},${mobileOf(i)},花石镇,,,否`),
    ].join('\n');
    const form = new FormData();
    form.append('file', new File([new TextEncoder().encode(csv)], 'v.csv'));
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const preview = await app.request(`${ORIGIN}/import/volunteers`, {
      method: 'POST',
      body: form,
      headers: { origin: ORIGIN, cookie },
    });
    const html = await preview.text();
    expect(preview.status, html.slice(0, 1000)).toBe(200);
    const token = /name="token" value="([0-9a-f]+)"/.exec(html)![1];
    const done = await browser.post('/import/volunteers/confirm', { token });
    expect(await done.text()).toContain('新增 0 条，更新 0 条，不变 3 条');
    const count = await database.client.execute('SELECT count(*) FROM volunteers');
    expect(Number(count.rows[0][0])).toBe(N);
    database.close();
  });

  it('refuses to start a database whose numbers wait for the step without a key, changing nothing', async () => {
    const path = resolve(TMP_DIR, `mobiles-${randomUUID()}.db`);
    const old = createClient({ url: `file:${path}` });
    await migrate(drizzle(old), { migrationsFolder: beforeMobilesEncrypted() });
    await old.execute(
      "INSERT INTO volunteers (name, mobile, created_at, updated_at) VALUES ('老赵', '13912345678', 0, 0)",
    );
    old.close();
    const database = await openDatabase(`file:${path}`);
    await migrateDatabase(database);
    await expect(encryptClearMobiles(database, () => cipherFor(loadConfig({})))).rejects.toThrow('no data key');
    const held = await database.client.execute('SELECT mobile FROM volunteer_mobiles_clear');
    expect(held.rows.map((r) => r.mobile)).toEqual(['13912345678']);
    database.close();
  });
});
