import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  dbCredentials: { url: 'file:./data/drizzle-kit.db' },
});
