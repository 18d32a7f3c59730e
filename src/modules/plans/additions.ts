import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, recipients, visitPlans } from '../../db/schema/index.js';
import { capacityOf, eligible, visitorsOf } from '../../domain/matching/index.js';
import { auditInsert } from '../../lib/audit.js';
import { township } from '../../lib/scope.js';
import { activeAtHome, recipientsIn } from '../recipients/queries.js';
import { noOpenStationTask } from '../visits/tasks.js';
import { markChanged } from './edits.js';
import { type PlanShift, plannerInput } from './planner-input.js';
import { ensurePlan, planRows } from './queries.js';

export type AddResult =
  | 'ok'
  | 'notFound'
  | 'taskOpen'
  | 'notConfirmed'
  | 'already'
  | 'elsewhere'
  | 'ineligible'
  | 'full';

/** An active home-supported household of the shift's township; anything else is not found (404 to the caller). */
async function householdOfTownship(db: Db, townshipId: number, recipientId: number) {
  const [row] = await db
    .select({ id: recipients.id, free: sql<number>`${noOpenStationTask}` })
    .from(recipients)
    .where(and(eq(recipients.id, recipientId), recipientsIn(township(townshipId)), activeAtHome));
  return row;
}

/**
 * Puts a household the planner did not choose (or chose for someone else) on a volunteer's list, pinned there so a
 * re-plan keeps it, audited in the same batch. The hard constraints still hold: a confirmed volunteer, skills,
 * exclusions, the shift's households per volunteer, and not on another plan that day.
 */
export async function addHousehold(p: {
  db: Db;
  shift: PlanShift;
  volunteerId: number;
  recipientId: number;
  actorUserId: number;
  now: Date;
}): Promise<AddResult> {
  const { db, shift, now } = p;
  const household = await householdOfTownship(db, shift.townshipId, p.recipientId);
  if (!household) return 'notFound';
  // Reported deceased or moved: not visited until the station closes the exit or transfer task.
  if (!household.free) return 'taskOpen';
  const plan = await ensurePlan(db, shift.id, now);
  // The coordinator's own choice may override an earlier removal, so blocked pairs do not count here.
  const input = await plannerInput({ db, shift, plan: { ...plan, blocked: [] }, keep: new Set([p.recipientId]) });
  const volunteer = input.volunteers.find((v) => v.id === p.volunteerId);
  if (!volunteer) return 'notConfirmed';
  const working = await planRows(db, plan.id, false);
  const target = input.recipients.find((r) => r.id === p.recipientId);
  // Not a candidate even when kept: it is on another plan that day.
  if (!target) return 'elsewhere';
  const holders = working.filter((w) => w.recipientId === p.recipientId);
  if (holders.some((w) => w.volunteerId === p.volunteerId) || holders.length >= visitorsOf(target)) return 'already';
  if (!eligible(volunteer, target, new Set())) return 'ineligible';
  const load = working.filter((w) => w.volunteerId === p.volunteerId).length;
  if (load >= capacityOf(volunteer)) return 'full';
  await db.batch([
    db.insert(planAssignments).values({
      planId: plan.id,
      published: false,
      volunteerId: p.volunteerId,
      recipientId: p.recipientId,
      position: load + 1,
      pinned: true,
    }),
    markChanged(db, plan.id, now),
    auditInsert(
      db,
      {
        actorUserId: p.actorUserId,
        action: 'plan_add',
        entity: 'recipient',
        entityId: p.recipientId,
        changes: { planId: plan.id, volunteerId: p.volunteerId },
      },
      now,
    ),
  ]);
  return 'ok';
}

/** Sets how many households each volunteer of the shift visits; the next re-plan follows it. */
export async function setHouseholdsPerVolunteer(p: { db: Db; shiftId: number; households: number; now: Date }) {
  const plan = await ensurePlan(p.db, p.shiftId, p.now);
  await p.db
    .update(visitPlans)
    .set({ householdsPerVolunteer: p.households, updatedAt: p.now })
    .where(and(eq(visitPlans.id, plan.id), sql`${visitPlans.householdsPerVolunteer} <> ${p.households}`));
}
