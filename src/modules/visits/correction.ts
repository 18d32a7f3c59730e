import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { businessDate } from '../../domain/dates.js';
import { TASK_OUTCOMES, type VisitOutcome } from '../../domain/vocabulary.js';
import { auditRowsFrom } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import { replaceLinesStatements, standingLines } from '../ledger/corrections.js';
import { activityStatements, type LineInput, randomNonce, resolveActivity } from '../ledger/service.js';
import { aidActivity, aidLines, type FieldVisit, type PlannedHousehold, visitAidKey } from './field-record.js';
import { mayCorrect } from './policy.js';
import type { OutcomeInput } from './schema.js';

export interface VisitCorrection {
  db: Db;
  visitId: number;
  viewer: Viewer;
  input: OutcomeInput;
  /** The household on the plan the visit came from: where aid goes when the visit had none yet. */
  household: PlannedHousehold | null;
  words: FieldVisit['words'];
  now: Date;
}

export type CorrectionResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: 'not_found' | 'other_day' | 'no_plan' | 'bad_target' | 'conflict' };

interface VisitRow {
  id: number;
  recipientId: number;
  townshipId: number;
  visitedOn: string;
  outcome: VisitOutcome;
  notes: string | null;
  recordedBy: number | null;
  createdAt: number;
  volunteerCount: number;
}

/** A visit with its recipient's township, for the correction rules. */
export async function visitForCorrection(db: Db, id: number): Promise<(VisitRow & { recipient: string }) | undefined> {
  const [row] = await db.all<
    VisitRow & { recipient: string }
  >(sql`SELECT v.id, v.recipient_id AS recipientId, r.township_id AS townshipId, r.name AS recipient,
      v.visited_on AS visitedOn, v.outcome, v.notes, v.recorded_by AS recordedBy, v.created_at AS createdAt,
      json_array_length(v.volunteer_ids) AS volunteerCount
    FROM visits v JOIN recipients r ON r.id = v.recipient_id WHERE v.id = ${id}`);
  return row;
}

async function aidActivityOf(db: Db, v: VisitRow, h: PlannedHousehold | null): Promise<number | null> {
  const [row] = h
    ? await db.all<{ id: number }>(
        sql`SELECT id FROM activities WHERE idempotency_key = ${visitAidKey(h.id, v.recordedBy ?? 0)}`,
      )
    : await db.all<{ id: number }>(sql`SELECT a.id FROM activities a JOIN activity_targets t ON t.activity_id = a.id
        WHERE t.recipient_id = ${v.recipientId} AND a.occurred_on = ${v.visitedOn} AND a.created_by = ${v.recordedBy}
          AND a.idempotency_key LIKE 'visit-aid-%' ORDER BY a.id LIMIT 1`);
  return row?.id ?? null;
}

/** A line as what it gives (kind, amount, goods, service, source), to tell a changed aid from an unchanged one. */
const lineShape = (
  l: Omit<LineInput, 'kind' | 'volunteers' | 'fundingSource'> & { kind: string; fundingSource?: string | null },
) =>
  JSON.stringify([
    l.kind,
    l.amountFen,
    l.goodsName,
    l.quantity,
    l.unit,
    l.serviceKind,
    l.serviceCentihours,
    l.fundingSource ?? null,
  ]);
const sameLines = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Corrects a recorded visit the same day, by whoever recorded it or the township's station, in ONE batch: the visit
 * row (guarded by the values it had when read, so two corrections cannot cross), an audit row carrying this
 * correction's nonce, then — only while that audit row exists — the aid's standing ledger lines reversed and the
 * corrected ones appended (never an edit of a line), and the station task following the new outcome.
 */
