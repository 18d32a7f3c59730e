import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain/vocabulary.js';
import { townships } from './geo.js';
import { organisations } from './organisations.js';

export type { Role } from '../../domain/vocabulary.js';
export { ROLES } from '../../domain/vocabulary.js';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  townshipId: integer('township_id').references(() => townships.id),
  organisationId: integer('organisation_id').references(() => organisations.id),
  locale: text('locale', { enum: ['zh', 'en'] })
    .notNull()
    .default('zh'),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * One row per claimed attempt (login, /join, current-password check) per bucket, claimed before the password is
 * verified and kept when it fails; in the database so every instance sees the same counts (decision 0130).
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
);

/**
 * Browsers that have logged in to an account before (OWASP's device cookies): a login from one of them is throttled
 * in its own bucket, so failures by someone else against the account or the address never lock its owner out.
 * Only a hash of the cookie's token is stored.
 */
export const loginDevices = sqliteTable(
  'login_devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_devices_user_idx').on(t.userId)],
);

/**
 * One-time activation codes (a login created for someone already in a register): only a keyed hash of the code is
 * stored; a code is live until used, voided by a newer one, or past its expiry (decision 0140).
 */
export const activationCodes = sqliteTable(
  'activation_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('activation_codes_user_idx').on(t.userId)],
);
