import { eq } from 'drizzle-orm';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import type { CareLevel } from '../../src/domain/vocabulary.js';
import { ALL } from '../../src/lib/scope.js';
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

/** A member with a login, logged in through the form; returns their browser. */
export async function memberBrowser(
  t: TestApp,
  unitId: number,
  username: string,
  memberRole: s.CareMemberRole = 'leader',
): Promise<Browser> {
  const added = await addMember({
    db: t.database.db,
    passwords: argon2Hasher,
    unitId,
    input: { name: `成员${username}`, memberRole, mobile: null, username, password: MEMBER_PASSWORD },
    actorUserId: 0,
    now: t.clock.now(),
  });
  if (!added.ok) throw new Error(added.message);
  const browser = new Browser(t);
  const res = await browser.post('/login', { username, password: MEMBER_PASSWORD });
  if (res.status !== 303) throw new Error(`member login ${res.status}`);
  return browser;
}

/** Today's visits of a household, as the database holds them. */
export function visitsOf(t: TestApp, recipientId: number) {
  return t.database.db.select().from(s.visits).where(eq(s.visits.recipientId, recipientId)).all();
}
