import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { activityVoids } from '../../db/schema/index.js';
import { auditRowsFrom } from '../../lib/audit.js';
import { randomNonce } from './service.js';

export type VoidResult = { ok: true } | { ok: false; reason: 'already_voided' };

/**
 * Voids an activity (作废) in one batch: the void row, a reversal of every line not yet reversed, and the audit
 * row. The reversals and the audit attach only to the void this request wrote (its nonce), so a second void, or two
 * at once, reverses nothing twice. The activity and its lines stay: history shows them with the reason.
 */
export async function voidActivity(args: {
  db: Db;
  activityId: number;
  reason: string;
  actorUserId: number | null;
  now: Date;
}): Promise<VoidResult> {
  const { db, activityId, reason, actorUserId, now } = args;
  const nonce = randomNonce();
  const at = now.getTime();
  const mine = sql`(SELECT activity_id FROM activity_voids WHERE activity_id = ${activityId} AND write_nonce = ${nonce})`;
  await db.batch([
    db.run(sql`INSERT INTO activity_voids (activity_id, reason, write_nonce, voided_by, voided_at)
      VALUES (${activityId}, ${reason}, ${nonce}, ${actorUserId}, ${at}) ON CONFLICT (activity_id) DO NOTHING`),
    db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours,
        volunteers, funding_source, reverses_line_id, reason, occurred_on, organisation_id, township_id, write_nonce, created_by, created_at)
      SELECT l.activity_id, l.kind, -l.amount_fen, l.goods_name, CASE WHEN l.quantity IS NULL THEN NULL ELSE -l.quantity END, l.unit,
        l.service_kind, -l.service_centihours, l.volunteers, l.funding_source, l.id, ${reason}, l.occurred_on, l.organisation_id,
        l.township_id, ${nonce}, ${actorUserId}, ${at}
      FROM ledger_lines l
      WHERE l.activity_id = ${activityId} AND l.reverses_line_id IS NULL AND EXISTS ${mine}
        AND NOT EXISTS (SELECT 1 FROM ledger_lines x WHERE x.reverses_line_id = l.id)
      ORDER BY l.id
      ON CONFLICT (reverses_line_id) DO NOTHING`),
    auditRowsFrom(
      db,
      {
        actorUserId,
        action: 'void',
        entity: 'activity',
        entityId: sql`CAST(v.activity_id AS TEXT)`,
        changes: JSON.stringify({ reason }),
        rows: sql`FROM ${mine} AS v`,
      },
      now,
    ),
  ] as unknown as Parameters<typeof db.batch>[0]);
  const row = await db
    .select({ nonce: activityVoids.writeNonce })
    .from(activityVoids)
    .where(and(eq(activityVoids.activityId, activityId)))
    .get();
  return row?.nonce === nonce ? { ok: true } : { ok: false, reason: 'already_voided' };
}
