import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, visitPlans } from '../../db/schema/index.js';
import { bilingual, queueNotice } from '../notices/queue.js';
import type { PlanShift } from './planner-input.js';
import { type PlanAssignmentRow, type PlanRow, planRows } from './queries.js';

/** Per volunteer: households added to and taken off their list since the last publication. */
export interface PlanChange {
  volunteerId: number;
  added: number[];
  removed: number[];
}

export function planChanges(
  working: readonly PlanAssignmentRow[],
  published: readonly PlanAssignmentRow[],
): PlanChange[] {
  const ids = [...new Set([...working, ...published].map((r) => r.volunteerId))].sort((a, b) => a - b);
  return ids
    .map((volunteerId) => {
      const now = working.filter((r) => r.volunteerId === volunteerId).map((r) => r.recipientId);
      const before = published.filter((r) => r.volunteerId === volunteerId).map((r) => r.recipientId);
      return {
        volunteerId,
        added: now.filter((r) => !before.includes(r)),
        removed: before.filter((r) => !now.includes(r)),
      };
    })
    .filter((c) => c.added.length || c.removed.length);
}

/**
 * Publishes the working copy: it replaces what volunteers see, and each volunteer whose list changed gets one
 * notice. The notice key names the list before and after, so publishing twice (or two coordinators at once)
 * sends nothing more.
 */
export async function publish(
  db: Db,
  shift: PlanShift,
  plan: PlanRow,
  userId: number,
  now: Date,
): Promise<{ notified: number }> {
  const working = await planRows(db, plan.id, false);
  const published = await planRows(db, plan.id, true);
  const listOf = (rows: readonly PlanAssignmentRow[], v: number) =>
    rows
      .filter((r) => r.volunteerId === v)
      .map((r) => r.recipientId)
      .join(',');
  const changed = [...new Set([...working, ...published].map((r) => r.volunteerId))].filter(
    (v) => listOf(working, v) !== listOf(published, v),
  );
  // Each volunteer reads the notice in their own language (queueNotice picks it per row).
  const notices = changed.map((v) => {
    const count = working.filter((r) => r.volunteerId === v).length;
    const text = bilingual((t) => ({
      subject: t('plans.notice.subject'),
      body: count
        ? t('plans.notice.body', { date: shift.date, time: shift.startTime, title: shift.title, count })
        : t('plans.notice.none', { date: shift.date, title: shift.title }),
    }));
    return queueNotice({
      key: `plan:${plan.id}:${listOf(published, v)}>${listOf(working, v)}`,
      volunteerWhere: sql`v.id = ${v}`,
      text,
      now,
    });
  });
  await db.batch([
    db.delete(planAssignments).where(and(eq(planAssignments.planId, plan.id), eq(planAssignments.published, true))),
    db.run(sql`insert into plan_assignments (plan_id, published, volunteer_id, recipient_id, position, pinned)
      select plan_id, 1, volunteer_id, recipient_id, position, pinned from plan_assignments where plan_id = ${plan.id} and published = 0`),
    db
      .update(visitPlans)
      .set({ status: 'published', publishedAt: now, publishedBy: userId, updatedAt: now })
      .where(eq(visitPlans.id, plan.id)),
    ...notices.map((n) => db.run(n)),
  ]);
  return { notified: changed.length };
}
