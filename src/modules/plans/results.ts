import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { shifts } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { businessDate } from '../../domain/dates.js';
import type { WorkKind } from '../../domain/vocabulary.js';
import type { Viewer } from '../../lib/context.js';
import { type FieldErrors, type FormValues, parseForm } from '../../lib/form.js';
import type { Translate } from '../../lib/i18n/index.js';
import { correctableVisits } from '../visits/correction.js';
import { prepareFieldVisit, visitWords } from '../visits/field-record.js';
import { type OutcomeInput, outcomeForm } from '../visits/schema.js';
import type { PlanShift } from './planner-input.js';
import type { PlanAssignmentRow } from './queries.js';
import { blankRow, rowValues } from './results-schema.js';
import { routeSheets } from './sheets.js';

/** The shift as results entry needs it: what the visits and any aid are recorded under. */
export type ResultsShift = PlanShift & { workKind: WorkKind; organisationId: number };

/**
 * One volunteer's published households on a shift, with what is already recorded for each and which of those
 * visits the viewer may still correct (recipient id → visit id); null when none.
 */
export async function volunteerSheet(p: { db: Db; shift: PlanShift; volunteerId: number; viewer: Viewer; now: Date }) {
  const sheets = await routeSheets(p.db, p.shift);
  const volunteer = sheets?.draft ? undefined : sheets?.volunteers.find((v) => v.id === p.volunteerId);
  if (!sheets || !volunteer) return null;
  const corrections = await correctableVisits({ ...p, date: p.shift.date });
  return { volunteer, rows: sheets.rows.filter((r) => r.volunteerId === p.volunteerId), corrections };
}
export type VolunteerSheet = NonNullable<Awaited<ReturnType<typeof volunteerSheet>>>;

export type ResultsOutcome =
  | { ok: true; recorded: number }
  | {
      ok: false;
      errors: Map<number, FieldErrors>;
      values: FormValues;
      notYet?: boolean;
      /** A row whose aid has no valid target (the household left home support, the organisation is gone). */
      unsaveable?: { position: number; recipient: string };
    };

/**
 * Enters a returned route sheet: every household of the volunteer at once, each row by the phone's own outcome
 * form and the same field-visit use case. Every row is checked and prepared (its aid's targets resolved) before
 * anything is written, and all rows go in one batch, so one bad row writes nothing and is named; rows left blank and
 * households already recorded (on the phone or by an earlier submission) are skipped, so submitting the same sheet
 * again writes nothing new.
 */
export async function enterResults(p: {
  db: Db;
  shift: ResultsShift;
  sheet: VolunteerSheet;
  values: FormValues;
  t: Translate;
  actorUserId: number;
  now: Date;
}): Promise<ResultsOutcome> {
  const { db, shift, sheet, now } = p;
  const refused = { ok: false as const, errors: new Map<number, FieldErrors>(), values: p.values };
  if (shift.date > businessDate(now)) return { ...refused, notYet: true };
  const todo: { row: PlanAssignmentRow; input: OutcomeInput }[] = [];
  for (const row of sheet.rows) {
    if (row.outcome) continue;
    const values = rowValues(p.values, row.id);
    if (blankRow(values)) continue;
    const parsed = parseForm(outcomeForm, values, p.t);
    if (parsed.ok) todo.push({ row, input: parsed.data });
    else refused.errors.set(row.id, parsed.errors);
  }
  if (refused.errors.size) return refused;
  const [{ serviceDayId }] = await db
    .select({ serviceDayId: shifts.serviceDayId })
    .from(shifts)
    .where(eq(shifts.id, shift.id));
  const statements: unknown[] = [];
  const visitAt: number[] = [];
  for (const { row, input } of todo) {
    const prepared = await prepareFieldVisit({
      db,
      household: { ...shift, id: row.id, shiftId: shift.id, serviceDayId, recipientId: row.recipientId },
      input,
      visitor: { volunteerIds: [sheet.volunteer.id], names: sheet.volunteer.name },
      recordedBy: p.actorUserId,
      words: visitWords(p.t),
      now,
    });
    if (!('statements' in prepared)) {
      refused.errors.set(row.id, { aidCash: p.t('results.unsaveableRow') });
      return { ...refused, unsaveable: { position: row.position, recipient: row.recipient } };
    }
    visitAt.push(statements.length);
    statements.push(...prepared.statements);
  }
  if (!statements.length) return { ok: true, recorded: 0 };
  const results = await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  const recorded = visitAt.filter((i) => changedRows(results[i] as DbRunResult) === 1).length;
  return { ok: true, recorded };
}
