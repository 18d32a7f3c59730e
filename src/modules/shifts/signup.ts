import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { allInGroup } from '../../db/group-commit.js';
import type { SignupStatus, WorkKind } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { shanghaiInstant } from '../../domain/dates.js';
import { auditRowsFrom } from '../../lib/audit.js';
import { type NoticeText, queueNotice } from '../notices/queue.js';

/**
 * Sign-up, cancel, move and remove: each is one conditional statement or one batch, so capacity stays exact
 * however many requests race (SQLite runs one write transaction at a time; the count is read inside it).
 */

// The trigger-kept count (migration 0012), read inside the writing statement, so it is exact under concurrency.
const confirmedCount = (shiftId: number) => sql`(select confirmed_count from shifts where id = ${shiftId})`;
const capacityOf = (shiftId: number) => sql`(select capacity from shifts where id = ${shiftId})`;
const nextPosition = (shiftId: number) =>
  sql`(select coalesce(max(p.position), 0) + 1 from shift_signups p where p.shift_id = ${shiftId})`;

/**
 * The other open shifts on which a volunteer holds or awaits a place and whose time overlaps this one (the shift a
 * move leaves aside): the FROM/WHERE tail over `shift_signups o` and `shifts os`, so the guard and the refusal
 * message read the same rule.
 */
export function overlapping(shiftId: number, volunteerId: number, except = 0): SQL {
  return sql`from shift_signups o join shifts os on os.id = o.shift_id join shifts me on me.id = ${shiftId}
    where o.volunteer_id = ${volunteerId} and o.status <> 'cancelled' and o.shift_id <> ${shiftId}
      and o.shift_id <> ${except} and os.status = 'open' and os.starts_at < me.ends_at and os.ends_at > me.starts_at`;
}

/** Read inside the writing statement, so two racing requests cannot both pass it. */
export const noOverlap = (shiftId: number, volunteerId: number, except = 0): SQL =>
  sql`not exists (select 1 ${overlapping(shiftId, volunteerId, except)})`;

export interface Take {
  shiftId: number;
  volunteerId: number;
  allowWaitlist: boolean;
  now: Date;
  /** A further guard (who may staff the shift, which volunteers they reach). */
  also?: SQL;
  /** The shift a move leaves: its place does not count as an overlap. */
  leaving?: number;
  /** Answer the status (self sign-up reads it); inside a batch libSQL then reports no rows changed, so batches say no. */
  returning?: boolean;
}

/**
 * The one statement that takes a place: confirmed while confirmed < capacity, else waitlisted (when the volunteer
 * accepts the waitlist), else nothing; never beside an overlapping place of the same volunteer. A cancelled row of
 * the same volunteer is revived in place.
 */
export function takePlace(take: Take): SQL {
  const { shiftId, volunteerId, allowWaitlist, now, also = sql`1`, leaving = 0, returning = true } = take;
  const at = now.getTime();
  return sql`insert into shift_signups (shift_id, volunteer_id, status, position, created_at, updated_at)
    select ${shiftId}, ${volunteerId},
      case when ${confirmedCount(shiftId)} < ${capacityOf(shiftId)} then 'confirmed' else 'waitlisted' end,
      ${nextPosition(shiftId)}, ${at}, ${at}
    where (${confirmedCount(shiftId)} < ${capacityOf(shiftId)} or ${allowWaitlist ? 1 : 0} = 1)
      and exists (select 1 from shifts s where s.id = ${shiftId} and s.status = 'open') and ${also}
      and ${noOverlap(shiftId, volunteerId, leaving)}
    on conflict (shift_id, volunteer_id) do update set status = excluded.status, position = excluded.position,
      promoted_at = null, attended = null, confirmed_minutes = null, confirmed_by = null, confirmed_at = null,
      updated_at = excluded.updated_at
      where shift_signups.status = 'cancelled'
    ${returning ? sql`returning status` : sql``}`;
}

