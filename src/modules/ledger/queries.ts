import { and, asc, desc, eq, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keptByCounter } from '../../db/data-versions.js';
import {
  type ActivityKind,
  activities,
  activityTargets,
  activityVoids,
  ledgerLines,
  organisations,
  recipients,
  townships,
} from '../../db/schema/index.js';
import { formatHundredths } from '../../domain/money.js';
import type { Viewer } from '../../lib/context.js';
import { scope as recipientScope } from '../recipients/policy.js';
import { recipientsIn } from '../recipients/queries.js';
import { activitiesIn, ownsOrganisation, scope } from './policy.js';

export interface ActivityFilters {
  from?: string;
  to?: string;
  townshipId?: number;
  organisationId?: number;
  kind?: ActivityKind;
  recipientId?: number;
}

export const PAGE_SIZE = 50;

/** The activities a viewer may see, newest first, with their cash-and-goods total. */
export async function listActivities(db: Db, viewer: Viewer, f: ActivityFilters, page = 1) {
  const where: (SQL | undefined)[] = [activitiesIn(scope(viewer))];
  if (f.from) where.push(gte(activities.occurredOn, f.from));
  if (f.to) where.push(lte(activities.occurredOn, f.to));
  if (f.townshipId) where.push(eq(activities.townshipId, f.townshipId));
  if (f.organisationId) where.push(eq(activities.organisationId, f.organisationId));
  if (f.kind) where.push(eq(activities.kind, f.kind));
  if (f.recipientId)
    where.push(
      sql`${activities.id} IN (SELECT activity_id FROM activity_targets WHERE recipient_id = ${f.recipientId})`,
    );
  return db
    .select({
      id: activities.id,
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      organisation: organisations.name,
      township: townships.name,
      aidFen: sql<number>`(SELECT coalesce(sum(amount_fen), 0) FROM ledger_lines l WHERE l.activity_id = ${activities.id} AND l.kind IN ('cash', 'goods'))`,
      targets: sql<number>`(SELECT count(*) FROM activity_targets x WHERE x.activity_id = ${activities.id})`,
      // Voided activities stay in the history, marked (their lines net to zero).
      voided: sql<number>`EXISTS (SELECT 1 FROM activity_voids v WHERE v.activity_id = "activities"."id")`,
    })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .leftJoin(townships, eq(townships.id, activities.townshipId))
    .where(and(...where))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
}

export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];

/** One activity inside the viewer's scope (undefined otherwise: the route answers 404). */
export async function findActivity(db: Db, viewer: Viewer, id: number) {
  const activity = await db
    .select({
      id: activities.id,
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      note: activities.note,
      organisationId: activities.organisationId,
      organisation: organisations.name,
      township: townships.name,
      serviceDayId: activities.serviceDayId,
      shiftId: activities.shiftId,
      externalRef: activities.externalRef,
    })
    .from(activities)
    .innerJoin(organisations, eq(organisations.id, activities.organisationId))
    .leftJoin(townships, eq(townships.id, activities.townshipId))
    .where(and(eq(activities.id, id), activitiesIn(scope(viewer))))
    .get();
  if (!activity) return undefined;
  const targets = await db
    .select({
      recipientId: activityTargets.recipientId,
      nursingHomeId: activityTargets.nursingHomeId,
      recipient: recipients.name,
      masked: recipients.idNumberMasked,
      nursingHome: organisations.name,
    })
    .from(activityTargets)
    .leftJoin(recipients, eq(recipients.id, activityTargets.recipientId))
    .leftJoin(organisations, eq(organisations.id, activityTargets.nursingHomeId))
    .where(eq(activityTargets.activityId, id))
    .orderBy(asc(activityTargets.id));
  const lines = await db.select().from(ledgerLines).where(eq(ledgerLines.activityId, id)).orderBy(asc(ledgerLines.id));
  const voided =
    (await db
      .select({ reason: activityVoids.reason, at: activityVoids.voidedAt, nonce: activityVoids.writeNonce })
      .from(activityVoids)
      .where(eq(activityVoids.activityId, id))
      .get()) ?? null;
  return { activity, targets, lines, voided };
}

