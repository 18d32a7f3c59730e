import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { deliverOutboxJob } from '../../src/jobs/deliver-outbox.js';
import { memoryLogger } from '../../src/lib/logger.js';
import type { OutgoingMessage } from '../../src/modules/notices/senders.js';
import { Browser, type TestApp } from '../setup/app.js';
import { importSheet } from '../setup/imports.js';
import { decrypted, mobileHash } from '../setup/mobiles.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

/** The database file and its WAL as bytes: what a copy of the file or a backup would hand over. */
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

const JOINED = '13700005555';
const REGISTERED = '13800007777';
const IMPORTED = '13912340000';
const EDITED = '13600001234';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

async function importVolunteers(csv: string) {
  return (await importSheet(as.stationX, '/import/volunteers', 'v.csv', new TextEncoder().encode(csv))).done;
}

const byMobile = (mobile: string) =>
  t.database.db
    .select()
    .from(s.volunteers)
    .where(eq(s.volunteers.mobileHash, mobileHash(mobile)))
    .get();

describe("volunteers' mobiles at rest", () => {
  it('keeps every way a mobile reaches the database encrypted: sign-up, registration, import, edit, logins and SMS', async () => {
    const joined = await new Browser(t).post('/join', {
      name: '何志愿',
      mobile: '137 0000 5555',
      townshipId: String(f.x.id),
      availability: 'service_days',
      password: 'a long password',
      privacyConsent: 'on',
    });
    expect(joined.status).toBe(200);
    const registered = await as.stationX.post('/volunteers', {
      name: '孙志愿',
      mobile: REGISTERED,
      townshipId: String(f.x.id),
      availability: 'both',
      status: 'active',
    });
    expect(registered.status).toBe(303);
    expect(await importVolunteers(`姓名,手机号,乡镇,所属组织,技能,党员\n赵志愿,${IMPORTED},花石镇,,,否\n`)).toContain(
      '新增 1 条',
    );
    const sun = (await byMobile(REGISTERED))!;
    // An edit that changes the number: found by the new number's hash afterwards, the old one no longer.
    const edit = await as.stationX.post(`/volunteers/${sun.id}`, {
      name: '孙志愿',
      mobile: EDITED,
      townshipId: String(f.x.id),
      availability: 'both',
      status: 'active',
    });
    expect(edit.status).toBe(303);
    expect(await byMobile(REGISTERED)).toBeUndefined();
    expect((await byMobile(EDITED))!.id).toBe(sun.id);
    // A login with its activation SMS, queued and then delivered: the sender gets the number in full.
    const zhao = (await byMobile(IMPORTED))!;
    expect((await as.stationX.post(`/volunteers/${zhao.id}/login`)).status).toBe(200);
    const got: OutgoingMessage[] = [];
    const sms = { name: 'test', send: async (m: OutgoingMessage) => void got.push(m) };
    const run = await deliverOutboxJob.run({
      db: t.database.db,
      now: t.clock.now(),
      config: t.config,
      logger: memoryLogger(),
      senders: { sms },
    });
    expect(run).toMatchObject({ sent: 1 });
    expect(got.map((m) => m.recipient)).toEqual([IMPORTED]);

    // Raw rows: the stored form only, which opens to the number; logins are not named by it.
    const raw = await t.database.client.execute('SELECT * FROM volunteers ORDER BY id');
    expect(raw.columns).not.toContain('mobile');
    expect(raw.rows).toHaveLength(3);
    for (const row of raw.rows) {
      expect(String(row.mobile_enc)).toMatch(/^v1:/);
      expect(String(row.mobile_masked)).toMatch(/^1\d\d\*{4}\d{4}$/);
    }
    expect(await decrypted(String(raw.rows.find((r) => r.name === '孙志愿')!.mobile_enc))).toBe(EDITED);
    const users = await t.database.client.execute(
      'SELECT username FROM users WHERE id IN (SELECT user_id FROM volunteers)',
    );
    expect(users.rows.map((r) => String(r.username)).sort()).toEqual(
      [`volunteer-${(await byMobile(JOINED))!.id}`, `volunteer-${zhao.id}`].sort(),
    );
    // The file itself, WAL included: none of the numbers in clear anywhere (outbox, audit rows, users, indexes).
    await t.database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = fileBytes(t.dbPath);
    expect(bytes.includes(Buffer.from('孙志愿'))).toBe(true); // the file is readable as text: the search can find
    for (const mobile of [JOINED, REGISTERED, IMPORTED, EDITED])
      expect(bytes.includes(Buffer.from(mobile)), mobile).toBe(false);
  });

  it('finds the volunteer by the whole number or the digits the mask keeps, shows the list masked and the page in full, audited', async () => {
    await as.stationX.post('/volunteers', {
      name: '孙志愿',
      mobile: REGISTERED,
      townshipId: String(f.x.id),
      availability: 'both',
      status: 'active',
    });
    const sun = (await byMobile(REGISTERED))!;
    const list = await (await as.stationX.get('/volunteers')).text();
    expect(list).toContain('138****7777');
    expect(list).not.toContain(REGISTERED);
    for (const q of ['+86 138 0000 7777', '7777'])
      expect(await (await as.stationX.get(`/volunteers?q=${encodeURIComponent(q)}`)).text(), q).toContain('孙志愿');
    expect(await (await as.stationX.get('/volunteers?q=13800000000')).text()).not.toContain('孙志愿');

    const reveals = () =>
      t.database.db
        .select()
        .from(s.auditLog)
        .where(and(eq(s.auditLog.entity, 'volunteer'), eq(s.auditLog.action, 'reveal')));
    expect(await reveals()).toHaveLength(0);
    // The page shows the masked number; a GET records nothing (GETs never write).
    const page = await (await as.stationX.get(`/volunteers/${sun.id}`)).text();
    expect(page).toContain('138****7777');
    expect(page).not.toContain(REGISTERED);
    expect(page).toContain(`action="/volunteers/${sun.id}/reveal"`);
    expect(await reveals()).toHaveLength(0);
    // The full number on request, by POST, recorded as a reveal.
    const shown = await (await as.stationX.post(`/volunteers/${sun.id}/reveal`)).text();
    expect(shown).toContain(REGISTERED);
    expect(shown).toContain('本次查看已记录');
    // The edit form holds the number being edited (saving a change is what the trail records).
    const form = await (await as.stationX.get(`/volunteers/${sun.id}/edit`)).text();
    expect(form).toContain(`value="${REGISTERED}"`);
    const station = (await t.database.db.select().from(s.users).where(eq(s.users.townshipId, f.x.id)).get())!;
    expect((await reveals()).map((r) => [r.actorUserId, r.entityId, r.changes])).toEqual([
      [station.id, String(sun.id), { fields: ['mobile'], on: 'detail' }],
    ]);
    // Another township's station: a 404, and nothing revealed.
    expect((await as.stationY.get(`/volunteers/${sun.id}`)).status).toBe(404);
    expect((await as.stationY.post(`/volunteers/${sun.id}/reveal`)).status).toBe(404);
    expect(await reveals()).toHaveLength(1);
  });

  it('refuses a second registration of the same number with the usual message, in any spelling, and writes nothing', async () => {
    const form = (mobile: string) => ({
      name: '孙志愿',
      mobile,
      townshipId: String(f.x.id),
      availability: 'both',
      status: 'active',
    });
    expect((await as.stationX.post('/volunteers', form(REGISTERED))).status).toBe(303);
    const before = await t.database.db.$count(s.volunteers);
    const again = await as.stationX.post('/volunteers', form('+86 138-0000-7777'));
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该手机号已登记');
    expect(await t.database.db.$count(s.volunteers)).toBe(before);
    // The import matches the same person by the number's hash: unchanged, not a second volunteer.
    expect(await importVolunteers(`姓名,手机号,乡镇,所属组织,技能,党员\n孙志愿,${REGISTERED},花石镇,,,否\n`)).toContain(
      '不变 1 条',
    );
    expect(await t.database.db.$count(s.volunteers)).toBe(before);
  });
});
