import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { changedRows } from '../../db/types.js';
import { dueStatus } from '../../domain/cadence.js';
import { addDays, businessDate } from '../../domain/dates.js';
import { TASK_OUTCOMES } from '../../domain/vocabulary.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { Scope } from '../../lib/scope.js';
import { revealCaregiverForCall } from '../visits/field.js';
import { loadCadenceRules } from '../visits/queries.js';
import { taskForVisit } from '../visits/tasks.js';
import { type CaptureRow, captureHouseholds, memberOfUser } from './queries.js';
import type { CaptureInput } from './schema.js';

export interface CareDayRow extends CaptureRow {
  daysOverdue: number;
}

/**
 * A unit's day: the households due that day by the cadence (from visits before it) and those already recorded,
 * most overdue first; the rest are only counted.
 */
export async function careDay(p: { db: Db; scope: Scope; unitId: number; on: string }) {
  const rules = await loadCadenceRules(p.db);
  const rows: CareDayRow[] = [];
  let notDue = 0;
  for (const r of await captureHouseholds(p)) {
    const status = dueStatus(
      { lastVisit: r.lastVisit, since: businessDate(r.createdAt), level: r.careLevel, today: p.on },
      rules,
    );
    if (status.due || r.recorded) rows.push({ ...r, daysOverdue: status.daysOverdue });
    else notDue++;
  }
  rows.sort((a, b) => b.daysOverdue - a.daysOverdue);
  return { rows, notDue };
}

export type CaptureResult = 'recorded' | 'already' | 'not_found' | 'bad_date' | 'confirm';

/**
 * Records one household's care visit of the day for the unit. The unique key (household, day, unit) makes it once:
 * a second phone, a resubmit or a retry after a lost answer writes nothing (ON CONFLICT DO NOTHING), and the need
 * goes in only with the visit that was written (changes() = 1). Today or yesterday only (a retry after midnight).
 */
export async function recordCareVisit(p: {
  db: Db;
  scope: Scope;
  unitId: number;
  userId: number;
  input: CaptureInput;
  now: Date;
}): Promise<{ result: CaptureResult; row?: CaptureRow }> {
  const { db, input: v } = p;
  const today = businessDate(p.now);
  if (v.on > today || v.on < addDays(today, -1)) return { result: 'bad_date' };
  const [household] = await captureHouseholds({ ...p, on: v.on, only: v.recipientId });
  if (!household) return { result: 'not_found' };
  const task = TASK_OUTCOMES[v.outcome as keyof typeof TASK_OUTCOMES];
  // A death or a move opens a station task: one tap is too easy a way to say it, so it is asked again first.
  if (task && !v.confirm) return { result: 'confirm', row: household };
  const member = await memberOfUser(db, p.userId);
  const visitorKind = member?.memberRole === 'village_doctor' ? 'village_doctor' : 'watch_home_member';
  const at = p.now.getTime();
  const visit =
    db.run(sql`INSERT INTO visits (recipient_id, visited_on, kind, visitor_kind, visitor_names, volunteer_ids,
      outcome, notes, recorded_by, organisation_id, created_at)
    VALUES (${v.recipientId}, ${v.on}, 'home_visit', ${visitorKind}, ${member?.name ?? null}, '[]', ${v.outcome}, NULL,
      ${p.userId}, ${p.unitId}, ${at})
    ON CONFLICT DO NOTHING`);
  const need = v.need
    ? [
        db.run(sql`INSERT INTO needs (recipient_id, visit_id, category, urgency, text, status, opened_on, created_by, created_at, updated_at)
      SELECT ${v.recipientId}, last_insert_rowid(), 'other', 'normal', ${v.need}, 'open', ${v.on}, ${p.userId}, ${at}, ${at}
      WHERE changes() = 1`),
      ]
    : [];
  const [written] = await db.batch([visit, ...need, ...(task ? [taskFor(p, at)!] : [])]);
  // The row as it now stands (the outcome recorded first wins), for the page or the swapped fragment.
  const [row] = await captureHouseholds({ ...p, on: v.on, only: v.recipientId });
  return { result: changedRows(written) === 1 ? 'recorded' : 'already', row };
}

/**
 * The station's task for the care visit just written, found by its unique key and this tap's recorder and instant
 * (as a field visit's is): a visit already there (another outcome, or a second phone's) opens nothing.
 */
function taskFor(p: { db: Db; unitId: number; userId: number; input: CaptureInput }, at: number) {
  const v = p.input;
  return taskForVisit(p.db, {
    outcome: v.outcome,
    visit: sql`v.recipient_id = ${v.recipientId} AND v.visited_on = ${v.on} AND v.organisation_id = ${p.unitId}
      AND v.outcome = ${v.outcome} AND v.recorded_by = ${p.userId} AND v.created_at = ${at}`,
    at,
  });
}

/** The caregiver's number of a household of the unit, in clear, with its audit row; null when none or outside. */
export async function callCaregiver(p: {
  db: Db;
  scope: Scope;
  unitId: number;
  userId: number;
  cipher: PersonalDataCipher;
  recipientId: number;
  now: Date;
}): Promise<{ name: string; mobile: string } | null> {
  const [household] = await captureHouseholds({ ...p, on: businessDate(p.now), only: p.recipientId });
  if (!household) return null;
  const mobile = await revealCaregiverForCall({
    ...p,
    recipientId: household.id,
    actorUserId: p.userId,
    via: { via: 'care_unit_call', unitId: p.unitId },
  });
  if (!mobile) return null;
  return { name: household.name, mobile };
}
