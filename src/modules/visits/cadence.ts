import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { CARE_LEVELS, cadenceRules } from '../../db/schema/index.js';
import type { CadenceRules } from '../../domain/cadence.js';
import { auditInsert } from '../../lib/audit.js';

/**
 * Replaces the county's cadence in one batch with an audit row. Due dates are computed from the rules on every
 * read, so changing them recomputes every due date and overdue count at once and touches no visit.
 */
export async function saveCadence(p: {
  db: Db;
  rules: CadenceRules;
  before: CadenceRules;
  actorUserId: number;
  now: Date;
}): Promise<void> {
  const { db, rules, before, actorUserId, now } = p;
  await db.batch([
    auditInsert(
      db,
      { actorUserId, action: 'update', entity: 'cadence_rules', changes: { from: before, to: rules } },
      now,
    ),
    ...CARE_LEVELS.map((level) =>
      db
        .insert(cadenceRules)
        .values({ careLevel: level, intervalDays: rules[level], updatedAt: now })
        .onConflictDoUpdate({
          target: cadenceRules.careLevel,
          set: { intervalDays: sql`excluded.interval_days`, updatedAt: now },
        }),
    ),
  ]);
}
