import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { needs, recipients, volunteers } from '../../db/schema/index.js';
import { scope as recipientScope } from '../recipients/policy.js';
import { scope as volunteerScope } from '../volunteers/policy.js';

export interface Card {
  label: MessageKey;
  value: number;
  href: string;
  warn?: boolean;
}

/** The counts a viewer starts the day with, each through the scope of its own register. */
export async function dashboardCards(db: Db, viewer: Viewer): Promise<Card[]> {
  const cards: Card[] = [];
  if (viewer.role === 'county_admin' || viewer.role === 'station_staff') {
    const where = recipientScope(viewer);
    const [active, home, noAgreement, open] = await Promise.all([
      db.$count(recipients, and(where, eq(recipients.status, 'active'))),
      db.$count(recipients, and(where, eq(recipients.status, 'active'), eq(recipients.supportMode, 'home'))),
      db.$count(recipients, and(where, eq(recipients.status, 'active'), sql`(${recipients.agreementKind} IS NULL OR ${recipients.agreementSignedOn} IS NULL)`)),
      db.$count(needs, and(sql`${needs.status} <> 'resolved'`, sql`${needs.recipientId} IN (SELECT id FROM recipients WHERE ${where ?? sql`1`})`)),
    ]);
    cards.push(
      { label: 'dashboard.recipients', value: active, href: '/recipients' },
      { label: 'dashboard.homeSupported', value: home, href: '/visits/overdue' },
      { label: 'dashboard.noAgreement', value: noAgreement, href: '/recipients', warn: noAgreement > 0 },
      { label: 'dashboard.openNeeds', value: open, href: '/needs', warn: open > 0 },
    );
  }
  if (viewer.role !== 'volunteer') {
    const where = volunteerScope(viewer);
    const [active, pending] = await Promise.all([
      db.$count(volunteers, and(where, eq(volunteers.status, 'active'))),
      db.$count(volunteers, and(where, eq(volunteers.status, 'pending'))),
    ]);
    cards.push({ label: 'dashboard.volunteers', value: active, href: '/volunteers' }, { label: 'dashboard.pendingVolunteers', value: pending, href: '/volunteers?status=pending', warn: pending > 0 });
  }
  return cards;
}
