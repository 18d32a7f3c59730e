import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { townships } from './geo.js';

export const ORGANISATION_KINDS = ['social_org', 'station', 'nursing_home'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const INCUBATION_STAGES = ['applied', 'incubating', 'graduated', 'withdrawn'] as const;
export type IncubationStage = (typeof INCUBATION_STAGES)[number];

export const organisations = sqliteTable(
  'organisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    townshipId: integer('township_id').references(() => townships.id),
    creditCode: text('credit_code'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    // Nursing homes only.
    regional: integer('regional', { mode: 'boolean' }).notNull().default(false),
    beds: integer('beds'),
    // Social organisations only.
    incubationStage: text('incubation_stage', { enum: INCUBATION_STAGES }),
    incubationYear: integer('incubation_year'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('organisations_name_kind_uq').on(t.name, t.kind),
    // At most one social-work station per township.
    uniqueIndex('organisations_station_township_uq').on(t.townshipId).where(sql`kind = 'station'`),
    index('organisations_township_idx').on(t.townshipId),
  ],
);

export const incubationEvents = sqliteTable(
  'incubation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    stage: text('stage', { enum: INCUBATION_STAGES }).notNull(),
    on: text('on').notNull(),
    note: text('note'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('incubation_events_org_idx').on(t.organisationId)],
);
