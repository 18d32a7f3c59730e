import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who changed or revealed what, and when. Sensitive values are stored masked, never in clear. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorUserId: integer('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);

/** A scheduled job's claim on one slot (e.g. a day): the primary key makes a second run a no-op. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

/** Data steps SQL migrations cannot do (e.g. VACUUM), each run once after them at start; a row says it is done. */
export const dataMigrations = sqliteTable('data_migrations', {
  name: text('name').primaryKey(),
  doneAt: integer('done_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Counters the database itself moves (triggers, migration 0027) whenever a register changes: a cache of figures read
 * from those tables keys on the counter and is never stale, whichever instance or CLI wrote.
 */
export const dataVersions = sqliteTable('data_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull().default(0),
});
