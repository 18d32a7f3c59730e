import { and, asc, desc, eq, gte, ne, type SQL, sql } from 'drizzle-orm';
import { shanghaiInstant } from '../../domain/dates.js';

/**
 * Shifts on one page of the volunteers' list, own township first, the next pages a link away: about three screens
 * of a phone at 360 px, the next few service days of their township (decision 0245).
 */
export const UPCOMING_PAGE = 10;

import type { Db } from '../../db/client.js';
import { hotSelect, rowAsRead } from '../../db/hot-select.js';
import * as s from '../../db/schema/index.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { activeTownshipsOf } from '../service-days/active.js';

// Kept by triggers on shift_signups (migration 0012): no per-shift count on the busiest pages.
const confirmed = s.shifts.confirmedCount;
const waitlisted = s.shifts.waitlistedCount;

export const shiftColumns = {
  id: s.shifts.id,
  title: s.shifts.title,
  date: s.shifts.date,
  startTime: s.shifts.startTime,
  endTime: s.shifts.endTime,
  place: s.shifts.place,
  description: s.shifts.description,
  capacity: s.shifts.capacity,
  requiredSkills: s.shifts.requiredSkills,
  workKind: s.shifts.workKind,
  organisationId: s.shifts.organisationId,
  townshipId: s.shifts.townshipId,
  startsAt: s.shifts.startsAt,
  status: s.shifts.status,
  serviceDay: sql<number>`${s.shifts.serviceDayId} is not null`,
  organisation: s.organisations.name,
  // Whose shift it is: the station's (on a service day, the township's) or an organisation's own.
  organisationKind: s.organisations.kind,
  township: s.townships.name,
  confirmed,
  waitlisted,
};

/**
 * The volunteer record behind a volunteer login (hot path: every volunteer page), only while active: a pending or
 * inactive volunteer opens no volunteer page.
 */
export function volunteerOfUserQuery(db: Db) {
  const selection = {
    id: s.volunteers.id,
    name: s.volunteers.name,
    townshipId: s.volunteers.townshipId,
    skills: s.volunteers.skills,
  };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(s.volunteers)
      .where(and(eq(s.volunteers.userId, sql.placeholder('userId')), eq(s.volunteers.status, 'active'))),
  );
}

// The active volunteer behind a login, as uncorrelated scalar subqueries (SQLite runs each once per statement): the
// volunteer pages read it in the same statement as their rows instead of in a lookup of its own (decision 0205).
const myVolunteer = sql`(select v.id from volunteers v where v.user_id = ${sql.placeholder('userId')} and v.status = 'active')`;
const myTownship = sql`coalesce((select v.township_id from volunteers v where v.user_id = ${sql.placeholder('userId')}
  and v.status = 'active'), 0)`;

/**
 * Open shifts from a date on for the volunteer behind a login, their township first, with their own status on each
 * and whether the login has a volunteer at all (hot path: the volunteers' list). Empty `date`/`skill` placeholders
 * mean "any".
 */
export function upcomingShiftsQuery(db: Db) {
  const ph = sql.placeholder;
  const order = [
    sql`${s.shifts.townshipId} = ${myTownship} desc`,
    asc(s.shifts.date),
    asc(s.shifts.startsAt),
    asc(s.shifts.id),
  ];
  const open = sql`x.status = 'open' and x.date >= ${ph('from')} and (${ph('date')} = '' or x.date = ${ph('date')})
    and (${ph('skill')} = '' or exists (select 1 from json_each(x.required_skills) j where j.value = ${ph('skill')}))`;
  // The page's rows come from two index-ordered runs (own township by date, then the others by date), each
  // stopping at the end of the page asked for (`reach`): the cost follows the pages, not how many shifts the
  // database holds (bench:scale). One row past the page says whether there is a next one.
  const page = sql`select id from (select x.id from shifts x where x.township_id = ${myTownship} and ${open} order by x.date, x.starts_at, x.id limit ${ph('reach')})
    union all select id from (select x.id from shifts x where x.township_id <> ${myTownship} and ${open} order by x.date, x.starts_at, x.id limit ${ph('reach')})`;
  const selection = {
    ...shiftColumns,
    mine: sql<
      string | null
    >`(select m.status from shift_signups m where m.shift_id = ${s.shifts.id} and m.volunteer_id = ${myVolunteer})`,
    linked: sql<number>`${myVolunteer} is not null`,
  };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(s.shifts)
      .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
      .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
      .where(sql`${s.shifts.id} in (${page})`)
      .orderBy(...order)
      .limit(UPCOMING_PAGE + 1)
      .offset(ph('skip')),
  );
}
export type UpcomingQuery = ReturnType<typeof upcomingShiftsQuery>;
export type ShiftRow = Omit<Awaited<ReturnType<UpcomingQuery['all']>>[number], 'linked'>;

