import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { maskMobile } from '../../domain/mobile.js';
import type { Scope } from '../../lib/scope.js';
import { volunteersIn } from '../volunteers/queries.js';
import { shiftsIn } from './queries.js';
import { overlapping } from './signup.js';

/** The shift lies inside the staffing Scope: a condition for the writing statement itself. */
export function staffableShift(staffing: Scope, shiftId: number): SQL {
  return sql`exists (select 1 from shifts where shifts.id = ${shiftId} and ${shiftsIn(staffing)})`;
}

/** The volunteer is an active registered volunteer the adder reaches (their volunteers Scope). */
export function reachableVolunteer(reach: Scope, volunteerId: number): SQL {
  return sql`exists (select 1 from volunteers where volunteers.id = ${volunteerId} and volunteers.status = 'active'
    and ${volunteersIn(reach)})`;
}

/** An active volunteer inside a Scope, or undefined (the route answers 404). */
export async function reachable(db: Db, reach: Scope, volunteerId: number) {
  if (!Number.isInteger(volunteerId)) return undefined;
  const [row] = await db
    .select({ id: s.volunteers.id, name: s.volunteers.name })
    .from(s.volunteers)
    .where(and(eq(s.volunteers.id, volunteerId), eq(s.volunteers.status, 'active'), volunteersIn(reach)));
  return row;
}

const CANDIDATES = 20;

/**
 * Volunteers the adder may put on the shift, found by name or mobile: active, inside the adder's volunteers
 * Scope, not already holding or awaiting a place on it; mobiles masked (enough to tell two 王芳 apart).
 */
export async function rosterCandidates(c: { db: Db; reach: Scope; shiftId: number; q: string }) {
  const { db, reach, shiftId, q } = c;
  const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await db
    .select({
      id: s.volunteers.id,
      name: s.volunteers.name,
      mobile: s.volunteers.mobileMasked,
      township: s.townships.name,
    })
    .from(s.volunteers)
    .leftJoin(s.townships, eq(s.townships.id, s.volunteers.townshipId))
    .where(
      and(
        volunteersIn(reach),
        eq(s.volunteers.status, 'active'),
        sql`(${s.volunteers.name} like ${like} escape '\\' or ${s.volunteers.mobileMasked} like ${like} escape '\\')`,
        sql`not exists (select 1 from shift_signups c where c.shift_id = ${shiftId} and c.volunteer_id = "volunteers"."id" and c.status <> 'cancelled')`,
      ),
    )
    .orderBy(asc(s.volunteers.name), asc(s.volunteers.id))
    .limit(CANDIDATES);
  return rows.map(({ mobile, ...r }) => ({ ...r, mobile: maskMobile(mobile) }));
}
export type RosterCandidate = Awaited<ReturnType<typeof rosterCandidates>>[number];

/** The shift a refused place collides with, as the refusal names it (date, time, place). */
export async function overlappingShift(o: { db: Db; shiftId: number; volunteerId: number; except?: number }) {
  const { db, shiftId, volunteerId, except = 0 } = o;
  const [row] = await db.all<OverlapShift>(
    sql`select os.date as date, os.start_time as startTime, os.end_time as endTime, os.title as title,
      coalesce(os.place, (select g.name from organisations g where g.id = os.organisation_id)) as place
      ${overlapping(shiftId, volunteerId, except)} order by os.starts_at limit 1`,
  );
  return row;
}
export interface OverlapShift {
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  place: string;
}

/** Everyone on a shift's roster (cancelled aside), confirmed first in sign-up order, then the waitlist in order. */
export async function roster(db: Db, shiftId: number) {
  return db
    .select({
      volunteerId: s.volunteers.id,
      name: s.volunteers.name,
      status: s.shiftSignups.status,
      position: s.shiftSignups.position,
      attended: s.shiftSignups.attended,
      minutes: s.shiftSignups.confirmedMinutes,
      confirmedAt: s.shiftSignups.confirmedAt,
    })
    .from(s.shiftSignups)
    .innerJoin(s.volunteers, eq(s.volunteers.id, s.shiftSignups.volunteerId))
    .where(and(eq(s.shiftSignups.shiftId, shiftId), ne(s.shiftSignups.status, 'cancelled')))
    .orderBy(sql`${s.shiftSignups.status} = 'waitlisted'`, asc(s.shiftSignups.position));
}
export type RosterRow = Awaited<ReturnType<typeof roster>>[number];

/** Whether a volunteer lies in a volunteers Scope (whatever their status: taking someone off never needs them active). */
export async function volunteerInReach(db: Db, reach: Scope, volunteerId: number): Promise<boolean> {
  const row = await db
    .select({ id: s.volunteers.id })
    .from(s.volunteers)
    .where(and(eq(s.volunteers.id, volunteerId), volunteersIn(reach)))
    .get();
  return row !== undefined;
}
