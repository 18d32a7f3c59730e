import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { CARE_LEVELS, needs, visits, type CareLevel } from '../../db/schema/index.js';
import { businessDate, daysBetween, dueStatus } from '../../domain/cadence.js';
import { homeRecipientsWithLastVisit, listNeeds, loadCadenceRules, needsInScope, type HomeRecipientRow, type NeedRow } from './queries.js';
import type { VisitInput } from './schema.js';

export interface OverdueRow extends HomeRecipientRow {
  nextDue: string;
  daysOverdue: number;
  due: boolean;
}

export interface OverdueList {
  rows: OverdueRow[];
  counts: { level: CareLevel; total: number; overdue: number }[];
}

/** Everyone in scope with next due date and days overdue: most overdue first, then by village and name. */
export async function overdueList(db: Db, where: SQL | undefined, today: string, townshipId?: number): Promise<OverdueList> {
  const rules = await loadCadenceRules(db);
  const rows = (await homeRecipientsWithLastVisit(db, where, townshipId)).map((r) => ({
    ...r,
    ...dueStatus({ lastVisit: r.lastVisit, since: businessDate(r.createdAt), level: r.careLevel, today }, rules),
  }));
  rows.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue ||
      Number(b.due) - Number(a.due) ||
      (a.township ?? '').localeCompare(b.township ?? '', 'zh') ||
      (a.village ?? '').localeCompare(b.village ?? '', 'zh') ||
      a.name.localeCompare(b.name, 'zh') ||
      a.id - b.id,
  );
  const counts = [...CARE_LEVELS].reverse().map((level) => ({
    level,
    total: rows.filter((r) => r.careLevel === level).length,
    overdue: rows.filter((r) => r.careLevel === level && r.daysOverdue > 0).length,
  }));
  return { rows, counts };
}

/**
 * Records a visit and, when one was found, its need, in one batch (last_insert_rowid links them).
 * An urgent need is stored with urgency 'urgent': the notification seam reads it from there.
 */
export async function recordVisit(db: Db, recipientId: number, input: VisitInput, recordedBy: number, now: Date): Promise<void> {
  const visit = db.insert(visits).values({
    recipientId,
    visitedOn: input.visitedOn,
    kind: input.kind,
    visitorKind: input.visitorKind,
    visitorNames: input.visitorNames,
    outcome: input.outcome,
    notes: input.notes,
    recordedBy,
    createdAt: now,
  });
  if (!input.needText || !input.needCategory) {
    await visit;
    return;
  }
  const need = db.insert(needs).values({
    recipientId,
    visitId: sql`last_insert_rowid()`,
    category: input.needCategory,
    urgency: input.needUrgency,
    text: input.needText,
    openedOn: input.visitedOn,
    createdBy: recordedBy,
    createdAt: now,
    updatedAt: now,
  });
  if (input.needUrgency !== 'urgent') {
    await db.batch([visit, need]);
    return;
  }
  // An urgent need tells the recipient's township station at once, through the outbox, in the same batch:
  // to the station's contact phone, keyed by the need so it is never queued twice.
  const at = now.getTime();
  const notify = db.run(sql`INSERT INTO outbox (volunteer_id, channel, recipient, subject, body, status, attempts, next_attempt_at, idempotency_key, created_at)
    SELECT NULL, 'sms', o.contact_phone, '急难愁盼（紧急）：' || r.name, n.text, 'pending', 0, ${at}, 'need:' || n.id, ${at}
    FROM needs n
    JOIN recipients r ON r.id = n.recipient_id
    JOIN organisations o ON o.kind = 'station' AND o.township_id = r.township_id
    WHERE n.id = last_insert_rowid() AND o.contact_phone IS NOT NULL AND o.contact_phone <> ''
    ON CONFLICT (idempotency_key) DO NOTHING`);
  await db.batch([visit, need, notify]);
}

export interface NeedItem extends NeedRow {
  /** Days open so far, or days it took to resolve. */
  days: number;
}

export async function needsBoard(db: Db, where: SQL | undefined, today: string) {
  const items: NeedItem[] = (await listNeeds(db, where)).map((n) => ({
    ...n,
    days: daysBetween(n.openedOn, n.resolvedOn ?? today),
  }));
  const unresolved = items.filter((n) => n.status !== 'resolved');
  const avg = unresolved.length ? Math.round((unresolved.reduce((s, n) => s + n.days, 0) / unresolved.length) * 10) / 10 : 0;
  return {
    open: items.filter((n) => n.status === 'open'),
    assigned: items.filter((n) => n.status === 'assigned'),
    resolved: items.filter((n) => n.status === 'resolved'),
    avgDaysOpen: avg,
  };
}

export type MoveResult = 'ok' | 'not_found' | 'wrong_state';

/** open → assigned; one conditional statement, so a need already moved or out of scope is untouched. */
export async function assignNeed(db: Db, where: SQL | undefined, id: number, assignee: string, today: string, now: Date): Promise<MoveResult> {
  const done = await db
    .update(needs)
    .set({ status: 'assigned', assignee, assignedOn: today, updatedAt: now })
    .where(and(eq(needs.id, id), eq(needs.status, 'open'), inArray(needs.id, needsInScope(db, where))))
    .returning({ id: needs.id });
  return done.length ? 'ok' : explain(db, where, id);
}

/** open or assigned → resolved. */
export async function resolveNeed(db: Db, where: SQL | undefined, id: number, resolution: string, today: string, now: Date): Promise<MoveResult> {
  const done = await db
    .update(needs)
    .set({ status: 'resolved', resolution, resolvedOn: today, assignedOn: sql`coalesce(${needs.assignedOn}, ${today})`, updatedAt: now })
    .where(and(eq(needs.id, id), inArray(needs.status, ['open', 'assigned']), inArray(needs.id, needsInScope(db, where))))
    .returning({ id: needs.id });
  return done.length ? 'ok' : explain(db, where, id);
}

/** Whether a need is inside the viewer's scope (a foreign one answers 404 before its form is even read). */
export async function needVisible(db: Db, where: SQL | undefined, id: number): Promise<boolean> {
  return !!(await needsInScope(db, and(where, eq(needs.id, id))).get());
}

async function explain(db: Db, where: SQL | undefined, id: number): Promise<MoveResult> {
  const visible = await needsInScope(db, and(where, eq(needs.id, id))).get();
  return visible ? 'wrong_state' : 'not_found';
}
