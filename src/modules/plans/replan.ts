import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, visitPlans } from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import { type BudgetedPlan, planVisits, priorityOf, type SolveBudget } from '../../domain/matching/index.js';
import { visitingOrder } from '../../domain/visit-order.js';
import { currentPins, type PlanShift } from './planner-input.js';
import { ensurePlan, planRows } from './queries.js';

function insertRows(
  db: Db,
  planId: number,
  published: boolean,
  rows: { volunteerId: number; recipientId: number; position: number; pinned: boolean }[],
) {
  // Six parameters a row: as many rows a statement as the driver allows (D1: 16).
  return fitParams(db, rows, 6).map((run) =>
    db.insert(planAssignments).values(run.map((r) => ({ planId, published, ...r }))),
  );
}

const pairKey = (volunteerId: number, recipientId: number) => `${volunteerId}:${recipientId}`;

/**
 * Plans (or re-plans around the pins) within the time budget and replaces the working copy, in one batch; what the
 * budget allowed to prove (optimal, or the gap) is kept with the plan for its page.
 */
export async function replan(
  db: Db,
  shift: PlanShift,
  now: Date,
  budget: SolveBudget,
): Promise<{ plan: BudgetedPlan; dueCount: number }> {
  const record = await ensurePlan(db, shift.id, now);
  const { input, pins } = await currentPins(db, shift);
  const plan = planVisits(input.volunteers, input.recipients, { pins }, budget);
  const pinned = new Set(pins.map((p) => pairKey(p.volunteerId, p.recipientId)));
  const byId = new Map(input.recipients.map((r) => [r.id, r]));
  const rows: { volunteerId: number; recipientId: number; position: number; pinned: boolean }[] = [];
  for (const v of input.volunteers) {
    const mine = plan.assignments
      .filter((a) => a.volunteerId === v.id)
      .map((a) => {
        const place = input.places.get(a.recipientId);
        return {
          ...a,
          village: place?.village ?? null,
          lat: place?.lat,
          lng: place?.lng,
          priority: priorityOf(byId.get(a.recipientId)!),
        };
      });
    for (const [i, a] of visitingOrder(mine).entries()) {
      rows.push({
        volunteerId: v.id,
        recipientId: a.recipientId,
        position: i + 1,
        pinned: pinned.has(pairKey(v.id, a.recipientId)),
      });
    }
  }
  const published = await planRows(db, record.id, true);
  const status = samePairs(rows, published) && record.publishedAt ? 'published' : 'draft';
  await db.batch([
    db.delete(planAssignments).where(and(eq(planAssignments.planId, record.id), eq(planAssignments.published, false))),
    ...insertRows(db, record.id, false, rows),
    db
      .update(visitPlans)
      .set({
        status,
        plannedAt: now,
        updatedAt: now,
        proof: { optimal: plan.optimal, gap: plan.gap, timeLimitMs: budget.timeLimitMs },
      })
      .where(eq(visitPlans.id, record.id)),
  ]);
  return { plan, dueCount: input.recipients.length };
}

function samePairs(
  a: readonly { volunteerId: number; recipientId: number }[],
  b: readonly { volunteerId: number; recipientId: number }[],
): boolean {
  const keys = new Set(a.map((x) => pairKey(x.volunteerId, x.recipientId)));
  return a.length === b.length && b.every((x) => keys.has(pairKey(x.volunteerId, x.recipientId)));
}
