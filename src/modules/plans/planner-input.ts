import type { Db } from '../../db/client.js';
import { coverageCandidates, nursingHomesDue } from '../../domain/coverage.js';
import { businessDate } from '../../domain/dates.js';
import {
  type Assignment,
  DEFAULT_CAPACITY,
  evaluate,
  type PlanRecipient,
  type PlanVolunteer,
} from '../../domain/matching/index.js';
import { township } from '../../lib/scope.js';
import { coverageHouseholds, coverageMonths, townshipNursingHomes } from './coverage-queries.js';
import { confirmedVolunteers, findPlan, type PlanRow, plannedElsewhere, plannerFacts, planRows } from './queries.js';

/** The shift a plan belongs to, as the planner needs it. */
export interface PlanShift {
  id: number;
  date: string;
  townshipId: number;
  title: string;
  startTime: string;
}

export interface PlannerInput {
  volunteers: PlanVolunteer[];
  recipients: PlanRecipient[];
  /** Village name and coordinates per recipient, for the visiting order. */
  places: Map<number, { village: string | null; lat: number | null; lng: number | null }>;
  /** What the plan page says of each candidate: who, and why (days since, open need). */
  candidates: Map<number, { name: string; village: string | null; daysSince: number; openNeed: boolean }>;
  /** Nursing homes of the township no organisation visited this period: places the day visits too. */
  nursingHomes: { id: number; name: string; lastServiceVisit: string | null }[];
  /** Months of the coverage period that applies. */
  months: number;
  /** Every active home-supported household of the township free that day: what may be added by hand. */
  households: { id: number; name: string; village: string | null }[];
}

/** What a plan row adds to the problem: removed pairs and the households one volunteer takes on this shift. */
export type PlanSettings = Pick<PlanRow, 'blocked' | 'householdsPerVolunteer'>;

/**
 * Who may go and whom the day should cover (decision 0165): the shift's confirmed volunteers (working in its
 * township that day), each taking the plan's households per volunteer, and the township's home-supported households
 * the coverage rule picks and weighs (and those in `keep`, chosen by hand), minus those on another plan that day; and
 * the nursing homes due this period.
 */
export async function plannerInput({
  db,
  shift,
  plan,
  keep = new Set(),
}: {
  db: Db;
  shift: PlanShift;
  plan: PlanSettings | undefined;
  keep?: ReadonlySet<number>;
}): Promise<PlannerInput> {
  const [months, people, homes, elsewhere, facts, nursing] = await Promise.all([
    coverageMonths(db, shift.townshipId),
    confirmedVolunteers(db, shift.id),
    coverageHouseholds(db, township(shift.townshipId)),
    plannedElsewhere(db, shift.id, shift.date),
    plannerFacts(db, shift.townshipId, shift.date),
    townshipNursingHomes(db, shift.townshipId),
  ]);
  const excludedBy = new Map<number, number[]>();
  for (const e of facts.exclusions)
    excludedBy.set(e.volunteerId, [...(excludedBy.get(e.volunteerId) ?? []), e.recipientId]);
  for (const [v, r] of plan?.blocked ?? []) excludedBy.set(v, [...(excludedBy.get(v) ?? []), r]);
  const volunteers = people.map((p) => ({
    id: p.id,
    townshipId: shift.townshipId,
    skills: p.skills,
    capacity: plan?.householdsPerVolunteer ?? DEFAULT_CAPACITY,
    excludedBy: excludedBy.get(p.id) ?? [],
  }));
  const byId = new Map(homes.map((h) => [h.id, h]));
  const free = homes.filter((h) => !elsewhere.has(h.id));
  const chosen = coverageCandidates(
    free.map((h) => ({ ...h, since: businessDate(h.createdAt), openNeeds: Number(h.openNeeds) })),
    { date: shift.date, months, keep },
  );
  const recipients: PlanRecipient[] = [];
  const places: PlannerInput['places'] = new Map();
  const candidates: PlannerInput['candidates'] = new Map();
  for (const c of chosen) {
    const h = byId.get(c.id)!;
    const place = facts.places.get(h.id);
    const need = facts.requirements.get(h.id);
    recipients.push({
      id: h.id,
      townshipId: shift.townshipId,
      villageId: place?.villageId ?? null,
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      careLevel: h.careLevel,
      daysOverdue: 0,
      priority: c.priority,
      needsSkills: need?.skills ?? [],
      visitors: need?.visitors === 2 ? 2 : 1,
      lastVisitorId: facts.last.get(h.id) ?? null,
    });
    places.set(h.id, { village: h.village, lat: place?.lat ?? null, lng: place?.lng ?? null });
    candidates.set(h.id, { name: h.name, village: h.village, daysSince: c.daysSince, openNeed: c.openNeed });
  }
  const nursingHomes = nursingHomesDue(nursing, { date: shift.date, months });
  const households = free.map((h) => ({ id: h.id, name: h.name, village: h.village }));
  return { volunteers, recipients, places, candidates, nursingHomes, months, households };
}

/** The pins that still hold: volunteer still confirmed, recipient still due, constraints and capacity kept. */
export function validPins(input: PlannerInput, pins: readonly Assignment[]): Assignment[] {
  const kept: Assignment[] = [];
  for (const p of pins) {
    try {
      evaluate(input.volunteers, input.recipients, [...kept, p]);
      kept.push(p);
    } catch {
      // A pin the day no longer allows (the volunteer left, the recipient was visited) is dropped, not an error.
    }
  }
  return kept;
}

/** The shift's planning problem as a re-plan would see it now: who, whom, and the pins that still hold. */
export async function currentPins(db: Db, shift: PlanShift): Promise<{ input: PlannerInput; pins: Assignment[] }> {
  const record = await findPlan(db, shift.id);
  const current = record ? await planRows(db, record.id, false) : [];
  // A household pinned by hand stays a candidate even when the coverage rule would not choose it.
  const keep = new Set(current.filter((r) => r.pinned).map((r) => r.recipientId));
  const input = await plannerInput({ db, shift, plan: record, keep });
  const pins = validPins(
    input,
    current.filter((r) => r.pinned).map((r) => ({ volunteerId: r.volunteerId, recipientId: r.recipientId })),
  );
  return { input, pins };
}
