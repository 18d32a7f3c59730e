import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { SignupStatus } from '../../db/schema/index.js';
import * as s from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import type { Scope } from '../../lib/scope.js';
import { bilingual } from '../notices/queue.js';
import {
  type OverlapShift,
  overlappingShift,
  reachable,
  reachableVolunteer,
  staffableShift,
} from './roster-queries.js';
import type { EditShiftInput } from './schema.js';
import {
  type ByStaff,
  cancelShift,
  changeShift,
  leave,
  move,
  type SignUpOutcome,
  signUp,
  staffTake,
} from './signup.js';

export type SignUpResult =
  | { ok: true; outcome: Exclude<SignUpOutcome, 'overlap'> }
  | { ok: false; reason: 'notFound' | 'past' | 'skill'; missing?: string[] }
  | { ok: false; reason: 'overlap'; other: OverlapShift };

/** Skills a volunteer lacks for a shift (empty when they may sign up). */
export function missingSkills(required: readonly string[], has: readonly string[]): string[] {
  return required.filter((k) => !has.includes(k));
}

// A refused sign-up reads these three columns to say why: the statement is built once per database (decision 0086).
const checks = new WeakMap<Db, ReturnType<typeof buildCheck>>();
function buildCheck(db: Db) {
  return db
    .select({ requiredSkills: s.shifts.requiredSkills, startsAt: s.shifts.startsAt, status: s.shifts.status })
    .from(s.shifts)
    .where(eq(s.shifts.id, sql.placeholder('shiftId')))
    .prepare();
}
function signUpCheck(db: Db) {
  let q = checks.get(db);
  if (!q) {
    q = buildCheck(db);
    checks.set(db, q);
  }
  return q;
}

/**
 * Whether a volunteer may take this shift at all (not begun, every required skill held): a guard inside the one
 * writing statement, so the common sign-up is a single statement and the reason is read only after a refusal.
 */
function takeable(shiftId: number, skills: readonly string[], now: Date) {
  return sql`exists (select 1 from shifts k where k.id = ${shiftId} and k.starts_at > ${now.getTime()}
    and not exists (select 1 from json_each(k.required_skills) j
      where j.value not in (select h.value from json_each(${JSON.stringify(skills)}) h)))`;
}

