import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import { bilingual } from '../notices/queue.js';
import type { EditShiftInput } from './schema.js';
import { cancelShift, changeShift, leave, move, type SignUpOutcome, signUp } from './signup.js';

export type SignUpResult =
  | { ok: true; outcome: SignUpOutcome }
  | { ok: false; reason: 'notFound' | 'past' | 'skill'; missing?: string[] };

/** Skills a volunteer lacks for a shift (empty when they may sign up). */
export function missingSkills(required: readonly string[], has: readonly string[]): string[] {
  return required.filter((k) => !has.includes(k));
}

// Every sign-up reads these three columns first: the statement is built once per database (decision 0086).
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

/** A volunteer takes a place on a shift: refused with the reason when the shift needs a skill they lack. */
export async function signUpVolunteer(
  db: Db,
  shiftId: number,
  volunteer: { id: number; skills: string[] },
  allowWaitlist: boolean,
  now: Date,
): Promise<SignUpResult> {
  const [shift] = await signUpCheck(db).all({ shiftId });
  if (shift?.status !== 'open') return { ok: false, reason: 'notFound' };
  if (shift.startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
  const missing = missingSkills(shift.requiredSkills, volunteer.skills);
  if (missing.length) return { ok: false, reason: 'skill', missing };
  return { ok: true, outcome: await signUp(db, shiftId, volunteer.id, allowWaitlist, now) };
}

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

export async function cancelSignup(
  db: Db,
  shift: { id: number; date: string; startTime: string; title: string },
  volunteerId: number,
  now: Date,
) {
  return leave(db, shift.id, volunteerId, now, { promoted: noticeTexts(shift).promoted });
}

export async function removeFromShift(
  db: Db,
  shift: { id: number; date: string; startTime: string; title: string },
  volunteerId: number,
  now: Date,
) {
  const texts = noticeTexts(shift);
  return leave(db, shift.id, volunteerId, now, { promoted: texts.promoted, removed: texts.removed });
}

export async function moveVolunteer(
  db: Db,
  from: { id: number; date: string; startTime: string; title: string },
  to: { id: number; date: string; startTime: string; title: string },
  volunteerId: number,
  now: Date,
) {
  const texts = noticeTexts(from);
  return move(db, from.id, to.id, volunteerId, now, { promoted: texts.promoted, moved: texts.moved(to) });
}

/** Marks attendance and confirms the minutes served (default: the shift's length), after the shift began. */
export async function confirmHours(
  db: Db,
  shiftId: number,
  volunteerId: number,
  attended: boolean,
  minutes: number,
  byUserId: number,
  now: Date,
) {
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

export async function cancelWholeShift(
  db: Db,
  shift: { id: number; date: string; startTime: string; title: string },
  now: Date,
) {
  const line = `${shift.date} ${shift.startTime} ${shift.title}`;
  return cancelShift(
    db,
    shift.id,
    now,
    bilingual((t) => ({
      subject: t('shifts.notice.cancelled.subject'),
      body: t('shifts.notice.cancelled.body', { shift: line }),
    })),
  );
}

export type EditResult =
  | { ok: true }
  | { ok: false; reason: 'closed' | 'past' }
  | { ok: false; reason: 'belowConfirmed'; confirmed: number };

/** Changes a shift (decision 0045): refused for a past date, below the confirmed count, or once begun or cancelled. */
export async function editShift(
  db: Db,
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
  },
  input: EditShiftInput,
  today: string,
  now: Date,
): Promise<EditResult> {
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
  const done = await changeShift(
    db,
    shift.id,
    { ...input, place, description: input.description || null },
    input.capacity - shift.capacity,
    now,
    {
      changed,
      promoted: noticeTexts(input).promoted,
    },
  );
  return done ? { ok: true } : { ok: false, reason: 'closed' };
}