/**
 * Everything a shift card shows, as one string (the cards' render cache key, decision 0205): the row's values as the
 * database gave them when it came straight from a hot select (cheaper to serialise than its Date), else the row.
 */
export function shiftRowKey(shift: ShiftRow): string {
  const asRead = rowAsRead(shift);
  return asRead ? JSON.stringify(asRead) : JSON.stringify(shift);
}

/** Every value one page of the volunteers' list shows, as one text (its remembered page's key). */
export function upcomingKey(list: { linked: boolean; more: boolean; shifts: ShiftRow[] }): string {
  return `${list.linked} ${list.more} ${list.shifts.map(shiftRowKey).join('\u0002')}`;
}

/**
 * The volunteers' list for a login, in one statement (the volunteer lookup inside it); only a login whose list is
 * empty costs a second read, to tell "no shifts" from "no volunteer record".
 */
export async function upcomingFor(q: {
  db: Db;
  userId: number;
  from: string;
  date: string;
  skill: string;
  /** From 1; a page past the end is empty. */
  page?: number;
}) {
  const { db, page = 1, ...args } = q;
  const skip = (page - 1) * UPCOMING_PAGE;
  const rows = await hotQueries(db).upcoming.all({ ...args, skip, reach: skip + UPCOMING_PAGE + 1 });
  const linked = rows.length
    ? Number(rows[0].linked) === 1
    : (await hotQueries(db).volunteerOfUser.all(args)).length > 0;
  return { linked, shifts: rows.slice(0, UPCOMING_PAGE) as ShiftRow[], more: rows.length > UPCOMING_PAGE };
}

/** One shift as a volunteer sees it after acting on it (for the htmx card swap). */
function shiftForVolunteerQuery(db: Db) {
  const selection = {
    ...shiftColumns,
    mine: sql<
      string | null
    >`(select m.status from shift_signups m where m.shift_id = ${s.shifts.id} and m.volunteer_id = ${sql.placeholder('volunteerId')})`,
  };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(s.shifts)
      .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
      .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
      .where(and(eq(s.shifts.id, sql.placeholder('shiftId')), eq(s.shifts.status, 'open'))),
  );
}

/** The shift as its card shows it to one volunteer (the sign-up answers with it: built once per database). */
export async function shiftForVolunteer(db: Db, shiftId: number, volunteerId: number): Promise<ShiftRow | undefined> {
  const [row] = await hotQueries(db).shiftForVolunteer.all({ shiftId, volunteerId });
  return row;
}

/**
 * Sign-ups matching `where`, each with its shift as every list reads it and its volunteer: the one query behind a
 * volunteer's own shifts, the calendar feed, service records and certificates.
 */
function signupLines(db: Db, where: SQL | undefined) {
  return db
    .select({
      ...shiftColumns,
      endsAt: s.shifts.endsAt,
      sequence: s.shifts.sequence,
      updatedAt: s.shifts.updatedAt,
      mine: s.shiftSignups.status,
      attended: s.shiftSignups.attended,
      minutes: s.shiftSignups.confirmedMinutes,
      volunteerId: s.volunteers.id,
      volunteer: s.volunteers.name,
      hasLogin: s.volunteers.userId,
    })
    .from(s.shiftSignups)
    .innerJoin(s.shifts, eq(s.shifts.id, s.shiftSignups.shiftId))
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
    .innerJoin(s.volunteers, eq(s.volunteers.id, s.shiftSignups.volunteerId))
    .where(where);
}

/** The sign-ups a volunteer holds (confirmed or waitlisted), `where` narrowing them: own shifts, the calendar feed. */
export function heldShifts(db: Db, volunteerId: number, where?: SQL) {
  return signupLines(
    db,
    and(eq(s.shiftSignups.volunteerId, volunteerId), ne(s.shiftSignups.status, 'cancelled'), where),
  );
}

/** A volunteer's own sign-ups (not cancelled) on open shifts, newest day first, with confirmed minutes. */
export async function myShifts(db: Db, volunteerId: number) {
  return heldShifts(db, volunteerId, eq(s.shifts.status, 'open')).orderBy(desc(s.shifts.date), asc(s.shifts.startsAt));
}
export type MyShiftRow = Awaited<ReturnType<typeof myShifts>>[number];

/** Confirmed, attended service, one line per shift and volunteer, matching `where` (records, certificates). */
export function servedLines(db: Db, where: SQL | undefined) {
  return signupLines(db, and(eq(s.shiftSignups.status, 'confirmed'), eq(s.shiftSignups.attended, true), where));
}

