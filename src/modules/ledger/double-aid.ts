import { and, asc, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { activities, activityTargets, organisations, recipients, townships } from '../../db/schema/index.js';
import { addDays, businessDate, monthBounds } from '../../domain/dates.js';
import { type AidEvent, conflictingAid, doubleAidPairs } from '../../domain/double-aid.js';
import { ALL, type Scope } from '../../lib/scope.js';
import { scope as recipientScope } from '../recipients/policy.js';
import { recipientsIn } from '../recipients/queries.js';
import type { LedgerContext } from './pages.js';
import { searchRecipients } from './queries.js';
import { doubleAidCheckQuery, doubleAidMonthQuery } from './schema.js';

export interface NamedAidEvent extends AidEvent {
  organisation: string;
  recipient: string;
  township: string;
}

/**
 * Each household's standing cash and goods per activity in a date range, inside a recipient Scope: voided
 * activities left out, reversals netted in (a line reversed in full adds 0, so it is not aid).
 */
export function aidEvents(db: Db, p: { scope: Scope; from: string; to: string; recipientIds?: number[] }) {
  const aidFen = sql<number>`(SELECT coalesce(sum(l.amount_fen), 0) FROM ledger_lines l
    WHERE l.activity_id = "activity_targets"."activity_id" AND l.kind IN ('cash', 'goods'))`;
  return db
    .select({
      activityId: activityTargets.activityId,
      recipientId: sql<number>`${activityTargets.recipientId}`,
      organisationId: activityTargets.organisationId,
      on: activityTargets.occurredOn,
      aidFen,
      organisation: organisations.name,
      recipient: recipients.name,
      township: townships.name,
    })
    .from(activityTargets)
    .innerJoin(activities, eq(activities.id, activityTargets.activityId))
    .innerJoin(organisations, eq(organisations.id, activityTargets.organisationId))
    .innerJoin(recipients, eq(recipients.id, activityTargets.recipientId))
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .where(
      and(
        isNotNull(activityTargets.recipientId),
        between(activityTargets.occurredOn, p.from, p.to),
        sql`NOT EXISTS (SELECT 1 FROM activity_voids v WHERE v.activity_id = "activity_targets"."activity_id")`,
        p.recipientIds ? inArray(activityTargets.recipientId, p.recipientIds) : undefined,
        recipientsIn(p.scope),
      ),
    )
    .orderBy(asc(activityTargets.occurredOn), asc(activityTargets.activityId)) as Promise<NamedAidEvent[]>;
}

/**
 * What the "record an activity" form warns about before saving: other bodies' standing aid to the chosen
 * households within the county's window of the activity's date. Read across the county: the warning is the point.
 */
export async function doubleAidWarning(
  db: Db,
  p: { organisationId: number; occurredOn: string; recipientIds: number[]; days: number },
): Promise<NamedAidEvent[]> {
  if (p.recipientIds.length === 0) return [];
  const events = await aidEvents(db, {
    scope: ALL,
    from: addDays(p.occurredOn, -p.days),
    to: addDays(p.occurredOn, p.days),
    recipientIds: [...new Set(p.recipientIds)].slice(0, 90),
  });
  return conflictingAid(events, { organisationId: p.organisationId, on: p.occurredOn, days: p.days });
}

/** The county list: households aided by two bodies within the window, the later aid in the chosen month. */
export async function doubleAidMonth(db: Db, p: { scope: Scope; month: string; days: number }) {
  const { first, last } = monthBounds(`${p.month}-01`);
  const events = await aidEvents(db, { scope: p.scope, from: addDays(first, -p.days), to: last });
  return doubleAidPairs(events, { first, last, days: p.days });
}

export type DoubleAidRow = Awaited<ReturnType<typeof doubleAidMonth>>[number];

/**
 * The htmx check as households are ticked: what the form would warn about on submit, for the households the
 * viewer may pick (nothing about others). Without an organisation yet, any body's aid is shown.
 */
export async function doubleAidCheck(p: LedgerContext & { query: Record<string, string | string[]> }) {
  const parsed = doubleAidCheckQuery.safeParse(p.query);
  if (!parsed.success || parsed.data.recipientIds.length === 0) return [];
  const picked = await searchRecipients(p.db, p.actor, '', parsed.data.recipientIds.slice(0, 20));
  return doubleAidWarning(p.db, {
    organisationId: parsed.data.organisationId ?? -1,
    occurredOn: parsed.data.occurredOn || businessDate(p.now),
    recipientIds: picked.map((r) => r.id),
    days: p.doubleAidDays,
  });
}

/** The county list's page: a station sees its township's households, the county all. */
export async function doubleAidPage(p: LedgerContext & { month?: string }) {
  const parsed = doubleAidMonthQuery.safeParse({ month: p.month });
  const current = businessDate(p.now).slice(0, 7);
  if (!parsed.success)
    return { month: p.month ?? current, days: p.doubleAidDays, rows: [], error: p.t('doubleAid.badMonth') };
  const month = parsed.data.month ?? current;
  const rows = await doubleAidMonth(p.db, { scope: recipientScope(p.actor, 'view'), month, days: p.doubleAidDays });
  return { month, days: p.doubleAidDays, rows, error: undefined };
}

export type DoubleAidPageModel = Awaited<ReturnType<typeof doubleAidPage>>;
