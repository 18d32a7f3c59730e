import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  // `drizzle-kit migrate` applies migrations/ to DATABASE_URL (a Turso database when deploying on Workers).
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:./data/drizzle-kit.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
