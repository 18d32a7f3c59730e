import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { STATION_TASK_KINDS, STATION_TASK_STATUSES } from '../../domain/vocabulary.js';
import { townships } from './geo.js';
import { recipients } from './people.js';
import { users } from './users.js';
import { visits } from './visits.js';

/**
 * A form posted into an expired session, kept for its user until they log in again (decision 0162). The body is
 * encrypted with the data key (it may hold notes, needs and amounts); the id is a random token the browser holds in
 * a cookie, and only the same user may take it back, once, before it expires.
 */
export const keptSubmissions = sqliteTable(
  'kept_submissions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    path: text('path').notNull(),
    bodyEnc: text('body_enc').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('kept_submissions_expires_idx').on(t.expiresAt)],
);

/** What a visit's outcome asks of the station: an exit (deceased) or a transfer (moved). One per visit. */
export const stationTasks = sqliteTable(
  'station_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id),
    kind: text('kind', { enum: STATION_TASK_KINDS }).notNull(),
    status: text('status', { enum: STATION_TASK_STATUSES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    closedBy: integer('closed_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('station_tasks_visit_uq').on(t.visitId),
    index('station_tasks_township_idx').on(t.townshipId, t.status),
    index('station_tasks_recipient_idx').on(t.recipientId, t.status),
  ],
);
