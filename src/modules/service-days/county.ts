import { and, asc, eq, gte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { businessDate, SHANGHAI_OFFSET_MS } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import type { Translate } from '../../lib/i18n/index.js';
import { bilingual, queueNotice } from '../notices/queue.js';

// The instant of a wall-clock column on a bound date, Shanghai time (as the job's `instant`, with the date a parameter).
const on = (date: string, time: SQL) =>
  sql`(cast(strftime('%s', ${date} || ' ' || ${time}) as integer) * 1000 - ${SHANGHAI_OFFSET_MS})`;

/** What the county's pages show of a service day: its regular date, the day it is held, cancelled or not. */
const DAY_COLUMNS = {
  id: s.serviceDays.id,
  date: s.serviceDays.date,
  heldOn: s.serviceDays.heldOn,
  cancelledAt: s.serviceDays.cancelledAt,
};

/** The county's service days from a date on (regular date, the day it is held, cancelled or not). */
export async function comingServiceDays(db: Db, from: string) {
  return db
    .select(DAY_COLUMNS)
    .from(s.serviceDays)
    .where(or(gte(s.serviceDays.date, from), gte(s.serviceDays.heldOn, from)))
    .orderBy(asc(s.serviceDays.date));
}
export type ServiceDayRow = Awaited<ReturnType<typeof comingServiceDays>>[number];

export async function findServiceDay(db: Db, id: number): Promise<ServiceDayRow | undefined> {
  if (!Number.isInteger(id)) return undefined;
  const [row] = await db.select(DAY_COLUMNS).from(s.serviceDays).where(eq(s.serviceDays.id, id));
  return row;
}

export const heldOn = (day: { date: string; heldOn: string | null }) => day.heldOn ?? day.date;

/** Everyone holding or awaiting a place on an open shift of the day (the notice goes once to each). */
const holdersOf = (dayId: number) =>
  sql`v.id in (select su.volunteer_id from shift_signups su join shifts x on x.id = su.shift_id
    where x.service_day_id = ${dayId} and x.status = 'open' and su.status <> 'cancelled')`;

const reasonIn = (t: Translate, reason: string | null) => (reason ? t('serviceDays.notice.reason', { reason }) : '');

export interface CountyChange {
  db: Db;
  dayId: number;
  actorUserId: number;
  now: Date;
  reason: string | null;
}

type Refusal = 'notFound' | 'cancelled' | 'begun' | 'past' | 'taken';

/** Why a day cannot be changed now: gone, cancelled, or already begun (held today or earlier). */
async function changeable(db: Db, dayId: number, now: Date): Promise<ServiceDayRow | Refusal> {
  const day = await findServiceDay(db, dayId);
  if (!day) return 'notFound';
  if (day.cancelledAt) return 'cancelled';
  if (heldOn(day) <= businessDate(now)) return 'begun';
  return day;
}

/**
 * Moves a whole service day, county-wide, to another date (Spring Festival, a flood): every open shift of the day
 * keeps its times on the new date, and every volunteer holding or awaiting a place gets one notice, however many
 * shifts they hold — all in one batch with its audit row. The regular date stays on the row, so the job never
 * makes it again.
 */
export async function moveServiceDay(ctx: CountyChange & { to: string }): Promise<'ok' | Refusal> {
  const { db, dayId, to, now } = ctx;
  const day = await changeable(db, dayId, now);
  if (typeof day === 'string') return day;
  if (to <= businessDate(now)) return 'past';
  const clash = await db.$count(s.serviceDays, or(eq(s.serviceDays.date, to), eq(s.serviceDays.heldOn, to)));
  if (clash) return 'taken';
  const at = now.getTime();
  const from = heldOn(day);
  const text = bilingual((t) => ({
    subject: t('serviceDays.notice.moved.subject'),
    body: t('serviceDays.notice.moved.body', { from, to, reason: reasonIn(t, ctx.reason) }),
  }));
  await db.batch([
    db.run(queueNotice({ key: `service-day-moved:${dayId}:${to}`, volunteerWhere: holdersOf(dayId), text, now })),
    db
      .update(s.serviceDays)
      .set({ heldOn: to })
      .where(and(eq(s.serviceDays.id, dayId), sql`cancelled_at is null`)),
    db.run(sql`update shifts set date = ${to}, starts_at = ${on(to, sql`start_time`)},
      ends_at = ${on(to, sql`end_time`)}, updated_at = ${at}
      where service_day_id = ${dayId} and status = 'open'`),
    auditInsert(
      db,
      {
        actorUserId: ctx.actorUserId,
        action: 'move',
        entity: 'service_day',
        entityId: dayId,
        changes: { from, to, reason: ctx.reason },
      },
      now,
    ),
  ]);
  return 'ok';
}

/** Cancels a whole service day county-wide: its open shifts are cancelled, one notice per volunteer, audited. */
export async function cancelServiceDay(ctx: CountyChange): Promise<'ok' | Refusal> {
  const { db, dayId, now } = ctx;
  const day = await changeable(db, dayId, now);
  if (typeof day === 'string') return day;
  const at = now.getTime();
  const text = bilingual((t) => ({
    subject: t('serviceDays.notice.cancelled.subject'),
    body: t('serviceDays.notice.cancelled.body', { date: heldOn(day), reason: reasonIn(t, ctx.reason) }),
  }));
  await db.batch([
    db.run(queueNotice({ key: `service-day-cancelled:${dayId}`, volunteerWhere: holdersOf(dayId), text, now })),
    db
      .update(s.serviceDays)
      .set({ cancelledAt: now })
      .where(and(eq(s.serviceDays.id, dayId), sql`cancelled_at is null`)),
    db.run(sql`update shifts set status = 'cancelled', edited = 1, updated_at = ${at}
      where service_day_id = ${dayId} and status = 'open'`),
    auditInsert(
      db,
      {
        actorUserId: ctx.actorUserId,
        action: 'cancel',
        entity: 'service_day',
        entityId: dayId,
        changes: { date: heldOn(day), reason: ctx.reason },
      },
      now,
    ),
  ]);
  return 'ok';
}
