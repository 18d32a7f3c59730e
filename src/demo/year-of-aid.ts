import { and, asc, eq } from 'drizzle-orm';
import * as s from '../db/schema/index.js';
import { addDays, daysBetween, monthBounds, shanghaiInstant } from '../domain/dates.js';
import { recordActivity } from '../modules/ledger/service.js';
import { calibrate, type DrawnEvent, householdLines, nursingHomeLines, shuffle, spreadHouseholds } from './aid.js';
import type { LivingCountyDeps } from './county.js';
import type { Rng } from './generate.js';
import type { DemoActors } from './logins.js';

/** The seed article's year: 1,189 households served and 866.7万元 of cash and goods (a county of scale 1). */
const ARTICLE = { households: 1189, aidFen: 866_700_000 };

/** The year's aid: the stations' monthly events, each social organisation's, and one for every nursing home. */
export async function recordAid(
  deps: LivingCountyDeps,
  ctx: {
    r: Rng;
    seed: number;
    scale: number;
    months: string[];
    stationEvents: DrawnEvent[];
    actors: DemoActors;
  },
): Promise<number> {
  const { db } = deps;
  const { r, months } = ctx;
  const from = months[0];
  const span = daysBetween(from, monthBounds(months[months.length - 1]).last);
  const orgs = await db
    .select({ id: s.organisations.id, kind: s.organisations.kind, townshipId: s.organisations.townshipId })
    .from(s.organisations)
    .orderBy(asc(s.organisations.id));
  const stationOf = new Map(orgs.filter((o) => o.kind === 'station').map((o) => [o.townshipId, o.id]));
  const social = orgs.filter((o) => o.kind === 'social_org');
  const events: (DrawnEvent & { townshipId: number | null; size: number })[] = ctx.stationEvents.map((e) => ({
    ...e,
    townshipId: orgs.find((o) => o.id === e.organisationId)?.townshipId ?? null,
    size: r.int(3, 5),
  }));
  for (const o of social) {
    for (let i = r.int(2, 4); i > 0; i--) {
      const size = r.int(3, 7);
      events.push({
        organisationId: o.id,
        townshipId: o.townshipId,
        occurredOn: addDays(from, r.int(0, span)),
        kind: r.pick(['home_visit', 'care', 'condolence', 'care', 'other'] as const),
        shiftId: null,
        serviceDayId: null,
        recipientIds: [],
        nursingHomeIds: [],
        size,
        lines: householdLines(r, size, { centihours: r.int(4, 24) * 100, volunteers: r.int(2, 8) }),
        note: r.pick(['入户走访慰问', '真情慰问', '送温暖活动', '关爱帮扶']),
      });
    }
  }
  for (const home of orgs.filter((o) => o.kind === 'nursing_home')) {
    const byStation = r.chance(0.4) && stationOf.has(home.townshipId);
    events.push({
      organisationId: byStation ? stationOf.get(home.townshipId)! : r.pick(social).id,
      townshipId: home.townshipId,
      occurredOn: addDays(from, r.int(0, span)),
      kind: 'condolence',
      shiftId: null,
      serviceDayId: null,
      recipientIds: [],
      nursingHomeIds: [home.id],
      size: 0,
      lines: nursingHomeLines(r),
      note: '敬老院慰问',
    });
  }
  // The households served: a pool per township, sized by its events, each household on at least one event.
  const homes = await db
    .select({ id: s.recipients.id, townshipId: s.recipients.townshipId })
    .from(s.recipients)
    .where(and(eq(s.recipients.supportMode, 'home'), eq(s.recipients.status, 'active')))
    .orderBy(asc(s.recipients.id));
  const slots = events.reduce((a, e) => a + e.size, 0);
  const wanted = Math.round(ARTICLE.households * ctx.scale * (0.96 + 0.08 * r.next()));
  const townships = [...new Set(homes.map((x) => x.townshipId))];
  for (const t of townships) {
    const mine = events.filter((e) => e.size > 0 && e.townshipId === t);
    const people = homes.filter((x) => x.townshipId === t).map((x) => x.id);
    const n = Math.min(people.length, Math.round((mine.reduce((a, e) => a + e.size, 0) / slots) * wanted));
    const pool = shuffle(r, people).slice(0, n);
    const spread = spreadHouseholds(
      r,
      pool,
      mine.map((e) => e.size),
    );
    mine.forEach((e, i) => {
      e.recipientIds = spread[i];
    });
  }
  const recorded = events.filter((e) => e.recipientIds.length + e.nursingHomeIds.length > 0);
  recorded.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.organisationId - b.organisationId);
  const fen = calibrate(recorded, Math.round(ARTICLE.aidFen * ctx.scale * (0.97 + 0.06 * r.next())));
  const actorOf = (orgId: number) =>
    orgId === ctx.actors.coordinator.organisationId
      ? ctx.actors.coordinator.userId
      : (ctx.actors.stationUserOf.get(orgs.find((o) => o.id === orgId && o.kind === 'station')?.townshipId ?? -1) ??
        null);
  let n = 0;
  for (const [i, e] of recorded.entries()) {
    const result = await recordActivity(
      db,
      {
        organisationId: e.organisationId,
        occurredOn: e.occurredOn,
        kind: e.kind,
        serviceDayId: e.serviceDayId,
        shiftId: e.shiftId,
        note: e.note,
        recipientIds: e.recipientIds,
        nursingHomeIds: e.nursingHomeIds,
        lines: e.lines.map((l) => ({
          kind: l.kind,
          amountFen: fen.get(l) ?? 0,
          goodsName: l.goods?.name ?? null,
          quantity: l.goods?.quantity ?? null,
          unit: l.goods?.unit ?? null,
          serviceKind: l.service?.kind ?? null,
          serviceCentihours: l.service?.centihours ?? 0,
          volunteers: l.service?.volunteers ?? null,
        })),
      },
      {
        idempotencyKey: `demo:${ctx.seed}:${i}`,
        actorUserId: actorOf(e.organisationId),
        now: shanghaiInstant(e.occurredOn, '20:00'),
      },
    );
    if (result.ok) n++;
  }
  return n;
}
