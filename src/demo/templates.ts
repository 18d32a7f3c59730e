import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import { createTemplate } from '../modules/service-days/templates.js';

/** How many social organisations besides the demo coordinator's keep an afternoon template of their own. */
const OTHER_ORGANISATIONS = 5;

/**
 * Templates for some organisations, as their coordinators would add them on /shifts/templates: the demo coordinator's
 * organisation and a few others get an afternoon 关爱帮扶 shift on every service day, beside the stations' own.
 */
export async function organisationTemplates(db: Db, p: { coordinatorOrganisationId: number; now: Date }) {
  const others = await db
    .select({ id: s.organisations.id })
    .from(s.organisations)
    .where(
      and(
        eq(s.organisations.kind, 'social_org'),
        isNotNull(s.organisations.townshipId),
        ne(s.organisations.id, p.coordinatorOrganisationId),
      ),
    )
    .orderBy(asc(s.organisations.id))
    .limit(OTHER_ORGANISATIONS);
  for (const organisationId of [p.coordinatorOrganisationId, ...others.map((o) => o.id)]) {
    const made = await createTemplate({
      db,
      organisationId,
      actorUserId: null,
      now: p.now,
      input: {
        title: '下午关爱帮扶',
        place: null,
        startTime: '14:00',
        endTime: '17:00',
        capacity: 6,
        workKind: 'care_assistance',
      },
    });
    if (!made.ok) throw new Error(`demo template for organisation ${organisationId}: ${made.reason}`);
  }
}
