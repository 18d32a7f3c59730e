import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.js';
import { volunteers } from './people.js';
import { users } from './users.js';

/** One service line of an issued certificate, as printed (a snapshot: later corrections do not change it). */
export interface CertificateLine {
  date: string;
  activity: string;
  hours: string;
}

/**
 * 志愿服务记录证明 as issued: one per volunteer and organisation that recorded the service, with a unique serial a
 * receiver checks at /verify/<serial>. The content is stored as printed, so the check shows what the paper says.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serial: text('serial').notNull().unique(),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    volunteerName: text('volunteer_name').notNull(),
    organisationName: text('organisation_name').notNull(),
    organisationContact: text('organisation_contact'),
    issuedOn: text('issued_on').notNull(),
    firstDate: text('first_date').notNull(),
    lastDate: text('last_date').notNull(),
    totalTenths: integer('total_tenths').notNull(),
    lines: text('lines', { mode: 'json' }).$type<CertificateLine[]>().notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('certificates_volunteer_idx').on(t.volunteerId, t.organisationId, t.issuedOn)],
);
