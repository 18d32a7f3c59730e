import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { shifts } from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import type { WorkKind } from '../../domain/vocabulary.js';
import { type FieldErrors, type FormValues, parseForm } from '../../lib/form.js';
import type { Translate } from '../../lib/i18n/index.js';
import { recordFieldVisit, visitWords } from '../visits/field-record.js';
import { type OutcomeInput, outcomeForm } from '../visits/schema.js';
import type { PlanAssignmentRow } from './queries.js';
import { blankRow, rowValues } from './results-schema.js';
import type { PlanShift } from './service.js';
import { routeSheets } from './sheets.js';

/** The shift as results entry needs it: what the visits and any aid are recorded under. */
export type ResultsShift = PlanShift & { workKind: WorkKind; organisationId: number };

/** One volunteer's published households on a shift, with what is already recorded for each; null when none. */
export async function volunteerSheet(db: Db, shift: PlanShift, volunteerId: number) {
  const sheets = await routeSheets(db, shift);
  const volunteer = sheets?.draft ? undefined : sheets?.volunteers.find((v) => v.id === volunteerId);
  if (!sheets || !volunteer) return null;
  return { volunteer, rows: sheets.rows.filter((r) => r.volunteerId === volunteerId) };
}
export type VolunteerSheet = NonNullable<Awaited<ReturnType<typeof volunteerSheet>>>;

export type ResultsOutcome =
  | { ok: true; recorded: number }
  | { ok: false; errors: Map<number, FieldErrors>; values: FormValues; notYet?: boolean };

/**
 * Enters a returned route sheet: every household of the volunteer at once, each row by the phone's own outcome
 * form and through the same visit-recording service. Every row is checked before anything is written, so one bad
 * row writes nothing; rows left blank and households already recorded (on the phone or by an earlier submission)
 * are skipped, so submitting the same sheet again writes nothing new.
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
  if (shift.date > businessDate(now)) return { ok: false, errors: new Map(), values: p.values, notYet: true };
  const errors = new Map<number, FieldErrors>();
  const todo: { row: PlanAssignmentRow; input: OutcomeInput }[] = [];
  for (const row of sheet.rows) {
    if (row.outcome) continue;
    const values = rowValues(p.values, row.id);
    if (blankRow(values)) continue;
    const parsed = parseForm(outcomeForm, values, p.t);
    if (parsed.ok) todo.push({ row, input: parsed.data });
    else errors.set(row.id, parsed.errors);
  }
  if (errors.size) return { ok: false, errors, values: p.values };
  const [{ serviceDayId }] = await db
    .select({ serviceDayId: shifts.serviceDayId })
    .from(shifts)
    .where(eq(shifts.id, shift.id));
  let recorded = 0;
  for (const { row, input } of todo) {
    // The phone's own use case: the visit and its aid in one batch, with the same outcome rules.
    const result = await recordFieldVisit({
      db,
      household: { ...shift, id: row.id, shiftId: shift.id, serviceDayId, recipientId: row.recipientId },
      input,
      visitor: { volunteerIds: [sheet.volunteer.id], names: sheet.volunteer.name },
      recordedBy: p.actorUserId,
      words: visitWords(p.t),
      now,
    });
    if (result.ok && result.written) recorded += 1;
  }
  return { ok: true, recorded };
}
