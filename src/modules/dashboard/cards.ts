import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { needs, recipients, volunteers } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { can as canCareUnits, scope as careUnitScope } from '../care-units/policy.js';
import { agreementTallies, totalOf } from '../recipients/agreements.js';
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
function agreementCards(a: ReturnType<typeof totalOf>): Card[] {
  const href = (status: string) => `/recipients?agreement=${status}`;
  return [
    { label: 'dashboard.agreementOk', value: a.ok, href: '/recipients/agreements' },
    { label: 'dashboard.noAgreement', value: a.missing, href: href('missing'), warn: a.missing > 0 },
    { label: 'dashboard.agreementExpired', value: a.expired, href: href('expired'), warn: a.expired > 0 },
    { label: 'dashboard.agreementMismatch', value: a.mismatch, href: href('mismatch'), warn: a.mismatch > 0 },
  ];
}

/** The counts a viewer starts the day with, each through the scope of its own register. */
export async function dashboardCards(ctx: { db: Db; viewer: Viewer; today: string }): Promise<Card[]> {
  const { db, viewer, today } = ctx;
  const cards: Card[] = [];
  // One pass over each register (conditional sums), not one count per card: the dashboard is the busiest page.
  if (canRecipients(viewer, 'list')) {
    const scope = recipientScope(viewer, 'list');
    const where = recipientsIn(scope);
    const [[r], agreements, open] = await Promise.all([
      db
        .select({ home: sql<number>`coalesce(sum(${recipients.supportMode} = 'home'), 0)` })
        .from(recipients)
        .where(and(where, eq(recipients.status, 'active'))),
      agreementTallies({ db, scope, today }).then(totalOf),
      db.$count(
        needs,
        and(
          sql`${needs.status} <> 'resolved'`,
          sql`${needs.recipientId} IN (SELECT id FROM recipients WHERE ${where})`,
        ),
      ),
    ]);
    cards.push(
      { label: 'dashboard.recipients', value: agreements.active, href: '/recipients' },
      { label: 'dashboard.homeSupported', value: Number(r.home), href: '/visits/overdue' },
      ...agreementCards(agreements),
      { label: 'dashboard.openNeeds', value: open, href: '/needs', warn: open > 0 },
    );
  }
  if (canVolunteers(viewer, 'list')) {
    const [v] = await db
      .select({
        active: sql<number>`coalesce(sum(${volunteers.status} = 'active'), 0)`,
        pending: sql<number>`coalesce(sum(${volunteers.status} = 'pending'), 0)`,
      })
      .from(volunteers)
      .where(volunteersIn(volunteerScope(viewer)));
    const pending = Number(v.pending);
    cards.push(
      { label: 'dashboard.volunteers', value: Number(v.active), href: '/volunteers' },
      { label: 'dashboard.pendingVolunteers', value: pending, href: '/volunteers?status=pending', warn: pending > 0 },
    );
  }
  // A 守望之家 member starts from their unit's households: one tap to the day's visits.
  if (canCareUnits(viewer, 'capture')) {
    const where = and(recipientsIn(careUnitScope(viewer)), eq(recipients.status, 'active'));
    cards.push({ label: 'care.dashboardCard', value: await db.$count(recipients, where), href: '/care' });
  }
  return cards;
}
