import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { activities, activityVoids, ledgerLines, organisations, recipients, visits } from '../../db/schema/index.js';
import type { Scope } from '../../lib/scope.js';
import { recipientsIn } from './queries.js';

export const HISTORY_PAGE_SIZE = 25;

type Line = typeof ledgerLines.$inferSelect;

export type HistoryEntry =
  | {
      type: 'visit';
      id: number;
      on: string;
      body: string | null;
      visit: Pick<typeof visits.$inferSelect, 'kind' | 'visitorKind' | 'visitorNames' | 'outcome' | 'notes'>;
    }
  | {
      type: 'activity';
      id: number;
      on: string;
      body: string;
      kind: (typeof activities.$inferSelect)['kind'];
      /** How many households and homes the activity named: its lines are the whole activity's. */
      targets: number;
      lines: Line[];
      voided: { reason: string; at: Date } | null;
    };

/** Net figures of one year: reversals carry negated amounts, so a voided activity adds nothing. */
export interface HistoryYear {
  year: string;
  visits: number;
  activities: number;
  cashFen: number;
  goodsFen: number;
  serviceCentihours: number;
}

/**
 * A household's whole history, newest first: every visit (by anyone) and every activity naming it (by any
 * organisation), with each activity's lines, reversals and void. Empty outside the scope, as the page itself 404s.
 */
export async function aidHistory(db: Db, p: { scope: Scope; recipientId: number; page: number; year: string }) {
  const visible = await db
    .select({ id: recipients.id })
    .from(recipients)
    .where(and(eq(recipients.id, p.recipientId), recipientsIn(p.scope)))
    .get();
  if (!visible) return { entries: [] as HistoryEntry[], more: false, totals: emptyYear(p.year) };
  const rid = p.recipientId;
  // One timeline over both tables, so paging is by date across them.
  const page = (await db.all(sql`SELECT type, id, on_date FROM (
      SELECT 'visit' AS type, v.id AS id, v.visited_on AS on_date FROM visits v WHERE v.recipient_id = ${rid}
      UNION ALL
      SELECT 'activity', t.activity_id, t.occurred_on FROM activity_targets t WHERE t.recipient_id = ${rid})
    ORDER BY on_date DESC, type ASC, id DESC LIMIT ${HISTORY_PAGE_SIZE + 1} OFFSET ${(p.page - 1) * HISTORY_PAGE_SIZE}`)) as {
    type: 'visit' | 'activity';
    id: number;
  }[];
  const more = page.length > HISTORY_PAGE_SIZE;
  const shown = page.slice(0, HISTORY_PAGE_SIZE);
  const visitIds = shown.filter((r) => r.type === 'visit').map((r) => r.id);
  const activityIds = shown.filter((r) => r.type === 'activity').map((r) => r.id);
  const [visitRows, activityRows, lineRows, voidRows, totals] = await Promise.all([
    visitIds.length
      ? db
          .select({ v: visits, body: organisations.name })
          .from(visits)
          .leftJoin(organisations, eq(organisations.id, visits.organisationId))
          .where(inArray(visits.id, visitIds))
      : [],
    activityIds.length
      ? db
          .select({
            id: activities.id,
            on: activities.occurredOn,
            kind: activities.kind,
            body: organisations.name,
            targets: sql<number>`(SELECT count(*) FROM activity_targets x WHERE x.activity_id = "activities"."id")`,
          })
          .from(activities)
          .innerJoin(organisations, eq(organisations.id, activities.organisationId))
          .where(inArray(activities.id, activityIds))
      : [],
    activityIds.length
      ? db.select().from(ledgerLines).where(inArray(ledgerLines.activityId, activityIds)).orderBy(asc(ledgerLines.id))
      : [],
    activityIds.length ? db.select().from(activityVoids).where(inArray(activityVoids.activityId, activityIds)) : [],
    yearTotals(db, rid, p.year),
  ]);
  const visitById = new Map(visitRows.map((r) => [r.v.id, r]));
  const activityById = new Map(activityRows.map((a) => [a.id, a]));
  const entries = shown.map((r): HistoryEntry => {
    if (r.type === 'visit') {
      const { v, body } = visitById.get(r.id)!;
      return { type: 'visit', id: v.id, on: v.visitedOn, body, visit: v };
    }
    const a = activityById.get(r.id)!;
    const v = voidRows.find((x) => x.activityId === a.id);
    return {
      type: 'activity',
      id: a.id,
      on: a.on,
      body: a.body,
      kind: a.kind,
      targets: a.targets,
      lines: lineRows.filter((l) => l.activityId === a.id),
      voided: v ? { reason: v.reason, at: v.voidedAt } : null,
    };
  });
  return { entries, more, totals };
}

export type AidHistory = Awaited<ReturnType<typeof aidHistory>>;

function emptyYear(year: string): HistoryYear {
  return { year, visits: 0, activities: 0, cashFen: 0, goodsFen: 0, serviceCentihours: 0 };
}

/** The year's figures for the household: visits made, activities not voided, and the net of their lines. */
async function yearTotals(db: Db, recipientId: number, year: string): Promise<HistoryYear> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [row] = (await db.all(sql`SELECT
      (SELECT count(*) FROM visits v WHERE v.recipient_id = ${recipientId} AND v.outcome = 'visited'
        AND v.visited_on BETWEEN ${from} AND ${to}) AS visits,
      (SELECT count(*) FROM activity_targets t WHERE t.recipient_id = ${recipientId}
        AND t.occurred_on BETWEEN ${from} AND ${to}
        AND NOT EXISTS (SELECT 1 FROM activity_voids x WHERE x.activity_id = t.activity_id)) AS activities,
      coalesce(sum(CASE WHEN l.kind = 'cash' THEN l.amount_fen END), 0) AS cash,
      coalesce(sum(CASE WHEN l.kind = 'goods' THEN l.amount_fen END), 0) AS goods,
      coalesce(sum(l.service_centihours), 0) AS hours
    FROM activity_targets t JOIN ledger_lines l ON l.activity_id = t.activity_id
    WHERE t.recipient_id = ${recipientId} AND t.occurred_on BETWEEN ${from} AND ${to}`)) as Record<string, number>[];
  return {
    year,
    visits: Number(row.visits),
    activities: Number(row.activities),
    cashFen: Number(row.cash),
    goodsFen: Number(row.goods),
    serviceCentihours: Number(row.hours),
  };
}
