import { argon2Hasher } from '../../src/auth/password.js';
import type { Db } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate, shanghaiInstant } from '../../src/domain/dates.js';
import type { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { mobileColumns } from '../../src/modules/volunteers/mobile.js';

/** The password of every login the journey creates. */
export const JOURNEY_PASSWORD = 'a strong password';

export interface JourneyHousehold {
  name: string;
  idNumber: string;
  address: string;
  careLevel: s.CareLevel;
  careNotes?: string;
  caregiverName: string;
  caregiverMobile: string;
  /** Registered this many days before `now` (the coverage rule's wait starts there); 0 by default. */
  registeredDaysAgo?: number;
}

export interface JourneyOptions {
  township: string;
  village: string;
  organisation: { name: string; kind: 'social_org' | 'station' };
  /** The person at a desk: a coordinator of the organisation or the township's station staff. */
  staff?: { username: string; displayName: string; role: 'org_coordinator' | 'station_staff' };
  /** The volunteer on the shift; with `username`, they log in. */
  volunteer: { name: string; mobile: string; username?: string };
  households: JourneyHousehold[];
  /** The shift's meeting point. */
  place?: string;
  /** Publish a plan at once, one household after another on the volunteer's list (the field tools' start). */
  published?: boolean;
  now?: Date;
}

async function login(db: Db, now: Date, u: Parameters<typeof createUser>[1]) {
  const made = await createUser({ db, passwords: argon2Hasher }, u, now);
  if (!made.ok) throw new Error(`user ${u.username}`);
  return made.id;
}

/**
 * One township's service day as the plan journeys start it, against a live server (real clock): its village, an
 * organisation, the desk login, a volunteer confirmed on today's 08:30–12:00 shift, the households with their
 * encrypted ID and caregiver numbers, and (when asked) a published plan holding them all.
 */
export async function planJourney(db: Db, cipher: PersonalDataCipher, o: JourneyOptions) {
  const now = o.now ?? new Date();
  const today = businessDate(now);
  const [township] = await db.insert(s.townships).values({ name: o.township, createdAt: now }).returning();
  const [village] = await db
    .insert(s.villages)
    .values({ townshipId: township.id, name: o.village, createdAt: now })
    .returning();
  const [org] = await db
    .insert(s.organisations)
    .values({ ...o.organisation, townshipId: township.id, createdAt: now, updatedAt: now })
    .returning();
  const staffUserId = o.staff
    ? await login(db, now, {
        ...o.staff,
        password: JOURNEY_PASSWORD,
        ...(o.staff.role === 'station_staff' ? { townshipId: township.id } : { organisationId: org.id }),
      })
    : null;
  const volunteerUserId = o.volunteer.username
    ? await login(db, now, {
        username: o.volunteer.username,
        displayName: o.volunteer.name,
        password: JOURNEY_PASSWORD,
        role: 'volunteer',
      })
    : null;
  const [volunteer] = await db
    .insert(s.volunteers)
    .values({
      name: o.volunteer.name,
      ...(await mobileColumns(cipher, o.volunteer.mobile)),
      townshipId: township.id,
      userId: volunteerUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const recipients = [];
  for (const h of o.households) {
    const registered = new Date(now.getTime() - (h.registeredDaysAgo ?? 0) * 86_400_000);
    const [r] = await db
      .insert(s.recipients)
      .values({
        name: h.name,
        idNumberEnc: await cipher.encrypt(h.idNumber),
        idNumberHash: cipher.lookupHash(h.idNumber),
        idNumberMasked: `${h.idNumber.slice(0, 6)}********${h.idNumber.slice(-4)}`,
        keyVersion: cipher.keyVersion,
        gender: 'F',
        townshipId: township.id,
        villageId: village.id,
        address: h.address,
        supportMode: 'home',
        careLevel: h.careLevel,
        careNotes: h.careNotes ?? null,
        caregiverName: h.caregiverName,
        caregiverMobileEnc: await cipher.encrypt(h.caregiverMobile),
        caregiverMobileMasked: `${h.caregiverMobile.slice(0, 3)}****${h.caregiverMobile.slice(-4)}`,
        createdAt: registered,
        updatedAt: registered,
      })
      .returning();
    recipients.push(r);
  }
  const [shift] = await db
    .insert(s.shifts)
    .values({
      organisationId: org.id,
      townshipId: township.id,
      title: '集中走访',
      place: o.place ?? null,
      date: today,
      startTime: '08:30',
      endTime: '12:00',
      startsAt: shanghaiInstant(today, '08:30'),
      endsAt: shanghaiInstant(today, '12:00'),
      capacity: 5,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(s.shiftSignups).values({
    shiftId: shift.id,
    volunteerId: volunteer.id,
    status: 'confirmed',
    position: 1,
    createdAt: now,
    updatedAt: now,
  });
  const assignments = o.published ? await publishAll(db, now, shift.id, volunteer.id, recipients) : [];
  return { today, township, village, org, staffUserId, volunteer, volunteerUserId, recipients, shift, assignments };
}
export type PlanJourney = Awaited<ReturnType<typeof planJourney>>;

async function publishAll(db: Db, now: Date, shiftId: number, volunteerId: number, people: { id: number }[]) {
  const [plan] = await db
    .insert(s.visitPlans)
    .values({ shiftId, status: 'published', publishedAt: now, createdAt: now, updatedAt: now })
    .returning();
  return db
    .insert(s.planAssignments)
    .values(
      people.map((r, i) => ({ planId: plan.id, published: true, volunteerId, recipientId: r.id, position: i + 1 })),
    )
    .returning();
}
