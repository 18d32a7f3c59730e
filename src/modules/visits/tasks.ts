import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recipients, stationTasks, villages } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { TASK_OUTCOMES } from '../../domain/vocabulary.js';
import { auditRowsFrom } from '../../lib/audit.js';
import type { Scope } from '../../lib/scope.js';
import { recipientsIn } from '../recipients/queries.js';

/**
 * Households without an open exit or transfer task: a death or a move reported on a visit takes the household out of
 * every visiting promise (care compliance, the service-day plan) until the station closes the task. For a query whose
 * outer table is `recipients`.
 */
export const noOpenStationTask = sql`not exists (select 1 from station_tasks st where st.recipient_id = "recipients"."id" and st.status = 'open')`;

/**
 * The station's exit or transfer task for a visit the same batch has just written, when its outcome opens one
 * (a death, a move): `visit` picks that visit (as `v`) by what only this write has (its recorder and instant), so
 * a visit that was already there opens nothing, and the task's unique visit key makes it once. Null: no task.
 */
export function taskForVisit(db: Db, t: { outcome: string; visit: SQL; at: number }) {
  const kind = TASK_OUTCOMES[t.outcome as keyof typeof TASK_OUTCOMES];
  if (!kind) return null;
  return db.run(sql`insert into station_tasks (recipient_id, township_id, visit_id, kind, status, opened_on, created_at)
    select v.recipient_id, r.township_id, v.id, ${kind}, 'open', v.visited_on, ${t.at}
    from visits v join recipients r on r.id = v.recipient_id
    where ${t.visit}
    on conflict (visit_id) do nothing`);
}

const inScope = (db: Db, scope: Scope) =>
  inArray(stationTasks.recipientId, db.select({ id: recipients.id }).from(recipients).where(recipientsIn(scope)));

/** The station's open exit and transfer tasks, oldest first. */
export function openTasks(db: Db, scope: Scope) {
  return db
    .select({
      id: stationTasks.id,
      kind: stationTasks.kind,
      openedOn: stationTasks.openedOn,
      recipientId: stationTasks.recipientId,
      recipient: recipients.name,
      village: villages.name,
    })
    .from(stationTasks)
    .innerJoin(recipients, eq(recipients.id, stationTasks.recipientId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(recipientsIn(scope), eq(stationTasks.status, 'open')))
    .orderBy(asc(stationTasks.openedOn), asc(stationTasks.id))
    .all();
}
export type TaskRow = Awaited<ReturnType<typeof openTasks>>[number];

/** Marks an open task done, with its audit row, in one batch; out of scope answers 'not_found'. */
export async function closeTask(ctx: {
  db: Db;
  scope: Scope;
  id: number;
  actorUserId: number;
  today: string;
  now: Date;
}): Promise<'ok' | 'not_found' | 'wrong_state'> {
  const { db, id } = ctx;
  const [done] = await db.batch([
    db
      .update(stationTasks)
      .set({ status: 'done', closedOn: ctx.today, closedBy: ctx.actorUserId })
      .where(and(eq(stationTasks.id, id), eq(stationTasks.status, 'open'), inScope(db, ctx.scope))),
    auditRowsFrom(
      db,
      {
        actorUserId: ctx.actorUserId,
        action: 'close',
        entity: 'station_task',
        entityId: sql`${String(id)}`,
        rows: sql`WHERE changes() = 1`,
      },
      ctx.now,
    ),
  ]);
  if (changedRows(done as DbRunResult) === 1) return 'ok';
  const visible = await db
    .select({ id: stationTasks.id })
    .from(stationTasks)
    .where(and(eq(stationTasks.id, id), inScope(db, ctx.scope)))
    .get();
  return visible ? 'wrong_state' : 'not_found';
}
