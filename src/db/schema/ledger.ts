import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_KINDS, FUNDING_SOURCES, LINE_KINDS } from '../../domain/vocabulary.js';
import { townships } from './geo.js';
import { ORGANISATION_KINDS, organisations } from './organisations.js';
import { recipients } from './people.js';
import { users } from './users.js';

export type { ActivityKind, LineKind } from '../../domain/vocabulary.js';
export { ACTIVITY_KINDS, LINE_KINDS } from '../../domain/vocabulary.js';

/**
 * One assistance event (帮扶活动). Organisation kind, township and date are copied onto the targets and lines
 * so that a year's report reads one index range per table and nothing from other years (decision 0062). The
 * township is where the aid arrived (decision 0175): a target's is its household's (or nursing home's), an activity's
 * and its lines' that of its first-named target.
 * All three tables are append-only; triggers in the `ledger_triggers` migration refuse UPDATE and DELETE.
 */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    organisationKind: text('organisation_kind', { enum: ORGANISATION_KINDS }).notNull(),
    townshipId: integer('township_id').references(() => townships.id),
    occurredOn: text('occurred_on').notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    // Service days / shifts are built in parallel: plain nullable ids, no foreign key yet.
    serviceDayId: integer('service_day_id'),
    shiftId: integer('shift_id'),
    note: text('note'),
    // 活动编号 of an imported activity: re-importing the same file finds it and adds nothing.
    externalRef: text('external_ref').unique(),
    // The form's idempotency key and a hash of what was submitted: same key + same content = same record.
    idempotencyKey: text('idempotency_key').notNull().unique(),
    contentHash: text('content_hash').notNull(),
    // A random nonce per write, so the batch's later statements only attach to the row this request created.
    writeNonce: text('write_nonce').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('activities_on_idx').on(t.occurredOn, t.organisationKind, t.organisationId, t.townshipId),
    index('activities_org_idx').on(t.organisationId, t.occurredOn),
    index('activities_township_idx').on(t.townshipId, t.occurredOn),
  ],
);

/** Whom an activity reached: a home-supported recipient (household) or a nursing home. */
export const activityTargets = sqliteTable(
  'activity_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    recipientId: integer('recipient_id').references(() => recipients.id),
    nursingHomeId: integer('nursing_home_id').references(() => organisations.id),
    occurredOn: text('occurred_on').notNull(),
    organisationId: integer('organisation_id').notNull(),
    townshipId: integer('township_id'),
  },
  (t) => [
    check('activity_targets_one_kind', sql`(${t.recipientId} IS NULL) <> (${t.nursingHomeId} IS NULL)`),
    uniqueIndex('activity_targets_recipient_uq').on(t.activityId, t.recipientId),
    uniqueIndex('activity_targets_home_uq').on(t.activityId, t.nursingHomeId),
    index('activity_targets_on_idx').on(t.occurredOn, t.recipientId, t.nursingHomeId, t.organisationId, t.townshipId),
    index('activity_targets_recipient_idx').on(t.recipientId, t.occurredOn),
    // A station's or an organisation's summary reads its own rows, not the whole file's year (bench:scale).
    index('activity_targets_township_idx').on(
      t.townshipId,
      t.occurredOn,
      t.recipientId,
      t.nursingHomeId,
      t.organisationId,
    ),
    index('activity_targets_org_idx').on(t.organisationId, t.occurredOn, t.recipientId, t.nursingHomeId, t.townshipId),
  ],
);

/**
 * The aid ledger: cash (amount), goods (item, quantity, unit, total value) and services (kind, hours, volunteers).
 * `amount_fen` is the cash amount or the goods' value; hours are kept in hundredths. A reversal carries the
 * negated figures of the line it reverses; the unique index on `reverses_line_id` lets a line be reversed once.
 */
export const ledgerLines = sqliteTable(
  'ledger_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    kind: text('kind', { enum: LINE_KINDS }).notNull(),
    amountFen: integer('amount_fen').notNull().default(0),
    goodsName: text('goods_name'),
    quantity: real('quantity'),
    unit: text('unit'),
    serviceKind: text('service_kind'),
    serviceCentihours: integer('service_centihours').notNull().default(0),
    volunteers: integer('volunteers'),
    // 资金来源; null is 未注明 (lines before sources were recorded, imports without the column). A reversal copies it.
    fundingSource: text('funding_source', { enum: FUNDING_SOURCES }),
    reversesLineId: integer('reverses_line_id'),
    reason: text('reason'),
    occurredOn: text('occurred_on').notNull(),
    organisationId: integer('organisation_id').notNull(),
    townshipId: integer('township_id'),
    writeNonce: text('write_nonce').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_lines_reverses_uq').on(t.reversesLineId),
    index('ledger_lines_activity_idx').on(t.activityId),
    // Covering index for a year's sums: the report never touches the table rows.
    index('ledger_lines_on_idx').on(
      t.occurredOn,
      t.kind,
      t.fundingSource,
      t.amountFen,
      t.serviceCentihours,
      t.organisationId,
      t.townshipId,
    ),
    // A station's or an organisation's summary reads its own rows, not the whole file's year (bench:scale).
    index('ledger_lines_township_idx').on(
      t.townshipId,
      t.occurredOn,
      t.kind,
      t.fundingSource,
      t.amountFen,
      t.serviceCentihours,
      t.organisationId,
    ),
    index('ledger_lines_org_idx').on(
      t.organisationId,
      t.occurredOn,
      t.kind,
      t.fundingSource,
      t.amountFen,
      t.serviceCentihours,
      t.townshipId,
    ),
  ],
);

/**
 * A voided activity (作废): recorded in error (a wrong household, a duplicate). The activity itself stays, as the
 * ledger is append-only; this row marks it void and the same batch reverses its lines, so it leaves every count
 * and stays visible in history with its reason. One void per activity (the primary key); append-only too.
 */
export const activityVoids = sqliteTable('activity_voids', {
  activityId: integer('activity_id')
    .primaryKey()
    .references(() => activities.id),
  reason: text('reason').notNull(),
  // A random nonce per write, so the batch's reversals and audit row attach only to the void this request made.
  writeNonce: text('write_nonce').notNull(),
  voidedBy: integer('voided_by').references(() => users.id),
  voidedAt: integer('voided_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Monthly roll-up of activities and ledger sums per (month, organisation, township), maintained by triggers on
 * insert (migration `ledger_triggers`), so a year's money and event figures read at most 12 × organisations rows.
 * `township_id` is 0 when the activity has none (a unique key cannot hold NULL). Derived data: it may be rebuilt.
 */
export const aidMonthly = sqliteTable(
  'aid_monthly',
  {
    month: text('month').notNull(),
    organisationId: integer('organisation_id').notNull(),
    organisationKind: text('organisation_kind', { enum: ORGANISATION_KINDS }).notNull(),
    townshipId: integer('township_id').notNull(),
    events: integer('events').notNull().default(0),
    cashFen: integer('cash_fen').notNull().default(0),
    goodsFen: integer('goods_fen').notNull().default(0),
    centihours: integer('centihours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.organisationId, t.townshipId] })],
);
