import type { Db } from '../../src/db/client.js';
import {
  planAssignments,
  shiftSignups,
  shifts,
  users,
  visitPlans,
  visits,
  volunteers,
} from '../../src/db/schema/index.js';
import type { VisitOutcome } from '../../src/domain/vocabulary.js';
import { storedMobile } from './mobiles.js';

const AT = new Date('2026-01-01T00:00:00Z');
let serial = 0;

/** A service-day shift of an organisation in a township, with a published (empty) plan. */
export async function serviceShift(db: Db, organisationId: number, townshipId: number, date: string) {
  const [shift] = await db
    .insert(shifts)
    .values({
      organisationId,
      townshipId,
      title: '入户走访',
      date,
      startTime: '08:30',
      endTime: '12:00',
      startsAt: new Date(`${date}T08:30:00+08:00`),
      endsAt: new Date(`${date}T12:00:00+08:00`),
      capacity: 6,
      createdAt: AT,
      updatedAt: AT,
    })
    .returning();
  const [plan] = await db
    .insert(visitPlans)
    .values({ shiftId: shift.id, status: 'published', publishedAt: AT, createdAt: AT, updatedAt: AT })
    .returning();
  return { shiftId: shift.id, planId: plan.id };
}

export async function volunteer(db: Db, name: string) {
  serial++;
  const [v] = await db
    .insert(volunteers)
    .values({
      name,
      ...(await storedMobile(`1381234${String(serial).padStart(4, '0')}`)),
      createdAt: AT,
      updatedAt: AT,
    })
    .returning();
  return v.id;
}

/** A confirmed sign-up, with the minutes a coordinator confirmed (null: not confirmed yet). */
export async function signup(db: Db, shiftId: number, volunteerId: number, minutes: number | null) {
  serial++;
  await db.insert(shiftSignups).values({
    shiftId,
    volunteerId,
    status: 'confirmed',
    position: serial,
    attended: minutes === null ? null : true,
    confirmedMinutes: minutes,
    confirmedAt: minutes === null ? null : new Date(AT.getTime() + serial),
    createdAt: AT,
    updatedAt: AT,
  });
}

/** A household on the published plan of a shift, for one volunteer. */
export async function planned(db: Db, planId: number, volunteerId: number, recipientId: number) {
  serial++;
  await db.insert(planAssignments).values({ planId, published: true, volunteerId, recipientId, position: serial });
}

/** A user row with no usable password: the recorder of a visit. */
export async function recorder(db: Db, role: 'station_staff' | 'volunteer', townshipId: number | null) {
  serial++;
  const [u] = await db
    .insert(users)
    .values({
      username: `u${serial}`,
      displayName: `记录人${serial}`,
      passwordHash: '!',
      role,
      townshipId,
      createdAt: AT,
    })
    .returning();
  return u.id;
}

export async function visit(
  db: Db,
  v: {
    recipientId: number;
    on: string;
    by: 'volunteer' | 'station_worker' | 'watch_home_member' | 'village_doctor';
    outcome?: VisitOutcome;
    recordedBy?: number | null;
    volunteerIds?: number[];
  },
) {
  await db.insert(visits).values({
    recipientId: v.recipientId,
    visitedOn: v.on,
    kind: 'home_visit',
    visitorKind: v.by,
    volunteerIds: v.volunteerIds ?? [],
    outcome: v.outcome ?? 'visited',
    recordedBy: v.recordedBy ?? null,
    createdAt: AT,
  });
}
