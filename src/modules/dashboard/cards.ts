import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { needs, recipients, volunteers } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { can as canCareUnits, scope as careUnitScope } from '../care-units/policy.js';
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

/** The counts a viewer starts the day with, each through the scope of its own register. */
export async function dashboardCards(db: Db, viewer: Viewer): Promise<Card[]> {
  const cards: Card[] = [];
  // One pass over each register (conditional sums), not one count per card: the dashboard is the busiest page.
  if (canRecipients(viewer, 'list')) {
    const where = recipientsIn(recipientScope(viewer, 'list'));
    const [[r], open] = await Promise.all([
      db
        .select({
          active: sql<number>`count(*)`,
          home: sql<number>`coalesce(sum(${recipients.supportMode} = 'home'), 0)`,
          noAgreement: sql<number>`coalesce(sum(${recipients.agreementKind} IS NULL OR ${recipients.agreementSignedOn} IS NULL), 0)`,
        })
        .from(recipients)
        .where(and(where, eq(recipients.status, 'active'))),
      db.$count(
        needs,
        and(
          sql`${needs.status} <> 'resolved'`,
          sql`${needs.recipientId} IN (SELECT id FROM recipients WHERE ${where})`,
        ),
      ),
    ]);
    cards.push(
      { label: 'dashboard.recipients', value: Number(r.active), href: '/recipients' },
      { label: 'dashboard.homeSupported', value: Number(r.home), href: '/visits/overdue' },
      {
        label: 'dashboard.noAgreement',
        value: Number(r.noAgreement),
        href: '/recipients',
        warn: Number(r.noAgreement) > 0,
      },
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