/** Promotes the first waitlisted volunteer when a place is free; marks them so the notice can find them. */
export function promoteFirst(shiftId: number, now: Date): SQL {
  return sql`update shift_signups set status = 'confirmed', promoted_at = ${now.getTime()}, updated_at = ${now.getTime()}
    where id = (select w.id from shift_signups w where w.shift_id = ${shiftId} and w.status = 'waitlisted' order by w.position limit 1)
      and ${confirmedCount(shiftId)} < ${capacityOf(shiftId)}`;
}

/** The notice to whoever `promoteFirst` promoted in this batch (marked with this instant), if anyone. */
function promotedNotice(shiftId: number, now: Date, text: NoticeText): SQL {
  const at = now.getTime();
  return queueNotice({
    key: `promoted:${shiftId}:${at}`,
    now,
    text,
    volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${shiftId} and s.promoted_at = ${at})`,
  });
}

export type SignUpOutcome = SignupStatus | 'full' | 'already' | 'overlap';

/** Why a take wrote nothing: already on it, an overlapping place elsewhere, or no room (nor waitlist). */
async function refusal(r: { db: Db; shiftId: number; volunteerId: number; leaving?: number }): Promise<SignUpOutcome> {
  const { db, shiftId, volunteerId, leaving = 0 } = r;
  // db.all, not db.get: drizzle's get() throws on an empty result over libSQL.
  const [existing] = await db.all<{ status: SignupStatus }>(
    sql`select status from shift_signups where shift_id = ${shiftId} and volunteer_id = ${volunteerId}`,
  );
  if (existing && existing.status !== 'cancelled') return 'already';
  const [free] = await db.all<{ ok: number }>(sql`select ${noOverlap(shiftId, volunteerId, leaving)} as ok`);
  return Number(free?.ok) === 1 ? 'full' : 'overlap';
}

/** A volunteer's own take (no audit row): the status written, else why nothing was. */
export async function signUp(take: Take & { db: Db }): Promise<SignUpOutcome> {
  const { db, ...place } = take;
  // A RETURNING row on every driver (D1's run() does not); on a file, committed with the sign-ups beside it.
  const [row] = await allInGroup<{ status: SignupStatus }>(db, takePlace(place));
  return row ? row.status : refusal({ db, shiftId: place.shiftId, volunteerId: place.volunteerId });
}

/** Who did it, for the audit row written in the same batch (staff actions; a volunteer's own ones are not audited). */
export interface ByStaff {
  actorUserId: number | null;
}

// The audit row of the statement just before it in the batch: SQLite's changes() still counts that statement, so
// the row is written exactly when the change happened (a repeated request writes neither).
function auditPrevious(a: { db: Db; by: ByStaff; action: string; shiftId: number; volunteerId: number; now: Date }) {
  const { db, by, action, shiftId, volunteerId, now } = a;
  return auditRowsFrom(
    db,
    {
      actorUserId: by.actorUserId,
      action,
      entity: 'shift_signup',
      entityId: sql`${`${shiftId}:${volunteerId}`}`,
      changes: JSON.stringify({ shiftId, volunteerId }),
      rows: sql`where changes() > 0`,
    },
    now,
  );
}

/**
 * Station or coordinator puts a registered volunteer on a shift: the same statement as self sign-up (capacity,
 * waitlist, overlap), guarded by `also` (the staffing rule and the volunteers the adder reaches), audited in the
 * same batch. The shift's start does not stop it: walk-ins are added on the day, paper sheets typed in after.
 */
export async function staffTake(take: Take & { db: Db; by: ByStaff }): Promise<SignUpOutcome> {
  const { db, shiftId, volunteerId, now } = take;
  const [taken] = await db.batch([
    db.run(takePlace({ ...take, returning: false })),
    auditPrevious({ db, by: take.by, action: 'roster_add', shiftId, volunteerId, now }),
  ]);
  if (changedRows(taken as DbRunResult) === 0) return refusal({ db, shiftId, volunteerId });
  const [row] = await db.all<{ status: SignupStatus }>(
    sql`select status from shift_signups where shift_id = ${shiftId} and volunteer_id = ${volunteerId}`,
  );
  return row.status;
}

/**
 * Leaves a shift (cancel by the volunteer, or removal by a coordinator) and, in the same batch, promotes the first
 * waitlisted volunteer and queues their notice (and the removed volunteer's, when a coordinator did it, with the
 * audit row).
 */
export async function leave(change: {
  db: Db;
  shiftId: number;
  volunteerId: number;
  now: Date;
  texts: { promoted: NoticeText; removed?: NoticeText };
  by?: ByStaff;
}): Promise<boolean> {
  const { db, shiftId, volunteerId, now, texts, by } = change;
  const at = now.getTime();
  const [left] = await db.batch([
    db.run(sql`update shift_signups set status = 'cancelled', promoted_at = null, updated_at = ${at}
      where shift_id = ${shiftId} and volunteer_id = ${volunteerId} and status <> 'cancelled'`),
    ...(by ? [auditPrevious({ db, by, action: 'roster_remove', shiftId, volunteerId, now })] : []),
    db.run(promoteFirst(shiftId, now)),
    db.run(promotedNotice(shiftId, now, texts.promoted)),
    ...(texts.removed
      ? [
          db.run(
            queueNotice({
              key: `removed:${shiftId}:${at}`,
              now,
              text: texts.removed,
              volunteerWhere: sql`v.id = ${volunteerId} and exists (select 1 from shift_signups s where s.shift_id = ${shiftId} and s.volunteer_id = ${volunteerId} and s.status = 'cancelled' and s.updated_at = ${at})`,
            }),
          ),
        ]
      : []),
  ]);
  return changedRows(left as DbRunResult) > 0;
}

export type MoveOutcome = { ok: true; status: SignupStatus } | { ok: false; reason: 'gone' | 'already' | 'overlap' };

/**
 * A coordinator moves a volunteer to another shift, in one batch: first the place on the target (confirmed if there
 * is room, else waitlisted; never beside an overlapping place, the origin aside), then — only when that place was
 * taken — out of the origin (promoting its waitlist), the notices and the audit row. A refused move changes nothing.
 */
export async function move(change: {
  db: Db;
  fromShiftId: number;
  toShiftId: number;
  volunteerId: number;
  now: Date;
  texts: { promoted: NoticeText; moved: NoticeText };
  by: ByStaff;
  also?: SQL;
}): Promise<MoveOutcome> {
  const { db, fromShiftId, toShiftId, volunteerId, now, texts } = change;
  const at = now.getTime();
  const holds = sql`exists (select 1 from shift_signups m where m.shift_id = ${fromShiftId}
      and m.volunteer_id = ${volunteerId} and m.status <> 'cancelled')`;
  const arrived = sql`exists (select 1 from shift_signups m where m.shift_id = ${toShiftId}
      and m.volunteer_id = ${volunteerId} and m.status <> 'cancelled' and m.updated_at = ${at})`;
  // The origin is left only when the statement just before (the take) wrote: changes() still counts it.
  const results = await db.batch([
    db.run(
      takePlace({
        shiftId: toShiftId,
        volunteerId,
        allowWaitlist: true,
        now,
        leaving: fromShiftId,
        returning: false,
        also: change.also ? sql`${holds} and ${change.also}` : holds,
      }),
    ),
    db.run(sql`update shift_signups set status = 'cancelled', promoted_at = null, updated_at = ${at}
      where shift_id = ${fromShiftId} and volunteer_id = ${volunteerId} and status <> 'cancelled' and changes() > 0`),
    auditPrevious({ db, by: change.by, action: 'roster_move', shiftId: fromShiftId, volunteerId, now }),
    db.run(promoteFirst(fromShiftId, now)),
    db.run(promotedNotice(fromShiftId, now, texts.promoted)),
    db.run(
      queueNotice({
        key: `moved:${fromShiftId}:${toShiftId}:${at}`,
        now,
        text: texts.moved,
        volunteerWhere: sql`v.id = ${volunteerId} and ${arrived} and exists (select 1 from shift_signups m
          where m.shift_id = ${fromShiftId} and m.volunteer_id = ${volunteerId} and m.status = 'cancelled' and m.updated_at = ${at})`,
      }),
    ),
  ]);
  if (changedRows(results[1] as DbRunResult) > 0) {
    const [row] = await db.all<{ status: SignupStatus }>(
      sql`select status from shift_signups where shift_id = ${toShiftId} and volunteer_id = ${volunteerId}`,
    );
    return { ok: true, status: row.status };
  }
  const why = await refusal({ db, shiftId: toShiftId, volunteerId, leaving: fromShiftId });
  return { ok: false, reason: why === 'already' || why === 'overlap' ? why : 'gone' };
}

/** A coordinator cancels a whole shift: everyone holding or awaiting a place gets a notice, in the same batch. */
export async function cancelShift(ctx: { db: Db; shiftId: number; now: Date; text: NoticeText }): Promise<boolean> {
  const { db, shiftId, now, text } = ctx;
  const at = now.getTime();
  const [cancelled] = await db.batch([
    db.run(
      sql`update shifts set status = 'cancelled', edited = 1, updated_at = ${at} where id = ${shiftId} and status = 'open'`,
    ),
    db.run(
      queueNotice({
        key: `shift-cancelled:${shiftId}`,
        now,
        text,
        volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${shiftId} and s.status <> 'cancelled')
        and exists (select 1 from shifts x where x.id = ${shiftId} and x.status = 'cancelled' and x.updated_at = ${at})`,
      }),
    ),
  ]);
  return changedRows(cancelled as DbRunResult) > 0;
}

