import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hotSelect } from '../../db/hot-select.js';
import * as s from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { type ShiftRow, shiftColumns } from '../shifts/queries.js';

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

// The volunteer behind the login and, in the same statement, their next place (held or awaited, not yet ended) and
// up to four open shifts of their township they have not taken. Correlated on the volunteer row, so written with
// qualified names; the two picks are disjoint (the open ones exclude every place the volunteer holds).
const picked = sql`"shifts"."id" in (
  select id from (select x.id from shift_signups m join shifts x on x.id = m.shift_id
    where m.volunteer_id = "volunteers"."id" and m.status in ('confirmed', 'waitlisted') and x.status = 'open'
      and x.ends_at > ${ph('now')} order by x.starts_at limit 1)
  union all
  select id from (select x.id from shifts x where x.township_id = "volunteers"."township_id" and x.date >= ${ph('today')}
      and x.status = 'open' and x.starts_at > ${ph('now')}
      and not exists (select 1 from shift_signups m where m.shift_id = x.id and m.volunteer_id = "volunteers"."id"
        and m.status <> 'cancelled')
    order by x.date, x.starts_at, x.id limit ${OPEN_ON_HOME}))`;
const householdsToday = sql<number>`(select count(*) from plan_assignments pa
  join visit_plans vp on vp.id = pa.plan_id join shifts ps on ps.id = vp.shift_id
  where pa.volunteer_id = "volunteers"."id" and pa.published = 1 and vp.published_at is not null
    and ps.date = ${ph('today')} and ps.status = 'open')`;
const mine = sql<'confirmed' | 'waitlisted' | null>`(select m.status from shift_signups m
  where m.shift_id = "shifts"."id" and m.volunteer_id = "volunteers"."id" and m.status <> 'cancelled')`;

/** The home's one read, prepared once per database: the busiest volunteer page (decisions 0005, 0205). */
function prepare(db: Db) {
  const selection = { volunteerId: s.volunteers.id, householdsToday, shift: shiftColumns, mine };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(s.volunteers)
      .leftJoin(s.shifts, picked)
      .leftJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
      .leftJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
      // By the row id the login's volunteer has: the planner's statistics on volunteers.user_id can be from before
      // most volunteers had logins, and it then scanned every volunteer (bench:shifts, decision 0245).
      .where(
        sql`${s.volunteers.id} = (select v.id from volunteers v where v.user_id = ${ph('userId')} and v.status = 'active')`,
      )
      .orderBy(asc(s.shifts.startsAt), asc(s.shifts.id)),
  );
}

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

/** What a volunteer's first screen shows, for the volunteer behind a login (everything scoped to them). */
export async function volunteerHome({
  db,
  userId,
  now,
}: {
  db: Db;
  userId: number;
  now: Date;
}): Promise<VolunteerHome> {
  let q = prepared.get(db);
  if (!q) {
    q = prepare(db);
    prepared.set(db, q);
  }
  const rows = await q.all({ userId, now: now.getTime(), today: businessDate(now) });
  if (!rows.length) return { linked: false, next: null, householdsToday: 0, open: [] };
  let next: VolunteerHome['next'] = null;
  const open: ShiftRow[] = [];
  for (const { shift: joined, mine: status } of rows) {
    // A volunteer with nothing to show still has their row, with the shift's columns null.
    if (joined?.id == null) continue;
    const shift = joined as Omit<ShiftRow, 'mine'>;
    if (status) next ??= { ...shift, status };
    else open.push({ ...shift, mine: null });
  }
  return { linked: true, next, householdsToday: Number(rows[0].householdsToday ?? 0), open };
}
