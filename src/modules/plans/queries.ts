import { and, asc, eq, gte, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hotSelect } from '../../db/hot-select.js';
import {
  planAssignments,
  recipients,
  shiftSignups,
  shifts,
  type VisitOutcome,
  villages,
  visitExclusions,
  visitPlans,
  visitRequirements,
  visits,
  volunteers,
} from '../../db/schema/index.js';
import { addDays } from '../../domain/dates.js';
import { activeAtHome } from '../recipients/queries.js';

/** How far back "the volunteer who visited last time" is looked for. */
const CONTINUITY_DAYS = 180;

export async function findPlan(db: Db, shiftId: number) {
  const [plan] = await db.select().from(visitPlans).where(eq(visitPlans.shiftId, shiftId));
  return plan;
}
export type PlanRow = typeof visitPlans.$inferSelect;

/** The plan row of a shift, created empty on first use (a unique key makes a race harmless). */
export async function ensurePlan(db: Db, shiftId: number, now: Date): Promise<PlanRow> {
  await db.insert(visitPlans).values({ shiftId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  return (await findPlan(db, shiftId))!;
}

const active = eq(volunteers.status, 'active');

/** Active volunteers confirmed on the shift: the people the plan may use (an inactive one is no candidate). */
export function confirmedVolunteers(db: Db, shiftId: number) {
  return db
    .select({ id: volunteers.id, name: volunteers.name, skills: volunteers.skills })
    .from(shiftSignups)
    .innerJoin(volunteers, eq(volunteers.id, shiftSignups.volunteerId))
    .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'confirmed'), active))
    .orderBy(asc(shiftSignups.position));
}

/** Recipients already on another plan of a shift the same day: one household is not visited twice. */
export async function plannedElsewhere(db: Db, shiftId: number, date: string): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ id: planAssignments.recipientId })
    .from(planAssignments)
    .innerJoin(visitPlans, eq(visitPlans.id, planAssignments.planId))
    .innerJoin(shifts, eq(shifts.id, visitPlans.shiftId))
    .where(and(eq(shifts.date, date), ne(shifts.id, shiftId), eq(planAssignments.published, false)));
  return new Set(rows.map((r) => r.id));
}

/** Per recipient of a township: coordinates, visit requirements, exclusions and last time's volunteer. */
export async function plannerFacts(db: Db, townshipId: number, date: string) {
  const places = await db
    .select({ id: recipients.id, villageId: recipients.villageId, lat: villages.lat, lng: villages.lng })
    .from(recipients)
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(eq(recipients.townshipId, townshipId), activeAtHome));
  const inTownship = db.select({ id: recipients.id }).from(recipients).where(eq(recipients.townshipId, townshipId));
  const requirements = await db
    .select()
    .from(visitRequirements)
    .where(inArray(visitRequirements.recipientId, inTownship));
  const exclusions = await db.select().from(visitExclusions).where(inArray(visitExclusions.recipientId, inTownship));
  const lastVolunteer = await db
    .select({ recipientId: visits.recipientId, volunteerIds: visits.volunteerIds })
    .from(visits)
    .where(
      and(
        inArray(visits.recipientId, inTownship),
        eq(visits.visitorKind, 'volunteer'),
        eq(visits.outcome, 'visited'),
        gte(visits.visitedOn, addDays(date, -CONTINUITY_DAYS)),
      ),
    )
    .orderBy(asc(visits.visitedOn), asc(visits.id));
  const last = new Map<number, number>();
  for (const v of lastVolunteer) if (v.volunteerIds.length) last.set(v.recipientId, v.volunteerIds[0]);
  return {
    places: new Map(places.map((p) => [p.id, p])),
    requirements: new Map(requirements.map((r) => [r.recipientId, r])),
    exclusions,
    last,
  };
}

