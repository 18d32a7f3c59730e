import { Column, fillPlaceholders, getTableName, is, type Query } from 'drizzle-orm';
import type { Db } from './types.js';

/** What a select may pick: columns, `sql` expressions (no `mapWith`: read as stored) and nested objects of those. */
export interface Selection {
  [key: string]: unknown;
}

/** What the statement cache's client offers (src/db/statement-cache.ts); no other driver has it. */
interface RawReader {
  rawRows(sql: string, args: unknown[]): unknown[][];
}

/**
 * The raw reader of a database whose client is the statement cache, else undefined. Asked of the object, not
 * imported: the Workers bundle must not pull in the native driver the cache is built on.
 */
function rawReaderOf(client: unknown): RawReader['rawRows'] | undefined {
  const reader = client as Partial<RawReader> | undefined;
  return typeof reader?.rawRows === 'function' ? (sql, args) => (reader as RawReader).rawRows(sql, args) : undefined;
}

interface Runnable<R> {
  all(values?: Record<string, unknown>): Promise<R[]>;
}

/**
 * A drizzle select, prepared once, whose rows on an embedded file come from the statement cache as arrays and are
 * shaped by decoders picked once per statement. drizzle's own mapping asks each value's field what kind it is, row
 * after row, and reads every value through a libSQL `Row`: on the volunteers' lists that was more than running the
 * statement (decision 0245). Same objects out (test/db/hot-select.test.ts compares them with drizzle's); on any
 * other driver, drizzle's prepared query as it is. `selection` is the object given to `select()`, in its order.
 */
export function hotSelect<R>(
  db: Db,
  selection: Selection,
  query: { toSQL(): Query; prepare(): Runnable<R> },
): Runnable<R> {
  const read = rawReaderOf((db as { $client?: unknown }).$client);
  if (!read) return query.prepare();
  const { sql, params } = query.toSQL();
  // Which joined tables may be missing from a row (left joins): drizzle keeps it on the builder, unexported.
  const joined = (query as { joinsNotNullableMap?: Record<string, boolean> }).joinsNotNullableMap;
  const build = rowBuilder(selection, joined);
  return { all: async (values = {}) => read(sql, fillPlaceholders(params, values)).map(build) as R[] };
}

/**
 * The values a hot row was made from, as the database gave them (plain numbers, strings, nulls: JSON text for
 * JSON columns): a cache keyed by the whole row reads this instead of serialising the decoded object. Not
 * enumerable, so a copy made with spread or `Object.assign` (which may change a field) does not carry it.
 */
export function rowAsRead(row: object): readonly unknown[] | undefined {
  return (row as { [AS_READ]?: unknown[] })[AS_READ];
}
const AS_READ = Symbol('row as read');

type Decode = (value: unknown) => unknown;
const asStored: Decode = (value) => value;

interface Field {
  path: string[];
  decode: Decode;
  /** The table of a column (for drizzle's left-join rule). */
  table?: string;
}

/** Flattens a selection as drizzle orders it (keys in order, nested objects in place) into one row shaper. */
function rowBuilder(selection: Selection, joined: Record<string, boolean> | undefined): (values: unknown[]) => unknown {
  const fields: Field[] = [];
  const walk = (node: Selection, path: string[]) => {
    for (const [key, field] of Object.entries(node)) {
      if (is(field, Column))
        fields.push({
          path: [...path, key],
          decode: (v) => field.mapFromDriverValue(v),
          table: getTableName(field.table),
        });
      else if (field && typeof field === 'object' && 'getSQL' in field)
        fields.push({ path: [...path, key], decode: asStored });
      else walk(field as Selection, [...path, key]);
    }
  };
  walk(selection, []);
  const shape = shaper(fields);
  const absent = leftJoinedObjects(fields, joined);
  return (values) => {
    const row = shape(values);
    for (const { key, first } of absent) if (values[first] === null) row[key] = null;
    Object.defineProperty(row, AS_READ, { value: values });
    return row;
  };
}

/**
 * drizzle's rule for a nested object whose columns all come from one left-joined table: the whole object is null
 * when its first column is (the join found nothing). Objects mixing tables stay objects of nulls.
 */
function leftJoinedObjects(fields: Field[], joined: Record<string, boolean> | undefined) {
  if (!joined) return [];
  const objects = new Map<string, { first: number; table: string | false }>();
  fields.forEach(({ path, table }, i) => {
    if (table === undefined || path.length !== 2) return;
    const seen = objects.get(path[0]);
    if (!seen) objects.set(path[0], { first: i, table });
    else if (seen.table !== table) seen.table = false;
  });
  return [...objects]
    .filter(([, { table }]) => table !== false && !joined[table])
    .map(([key, { first }]) => ({ key, first }));
}

function shaper(fields: Field[]): (values: unknown[]) => Record<string, unknown> {
  const flat = fields.every((f) => f.path.length === 1);
  if (flat) {
    const keys = fields.map((f) => f.path[0]);
    const decoders = fields.map((f) => f.decode);
    return (values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) row[keys[i]] = values[i] === null ? null : decoders[i](values[i]);
      return row;
    };
  }
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const { path, decode } = fields[i];
      let node = row;
      for (let k = 0; k < path.length - 1; k++) {
        node[path[k]] ??= {};
        node = node[path[k]] as Record<string, unknown>;
      }
      node[path[path.length - 1]] = values[i] === null ? null : decode(values[i]);
    }
    return row;
  };
}
