import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import { CARE_LEVELS, type CareLevel, needs } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { dueStatus } from '../../domain/cadence.js';
import { businessDate, daysBetween } from '../../domain/dates.js';
import type { NeedStatus } from '../../domain/vocabulary.js';
import type { Scope } from '../../lib/scope.js';
import { urgentNeedNotice } from '../notices/urgent-need.js';
import {
  findRecipientInScope,
  type HomeRecipientRow,
  homeRecipientsWithLastVisit,
  listNeeds,
  loadCadenceRules,
  type NeedRow,
  needsInScope,
} from './queries.js';
import type { VisitInput } from './schema.js';
import { taskForVisit } from './tasks.js';

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
export async function overdueList({
  db,
  scope,
  today,
  townshipId,
}: {
  db: Db;
  scope: Scope;
  today: string;
  townshipId?: number;
}): Promise<OverdueList> {
  const rules = await loadCadenceRules(db);
  const rows = (await homeRecipientsWithLastVisit(db, scope, townshipId)).map((r) => ({
    ...r,
    ...dueStatus({ lastVisit: r.lastVisit, since: businessDate(r.createdAt), level: r.careLevel, today }, rules),
  }));
  // A household the station must exit or transfer is not "due": its open task says what happens instead.
  for (const r of rows) if (r.task) Object.assign(r, { due: false, daysOverdue: 0 });
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

/** Who went, for visits recorded from a volunteer's own list. */
export interface VisitBy {
  volunteerIds?: number[];
  /** Refuse a second record of the same recipient, day and recorder (a double tap on a phone). */
  once?: boolean;
}

/** One visit to record: whose, what was found, who recorded it and when. */
export interface VisitRecord {
  db: Db;
  recipientId: number;
  input: VisitInput;
  recordedBy: number;
  now: Date;
  by?: VisitBy;
}

/**
 * The statements that record a visit and, when one was found, its need (and an urgent need's notice), for one
 * batch. Each statement after the first runs only when the one before it wrote (changes() = 1), so a refused visit
 * leaves no need and no notice behind; the need links to the visit through last_insert_rowid(). The visit's own
 * statement comes first: its result says whether the visit was written.
 */
export function visitStatements({ db, recipientId, input, recordedBy, now, by = {} }: VisitRecord) {
  const at = now.getTime();
  const guard = by.once
    ? sql`not exists (select 1 from visits x where x.recipient_id = ${recipientId} and x.visited_on = ${input.visitedOn} and x.recorded_by = ${recordedBy})`
    : sql`1`;
  const visit =
    db.run(sql`insert into visits (recipient_id, visited_on, kind, visitor_kind, visitor_names, volunteer_ids, outcome, notes, recorded_by, created_at)
    select ${recipientId}, ${input.visitedOn}, ${input.kind}, ${input.visitorKind}, ${input.visitorNames}, ${JSON.stringify(by.volunteerIds ?? [])},
      ${input.outcome}, ${input.notes}, ${recordedBy}, ${at}
    where ${guard}`);
  // Last in the batch (the need links through last_insert_rowid()): the visit is found by its recorder and instant.
  const task = taskForVisit(db, {
    outcome: input.outcome,
    visit: sql`v.id = (select max(x.id) from visits x where x.recipient_id = ${recipientId} and x.recorded_by = ${recordedBy} and x.created_at = ${at})`,
    at,
  });
  const tail = task ? [task] : [];
  if (!input.needText || !input.needCategory) return [visit, ...tail];
  const need =
    db.run(sql`insert into needs (recipient_id, visit_id, category, urgency, text, status, opened_on, created_by, created_at, updated_at)
    select ${recipientId}, last_insert_rowid(), ${input.needCategory}, ${input.needUrgency}, ${input.needText}, 'open', ${input.visitedOn}, ${recordedBy}, ${at}, ${at}
    where changes() = 1`);
  if (input.needUrgency !== 'urgent') return [visit, need, ...tail];
  // An urgent need tells the recipient's township station at once, through the outbox, in the same batch:
  // to the station's contact phone, keyed by the need so it is never queued twice. The notice names the need by
  // its id only: no recipient name, no need text (health data) goes to the SMS gateway or into a log.
  const { subject, body } = urgentNeedNotice(sql`n.id`);
  const notify =
    db.run(sql`INSERT INTO outbox (volunteer_id, channel, recipient, subject, body, status, attempts, next_attempt_at, idempotency_key, created_at)
    SELECT NULL, 'sms', o.contact_phone, ${subject}, ${body}, 'pending', 0, ${at}, 'need:' || n.id, ${at}
    FROM needs n
    JOIN recipients r ON r.id = n.recipient_id
    JOIN organisations o ON o.kind = 'station' AND o.township_id = r.township_id
    WHERE changes() = 1 AND n.id = last_insert_rowid() AND o.contact_phone IS NOT NULL AND o.contact_phone <> ''
    ON CONFLICT (idempotency_key) DO NOTHING`);
  return [visit, need, notify, ...tail];
}

/** Records a visit (and its need) in one batch; answers whether the visit was written. */
export async function recordVisit(p: VisitRecord): Promise<boolean> {
  const statements = visitStatements(p);
  const [written] = await p.db.batch(statements as unknown as Parameters<typeof p.db.batch>[0]);
  return changedRows(written as DbRunResult) === 1;
}

/**
 * The station's own record of a visit to a recipient in its scope (not found otherwise), never dated after today:
 * the visit, its need and any station task in one batch.
 */
export async function recordStationVisit(p: {
  db: Db;
  scope: Scope;
  recipientId: number;
  input: VisitInput;
  actorUserId: number;
  now: Date;
}): Promise<'ok' | 'not_found' | 'future'> {
  if (!(await findRecipientInScope(p.db, p.scope, p.recipientId))) return 'not_found';
  if (p.input.visitedOn > businessDate(p.now)) return 'future';
  await recordVisit({ ...p, recordedBy: p.actorUserId });
  return 'ok';
}

export interface NeedItem extends NeedRow {
  /** Days open so far, or days it took to resolve. */
  days: number;
}

export async function needsBoard(db: Db, scope: Scope, today: string) {
  const items: NeedItem[] = (await listNeeds(db, scope)).map((n) => ({
    ...n,
    days: daysBetween(n.openedOn, n.resolvedOn ?? today),
  }));
  const unresolved = items.filter((n) => n.status !== 'resolved');
  const avg = unresolved.length
    ? Math.round((unresolved.reduce((s, n) => s + n.days, 0) / unresolved.length) * 10) / 10
    : 0;
  return {
    open: items.filter((n) => n.status === 'open'),
    assigned: items.filter((n) => n.status === 'assigned'),
    resolved: items.filter((n) => n.status === 'resolved'),
    avgDaysOpen: avg,
  };
}

export type MoveResult = 'ok' | 'not_found' | 'wrong_state';

/** Who moves which need, and when: the move is conditional on the viewer's scope. */
interface NeedMove {
  db: Db;
  scope: Scope;
  id: number;
  now: Date;
}

/**
 * One conditional statement: the need moves only from one of the `from` states and inside the scope, so a need
 * already moved or out of scope is untouched; then why not, when it did not move.
 */
async function moveNeed(
  p: NeedMove,
  from: NeedStatus[],
  set: SQLiteUpdateSetSource<typeof needs>,
): Promise<MoveResult> {
  const { db, scope, id } = p;
  const done = await db
    .update(needs)
    .set({ ...set, updatedAt: p.now })
    .where(and(eq(needs.id, id), inArray(needs.status, from), inArray(needs.id, needsInScope(db, scope))))
    .returning({ id: needs.id });
  return done.length ? 'ok' : explain(db, scope, id);
}

/** open → assigned. */
export function assignNeed(p: NeedMove & { assignee: string }): Promise<MoveResult> {
  return moveNeed(p, ['open'], { status: 'assigned', assignee: p.assignee, assignedOn: businessDate(p.now) });
}

/** open or assigned → resolved. */
export function resolveNeed(p: NeedMove & { resolution: string }): Promise<MoveResult> {
  const today = businessDate(p.now);
  return moveNeed(p, ['open', 'assigned'], {
    status: 'resolved',
    resolution: p.resolution,
    resolvedOn: today,
    assignedOn: sql`coalesce(${needs.assignedOn}, ${today})`,
  });
}

/** Whether a need is inside the viewer's scope (a foreign one answers 404 before its form is even read). */
export async function needVisible(db: Db, scope: Scope, id: number): Promise<boolean> {
  return !!(await needsInScope(db, scope, eq(needs.id, id)).get());
}

async function explain(db: Db, scope: Scope, id: number): Promise<MoveResult> {
  const visible = await needsInScope(db, scope, eq(needs.id, id)).get();
  return visible ? 'wrong_state' : 'not_found';
}
