import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * The county's own settings, edited in the app (one database per county, so one row, id 1). Environment variables
 * are per server, and one server may hold several counties: what a county decides lives in its database.
 */
export const countySettings = sqliteTable('county_settings', {
  id: integer('id').primaryKey(),
  // Default term of a care agreement in years, applied when one is entered without an end date; null: no expiry.
  agreementTermYears: integer('agreement_term_years'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
