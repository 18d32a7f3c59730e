import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PLAN_STATUSES } from '../../domain/vocabulary.js';
import { townships } from './geo.js';
import { recipients, volunteers } from './people.js';
import { shifts } from './shifts.js';
import { users } from './users.js';

export type { PlanStatus } from '../../domain/vocabulary.js';

/** Optimal, or the gap the bounds prove (tiers: covered, priority, travel), and the budget it was planned in. */
export interface PlanProof {
  optimal: boolean;
  gap: { covered: number; priority: number | null; travel: number | null };
  timeLimitMs: number;
}
export { PLAN_STATUSES } from '../../domain/vocabulary.js';

/**
 * The visit plan of one shift: which confirmed volunteer visits which due recipient, in what order.
 * `status` is 'draft' while the working copy differs from what volunteers were last sent.
 */
export const visitPlans = sqliteTable('visit_plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  shiftId: integer('shift_id')
    .notNull()
    .unique()
    .references(() => shifts.id),
  status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
  // Pairs the coordinator removed: the planner never proposes them again for this shift. JSON [[volunteer, recipient]].
  blocked: text('blocked', { mode: 'json' }).$type<[number, number][]>().notNull().default([]),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  publishedBy: integer('published_by').references(() => users.id),
  plannedAt: integer('planned_at', { mode: 'timestamp_ms' }),
  // What the last planning run proved within its time budget (decision 0053); null before the first run.
  proof: text('proof', { mode: 'json' }).$type<PlanProof>(),
  // Households one volunteer visits on this shift (the planner's DEFAULT_CAPACITY until set): set by whoever plans it.
  householdsPerVolunteer: integer('households_per_volunteer').notNull().default(4),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * One household on a volunteer's list. Each plan holds two copies: the working one (published = false) that
 * the coordinator edits, and the one volunteers see (published = true), replaced as a whole on publication.
 */
export const planAssignments = sqliteTable(
  'plan_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => visitPlans.id),
    published: integer('published', { mode: 'boolean' }).notNull(),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    position: integer('position').notNull(),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('plan_assignments_uq').on(t.planId, t.published, t.volunteerId, t.recipientId),
    index('plan_assignments_volunteer_idx').on(t.volunteerId, t.published),
    index('plan_assignments_recipient_idx').on(t.recipientId),
  ],
);

/** What a recipient's visit requires: skills every visitor must hold, and two visitors (escort to hospital). */
export const visitRequirements = sqliteTable('visit_requirements', {
  recipientId: integer('recipient_id')
    .primaryKey()
    .references(() => recipients.id),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default([]),
  visitors: integer('visitors').notNull().default(1),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A volunteer the recipient must never be visited by (a relationship, a past dispute). */
export const visitExclusions = sqliteTable(
  'visit_exclusions',
  {
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipientId, t.volunteerId] })],
);

/**
 * How often an organisation or station must visit each home-supported household (the service-day coverage rule,
 * decision 0165): months per period, for the county (township null) or one township. Absent: a quarter.
 */
export const coveragePeriods = sqliteTable(
  'coverage_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    townshipId: integer('township_id').references(() => townships.id),
    months: integer('months').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // One row for the county and one per township: NULLs are distinct in a unique index, so key on a value.
    uniqueIndex('coverage_periods_township_uq').on(sql`coalesce(${t.townshipId}, 0)`),
    check('coverage_periods_months', sql`${t.months} in (1, 2, 3, 4, 6, 12)`),
  ],
);
