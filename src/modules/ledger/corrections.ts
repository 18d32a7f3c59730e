import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditRowsFrom } from '../../lib/audit.js';
import type { LineInput } from './service.js';

/** Lines of an activity that stand: not reversals, not yet reversed. */
export function standingLines(db: Db, activityId: number) {
  return db.all<
    LineInput & { id: number }
  >(sql`SELECT id, kind, amount_fen AS amountFen, goods_name AS goodsName, quantity, unit, service_kind AS serviceKind,
      service_centihours AS serviceCentihours, volunteers, funding_source AS fundingSource
    FROM ledger_lines l WHERE l.activity_id = ${activityId} AND l.reverses_line_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_lines r WHERE r.reverses_line_id = l.id) ORDER BY l.id`);
}

/**
 * The negated copy of a line that reverses it (冲销), under the line's own funding source; the unique
 * `reverses_line_id` makes a second reversal insert nothing. Runs only while `guard` holds, when one is given.
 */
export function reversalStatement(
  db: Db,
  r: { lineId: number; reason: string | null; actorUserId: number | null; now: Date; nonce: string; guard?: SQL },
) {
  return db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours,
      volunteers, funding_source, reverses_line_id, reason, occurred_on, organisation_id, township_id, write_nonce, created_by, created_at)
    SELECT activity_id, kind, -amount_fen, goods_name, CASE WHEN quantity IS NULL THEN NULL ELSE -quantity END, unit, service_kind,
      -service_centihours, volunteers, funding_source, id, ${r.reason}, occurred_on, organisation_id, township_id, ${r.nonce}, ${r.actorUserId}, ${r.now.getTime()}
    FROM ledger_lines WHERE id = ${r.lineId} AND reverses_line_id IS NULL AND ${r.guard ?? sql`1 = 1`}
    ON CONFLICT (reverses_line_id) DO NOTHING`);
}

/**
 * Statements that replace an activity's standing lines by new ones inside a caller's batch, the ledger staying
 * append-only (decision 0061): each old line gets its negated reversal (the unique reverses_line_id makes a second
 * reversal insert nothing), under the line's own funding source, with a `reverse` audit row, then the new lines are appended to the same activity. Every
 * statement runs only while `guard` holds (e.g. "the correction's own audit row is there").
 */
export function replaceLinesStatements(
  db: Db,
  a: { activityId: number; lineIds: number[]; lines: LineInput[] },
  meta: { reason: string; actorUserId: number; now: Date; nonce: string; guard: SQL },
) {
  const at = meta.now.getTime();
  const reversals = a.lineIds.flatMap((id) => [
    reversalStatement(db, { lineId: id, ...meta }),
    auditRowsFrom(
      db,
      {
        actorUserId: meta.actorUserId,
        action: 'reverse',
        entity: 'ledger_line',
        entityId: sql`${String(id)}`,
        rows: sql`FROM ledger_lines r WHERE r.reverses_line_id = ${id} AND r.write_nonce = ${meta.nonce}`,
      },
      meta.now,
    ),
  ]);
  const added = a.lines.map((l) =>
    db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, goods_name, quantity, unit, service_kind, service_centihours,
        volunteers, funding_source, reason, occurred_on, organisation_id, township_id, write_nonce, created_by, created_at)
      SELECT a.id, ${l.kind}, ${l.amountFen}, ${l.goodsName}, ${l.quantity}, ${l.unit}, ${l.serviceKind}, ${l.serviceCentihours},
        ${l.volunteers}, ${l.fundingSource ?? null}, ${meta.reason}, a.occurred_on, a.organisation_id, a.township_id, ${meta.nonce}, ${meta.actorUserId}, ${at}
      FROM activities a WHERE a.id = ${a.activityId} AND ${meta.guard}`),
  );
  return [...reversals, ...added];
}
