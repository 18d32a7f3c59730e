import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { SignupStatus, WorkKind } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { shanghaiInstant } from '../../domain/dates.js';
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
 * The one statement that takes a place: confirmed while confirmed < capacity, else waitlisted (when the volunteer
 * accepts the waitlist), else nothing. A cancelled row of the same volunteer is revived in place.
 */
export function takePlace(
  shiftId: number,
  volunteerId: number,
  allowWaitlist: boolean,
  now: Date,
  also: SQL = sql`1`,
): SQL {
  const at = now.getTime();
  return sql`insert into shift_signups (shift_id, volunteer_id, status, position, created_at, updated_at)
    select ${shiftId}, ${volunteerId},
      case when ${confirmedCount(shiftId)} < ${capacityOf(shiftId)} then 'confirmed' else 'waitlisted' end,
      ${nextPosition(shiftId)}, ${at}, ${at}
    where (${confirmedCount(shiftId)} < ${capacityOf(shiftId)} or ${allowWaitlist ? 1 : 0} = 1)
      and exists (select 1 from shifts s where s.id = ${shiftId} and s.status = 'open') and ${also}
    on conflict (shift_id, volunteer_id) do update set status = excluded.status, position = excluded.position,
      promoted_at = null, updated_at = excluded.updated_at
      where shift_signups.status = 'cancelled'
    returning status`;
}

/** Promotes the first waitlisted volunteer when a place is free; marks them so the notice can find them. */
export function promoteFirst(shiftId: number, now: Date): SQL {
  return sql`update shift_signups set status = 'confirmed', promoted_at = ${now.getTime()}, updated_at = ${now.getTime()}
    where id = (select w.id from shift_signups w where w.shift_id = ${shiftId} and w.status = 'waitlisted' order by w.position limit 1)
      and ${confirmedCount(shiftId)} < ${capacityOf(shiftId)}`;
}

export type SignUpOutcome = SignupStatus | 'full' | 'already';

export async function signUp(
  db: Db,
  shiftId: number,
  volunteerId: number,
  allowWaitlist: boolean,
  now: Date,
): Promise<SignUpOutcome> {
  // all() returns the RETURNING row on every driver (D1's run() does not).
  const [row] = await db.all<{ status: SignupStatus }>(takePlace(shiftId, volunteerId, allowWaitlist, now));
  if (row) return row.status;
  // db.all, not db.get: drizzle's get() throws on an empty result over libSQL.
  const [existing] = await db.all<{ status: SignupStatus }>(
    sql`select status from shift_signups where shift_id = ${shiftId} and volunteer_id = ${volunteerId}`,
  );
  return existing && existing.status !== 'cancelled' ? 'already' : 'full';
}

/**
 * Leaves a shift (cancel by the volunteer, or removal by a coordinator) and, in the same batch, promotes the first
 * waitlisted volunteer and queues their notice (and the removed volunteer's, when a coordinator did it).
 */
export async function leave(
  db: Db,
  shiftId: number,
  volunteerId: number,
  now: Date,
  texts: { promoted: NoticeText; removed?: NoticeText },
): Promise<boolean> {
  const at = now.getTime();
  const [left] = await db.batch([
    db.run(sql`update shift_signups set status = 'cancelled', promoted_at = null, updated_at = ${at}
      where shift_id = ${shiftId} and volunteer_id = ${volunteerId} and status <> 'cancelled'`),
    db.run(promoteFirst(shiftId, now)),
    db.run(
      queueNotice({
        key: `promoted:${shiftId}:${at}`,
        now,
        text: texts.promoted,
        volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${shiftId} and s.promoted_at = ${at})`,
      }),
    ),
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

/**
 * A coordinator moves a volunteer to another shift: out of the first (promoting its waitlist), into the second
 * (confirmed if there is room, else waitlisted), with a notice, all in one batch.
 */
export async function move(
  db: Db,
  fromShiftId: number,
  toShiftId: number,
  volunteerId: number,
  now: Date,
  texts: { promoted: NoticeText; moved: NoticeText },
) {
  const at = now.getTime();
  const results = await db.batch([
    db.run(sql`update shift_signups set status = 'cancelled', promoted_at = null, updated_at = ${at}
      where shift_id = ${fromShiftId} and volunteer_id = ${volunteerId} and status <> 'cancelled'`),
    db.run(
      takePlace(
        toShiftId,
        volunteerId,
        true,
        now,
        sql`exists (select 1 from shift_signups m where m.shift_id = ${fromShiftId}
      and m.volunteer_id = ${volunteerId} and m.status = 'cancelled' and m.updated_at = ${at})`,
      ),
    ),
    db.run(promoteFirst(fromShiftId, now)),
    db.run(
      queueNotice({
        key: `promoted:${fromShiftId}:${at}`,
        now,
        text: texts.promoted,
        volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${fromShiftId} and s.promoted_at = ${at})`,
      }),
    ),
    db.run(
      queueNotice({
        key: `moved:${fromShiftId}:${toShiftId}:${at}`,
        now,
        text: texts.moved,
        volunteerWhere: sql`v.id = ${volunteerId}`,
      }),
    ),
  ]);
  return changedRows(results[0] as DbRunResult) > 0;
}

/** A coordinator cancels a whole shift: everyone holding or awaiting a place gets a notice, in the same batch. */
export async function cancelShift(db: Db, shiftId: number, now: Date, text: NoticeText): Promise<boolean> {
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
export async function changeShift(
  db: Db,
  shiftId: number,
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
  },
  promotions: number,
  now: Date,
  texts: { changed: NoticeText | null; promoted: NoticeText },
): Promise<boolean> {
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
    db.run(
      queueNotice({
        key: `promoted:${shiftId}:${at}`,
        now,
        text: texts.promoted,
        volunteerWhere: sql`v.id in (select s.volunteer_id from shift_signups s where s.shift_id = ${shiftId} and s.promoted_at = ${at})`,
      }),
    ),
  ]);
  return changedRows(updated as DbRunResult) > 0;
}