export async function correctVisit(c: VisitCorrection): Promise<CorrectionResult> {
  const { db, input } = c;
  const v = await visitForCorrection(db, c.visitId);
  if (!v || !mayCorrect(c.viewer, v)) return { ok: false, reason: 'not_found' };
  if (businessDate(new Date(v.createdAt)) !== businessDate(c.now)) return { ok: false, reason: 'other_day' };
  const activityId = await aidActivityOf(db, v, c.household);
  const standing = activityId ? await standingLines(db, activityId) : [];
  const lines = aidLines(input, c.words, v.volunteerCount);
  const linesChanged = !sameLines(standing.map(lineShape), lines.map(lineShape));
  if (!linesChanged && v.outcome === input.outcome && v.notes === input.notes) return { ok: true, changed: false };
  if (!activityId && lines.length && !c.household) return { ok: false, reason: 'no_plan' };

  const nonce = randomNonce();
  const meta = { actorUserId: c.viewer.id, now: c.now, nonce };
  const mine = sql`EXISTS (SELECT 1 FROM audit_log WHERE entity = 'visit' AND entity_id = ${String(v.id)} AND json_extract(changes, '$.nonce') = ${nonce})`;
  const changes = JSON.stringify({
    nonce,
    outcome: [v.outcome, input.outcome],
    notesChanged: v.notes !== input.notes,
    linesReversed: linesChanged ? standing.length : 0,
    linesAdded: linesChanged ? lines.length : 0,
  });
  const statements: unknown[] = [
    db.run(sql`UPDATE visits SET outcome = ${input.outcome}, notes = ${input.notes}
      WHERE id = ${v.id} AND outcome = ${v.outcome} AND notes IS ${v.notes}`),
    auditRowsFrom(
      db,
      {
        ...meta,
        action: 'correct',
        entity: 'visit',
        entityId: sql`${String(v.id)}`,
        changes,
        rows: sql`WHERE changes() = 1`,
      },
      c.now,
    ),
  ];
  if (linesChanged && activityId) {
    const ids = standing.map((l) => l.id);
    const reason = c.words.correction;
    statements.push(
      ...replaceLinesStatements(db, { activityId, lineIds: ids, lines }, { ...meta, reason, guard: mine }),
    );
  } else if (linesChanged && c.household) {
    const h = c.household;
    const activity = aidActivity(h, c.words.note, lines);
    const resolved = await resolveActivity(db, activity);
    if (typeof resolved === 'string') return { ok: false, reason: 'bad_target' };
    const key = visitAidKey(h.id, v.recordedBy ?? c.viewer.id);
    statements.push(...activityStatements(db, activity, resolved, { ...meta, idempotencyKey: key }));
  }
  const task = TASK_OUTCOMES[input.outcome as keyof typeof TASK_OUTCOMES];
  statements.push(
    task
      ? db.run(sql`INSERT INTO station_tasks (recipient_id, township_id, visit_id, kind, status, opened_on, created_at)
          SELECT ${v.recipientId}, ${v.townshipId}, ${v.id}, ${task}, 'open', ${v.visitedOn}, ${c.now.getTime()} WHERE ${mine}
          ON CONFLICT (visit_id) DO UPDATE SET kind = excluded.kind, status = 'open', closed_on = NULL, closed_by = NULL`)
      : db.run(sql`DELETE FROM station_tasks WHERE visit_id = ${v.id} AND status = 'open' AND ${mine}`),
  );
  const [updated] = await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return changedRows(updated as DbRunResult) === 1 ? { ok: true, changed: true } : { ok: false, reason: 'conflict' };
}

/** The visit a user recorded for a household on their plan (the one a correction starts from). */
export async function recordedVisitId(db: Db, h: PlannedHousehold, userId: number): Promise<number | null> {
  const [row] = await db.all<{ id: number }>(sql`SELECT id FROM visits WHERE recipient_id = ${h.recipientId}
    AND visited_on = ${h.date} AND recorded_by = ${userId} ORDER BY id DESC LIMIT 1`);
  return row?.id ?? null;
}

const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.?0+$/, '');

/** The correction form's starting values: the visit as recorded and the aid lines that stand. */
export async function correctionValues(db: Db, visitId: number, h: PlannedHousehold | null) {
  const v = await visitForCorrection(db, visitId);
  if (!v) return null;
  const activityId = await aidActivityOf(db, v, h);
  const lines = activityId ? await standingLines(db, activityId) : [];
  const cash = lines.find((l) => l.kind === 'cash');
  const goods = lines.find((l) => l.kind === 'goods');
  const services = lines.filter((l) => l.kind === 'service');
  return {
    outcome: v.outcome,
    notes: v.notes ?? '',
    aidCash: cash ? yuan(cash.amountFen) : '',
    aidGoodsName: goods?.goodsName ?? '',
    aidGoodsQuantity: goods?.quantity === null || goods?.quantity === undefined ? '' : String(goods.quantity),
    aidGoodsUnit: goods?.unit ?? '',
    aidGoodsValue: goods ? yuan(goods.amountFen) : '',
    serviceKind: services.map((l) => l.serviceKind ?? ''),
    serviceHours: services.map((l) => yuan(l.serviceCentihours)),
    aidSource: lines[0]?.fundingSource ?? '',
  };
}

/** A visit the viewer may correct (the recorder, or the township's station), with its form values; else null. */
export async function visitToCorrect(db: Db, id: number, viewer: Viewer) {
  const v = await visitForCorrection(db, id);
  if (!v || !mayCorrect(viewer, v)) return null;
  return { id: v.id, recipient: v.recipient, visitedOn: v.visitedOn, values: (await correctionValues(db, id, null))! };
}

/**
 * Of the visits recorded for a volunteer's households on a day, those the viewer may still correct — recorded today
 * (Shanghai), by the viewer or in the viewer's station township — as recipient id → visit id: where the lists link
 * to the correction page.
 */
export async function correctableVisits(p: {
  db: Db;
  viewer: Viewer;
  now: Date;
  date: string;
  volunteerId: number;
}): Promise<Map<number, number>> {
  const rows = await p.db.all<{
    id: number;
    recipientId: number;
    townshipId: number;
    recordedBy: number | null;
    createdAt: number;
  }>(
    sql`SELECT v.id, v.recipient_id AS recipientId, r.township_id AS townshipId, v.recorded_by AS recordedBy,
        v.created_at AS createdAt
      FROM visits v JOIN recipients r ON r.id = v.recipient_id
      WHERE v.visited_on = ${p.date}
        AND EXISTS (SELECT 1 FROM json_each(v.volunteer_ids) j WHERE j.value = ${p.volunteerId})
      ORDER BY v.id`,
  );
  const today = businessDate(p.now);
  const out = new Map<number, number>();
  for (const v of rows)
    if (mayCorrect(p.viewer, v) && businessDate(new Date(v.createdAt)) === today) out.set(v.recipientId, v.id);
  return out;
}
