import type { Db } from '../../db/client.js';
import type { Viewer } from '../../lib/context.js';
import { scope as volunteerScope } from '../volunteers/policy.js';
import { staffScope } from './policy.js';
import { addToRoster, confirmHours, moveVolunteer } from './service.js';

/**
 * Staffing use cases as the roster pages call them: the staffing rule and the volunteers' reach come from the actor
 * here, so every write carries the same guards whichever page asks.
 */
interface StaffCtx {
  db: Db;
  now: Date;
  actor: Viewer;
}

type ShiftLine = { id: number; date: string; startTime: string; title: string };

/** Puts one of the actor's volunteers on a shift (refused with the reason, nothing written). */
export function staffAdd(
  ctx: StaffCtx & { shift: { id: number; status: string }; volunteerId: number; allowWaitlist: boolean },
) {
  const { db, now, actor, shift, volunteerId, allowWaitlist } = ctx;
  const by = { actorUserId: actor.id };
  const staffing = staffScope(actor);
  return addToRoster({ db, shift, volunteerId, allowWaitlist, staffing, reach: volunteerScope(actor), by, now });
}

/** Moves a volunteer between two shifts the actor may staff. */
export function staffMove(ctx: StaffCtx & { from: ShiftLine; to: ShiftLine; volunteerId: number }) {
  const { db, now, actor, from, to, volunteerId } = ctx;
  return moveVolunteer({ db, from, to, volunteerId, staffing: staffScope(actor), by: { actorUserId: actor.id }, now });
}

/** Confirms attendance and minutes served, as the actor. */
export function staffConfirmHours(
  ctx: StaffCtx & { shiftId: number; volunteerId: number; attended: boolean; minutes: number },
) {
  const { actor, ...rest } = ctx;
  return confirmHours({ ...rest, byUserId: actor.id });
}
