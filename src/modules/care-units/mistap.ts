import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stationTasks, visits } from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import { businessDate } from '../../domain/dates.js';
import { auditRowsFrom } from '../../lib/audit.js';
import type { Scope } from '../../lib/scope.js';
import { captureHouseholds } from './queries.js';
import type { UndoInput } from './schema.js';

/** Today's care visit of a household by the unit when its outcome opened a task (a death or a move), else null. */
export async function mistapOf(p: { db: Db; scope: Scope; unitId: number; recipientId: number; now: Date }) {
  const on = businessDate(p.now);
  const [household] = await captureHouseholds({ ...p, on, only: p.recipientId });
  if (!household) return null;
  const visit = await p.db
    .select({ id: visits.id, outcome: visits.outcome })
    .from(visits)
    .where(
      and(
        eq(visits.recipientId, p.recipientId),
        eq(visits.visitedOn, on),
        eq(visits.organisationId, p.unitId),
        inArray(visits.outcome, ['deceased', 'moved']),
      ),
    )
    .get();
  return visit ? { household, visit, on } : null;
}

/**
 * Undoes a mis-tapped death or move the same day: the unit's visit of today takes the outcome it should have had,
 * and the station task it opened closes itself, both audited, in one batch guarded by the outcome still being the
 * mis-tapped one (a second undo changes nothing). Another day, another unit's visit, or none: 'not_found'.
 */
export async function undoMistap(p: {
  db: Db;
  scope: Scope;
  unitId: number;
  userId: number;
  recipientId: number;
  input: UndoInput;
  now: Date;
}): Promise<'undone' | 'not_found'> {
  const { db, now } = p;
  const found = await mistapOf(p);
  if (!found || found.on !== p.input.on) return 'not_found';
  const { id, outcome: from } = found.visit;
  const to = p.input.outcome;
  const undone = sql`(SELECT outcome FROM visits WHERE id = ${id}) = ${to}`;
  const [changed] = await db.batch([
    db
      .update(visits)
      .set({ outcome: to })
      .where(and(eq(visits.id, id), eq(visits.outcome, from))),
    auditRowsFrom(
      db,
      {
        actorUserId: p.userId,
        action: 'undo',
        entity: 'visit',
        entityId: sql`${String(id)}`,
        changes: JSON.stringify({ outcome: { from, to }, via: 'care_unit_mistap' }),
        rows: sql`WHERE changes() = 1`,
      },
      now,
    ),
    auditRowsFrom(
      db,
      {
        actorUserId: p.userId,
        action: 'close',
        entity: 'station_task',
        entityId: sql`CAST(st.id AS TEXT)`,
        changes: JSON.stringify({ reason: 'mistap_undone', visitId: id }),
        rows: sql`FROM station_tasks st WHERE st.visit_id = ${id} AND st.status = 'open' AND ${undone}`,
      },
      now,
    ),
    db
      .update(stationTasks)
      .set({ status: 'done', closedOn: found.on, closedBy: p.userId })
      .where(and(eq(stationTasks.visitId, id), eq(stationTasks.status, 'open'), undone)),
  ]);
  return changedRows(changed) === 1 ? 'undone' : 'not_found';
}
