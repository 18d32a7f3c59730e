import { SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

export interface AuditEntry {
  actorUserId: number | null;
  /** e.g. create, update, reveal, export, import, reverse */
  action: string;
  entity: string;
  /** The record's id; SQL when the id is only known inside the batch (e.g. a row inserted just before). */
  entityId?: string | number | SQL | null;
  /** Old → new values; sensitive values must already be masked by the caller. */
  changes?: Record<string, unknown> | null;
}

/** The insert for one audit row, to put in the same batch as the change it records. */
export function auditInsert(db: Db, entry: AuditEntry, now: Date) {
  return db.insert(auditLog).values({
    at: now,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId:
      entry.entityId === undefined || entry.entityId === null
        ? null
        : entry.entityId instanceof SQL
          ? entry.entityId
          : String(entry.entityId),
    changes: entry.changes ?? null,
  });
}

/**
 * Audit rows for records only known inside the batch, set-based: one row per row that `rows` selects (e.g. the rows
 * an INSERT just wrote, or nothing when a guarded UPDATE changed nothing). `entityId` and `changes` are SQL over those
 * rows; `rows` is the FROM/WHERE tail of the SELECT.
 */
export function auditRowsFrom(
  db: Db,
  entry: {
    actorUserId: number | null;
    action: string;
    entity: string;
    entityId: SQL;
    changes?: string | null;
    rows: SQL;
  },
  now: Date,
) {
  return db.run(sql`INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, changes)
    SELECT ${now.getTime()}, ${entry.actorUserId}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${entry.changes ?? null}
    ${entry.rows}`);
}

/** Field-by-field differences between two records, for the audit trail (only changed keys). */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { from: a ?? null, to: b ?? null };
  }
  return out;
}