/** A volunteer takes a place on a shift: refused with the reason when it is gone, begun, or needs a skill they lack. */
export async function signUpVolunteer(ctx: {
  db: Db;
  now: Date;
  shiftId: number;
  volunteer: { id: number; skills: string[] };
  allowWaitlist: boolean;
}): Promise<SignUpResult> {
  const { db, now, shiftId, volunteer, allowWaitlist } = ctx;
  const also = takeable(shiftId, volunteer.skills, now);
  const outcome = await signUp({ db, shiftId, volunteerId: volunteer.id, allowWaitlist, now, also });
  if (outcome === 'confirmed' || outcome === 'waitlisted') return { ok: true, outcome };
  // Nothing was written: the shift's own reasons first, then the volunteer's (already on it, overlap, full).
  const [shift] = await signUpCheck(db).all({ shiftId });
  if (shift?.status !== 'open') return { ok: false, reason: 'notFound' };
  if (shift.startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
  const missing = missingSkills(shift.requiredSkills, volunteer.skills);
  if (missing.length) return { ok: false, reason: 'skill', missing };
  if (outcome === 'overlap') return overlapRefusal({ db, shiftId, volunteerId: volunteer.id });
  return { ok: true, outcome };
}

/** The refusal naming the other shift; read after the guarded write refused (the write itself decided). */
async function overlapRefusal(o: { db: Db; shiftId: number; volunteerId: number; except?: number }) {
  const other = await overlappingShift(o);
  // The other place can be given up between the refusal and this read: then it is named by what is known.
  return {
    ok: false as const,
    reason: 'overlap' as const,
    other: other ?? { date: '', startTime: '', endTime: '', title: '', place: '' },
  };
}

/** How a refusal names the shift a volunteer already holds: date, time, place (and what it is). */
export function overlapLabel(o: OverlapShift): string {
  return `${o.date} ${o.startTime}–${o.endTime} ${o.place}（${o.title}）`;
}

export type StaffAddResult =
  | { ok: true; status: 'confirmed' | 'waitlisted' }
  | { ok: false; reason: 'notFound' | 'full' | 'already' | 'closed' }
  | { ok: false; reason: 'overlap'; other: OverlapShift };

/**
 * A station or a shift's organisation puts one of its registered volunteers on a shift (walk-ins, volunteers
 * without a phone): the self sign-up statement with the staffing rule and the volunteer's reach as guards, audited.
 */
export async function addToRoster(a: {
  db: Db;
  shift: { id: number; status: string };
  volunteerId: number;
  allowWaitlist: boolean;
  staffing: Scope;
  reach: Scope;
  by: ByStaff;
  now: Date;
}): Promise<StaffAddResult> {
  const { db } = a;
  if (!(await reachable(db, a.reach, a.volunteerId))) return { ok: false, reason: 'notFound' };
  if (a.shift.status !== 'open') return { ok: false, reason: 'closed' };
  const also = sql`${staffableShift(a.staffing, a.shift.id)} and ${reachableVolunteer(a.reach, a.volunteerId)}`;
  const outcome = await staffTake({ ...a, shiftId: a.shift.id, also });
  if (outcome === 'overlap') return overlapRefusal({ db, shiftId: a.shift.id, volunteerId: a.volunteerId });
  if (outcome === 'confirmed' || outcome === 'waitlisted') return { ok: true, status: outcome };
  return { ok: false, reason: outcome === 'cancelled' ? 'closed' : outcome };
}

type ShiftLine = { id: number; date: string; startTime: string; title: string };

function shiftLine(shift: { date: string; startTime: string; title: string }) {
  return `${shift.date} ${shift.startTime} ${shift.title}`;
}

/** Texts of the notices, in both languages (each volunteer gets their own). */
export function noticeTexts(shift: { date: string; startTime: string; title: string }) {
  const line = shiftLine(shift);
  return {
    promoted: bilingual((t) => ({
      subject: t('shifts.notice.promoted.subject'),
      body: t('shifts.notice.promoted.body', { shift: line }),
    })),
    removed: bilingual((t) => ({
      subject: t('shifts.notice.removed.subject'),
      body: t('shifts.notice.removed.body', { shift: line }),
    })),
    moved: (to: { date: string; startTime: string; title: string }) =>
      bilingual((t) => ({
        subject: t('shifts.notice.moved.subject'),
        body: t('shifts.notice.moved.body', { shift: line, to: shiftLine(to) }),
      })),
  };
}

/** A volunteer gives up their place (or waitlist place): the waitlist moves up and the promoted one is told. */
export async function cancelSignup(ctx: { db: Db; now: Date; shift: ShiftLine; volunteerId: number }) {
  const { db, now, shift, volunteerId } = ctx;
  return leave({ db, shiftId: shift.id, volunteerId, now, texts: { promoted: noticeTexts(shift).promoted } });
}

/** Staff take a volunteer off a shift: the waitlist moves up, the volunteer is told, the audit row written. */
export async function removeFromShift(r: {
  db: Db;
  shift: ShiftLine;
  volunteerId: number;
  by: ByStaff;
  now: Date;
}): Promise<boolean> {
  const texts = noticeTexts(r.shift);
  return leave({
    db: r.db,
    shiftId: r.shift.id,
    volunteerId: r.volunteerId,
    now: r.now,
    texts: { promoted: texts.promoted, removed: texts.removed },
    by: r.by,
  });
}

export type MoveResult =
  | { ok: true; status: SignupStatus }
  | { ok: false; reason: 'gone' | 'already' }
  | { ok: false; reason: 'overlap'; other: OverlapShift };

/** Staff move a volunteer between two shifts they may staff; refused (nothing changed) beside an overlapping place. */
export async function moveVolunteer(m: {
  db: Db;
  from: ShiftLine;
  to: ShiftLine;
  volunteerId: number;
  staffing: Scope;
  by: ByStaff;
  now: Date;
}): Promise<MoveResult> {
  const { db } = m;
  const texts = noticeTexts(m.from);
  const outcome = await move({
    db,
    fromShiftId: m.from.id,
    toShiftId: m.to.id,
    volunteerId: m.volunteerId,
    now: m.now,
    texts: { promoted: texts.promoted, moved: texts.moved(m.to) },
    by: m.by,
    also: sql`${staffableShift(m.staffing, m.from.id)} and ${staffableShift(m.staffing, m.to.id)}`,
  });
  if (!outcome.ok && outcome.reason === 'overlap')
    return overlapRefusal({ db, shiftId: m.to.id, volunteerId: m.volunteerId, except: m.from.id });
  return outcome.ok ? outcome : { ok: false, reason: outcome.reason === 'already' ? 'already' : 'gone' };
}

/** Marks attendance and confirms the minutes served (default: the shift's length), after the shift began. */
export async function confirmHours(ctx: {
  db: Db;
  now: Date;
  shiftId: number;
  volunteerId: number;
  attended: boolean;
  minutes: number;
  byUserId: number;
}) {
  const { db, now, shiftId, volunteerId, attended, minutes, byUserId } = ctx;
  const result = await db
    .update(s.shiftSignups)
    .set({
      attended,
      confirmedMinutes: attended ? minutes : 0,
      confirmedBy: byUserId,
      confirmedAt: now,
      updatedAt: now,
    })
    .where(
      and(
        eq(s.shiftSignups.shiftId, shiftId),
        eq(s.shiftSignups.volunteerId, volunteerId),
        eq(s.shiftSignups.status, 'confirmed'),
        sql`exists (select 1 from shifts x where x.id = ${shiftId} and x.starts_at <= ${now.getTime()})`,
      ),
    );
  return changedRows(result) > 0;
}

export async function cancelWholeShift(ctx: { db: Db; now: Date; shift: ShiftLine }) {
  const { db, now, shift } = ctx;
  const line = shiftLine(shift);
  return cancelShift({
    db,
    shiftId: shift.id,
    now,
    text: bilingual((t) => ({
      subject: t('shifts.notice.cancelled.subject'),
      body: t('shifts.notice.cancelled.body', { shift: line }),
    })),
  });
}

export type EditResult =
  | { ok: true }
  | { ok: false; reason: 'closed' | 'past' }
  | { ok: false; reason: 'belowConfirmed'; confirmed: number };

/** Changes a shift (decision 0045): refused for a past date, below the confirmed count, or once begun or cancelled. */
export async function editShift(ctx: {
  db: Db;
  now: Date;
  /** Today's business date: an edit cannot move a shift before it. */
  today: string;
  input: EditShiftInput;
  shift: {
    id: number;
    date: string;
    startTime: string;
    endTime: string;
    title: string;
    place: string | null;
    capacity: number;
    confirmed: number;
    organisation: string;
  };
}): Promise<EditResult> {
  const { db, now, today, input, shift } = ctx;
  if (input.date < today) return { ok: false, reason: 'past' };
  if (input.capacity < shift.confirmed) return { ok: false, reason: 'belowConfirmed', confirmed: shift.confirmed };
  const place = input.place || null;
  const moved =
    input.date !== shift.date ||
    input.startTime !== shift.startTime ||
    input.endTime !== shift.endTime ||
    place !== shift.place ||
    input.title !== shift.title;
  const line = shiftLine(input);
  const changed = moved
    ? bilingual((t) => ({
        subject: t('shifts.notice.changed.subject'),
        body: t('shifts.notice.changed.body', { shift: line, place: place ?? shift.organisation }),
      }))
    : null;
  const done = await changeShift({
    db,
    shiftId: shift.id,
    change: { ...input, place, description: input.description || null },
    promotions: input.capacity - shift.capacity,
    now,
    texts: { changed, promoted: noticeTexts(input).promoted },
  });
  return done ? { ok: true } : { ok: false, reason: 'closed' };
}