/**
 * Changes a shift's details in one batch: the update holds only while the shift is open, not begun, and the new
 * capacity still fits everyone confirmed; more places promote the waitlist in order (each promotion conditional);
 * volunteers holding or awaiting a place are told when the time, date, place or title changed, the promoted ones
 * that they are in.
 */
export async function changeShift(ctx: {
  db: Db;
  shiftId: number;
  change: {
    title: string;
    place: string | null;
    description: string | null;
    date: string;
    startTime: string;
    endTime: string;
    capacity: number;
    requiredSkills: string[];
    workKind: WorkKind;
  };
  /** Places added: that many waitlisted volunteers move up, in order. */
  promotions: number;
  now: Date;
  texts: { changed: NoticeText | null; promoted: NoticeText };
}): Promise<boolean> {
  const { db, shiftId, change, promotions, now, texts } = ctx;
  const at = now.getTime();
  const startsAt = shanghaiInstant(change.date, change.startTime).getTime();
  const endsAt = shanghaiInstant(change.date, change.endTime).getTime();
  const mine = sql`exists (select 1 from shifts x where x.id = ${shiftId} and x.updated_at = ${at})`;
  const [updated] = await db.batch([
    db.run(sql`update shifts set title = ${change.title}, place = ${change.place}, description = ${change.description}, date = ${change.date},
        start_time = ${change.startTime}, end_time = ${change.endTime}, starts_at = ${startsAt}, ends_at = ${endsAt}, capacity = ${change.capacity},
        required_skills = ${JSON.stringify(change.requiredSkills)}, work_kind = ${change.workKind},
        service_day_id = (select d.id from service_days d where d.date = ${change.date}), edited = 1, updated_at = ${at}
      where id = ${shiftId} and status = 'open' and starts_at > ${at} and ${change.capacity} >= ${confirmedCount(shiftId)}`),
    ...Array.from({ length: Math.min(Math.max(0, promotions), 500) }, () =>
      db.run(sql`${promoteFirst(shiftId, now)} and ${mine}`),
    ),
    ...(texts.changed
      ? [
          db.run(
            queueNotice({
              key: `changed:${shiftId}:${at}`,
              now,
              text: texts.changed,
              volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${shiftId} and s.status <> 'cancelled'
            and (s.promoted_at is null or s.promoted_at <> ${at})) and ${mine}`,
            }),
          ),
        ]
      : []),
    db.run(promotedNotice(shiftId, now, texts.promoted)),
  ]);
  return changedRows(updated as DbRunResult) > 0;
}
