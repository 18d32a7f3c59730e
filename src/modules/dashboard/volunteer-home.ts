import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { hotQueries, type ShiftRow, shiftColumns } from '../shifts/queries.js';

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

const ph = sql.placeholder;

/** The home's three reads, prepared once per database: the busiest volunteer page (decision 0005). */
function prepare(db: Db) {
  const next = db
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
        eq(s.shiftSignups.volunteerId, ph('volunteerId')),
        inArray(s.shiftSignups.status, ['confirmed', 'waitlisted']),
        eq(s.shifts.status, 'open'),
        gt(s.shifts.endsAt, ph('now')),
      ),
    )
    .orderBy(asc(s.shifts.startsAt))
    .limit(1)
    .prepare();
  const today = db
    .select({ n: sql<number>`count(*)` })
    .from(s.planAssignments)
    .innerJoin(s.visitPlans, eq(s.visitPlans.id, s.planAssignments.planId))
    .innerJoin(s.shifts, eq(s.shifts.id, s.visitPlans.shiftId))
    .where(
      and(
        eq(s.planAssignments.volunteerId, ph('volunteerId')),
        eq(s.planAssignments.published, true),
        sql`${s.visitPlans.publishedAt} is not null`,
        eq(s.shifts.date, ph('today')),
        eq(s.shifts.status, 'open'),
      ),
    )
    .prepare();
  // Own township only, by the (township, date) index, stopping at a screenful: not the whole upcoming list.
  const open = db
    .select({ ...shiftColumns, mine: sql<string | null>`null` })
    .from(s.shifts)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
    .where(
      and(
        eq(s.shifts.townshipId, ph('townshipId')),
        sql`${s.shifts.date} >= ${ph('today')}`,
        eq(s.shifts.status, 'open'),
        gt(s.shifts.startsAt, ph('now')),
        sql`not exists (select 1 from shift_signups m where m.shift_id = ${s.shifts.id}
          and m.volunteer_id = ${ph('volunteerId')} and m.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(s.shifts.date), asc(s.shifts.startsAt), asc(s.shifts.id))
    .limit(OPEN_ON_HOME)
    .prepare();
  return { next, today, open };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

/** What a volunteer's first screen shows, for the volunteer behind a login (everything scoped to them). */
export async function volunteerHome(db: Db, userId: number, now: Date): Promise<VolunteerHome> {
  const [v] = await hotQueries(db).volunteerOfUser.all({ userId });
  if (!v) return { linked: false, next: null, householdsToday: 0, open: [] };
  let q = prepared.get(db);
  if (!q) {
    q = prepare(db);
    prepared.set(db, q);
  }
  const at = now.getTime();
  const today = businessDate(now);
  const [next, planned, open] = await Promise.all([
    q.next.all({ volunteerId: v.id, now: at }),
    q.today.all({ volunteerId: v.id, today }),
    v.townshipId === null ? [] : q.open.all({ volunteerId: v.id, townshipId: v.townshipId, today, now: at }),
  ]);
  return { linked: true, next: next[0] ?? null, householdsToday: Number(planned[0]?.n ?? 0), open };
}
