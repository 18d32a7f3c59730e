import { eq } from 'drizzle-orm';
import * as s from '../../src/db/schema/index.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import type { CareLevel } from '../../src/domain/vocabulary.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ALL } from '../../src/lib/scope.js';
import { createMemberLogins } from '../../src/modules/care-units/logins.js';
import { addMember, saveUnit } from '../../src/modules/care-units/service.js';
import { Browser, type TestApp } from './app.js';
import { type RegistryFixture, testIdNumber } from './registry.js';

export const MEMBER_PASSWORD = 'member password 1';

/** A recipient of the register (encrypted ID and caregiver mobile, as the register stores them). */
export async function addRecipient(
  t: TestApp,
  f: RegistryFixture,
  p: {
    name: string;
    villageId: number;
    townshipId: number;
    seq: number;
    level?: CareLevel;
    mode?: 'home' | 'institution';
    mobile?: string;
  },
) {
  const id = testIdNumber('19450101', p.seq);
  const now = t.clock.now();
  const mobile = p.mobile ?? null;
  const [row] = await t.database.db
    .insert(s.recipients)
    .values({
      name: p.name,
      idNumberEnc: await f.cipher.encrypt(id),
      idNumberHash: f.cipher.lookupHash(id),
      idNumberMasked: maskIdNumber(id),
      keyVersion: 1,
      gender: 'F',
      townshipId: p.townshipId,
      villageId: p.villageId,
      supportMode: p.mode ?? 'home',
      careLevel: p.level ?? 'full',
      caregiverName: mobile ? '照料人' : null,
      caregiverMobileEnc: mobile ? await f.cipher.encrypt(mobile) : null,
      caregiverMobileMasked: mobile ? maskMobile(mobile) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...row, idNumber: id };
}

/** A 守望之家 made through its service, as a station makes one. */
export async function addUnit(t: TestApp, name: string, townshipId: number, villageIds: number[]) {
  const saved = await saveUnit({
    db: t.database.db,
    scope: ALL,
    input: { name, townshipId, villageIds, contactName: null, contactPhone: null },
    actorUserId: 0,
    now: t.clock.now(),
  });
  if (!saved.ok) throw new Error(saved.message);
  return saved.id;
}

/** A member of the unit, as the station adds one (no login yet); returns the member row. */
export async function addMemberRow(
  t: TestApp,
  unitId: number,
  name: string,
  memberRole: s.CareMemberRole = 'leader',
  mobile: string | null = null,
) {
  await addMember({
    db: t.database.db,
    unitId,
    input: { name, memberRole, mobile },
    actorUserId: 0,
    now: t.clock.now(),
  });
  const rows = await t.database.db.select().from(s.careUnitMembers).where(eq(s.careUnitMembers.unitId, unitId));
  return rows.filter((m) => m.name === name).at(-1)!;
}

/** The code and login an issuance gave a member (through the service, as the station's POST does). */
export async function issueMemberCode(t: TestApp, unitId: number, member: typeof s.careUnitMembers.$inferSelect) {
  const [out] = await createMemberLogins({
    db: t.database.db,
    cipher: cipherFor(t.config),
    actorUserId: null,
    unitId,
    rows: [member],
    reissue: true,
    activateUrl: 'http://localhost/activate',
    now: t.clock.now(),
  });
  if (out.kind !== 'issued') throw new Error(`member login ${out.reason}`);
  return { code: out.code, login: member.mobile ?? `care${member.id}` };
}

/** A member with a login made by activation code and activated at /activate (landing on /care); their browser. */
export async function memberBrowser(
  t: TestApp,
  unitId: number,
  name: string,
  memberRole: s.CareMemberRole = 'leader',
): Promise<Browser> {
  const member = await addMemberRow(t, unitId, `成员${name}`, memberRole);
  const { code, login } = await issueMemberCode(t, unitId, member);
  const browser = new Browser(t);
  const res = await browser.post('/activate', {
    login,
    code,
    password: MEMBER_PASSWORD,
    passwordConfirm: MEMBER_PASSWORD,
  });
  if (res.status !== 303 || res.headers.get('location') !== '/care') throw new Error(`member activation ${res.status}`);
  return browser;
}

/** Today's visits of a household, as the database holds them. */
export function visitsOf(t: TestApp, recipientId: number) {
  return t.database.db.select().from(s.visits).where(eq(s.visits.recipientId, recipientId)).all();
}
