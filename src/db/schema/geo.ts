import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { VILLAGE_KINDS } from '../../domain/vocabulary.js';

export { VILLAGE_KINDS } from '../../domain/vocabulary.js';

export const townships = sqliteTable('townships', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const villages = sqliteTable(
  'villages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: VILLAGE_KINDS }).notNull().default('village'),
    // Coordinates (WGS-84) where known: the visit planner uses them for travel.
    lat: real('lat'),
    lng: real('lng'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('villages_township_name_uq').on(t.townshipId, t.name)],
);
