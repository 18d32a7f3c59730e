import { argon2Hasher } from '../../src/auth/password.js';
import type { Db } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import type { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { storedMobile } from './mobiles.js';

export const FIELD_PASSWORD = 'a strong password';

/**
 * A volunteer (login `xiaowang`) with one published household on today's shift of a social organisation: 周奶奶,
 * whose daughter's number is 13912345678. For browser tests against a live server (real clock).
 */
export async function fieldDay(db: Db, cipher: PersonalDataCipher, now = new Date()) {
  const today = businessDate(now);
  const [x] = await db.insert(s.townships).values({ name: '花石镇', createdAt: now }).returning();
  const [village] = await db
    .insert(s.villages)
    .values({ townshipId: x.id, name: '花石村', createdAt: now })
    .returning();
  const [org] = await db
    .insert(s.organisations)
    .values({ name: '阳光社工', kind: 'social_org', townshipId: x.id, createdAt: now, updatedAt: now })
    .returning();
  const user = await createUser(
    { db, passwords: argon2Hasher },
    { username: 'xiaowang', displayName: '小王', password: FIELD_PASSWORD, role: 'volunteer' },
    now,
  );
  if (!user.ok) throw new Error('user');
  const [vol] = await db
    .insert(s.volunteers)
    .values({
      name: '小王',
      ...(await storedMobile('13700001111')),
      townshipId: x.id,
      userId: user.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const id = '430321194001011234';
  const [recipient] = await db
    .insert(s.recipients)
    .values({
      name: '周奶奶',
      idNumberEnc: await cipher.encrypt(id),
      idNumberHash: cipher.lookupHash(id),
      idNumberMasked: `430321********${id.slice(-4)}`,
      keyVersion: cipher.keyVersion,
      gender: 'F',
      townshipId: x.id,
      villageId: village.id,
      address: '花石村3组',
      supportMode: 'home',
      careLevel: 'full',
      caregiverName: '女儿',
      caregiverMobileEnc: await cipher.encrypt('13912345678'),
      caregiverMobileMasked: '139****5678',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [shift] = await db
    .insert(s.shifts)
    .values({
      organisationId: org.id,
      townshipId: x.id,
      title: '集中走访',
      date: today,
      startTime: '08:30',
      endTime: '12:00',
      startsAt: new Date(`${today}T08:30:00+08:00`),
      endsAt: new Date(`${today}T12:00:00+08:00`),
      capacity: 5,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [plan] = await db
    .insert(s.visitPlans)
    .values({ shiftId: shift.id, status: 'published', publishedAt: now, createdAt: now, updatedAt: now })
    .returning();
  const [assignment] = await db
    .insert(s.planAssignments)
    .values({ planId: plan.id, published: true, volunteerId: vol.id, recipientId: recipient.id, position: 1 })
    .returning();
  return { today, township: x, org, userId: user.id, volunteer: vol, recipient, shift, assignment };
}
