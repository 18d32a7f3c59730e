import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keptByCounter } from '../../db/data-versions.js';
import { needs, recipients, volunteers } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { can as canCareUnits, scope as careUnitScope } from '../care-units/policy.js';
import { agreementStatusSql } from '../recipients/agreement-sql.js';
import { can as canRecipients, scope as recipientScope } from '../recipients/policy.js';
import { recipientsIn } from '../recipients/queries.js';
import { can as canVolunteers, scope as volunteerScope } from '../volunteers/policy.js';
import { volunteersIn } from '../volunteers/queries.js';

export interface Card {
  label: MessageKey;
  value: number;
  href: string;
  warn?: boolean;
}

/** The care-agreement cards: each status counted by the one rule the list filters by, each opening that list. */
function agreementCards(a: { ok: number; missing: number; expired: number; mismatch: number }): Card[] {
  const href = (status: string) => `/recipients?agreement=${status}`;
  return [
    { label: 'dashboard.agreementOk', value: a.ok, href: '/recipients/agreements' },
    { label: 'dashboard.noAgreement', value: a.missing, href: href('missing'), warn: a.missing > 0 },
    { label: 'dashboard.agreementExpired', value: a.expired, href: href('expired'), warn: a.expired > 0 },
    { label: 'dashboard.agreementMismatch', value: a.mismatch, href: href('mismatch'), warn: a.mismatch > 0 },
  ];
}

/** One arm of the dashboard's statement: rows of (what, a, b) the cards are read from. */
function tallyArm(db: Db, what: SQL<string>, a: SQL<number>, b: SQL<number>) {
  return db.select({
    what: sql<string>`${what}`.as('what'),
    a: sql<number>`${a}`.as('a'),
    b: sql<number>`${b}`.as('b'),
  });
}

/**
 * The statement behind the cards, one arm per register the viewer may see: the active recipients grouped by
 * agreement status (the one rule, `agreementStatusSql`, evaluated once a row) with how many are home-supported, the
 * open needs, the volunteers by status, a 守望之家's households. One round trip instead of one per register.
 */
function cardArms(ctx: { db: Db; viewer: Viewer; today: string }): SQL[] {
  const { db, viewer, today } = ctx;
  const arms: SQL[] = [];
  if (canRecipients(viewer, 'list')) {
    const where = recipientsIn(recipientScope(viewer, 'list'));
    arms.push(
      tallyArm(db, agreementStatusSql(today), sql`count(*)`, sql`coalesce(sum(${recipients.supportMode} = 'home'), 0)`)
        .from(recipients)
        .where(and(where, eq(recipients.status, 'active')))
        .groupBy(sql.raw('1'))
        .getSQL(),
      tallyArm(db, sql`'needs'`, sql`count(*)`, sql`0`)
        .from(needs)
        .where(
          and(
            sql`${needs.status} <> 'resolved'`,
            sql`${needs.recipientId} IN (SELECT id FROM recipients WHERE ${where})`,
          ),
        )
        .getSQL(),
    );
  }
  if (canVolunteers(viewer, 'list'))
    arms.push(
      tallyArm(
        db,
        sql`'volunteers'`,
        sql`coalesce(sum(${volunteers.status} = 'active'), 0)`,
        sql`coalesce(sum(${volunteers.status} = 'pending'), 0)`,
      )
        .from(volunteers)
        .where(volunteersIn(volunteerScope(viewer)))
        .getSQL(),
    );
  if (canCareUnits(viewer, 'capture'))
    arms.push(
      tallyArm(db, sql`'care'`, sql`count(*)`, sql`0`)
        .from(recipients)
        .where(and(recipientsIn(careUnitScope(viewer)), eq(recipients.status, 'active')))
        .getSQL(),
    );
  return arms;
}

type Tally = { what: string; a: number; b: number }[];

/**
 * The scopes the cards read through, when each reads only what the `registers` counter follows (recipients and
 * needs of a county or a township; volunteers of a county, a township or an organisation); null for a 守望之家
 * member (households through the unit's villages), whose card is read each time.
 */
function registerScopes(viewer: Viewer): string | null {
  if (canCareUnits(viewer, 'capture')) return null;
  const households = canRecipients(viewer, 'list') ? recipientScope(viewer, 'list') : null;
  const helpers = canVolunteers(viewer, 'list') ? volunteerScope(viewer) : null;
  if (households && households.kind !== 'all' && households.kind !== 'township') return null;
  if (helpers && !['all', 'township', 'organisation'].includes(helpers.kind)) return null;
  return JSON.stringify([households, helpers]);
}

/**
 * The cards' rows, read once per scope, day and value of the `registers` counter (the county's statement reads every
 * active recipient: ≈ 3–8 ms under load); a 守望之家 member's are read each time.
 */
function tally(ctx: { db: Db; viewer: Viewer; today: string }): Promise<Tally> {
  // Built only when read: building the statement costs drizzle more than a kept copy.
  const read = async (): Promise<Tally> => await ctx.db.all<Tally[number]>(sql.join(cardArms(ctx), sql` UNION ALL `));
  const scopes = registerScopes(ctx.viewer);
  return scopes === null ? read() : keptByCounter(ctx.db, 'registers', `cards|${scopes}|${ctx.today}`, read);
}

/** The counts a viewer starts the day with, each through the scope of its own register. */
export async function dashboardCards(ctx: { db: Db; viewer: Viewer; today: string }): Promise<Card[]> {
  const { viewer } = ctx;
  if (!canRecipients(viewer, 'list') && !canVolunteers(viewer, 'list') && !canCareUnits(viewer, 'capture')) return [];
  const rows = await tally(ctx);
  const of = (what: string) => rows.filter((r) => r.what === what);
  const one = (what: string) => ({ a: Number(of(what)[0]?.a ?? 0), b: Number(of(what)[0]?.b ?? 0) });
  const cards: Card[] = [];
  if (canRecipients(ctx.viewer, 'list')) {
    const n = (status: 'ok' | 'missing' | 'expired' | 'mismatch') => one(status).a;
    const agreements = { ok: n('ok'), missing: n('missing'), expired: n('expired'), mismatch: n('mismatch') };
    const active = agreements.ok + agreements.missing + agreements.expired + agreements.mismatch;
    const home = (['ok', 'missing', 'expired', 'mismatch'] as const).reduce((sum, s) => sum + one(s).b, 0);
    const open = one('needs').a;
    cards.push(
      { label: 'dashboard.recipients', value: active, href: '/recipients' },
      { label: 'dashboard.homeSupported', value: home, href: '/visits/overdue' },
      ...agreementCards(agreements),
      { label: 'dashboard.openNeeds', value: open, href: '/needs', warn: open > 0 },
    );
  }
  if (canVolunteers(ctx.viewer, 'list')) {
    const { a: active, b: pending } = one('volunteers');
    cards.push(
      { label: 'dashboard.volunteers', value: active, href: '/volunteers' },
      { label: 'dashboard.pendingVolunteers', value: pending, href: '/volunteers?status=pending', warn: pending > 0 },
    );
  }
  // A 守望之家 member starts from their unit's households: one tap to the day's visits.
  if (canCareUnits(ctx.viewer, 'capture'))
    cards.push({ label: 'care.dashboardCard', value: one('care').a, href: '/care' });
  return cards;
}
