import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INCUBATION_STAGES, ORGANISATION_KINDS } from '../../domain/vocabulary.js';
import { townships } from './geo.js';

export type { IncubationStage, OrganisationKind } from '../../domain/vocabulary.js';
export { INCUBATION_STAGES, ORGANISATION_KINDS } from '../../domain/vocabulary.js';

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
