import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, visitPlans } from '../../db/schema/index.js';
import { capacityOf, eligible } from '../../domain/matching/index.js';
import { auditInsert } from '../../lib/audit.js';
import { type PlanShift, plannerInput } from './planner-input.js';
import { type PlanAssignmentRow, type PlanRow, planRows } from './queries.js';

/** Marks the working copy as changed since publication (a no-op before the first one). */
export function markChanged(db: Db, planId: number, now: Date) {
  return db.update(visitPlans).set({ status: 'draft', updatedAt: now }).where(eq(visitPlans.id, planId));
}

/** Pins or unpins one working assignment: a pinned one survives re-planning. */
export async function togglePin(db: Db, planId: number, assignmentId: number): Promise<boolean> {
  const done = await db
    .update(planAssignments)
    .set({ pinned: sql`not ${planAssignments.pinned}` })
    .where(
      and(
        eq(planAssignments.id, assignmentId),
        eq(planAssignments.planId, planId),
        eq(planAssignments.published, false),
      ),
    )
    .returning({ id: planAssignments.id });
  return done.length > 0;
}

/** Takes a household off a volunteer's list, audited; the pair is remembered so re-planning does not put it back. */
export async function removeAssignment(p: {
  db: Db;
  planId: number;
  row: PlanAssignmentRow;
  actorUserId: number;
  now: Date;
}): Promise<void> {
  const { db, planId, row, now } = p;
  await db.batch([
    db
      .delete(planAssignments)
      .where(
        and(eq(planAssignments.id, row.id), eq(planAssignments.planId, planId), eq(planAssignments.published, false)),
      ),
    db
      .update(visitPlans)
      .set({
        blocked: sql`json_insert(${visitPlans.blocked}, '$[#]', json_array(${row.volunteerId}, ${row.recipientId}))`,
      })
      .where(eq(visitPlans.id, planId)),
    markChanged(db, planId, now),
    auditInsert(
      db,
      {
        actorUserId: p.actorUserId,
        action: 'plan_remove',
        entity: 'recipient',
        entityId: row.recipientId,
        changes: { planId, volunteerId: row.volunteerId },
      },
      now,
    ),
  ]);
}

export type ReassignResult = 'ok' | 'notConfirmed' | 'ineligible' | 'full' | 'already';

/** Hands a household to another confirmed volunteer, pinned there; the hard constraints still hold. */
export async function reassign({
  db,
  shift,
  plan,
  row,
  toVolunteerId,
  now,
}: {
  db: Db;
  shift: PlanShift;
  plan: PlanRow;
  row: PlanAssignmentRow;
  toVolunteerId: number;
  now: Date;
}): Promise<ReassignResult> {
  // The coordinator's own choice may override an earlier removal, so blocked pairs do not count here.
  const input = await plannerInput({ db, shift, plan: { ...plan, blocked: [] }, keep: new Set([row.recipientId]) });
  const target = input.volunteers.find((v) => v.id === toVolunteerId);
  if (!target) return 'notConfirmed';
  const working = await planRows(db, plan.id, false);
  if (working.some((w) => w.volunteerId === toVolunteerId && w.recipientId === row.recipientId)) return 'already';
  const recipient = input.recipients.find((r) => r.id === row.recipientId) ?? {
    id: row.recipientId,
    townshipId: shift.townshipId,
    careLevel: row.careLevel,
    daysOverdue: 0,
  };
  if (!eligible(target, recipient, new Set())) return 'ineligible';
  const load = working.filter((w) => w.volunteerId === toVolunteerId).length;
  if (load >= capacityOf(target)) return 'full';
  await db.batch([
    db
      .update(planAssignments)
      .set({ volunteerId: toVolunteerId, pinned: true, position: load + 1 })
      .where(
        and(eq(planAssignments.id, row.id), eq(planAssignments.planId, plan.id), eq(planAssignments.published, false)),
      ),
    markChanged(db, plan.id, now),
  ]);
  return 'ok';
}
