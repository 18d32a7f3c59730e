import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CARE_MEMBER_ROLES } from '../../domain/vocabulary.js';
import { villages } from './geo.js';
import { organisations } from './organisations.js';
import { recipients } from './people.js';
import { users } from './users.js';

export type { CareMemberRole } from '../../domain/vocabulary.js';
export { CARE_MEMBER_ROLES } from '../../domain/vocabulary.js';

/** The villages a 守望之家 (an organisation of kind `care_unit`) covers; two units may share a village. */
export const careUnitVillages = sqliteTable(
  'care_unit_villages',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => organisations.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.villageId] }), index('care_unit_villages_village_idx').on(t.villageId)],
);

/**
 * A household assigned to one unit explicitly (where a village is shared): the assignment wins over the village
 * rule, so a recipient is in at most one assignment (the primary key).
 */
export const careUnitHouseholds = sqliteTable(
  'care_unit_households',
  {
    recipientId: integer('recipient_id')
      .primaryKey()
      .references(() => recipients.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('care_unit_households_unit_idx').on(t.unitId)],
);

/** A member of a unit; `user_id` is their login (role care_member), when they have one. */
export const careUnitMembers = sqliteTable(
  'care_unit_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    memberRole: text('member_role', { enum: CARE_MEMBER_ROLES }).notNull(),
    mobile: text('mobile'),
    userId: integer('user_id')
      .unique()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('care_unit_members_unit_idx').on(t.unitId)],
);