/** Confirmed service of one volunteer (of one organisation, or all): each shift with its minutes (totals, certificates). */
export async function serviceRecord(db: Db, volunteerId: number, organisationId?: number) {
  const ofOrganisation = organisationId === undefined ? undefined : eq(s.shifts.organisationId, organisationId);
  return servedLines(db, and(eq(s.shiftSignups.volunteerId, volunteerId), ofOrganisation)).orderBy(
    asc(s.shifts.date),
    asc(s.shifts.startsAt),
  );
}

/**
 * Shifts inside a scope: a township's, an organisation's; a partner organisation's own plus the stations'
 * service-day shifts in the townships it is active in (the service day belongs to the township, decision 0150).
 * Written with qualified names: the rule also runs inside single-table selects and correlated subqueries.
 */
export function shiftsIn(scope: Scope): SQL {
  return scopeWhere(scope, {
    township: sql`"shifts"."township_id"`,
    organisation: sql`"shifts"."organisation_id"`,
    partner: (id) => sql`("shifts"."organisation_id" = ${id} or ("shifts"."service_day_id" is not null
      and "shifts"."organisation_id" in (select st.id from organisations st where st.kind = 'station')
      and "shifts"."township_id" in (${activeTownshipsOf(id)})))`,
  });
}

export async function managedShifts(db: Db, scope: Scope, from: string) {
  return db
    .select(shiftColumns)
    .from(s.shifts)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
    .where(and(shiftsIn(scope), eq(s.shifts.status, 'open'), gte(s.shifts.date, from)))
    .orderBy(asc(s.shifts.date), asc(s.shifts.startsAt), asc(s.shifts.id))
    .limit(200);
}
export type ManagedShift = Awaited<ReturnType<typeof managedShifts>>[number];

export async function findShift(db: Db, scope: Scope, id: number) {
  if (!Number.isInteger(id)) return undefined;
  const [row] = await db
    .select(shiftColumns)
    .from(s.shifts)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
    .where(and(shiftsIn(scope), eq(s.shifts.id, id)));
  return row;
}

/** Townships and organisations a manager may put a shift under. */
/**
 * The townships and organisations a manager may create shifts for: a station its township and its organisations;
 * a coordinator its organisation, in the township where the organisation works (its registered township).
 */
export async function shiftFormOptions(db: Db, scope: Scope) {
  const townships = await db
    .select({ id: s.townships.id, name: s.townships.name })
    .from(s.townships)
    .where(
      scopeWhere(scope, {
        township: s.townships.id,
        organisation: (id) => sql`${s.townships.id} IN (SELECT township_id FROM organisations WHERE id = ${id})`,
      }),
    )
    .orderBy(asc(s.townships.name));
  const organisations = await db
    .select({ id: s.organisations.id, name: s.organisations.name, townshipId: s.organisations.townshipId })
    .from(s.organisations)
    .where(scopeWhere(scope, { township: s.organisations.townshipId, organisation: s.organisations.id }))
    .orderBy(asc(s.organisations.name));
  return { townships, organisations };
}

export async function insertShift(ctx: {
  db: Db;
  now: Date;
  input: {
    title: string;
    organisationId: number;
    townshipId: number;
    place: string;
    description: string;
    date: string;
    startTime: string;
    endTime: string;
    capacity: number;
    requiredSkills: string[];
    workKind: s.WorkKind;
  };
}) {
  const { db, now, input } = ctx;
  const [day] = await db.select({ id: s.serviceDays.id }).from(s.serviceDays).where(eq(s.serviceDays.date, input.date));
  const [row] = await db
    .insert(s.shifts)
    .values({
      ...input,
      place: input.place || null,
      description: input.description || null,
      serviceDayId: day?.id ?? null,
      startsAt: shanghaiInstant(input.date, input.startTime),
      endsAt: shanghaiInstant(input.date, input.endTime),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: s.shifts.id });
  return row.id;
}

const hot = new WeakMap<
  Db,
  {
    volunteerOfUser: ReturnType<typeof volunteerOfUserQuery>;
    upcoming: UpcomingQuery;
    shiftForVolunteer: ReturnType<typeof shiftForVolunteerQuery>;
  }
>();

/** The hot-path statements, prepared once per database (docs/decisions/0005). */
export function hotQueries(db: Db) {
  let q = hot.get(db);
  if (!q) {
    q = {
      volunteerOfUser: volunteerOfUserQuery(db),
      upcoming: upcomingShiftsQuery(db),
      shiftForVolunteer: shiftForVolunteerQuery(db),
    };
    hot.set(db, q);
  }
  return q;
}
