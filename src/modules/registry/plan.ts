import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import { fitParams } from '../../db/types.js';
import { auditInsert, auditRowsFrom } from '../../lib/audit.js';
import { type Column, headerIn } from '../../lib/spreadsheet/index.js';
import type { ImportContext, RowError } from './context.js';
import type { Plan } from './pipeline.js';

/** A plan with nothing in it yet. */
export const emptyPlan = (): Plan => ({ created: 0, updated: 0, unchanged: 0, statements: [], errors: [] });

/** Records a problem in one cell of a row, the column named by its Chinese header. */
export function rowFailer<C extends readonly Column[]>(columns: C, row: number, errors: RowError[]) {
  const header = headerIn(columns);
  return (field: C[number]['field'], reason: string) => {
    errors.push({ row, column: header(field), reason });
  };
}

/**
 * What a file's row changes in a stored record, column by column. A place the same import creates has no id yet
 * (a sub-select), so it reads as 'new place'; lists compare by their contents.
 */
export function changesOf(current: object, columns: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(columns)) {
    const was = (current as Record<string, unknown>)[k];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) changed[k] = 'new place';
    else if (JSON.stringify(was) !== JSON.stringify(value)) changed[k] = { from: was, to: value };
  }
  return changed;
}

interface Update<T extends SQLiteTable & { id: SQLiteColumn }> {
  db: Db;
  ctx: ImportContext;
  plan: Plan;
  entity: string;
  table: T;
  id: number;
  changed: Record<string, unknown>;
  /** The columns the record takes when something changed. */
  set: SQLiteUpdateSetSource<T>;
  /** Statements that go with the update (a stage change, a membership, coverage). */
  extra?: () => unknown[];
}

/** A stored record the file matched: unchanged, or its update with the audit row naming what changed. */
export function planUpdate<T extends SQLiteTable & { id: SQLiteColumn }>(u: Update<T>): void {
  if (Object.keys(u.changed).length === 0) {
    u.plan.unchanged++;
    return;
  }
  u.plan.updated++;
  u.plan.statements.push(
    u.db.update(u.table).set(u.set).where(eq(u.table.id, u.id)),
    auditInsert(
      u.db,
      { actorUserId: u.ctx.viewer.id, action: 'import', entity: u.entity, entityId: String(u.id), changes: u.changed },
      u.ctx.now,
    ),
    ...(u.extra?.() ?? []),
  );
}

interface Creates<T extends SQLiteTable> {
  db: Db;
  ctx: ImportContext;
  plan: Plan;
  entity: string;
  table: T;
  rows: T['$inferInsert'][];
  /** The column of each new row's key (a keyed hash), and the keys, by which its audit row selects it back. */
  by: { column: SQLiteColumn; keys: string[] };
}

/**
 * New records as multi-row inserts (one statement per row dominated large imports), each run followed by the
 * audit rows of the records it inserted, selected back by their keys.
 */
export function planCreates<T extends SQLiteTable>(c: Creates<T>): void {
  // Every column may be bound (drizzle fills defaults in), so the table's width is the per-row cost.
  const width = Object.keys(getTableColumns(c.table)).length;
  let at = 0;
  for (const run of fitParams(c.db, c.rows, width)) {
    const keys = c.by.keys.slice(at, at + run.length);
    at += run.length;
    const inRun = sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    );
    c.plan.statements.push(
      c.db.insert(c.table).values(run),
      auditRowsFrom(
        c.db,
        {
          actorUserId: c.ctx.viewer.id,
          action: 'import',
          entity: c.entity,
          entityId: sql`CAST(id AS TEXT)`,
          changes: '{"created":true}',
          rows: sql`FROM ${c.table} WHERE ${c.by.column} IN (${inRun})`,
        },
        c.ctx.now,
      ),
    );
  }
}
