import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { planAssignments, visitPlans } from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import { coverageCandidates, nursingHomesDue } from '../../domain/coverage.js';
import { businessDate } from '../../domain/dates.js';
import {
  type Assignment,
  type BudgetedPlan,
  capacityOf,
  DEFAULT_CAPACITY,
  eligible,
  evaluate,
  type PlanRecipient,
  type PlanVolunteer,
  planVisits,
  priorityOf,
  type SolveBudget,
} from '../../domain/matching/index.js';
import { visitingOrder } from '../../domain/visit-order.js';
import { auditInsert } from '../../lib/audit.js';
import { township } from '../../lib/scope.js';
import { bilingual, queueNotice } from '../notices/queue.js';
import { coverageHouseholds, coverageMonths, townshipNursingHomes } from './coverage-queries.js';
import {
  confirmedVolunteers,
  ensurePlan,
  findPlan,
  type PlanAssignmentRow,
  type PlanRow,
  plannedElsewhere,
  plannerFacts,
  planRows,
} from './queries.js';

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
export async function plannerInput(
  db: Db,
  shift: PlanShift,
  plan: PlanSettings | undefined,
  keep: ReadonlySet<number> = new Set(),
): Promise<PlannerInput> {
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

function insertRows(
  db: Db,
  planId: number,
  published: boolean,
  rows: { volunteerId: number; recipientId: number; position: number; pinned: boolean }[],
) {
  // Six parameters a row: as many rows a statement as the driver allows (D1: 16).
  return fitParams(db, rows, 6).map((run) =>
    db.insert(planAssignments).values(run.map((r) => ({ planId, published, ...r }))),
  );
}

const pairKey = (volunteerId: number, recipientId: number) => `${volunteerId}:${recipientId}`;

/** The shift's planning problem as a re-plan would see it now: who, whom, and the pins that still hold. */
export async function currentPins(db: Db, shift: PlanShift): Promise<{ input: PlannerInput; pins: Assignment[] }> {
  const record = await findPlan(db, shift.id);
  const current = record ? await planRows(db, record.id, false) : [];
  // A household pinned by hand stays a candidate even when the coverage rule would not choose it.
  const keep = new Set(current.filter((r) => r.pinned).map((r) => r.recipientId));
  const input = await plannerInput(db, shift, record, keep);
  const pins = validPins(
    input,
    current.filter((r) => r.pinned).map((r) => ({ volunteerId: r.volunteerId, recipientId: r.recipientId })),
  );
  return { input, pins };
}

/**
 * Plans (or re-plans around the pins) within the time budget and replaces the working copy, in one batch; what the
 * budget allowed to prove (optimal, or the gap) is kept with the plan for its page.
 */
export async function replan(
  db: Db,
  shift: PlanShift,
  now: Date,
  budget: SolveBudget,
): Promise<{ plan: BudgetedPlan; dueCount: number }> {
  const record = await ensurePlan(db, shift.id, now);
  const { input, pins } = await currentPins(db, shift);
  const plan = planVisits(input.volunteers, input.recipients, { pins }, budget);
  const pinned = new Set(pins.map((p) => pairKey(p.volunteerId, p.recipientId)));
  const byId = new Map(input.recipients.map((r) => [r.id, r]));
  const rows: { volunteerId: number; recipientId: number; position: number; pinned: boolean }[] = [];
  for (const v of input.volunteers) {
    const mine = plan.assignments
      .filter((a) => a.volunteerId === v.id)
      .map((a) => {
        const place = input.places.get(a.recipientId);
        return {
          ...a,
          village: place?.village ?? null,
          lat: place?.lat,
          lng: place?.lng,
          priority: priorityOf(byId.get(a.recipientId)!),
        };
      });
    for (const [i, a] of visitingOrder(mine).entries()) {
      rows.push({
        volunteerId: v.id,
        recipientId: a.recipientId,
        position: i + 1,
        pinned: pinned.has(pairKey(v.id, a.recipientId)),
      });
    }
  }
  const published = await planRows(db, record.id, true);
  const status = samePairs(rows, published) && record.publishedAt ? 'published' : 'draft';
  await db.batch([
    db.delete(planAssignments).where(and(eq(planAssignments.planId, record.id), eq(planAssignments.published, false))),
    ...insertRows(db, record.id, false, rows),
    db
      .update(visitPlans)
      .set({
        status,
        plannedAt: now,
        updatedAt: now,
        proof: { optimal: plan.optimal, gap: plan.gap, timeLimitMs: budget.timeLimitMs },
      })
      .where(eq(visitPlans.id, record.id)),
  ]);
  return { plan, dueCount: input.recipients.length };
}

function samePairs(
  a: readonly { volunteerId: number; recipientId: number }[],
  b: readonly { volunteerId: number; recipientId: number }[],
): boolean {
  const keys = new Set(a.map((x) => pairKey(x.volunteerId, x.recipientId)));
  return a.length === b.length && b.every((x) => keys.has(pairKey(x.volunteerId, x.recipientId)));
}

/** Marks the working copy as changed since publication (a no-op before the first one). */
export function markChanged(db: Db, planId: number, now: Date) {
  return db.update(visitPlans).set({ status: 'draft', updatedAt: now }).where(eq(visitPlans.id, planId));
}

/** Pins or unpins one working assignment: a pinned one survives re-planning. */
export async function togglePin(db: Db, planId: number, assignmentId: number): Promise<boolean> {
  const done = await db
    .update(planAssignments)
    .set({ pinned: sql`not ${planAssignments.pinned}` })
    .where(
      and(
        eq(planAssignments.id, assignmentId),
        eq(planAssignments.planId, planId),
        eq(planAssignments.published, false),
      ),
    )
    .returning({ id: planAssignments.id });
  return done.length > 0;
}

/** Takes a household off a volunteer's list, audited; the pair is remembered so re-planning does not put it back. */
export async function removeAssignment(p: {
  db: Db;
  planId: number;
  row: PlanAssignmentRow;
  actorUserId: number;
  now: Date;
}): Promise<void> {
  const { db, planId, row, now } = p;
  await db.batch([
    db
      .delete(planAssignments)
      .where(
        and(eq(planAssignments.id, row.id), eq(planAssignments.planId, planId), eq(planAssignments.published, false)),
      ),
    db
      .update(visitPlans)
      .set({
        blocked: sql`json_insert(${visitPlans.blocked}, '$[#]', json_array(${row.volunteerId}, ${row.recipientId}))`,
      })
      .where(eq(visitPlans.id, planId)),
    markChanged(db, planId, now),
    auditInsert(
      db,
      {
        actorUserId: p.actorUserId,
        action: 'plan_remove',
        entity: 'recipient',
        entityId: row.recipientId,
        changes: { planId, volunteerId: row.volunteerId },
      },
      now,
    ),
  ]);
}

export type ReassignResult = 'ok' | 'notConfirmed' | 'ineligible' | 'full' | 'already';

/** Hands a household to another confirmed volunteer, pinned there; the hard constraints still hold. */
export async function reassign(
  db: Db,
  shift: PlanShift,
  plan: PlanRow,
  row: PlanAssignmentRow,
  toVolunteerId: number,
  now: Date,
): Promise<ReassignResult> {
  // The coordinator's own choice may override an earlier removal, so blocked pairs do not count here.
  const input = await plannerInput(db, shift, { ...plan, blocked: [] }, new Set([row.recipientId]));
  const target = input.volunteers.find((v) => v.id === toVolunteerId);
  if (!target) return 'notConfirmed';
  const working = await planRows(db, plan.id, false);
  if (working.some((w) => w.volunteerId === toVolunteerId && w.recipientId === row.recipientId)) return 'already';
  const recipient = input.recipients.find((r) => r.id === row.recipientId) ?? {
    id: row.recipientId,
    townshipId: shift.townshipId,
    careLevel: row.careLevel,
    daysOverdue: 0,
  };
  if (!eligible(target, recipient, new Set())) return 'ineligible';
  const load = working.filter((w) => w.volunteerId === toVolunteerId).length;
  if (load >= capacityOf(target)) return 'full';
  await db.batch([
    db
      .update(planAssignments)
      .set({ volunteerId: toVolunteerId, pinned: true, position: load + 1 })
      .where(
        and(eq(planAssignments.id, row.id), eq(planAssignments.planId, plan.id), eq(planAssignments.published, false)),
      ),
    markChanged(db, plan.id, now),
  ]);
  return 'ok';
}

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
