import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS, OUTBOX_STATUSES, SHIFT_STATUSES, SIGNUP_STATUSES, WORK_KINDS } from '../../domain/vocabulary.js';
import { townships } from './geo.js';
import { organisations } from './organisations.js';
import { volunteers } from './people.js';
import { users } from './users.js';

export type { Channel, SignupStatus, WorkKind } from '../../domain/vocabulary.js';
export { CHANNELS, OUTBOX_STATUSES, SHIFT_STATUSES, SIGNUP_STATUSES, WORK_KINDS } from '../../domain/vocabulary.js';

/** What a shift's volunteers go out to do (集中工作日 work kinds from the seed). */

/**
 * A concentrated service day (集中工作日): one row per regular date, kept in place by the service-days job. The
 * county may move it (`held_on`, the day it is actually held) or cancel it; the row keeps its regular date, so the
 * job never makes the regular day again.
 */
export const serviceDays = sqliteTable('service_days', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  date: text('date').notNull().unique(),
  heldOn: text('held_on'),
  cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A station's or an organisation's default shift on every service day; times are Shanghai wall-clock `HH:MM`.
 * Deleting one sets `active` false (its past shifts still point at it), so one start time per owner among the
 * active ones.
 */
export const shiftTemplates = sqliteTable(
  'shift_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    place: text('place'),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    capacity: integer('capacity').notNull(),
    requiredSkills: text('required_skills', { mode: 'json' }).$type<string[]>().notNull().default([]),
    workKind: text('work_kind', { enum: WORK_KINDS }).notNull().default('home_visit'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('shift_templates_org_start_uq').on(t.organisationId, t.startTime).where(sql`active = 1`)],
);

export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serviceDayId: integer('service_day_id').references(() => serviceDays.id),
    // Set when the job made this shift from a template; `edited` marks a shift someone changed by hand since.
    templateId: integer('template_id').references(() => shiftTemplates.id),
    edited: integer('edited', { mode: 'boolean' }).notNull().default(false),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    title: text('title').notNull(),
    place: text('place'),
    description: text('description'),
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    capacity: integer('capacity').notNull(),
    requiredSkills: text('required_skills', { mode: 'json' }).$type<string[]>().notNull().default([]),
    workKind: text('work_kind', { enum: WORK_KINDS }).notNull().default('home_visit'),
    status: text('status', { enum: SHIFT_STATUSES }).notNull().default('open'),
    // Places taken and waiting, kept by triggers on shift_signups (migration 0012) in the same statement as every
    // change, so pages read two columns instead of counting sign-ups per shift (decision 0046).
    confirmedCount: integer('confirmed_count').notNull().default(0),
    waitlistedCount: integer('waitlisted_count').notNull().default(0),
    // The iCalendar SEQUENCE: raised by a trigger whenever the time, place, title or status changes, so subscribed
    // calendars replace the event they hold (decision 0084).
    sequence: integer('sequence').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // The job's idempotency: one shift per template and date, however many runs race.
    uniqueIndex('shifts_template_date_uq').on(t.templateId, t.date).where(sql`template_id is not null`),
    index('shifts_date_idx').on(t.date, t.startsAt),
    index('shifts_org_date_idx').on(t.organisationId, t.date),
    index('shifts_township_date_idx').on(t.townshipId, t.date),
  ],
);

export const shiftSignups = sqliteTable(
  'shift_signups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    // Order on the waitlist (and of sign-up): taken from a counter when the row is written.
    position: integer('position').notNull(),
    // When a cancellation moved this row off the waitlist: the same batch finds it by this to queue the notice.
    promotedAt: integer('promoted_at'),
    attended: integer('attended', { mode: 'boolean' }),
    // Confirmed service time in minutes; null until a coordinator confirms it.
    confirmedMinutes: integer('confirmed_minutes'),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('shift_signups_shift_volunteer_uq').on(t.shiftId, t.volunteerId),
    index('shift_signups_shift_status_idx').on(t.shiftId, t.status, t.position),
    index('shift_signups_volunteer_idx').on(t.volunteerId, t.status),
    // The summary cache's version reads the latest confirmation (src/modules/reports/cache.ts) off this index.
    index('shift_signups_confirmed_at_idx').on(t.confirmedAt),
  ],
);

/** Messages waiting to go out; the idempotency key makes queuing the same message twice a no-op. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    volunteerId: integer('volunteer_id').references(() => volunteers.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

export const notificationOptOuts = sqliteTable(
  'notification_opt_outs',
  {
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.volunteerId, t.channel] })],
);

/** A volunteer's secret calendar-feed URL; only a hash of the token is stored, and revoking sets revoked_at. */
export const calendarTokens = sqliteTable(
  'calendar_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('calendar_tokens_volunteer_idx').on(t.volunteerId)],
);
