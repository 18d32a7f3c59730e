import { createClient } from '@libsql/client/web';
import { entityKind } from 'drizzle-orm';
import { type AnyD1Database, drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import * as schema from './schema/index.js';
import { D1_MAX_PARAMS, type Db, limitParams } from './types.js';

export interface WorkerDbSource {
  /** A D1 binding, when wrangler.toml declares one: it wins. */
  d1?: AnyD1Database;
  /** Else libSQL over HTTP (Turso): `libsql://…` or `https://…`, with its token. */
  url?: string;
  authToken?: string;
}

/**
 * The database on Workers: D1 when bound, else libSQL over HTTP. No file, no fs, no migrator here:
 * migrations are applied from outside (wrangler d1 migrations apply / drizzle-kit migrate).
 * The Node side is src/db/client.ts; both give the same `Db`.
 */
export function createWorkerDb(source: WorkerDbSource): { db: Db; driver: 'd1' | 'libsql-web' } {
  if (source.d1)
    return {
      db: limitParams(withRawBatchFix(drizzleD1(source.d1, { schema }), source.d1), D1_MAX_PARAMS),
      driver: 'd1',
    };
  if (!source.url || source.url.startsWith('file:')) {
    throw new Error('On Workers, bind a D1 database (DB) or set DATABASE_URL to a libsql:// or https:// URL');
  }
  const client = createClient({ url: source.url, authToken: source.authToken });
  return { db: drizzleLibsql(client, { schema }), driver: 'libsql-web' };
}

interface D1Like {
  prepare(sql: string): unknown;
}
interface RawItem {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

/**
 * drizzle-orm 0.45's D1 batch cannot take a raw `db.run(sql`…`)`/`db.all(sql`…`)` item with parameters: it
 * reads `.stmt` from it, which only query-builder items have (a known drizzle-orm bug, still open upstream). The ledger's
 * conditional `INSERT … SELECT` statements are such items. This hands D1 a prepared statement for each raw
 * item and leaves everything else, including result mapping, to drizzle. Remove when upstream fixes it
 * (the wrangler end-to-end test records an activity through this path).
 */
function withRawBatchFix<T extends { batch: (items: never) => Promise<unknown> }>(db: T, d1: AnyD1Database): T {
  const batch = db.batch.bind(db) as (items: unknown[]) => Promise<unknown>;
  const client = d1 as unknown as D1Like;
  const patched = (items: unknown[]) =>
    batch(
      items.map((item) => {
        const kind = (item as { constructor?: Record<symbol, unknown> }).constructor?.[entityKind];
        if (kind !== 'SQLiteRaw') return item;
        const raw = item as RawItem;
        return {
          _prepare() {
            const query = raw.getQuery();
            return { getQuery: () => query, stmt: client.prepare(query.sql), mapResult: raw.mapResult.bind(raw) };
          },
        };
      }),
    );
  (db as { batch: unknown }).batch = patched;
  return db;
}
