import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A file uploaded for an import preview, kept until it is confirmed (or expires) so it is not uploaded twice. */
export const importUploads = sqliteTable(
  'import_uploads',
  {
    token: text('token').primaryKey(),
    userId: integer('user_id').notNull(),
    register: text('register').notNull(),
    fileName: text('file_name').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('import_uploads_created_idx').on(t.createdAt)],
);
