import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  NEED_CATEGORIES,
  NEED_STATUSES,
  NEED_URGENCIES,
  VISIT_KINDS,
  VISIT_OUTCOMES,
  VISITOR_KINDS,
} from '../../domain/vocabulary.js';
import { organisations } from './organisations.js';
import { CARE_LEVELS, recipients } from './people.js';
import { users } from './users.js';

export type { NeedStatus, VisitKind, VisitOutcome } from '../../domain/vocabulary.js';
export {
  NEED_CATEGORIES,
  NEED_STATUSES,
  NEED_URGENCIES,
  VISIT_KINDS,
  VISIT_OUTCOMES,
  VISITOR_KINDS,
} from '../../domain/vocabulary.js';

/** One visit to a recipient, by anyone, on any day. Only `visited` counts towards the cadence. */
export const visits = sqliteTable(
  'visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    visitedOn: text('visited_on').notNull(),
    kind: text('kind', { enum: VISIT_KINDS }).notNull(),
    visitorKind: text('visitor_kind', { enum: VISITOR_KINDS }).notNull(),
    // Free text for visitors without an account (a village doctor, a 守望之家 member).
    visitorNames: text('visitor_names'),
    // Volunteer ids when volunteers went (JSON array); the shifts module fills it from a plan.
    volunteerIds: text('volunteer_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    outcome: text('outcome', { enum: VISIT_OUTCOMES }).notNull(),
    notes: text('notes'),
    recordedBy: integer('recorded_by').references(() => users.id),
    // The visiting unit (a 守望之家, social organisation or station) for care visits and imported visit logs.
    organisationId: integer('organisation_id').references(() => organisations.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('visits_recipient_on_idx').on(t.recipientId, t.outcome, t.visitedOn),
    index('visits_on_idx').on(t.visitedOn),
    // One visit per household, day and unit: two phones or a re-imported log write it once (decision 0170).
    uniqueIndex('visits_unit_day_uq')
      .on(t.recipientId, t.visitedOn, t.organisationId)
      .where(sql`organisation_id IS NOT NULL`),
  ],
);

/** Care level → days between visits; seeded with the seed's defaults by migration, edited as data. */
export const cadenceRules = sqliteTable('cadence_rules', {
  careLevel: text('care_level', { enum: CARE_LEVELS }).primaryKey(),
  intervalDays: integer('interval_days').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A need (急难愁盼) found on a visit or reported otherwise; followed up open → assigned → resolved. */
export const needs = sqliteTable(
  'needs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    visitId: integer('visit_id').references(() => visits.id),
    category: text('category', { enum: NEED_CATEGORIES }).notNull(),
    urgency: text('urgency', { enum: NEED_URGENCIES }).notNull().default('normal'),
    text: text('text').notNull(),
    status: text('status', { enum: NEED_STATUSES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    assignedOn: text('assigned_on'),
    resolvedOn: text('resolved_on'),
    assignee: text('assignee'),
    resolution: text('resolution'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('needs_status_idx').on(t.status, t.openedOn), index('needs_recipient_idx').on(t.recipientId)],
);