export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export async function findLine(db: Db, viewer: Viewer, activityId: number, lineId: number) {
  const found = await findActivity(db, viewer, activityId);
  return found?.lines.find((l) => l.id === lineId);
}

/** Organisations the viewer may record for: their own, their township's, or any (county admin). */
export async function recordingOrganisations(db: Db, viewer: Viewer) {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      townshipId: organisations.townshipId,
    })
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  return rows.filter((o) => ownsOrganisation(viewer, o));
}

export function nursingHomes(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, 'nursing_home'))
    .orderBy(asc(organisations.name));
}

/**
 * Home-supported recipients a viewer may pick, by name, with minimal data (name, township, masked ID): the county
 * all, a station its township, a coordinator the households its organisation already serves.
 */
export function searchRecipients(db: Db, viewer: Viewer, q: string, ids: number[] = []) {
  const match = ids.length ? inArray(recipients.id, ids) : like(recipients.name, `${q.replace(/[%_]/g, '')}%`);
  return db
    .select({ id: recipients.id, name: recipients.name, masked: recipients.idNumberMasked, township: townships.name })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .where(
      and(
        eq(recipients.supportMode, 'home'),
        eq(recipients.status, 'active'),
        recipientsIn(recipientScope(viewer, 'pick')),
        match,
      ),
    )
    .orderBy(asc(recipients.name), asc(recipients.id))
    .limit(20);
}

export type RecipientOption = Awaited<ReturnType<typeof searchRecipients>>[number];

export function organisationOptions(db: Db): Promise<{ id: number; name: string }[]> {
  return keptByCounter(db, 'places', 'ledger-organisations', async () =>
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.kind, ['social_org', 'station', 'nursing_home']))
      .orderBy(asc(organisations.name)),
  );
}

/**
 * A voided activity as the "record an activity" form's values, to record it again corrected: organisation, date,
 * kind, note, targets and the lines not reversed (with their sources). Undefined outside the viewer's scope.
 */
export async function formValuesOf(
  db: Db,
  viewer: Viewer,
  id: number,
): Promise<Record<string, string | string[]> | undefined> {
  const found = await findActivity(db, viewer, id);
  if (!found) return undefined;
  const { activity: a, targets, lines } = found;
  // The lines that stood until the void: not reversals, and not reversed except by the void's own batch (its nonce).
  const earlier = new Set(
    lines.filter((l) => l.reversesLineId !== null && l.writeNonce !== found.voided?.nonce).map((l) => l.reversesLineId),
  );
  const standing = lines.filter((l) => l.reversesLineId === null && !earlier.has(l.id));
  const col = (f: (l: (typeof lines)[number]) => string) => standing.map(f);
  const yuan = formatHundredths;
  return {
    organisationId: String(a.organisationId),
    occurredOn: a.occurredOn,
    kind: a.kind,
    note: a.note ?? '',
    recipientIds: targets.filter((x) => x.recipientId !== null).map((x) => String(x.recipientId)),
    nursingHomeIds: targets.filter((x) => x.nursingHomeId !== null).map((x) => String(x.nursingHomeId)),
    lineKind: col((l) => l.kind),
    lineAmount: col((l) => (l.kind === 'service' ? '' : yuan(l.amountFen))),
    lineGoodsName: col((l) => l.goodsName ?? ''),
    lineQuantity: col((l) => (l.quantity === null ? '' : String(l.quantity))),
    lineUnit: col((l) => l.unit ?? ''),
    lineServiceKind: col((l) => l.serviceKind ?? ''),
    lineHours: col((l) => (l.kind === 'service' ? formatHundredths(l.serviceCentihours) : '')),
    lineVolunteers: col((l) => (l.volunteers === null ? '' : String(l.volunteers))),
    lineSource: col((l) => l.fundingSource ?? ''),
  };
}
