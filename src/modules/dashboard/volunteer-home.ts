import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { hotQueries, type ShiftRow } from '../shifts/queries.js';

/** How many open shifts of their own township the home page offers (a phone screenful). */
export const OPEN_ON_HOME = 4;

export interface VolunteerHome {
  linked: boolean;
  /** The volunteer's next (or current) shift they hold or await a place on. */
  next: {
    id: number;
    title: string;
    date: string;
    startTime: string;
    endTime: string;
    place: string | null;
    description: string | null;
    township: string;
    organisation: string;
    status: 'confirmed' | 'waitlisted';
  } | null;
  /** Households on their published plan for today (0: no plan today). */
  householdsToday: number;
  /** Open shifts in their township they have not taken, soonest first, each with the one-tap sign-up. */
  open: ShiftRow[];
}

/** What a volunteer's first screen shows, for the volunteer behind a login (everything scoped to them). */
export async function volunteerHome(db: Db, userId: number, now: Date): Promise<VolunteerHome> {
  const [v] = await hotQueries(db).volunteerOfUser.all({ userId });
  if (!v) return { linked: false, next: null, householdsToday: 0, open: [] };
  const today = businessDate(now);
  const [next, planned, upcoming] = await Promise.all([
    db
      .select({
        id: s.shifts.id,
        title: s.shifts.title,
        date: s.shifts.date,
        startTime: s.shifts.startTime,
        endTime: s.shifts.endTime,
        place: s.shifts.place,
        description: s.shifts.description,
        township: s.townships.name,
        organisation: s.organisations.name,
        status: sql<'confirmed' | 'waitlisted'>`${s.shiftSignups.status}`,
      })
      .from(s.shiftSignups)
      .innerJoin(s.shifts, eq(s.shifts.id, s.shiftSignups.shiftId))
      .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
      .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
      .where(
        and(
          eq(s.shiftSignups.volunteerId, v.id),
          inArray(s.shiftSignups.status, ['confirmed', 'waitlisted']),
          eq(s.shifts.status, 'open'),
          gt(s.shifts.endsAt, now),
        ),
      )
      .orderBy(asc(s.shifts.startsAt))
      .limit(1),
    db.all<{ n: number }>(sql`select count(*) as n from plan_assignments a
      join visit_plans p on p.id = a.plan_id join shifts x on x.id = p.shift_id
      where a.volunteer_id = ${v.id} and a.published = 1 and p.published_at is not null
        and x.date = ${today} and x.status = 'open'`),
    hotQueries(db).upcoming.all({ volunteerId: v.id, townshipId: v.townshipId ?? 0, from: today, date: '', skill: '' }),
  ]);
  const open = upcoming
    .filter((r) => r.townshipId === v.townshipId && r.mine !== 'confirmed' && r.mine !== 'waitlisted')
    .filter((r) => r.startsAt.getTime() > now.getTime())
    .slice(0, OPEN_ON_HOME);
  return { linked: true, next: next[0] ?? null, householdsToday: Number(planned[0]?.n ?? 0), open };
}