/** The working (published = false) or the volunteers' (true) copy of a plan, with what the pages show. */
export function planRows(db: Db, planId: number, published: boolean) {
  return db
    .select({
      id: planAssignments.id,
      volunteerId: planAssignments.volunteerId,
      recipientId: planAssignments.recipientId,
      position: planAssignments.position,
      pinned: planAssignments.pinned,
      recipient: recipients.name,
      careLevel: recipients.careLevel,
      careNotes: recipients.careNotes,
      address: recipients.address,
      caregiverName: recipients.caregiverName,
      caregiverMobileMasked: recipients.caregiverMobileMasked,
      village: villages.name,
      // What the volunteer recorded on the shift's day, once they have (the coordinator follows the day here).
      outcome: sql<VisitOutcome | null>`(select v.outcome from visits v where v.recipient_id = ${planAssignments.recipientId} and v.visited_on = ${shifts.date}
        and exists (select 1 from json_each(v.volunteer_ids) j where j.value = ${planAssignments.volunteerId}) order by v.id desc limit 1)`,
    })
    .from(planAssignments)
    .innerJoin(visitPlans, eq(visitPlans.id, planAssignments.planId))
    .innerJoin(shifts, eq(shifts.id, visitPlans.shiftId))
    .innerJoin(recipients, eq(recipients.id, planAssignments.recipientId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(eq(planAssignments.planId, planId), eq(planAssignments.published, published)))
    .orderBy(asc(planAssignments.volunteerId), asc(planAssignments.position));
}
export type PlanAssignmentRow = Awaited<ReturnType<typeof planRows>>[number];

/** The `volunteerId` placeholder's published households on the shifts `onDates` picks (not cancelled). */
const publishedFor = (onDates: SQL) =>
  and(
    eq(planAssignments.volunteerId, sql.placeholder('volunteerId')),
    eq(planAssignments.published, true),
    onDates,
    ne(shifts.status, 'cancelled'),
  );

function householdsQuery(db: Db) {
  const selection = {
    id: planAssignments.id,
    shiftId: shifts.id,
    shiftTitle: shifts.title,
    startTime: shifts.startTime,
    endTime: shifts.endTime,
    date: shifts.date,
    workKind: shifts.workKind,
    organisationId: shifts.organisationId,
    serviceDayId: shifts.serviceDayId,
    recipientId: recipients.id,
    name: recipients.name,
    address: recipients.address,
    careLevel: recipients.careLevel,
    careNotes: recipients.careNotes,
    caregiverName: recipients.caregiverName,
    caregiverMobileMasked: recipients.caregiverMobileMasked,
    hasCaregiverMobile: sql<number>`${recipients.caregiverMobileEnc} is not null`,
    village: villages.name,
    outcome: sql<
      string | null
    >`(select v.outcome from visits v where v.recipient_id = ${recipients.id} and v.visited_on = ${shifts.date} and v.recorded_by = ${sql.placeholder('userId')} order by v.id desc limit 1)`,
  };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(planAssignments)
      .innerJoin(visitPlans, eq(visitPlans.id, planAssignments.planId))
      .innerJoin(shifts, eq(shifts.id, visitPlans.shiftId))
      .innerJoin(recipients, eq(recipients.id, planAssignments.recipientId))
      .leftJoin(villages, eq(villages.id, recipients.villageId))
      .where(publishedFor(eq(shifts.date, sql.placeholder('date'))))
      .orderBy(asc(shifts.startTime), asc(shifts.id), asc(planAssignments.position)),
  );
}

function nextPlannedQuery(db: Db) {
  const selection = { date: sql<string>`min(${shifts.date})` };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(planAssignments)
      .innerJoin(visitPlans, eq(visitPlans.id, planAssignments.planId))
      .innerJoin(shifts, eq(shifts.id, visitPlans.shiftId))
      .where(publishedFor(gte(shifts.date, sql.placeholder('from')))),
  );
}

function volunteerOfUserQuery(db: Db) {
  const selection = { id: volunteers.id, name: volunteers.name };
  return hotSelect(
    db,
    selection,
    db
      .select(selection)
      .from(volunteers)
      .where(and(eq(volunteers.userId, sql.placeholder('userId')), active)),
  );
}

// The volunteer's day runs these on every request: drizzle built their SQL each time (≈ 0.85 ms for the
// household list alone, more than running it), so they are built once per database (decisions 0005, 0086).
const built = new WeakMap<
  Db,
  {
    households: ReturnType<typeof householdsQuery>;
    next: ReturnType<typeof nextPlannedQuery>;
    volunteer: ReturnType<typeof volunteerOfUserQuery>;
  }
>();
function todayQueries(db: Db) {
  let q = built.get(db);
  if (!q) {
    q = { households: householdsQuery(db), next: nextPlannedQuery(db), volunteer: volunteerOfUserQuery(db) };
    built.set(db, q);
  }
  return q;
}

/** A volunteer's published households on a date, in visiting order, with whether they recorded each one yet. */
export function householdsOf(db: Db, volunteerId: number, userId: number, date: string) {
  return todayQueries(db).households.all({ volunteerId, userId, date });
}
export type Household = Awaited<ReturnType<typeof householdsOf>>[number];

/** Dates (from `from` on) holding published households for a volunteer: the "today" page offers the next one. */
export async function nextPlannedDate(db: Db, volunteerId: number, from: string): Promise<string | null> {
  const [row] = await todayQueries(db).next.all({ volunteerId, from });
  return row?.date ?? null;
}

/** The volunteer record behind a volunteer's login, only while active: households and tap-to-call go with it. */
export async function volunteerOfUser(db: Db, userId: number) {
  const [row] = await todayQueries(db).volunteer.all({ userId });
  return row;
}

/** Names of volunteers by id (for households still held by someone who left the shift). */
export async function volunteerNames(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: volunteers.id, name: volunteers.name }).from(volunteers).where(inArray(volunteers.id, ids));
}

/** The date of one of a volunteer's published households; null when it is not theirs or not published. */
export async function publishedHouseholdDate(
  db: Db,
  assignmentId: number,
  volunteerId: number,
): Promise<string | null> {
  const [row] = await db
    .select({ date: shifts.date })
    .from(planAssignments)
    .innerJoin(visitPlans, eq(visitPlans.id, planAssignments.planId))
    .innerJoin(shifts, eq(shifts.id, visitPlans.shiftId))
    .where(
      and(
        eq(planAssignments.id, assignmentId),
        eq(planAssignments.volunteerId, volunteerId),
        eq(planAssignments.published, true),
      ),
    );
  return row?.date ?? null;
}
