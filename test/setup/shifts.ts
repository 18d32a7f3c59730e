import { eq } from 'drizzle-orm';
import * as s from '../../src/db/schema/index.js';
import type { Db } from '../../src/db/types.js';
import { signUpVolunteer } from '../../src/modules/shifts/service.js';
import type { TestApp } from './app.js';
import { type Browser, loginAs } from './app.js';
import { storedMobile } from './mobiles.js';
import { type RegistryFixture, registryFixture } from './registry.js';

let mobileSeq = 13700000000;

/** A volunteer row (optionally with a volunteer login linked through volunteers.user_id). */
export async function addVolunteer(
  t: TestApp,
  opts: { name?: string; townshipId: number; organisationId?: number; skills?: string[]; login?: boolean },
): Promise<{ id: number; browser?: Browser; userId?: number }> {
  const db = t.database.db;
  const now = t.clock.now();
  const [v] = await db
    .insert(s.volunteers)
    .values({
      name: opts.name ?? '志愿者',
      ...(await storedMobile(String(mobileSeq++))),
      townshipId: opts.townshipId,
      skills: opts.skills ?? [],
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (opts.organisationId)
    await db.insert(s.volunteerOrganisations).values({ volunteerId: v.id, organisationId: opts.organisationId });
  if (!opts.login) return { id: v.id };
  const { browser, userId } = await loginAs(t, 'volunteer');
  await db.update(s.volunteers).set({ userId }).where(eq(s.volunteers.id, v.id));
  return { id: v.id, browser, userId };
}

/** A shift straight in the table (tests of sign-up and pages need one without running the job). */
export async function addShift(
  t: TestApp,
  f: RegistryFixture,
  opts: {
    organisationId?: number;
    townshipId?: number;
    date?: string;
    capacity?: number;
    requiredSkills?: string[];
    title?: string;
  } = {},
) {
  const now = t.clock.now();
  const date = opts.date ?? '2026-11-25';
  const [row] = await t.database.db
    .insert(s.shifts)
    .values({
      organisationId: opts.organisationId ?? f.orgA.id,
      townshipId: opts.townshipId ?? f.x.id,
      title: opts.title ?? '上午入户走访',
      place: '花石村委会',
      date,
      startTime: '08:30',
      endTime: '12:00',
      startsAt: new Date(`${date}T08:30:00+08:00`),
      endsAt: new Date(`${date}T12:00:00+08:00`),
      capacity: opts.capacity ?? 3,
      requiredSkills: opts.requiredSkills ?? [],
      workKind: 'home_visit',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row;
}

/**
 * A volunteer signs up through the sign-up service at the test clock's now: without skills and with the waitlist
 * allowed unless told (another connection to the same file may be passed as `db`).
 */
export function signUpAt(
  t: TestApp,
  shiftId: number,
  volunteerId: number,
  opts: { skills?: string[]; allowWaitlist?: boolean; db?: Db } = {},
) {
  return signUpVolunteer({
    db: opts.db ?? t.database.db,
    shiftId,
    volunteer: { id: volunteerId, skills: opts.skills ?? [] },
    allowWaitlist: opts.allowWaitlist ?? true,
    now: t.clock.now(),
  });
}

export { registryFixture };
