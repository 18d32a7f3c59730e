// The summary counted in SQL (src/modules/reports/measures.ts) equals the definition, the pure fold of the facts
// (foldMeasures in src/domain/aid-summary.ts), on random years written through the ledger's own services: activities
// on and off shifts, several households and nursing homes, voids, reversals, counted and uncounted visits, confirmed
// and unconfirmed hours, in every grouping and for the county, a station and a coordinator.

import { fc, it } from '@fast-check/vitest';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect } from 'vitest';
import { ledgerLines, recipients, users } from '../../src/db/schema/index.js';
import { foldMeasures, type GroupKey } from '../../src/domain/aid-summary.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import * as scopes from '../../src/lib/scope.js';
import { type LineInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { voidActivity } from '../../src/modules/ledger/void.js';
import { readFacts } from '../../src/modules/reports/facts.js';
import { measuresByGroup } from '../../src/modules/reports/measures.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, service, township } from '../setup/ledger-fixtures.js';
import { planned, recorder, serviceShift, signup, visit, volunteer } from '../setup/year-fixtures.js';

let t: TestApp;
const towns: number[] = [];
const orgs: { id: number; town: number | null }[] = [];
const homes: number[] = [];
const people: number[] = [];
const recorders: number[] = [];
const vols: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  for (const n of ['甲镇', '乙镇', '丙镇']) towns.push(await township(db, n));
  orgs.push({ id: await organisation(db, '县爱心社', 'social_org', null), town: null });
  orgs.push({ id: await organisation(db, '甲镇志愿队', 'social_org', towns[0]), town: towns[0] });
  orgs.push({ id: await organisation(db, '甲镇社工站', 'station', towns[0]), town: towns[0] });
  orgs.push({ id: await organisation(db, '乙镇社工站', 'station', towns[1]), town: towns[1] });
  homes.push(await organisation(db, '乙镇敬老院', 'nursing_home', towns[1]));
  homes.push(await organisation(db, '丙镇敬老院', 'nursing_home', towns[2]));
  for (let i = 0; i < 6; i++) people.push(await recipient(db, cipher, `户${i}`, towns[i % 3]));
  // A nursing-home resident: a visit to them reaches their home.
  const resident = await recipient(db, cipher, '院民', towns[2], 'institution');
  await db.update(recipients).set({ nursingHomeId: homes[0] }).where(eq(recipients.id, resident));
  people.push(resident);
  recorders.push(await recorder(db, 'volunteer', null), await recorder(db, 'station_staff', towns[1]));
  const coordinator = await recorder(db, 'volunteer', null);
  await db.update(users).set({ role: 'org_coordinator', organisationId: orgs[1].id }).where(eq(users.id, coordinator));
  recorders.push(coordinator);
  for (let i = 0; i < 3; i++) vols.push(await volunteer(db, `志愿者${i}`));
});

const day = fc.record({ month: fc.integer({ min: 1, max: 12 }), date: fc.integer({ min: 1, max: 28 }) });
const line = fc.oneof(
  fc.integer({ min: 1, max: 90_000 }).map((fen): LineInput => ({ ...cash(fen), fundingSource: 'donation' })),
  fc.integer({ min: 1, max: 90_000 }).map((fen): LineInput => goods('米', fen)),
  fc.integer({ min: 25, max: 400 }).map((ch): LineInput => service('打扫卫生', ch, 1)),
);
const activity = fc.record({
  org: fc.nat(3),
  day,
  people: fc.uniqueArray(fc.nat(5), { maxLength: 3 }),
  homes: fc.uniqueArray(fc.nat(1), { maxLength: 2 }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  voided: fc.boolean(),
  reversed: fc.boolean(),
});
const shift = fc.record({
  org: fc.nat(3),
  town: fc.nat(2),
  day,
  planned: fc.uniqueArray(fc.nat(6), { maxLength: 3 }),
  minutes: fc.array(fc.option(fc.integer({ min: 1, max: 300 })), { maxLength: 3 }),
  aid: fc.option(fc.array(line, { minLength: 1, maxLength: 2 })),
});
const loose = fc.record({
  person: fc.nat(6),
  day,
  by: fc.constantFrom('volunteer', 'station_worker', 'watch_home_member') as fc.Arbitrary<
    'volunteer' | 'station_worker' | 'watch_home_member'
  >,
  outcome: fc.constantFrom('visited', 'not_home') as fc.Arbitrary<'visited' | 'not_home'>,
  recorder: fc.nat(2),
});

let year = 2030;
let key = 0;
const GROUPS: GroupKey[] = ['all', 'month', 'organisation', 'township'];

describe('the summary counted in SQL', () => {
  it.prop(
    [fc.array(activity, { maxLength: 6 }), fc.array(shift, { maxLength: 3 }), fc.array(loose, { maxLength: 6 })],
    { numRuns: 25 },
  )('equals the fold of the facts in every grouping and scope', async (acts, shifts, visits) => {
    const db = t.database.db;
    const y = ++year; // each run writes a year of its own
    const on = (d: { month: number; date: number }) =>
      `${y}-${String(d.month).padStart(2, '0')}-${String(d.date).padStart(2, '0')}`;
    const meta = () => ({ idempotencyKey: `p${++key}`, actorUserId: null, now: new Date() });
    for (const a of acts) {
      if (!a.people.length && !a.homes.length) continue;
      const r = await recordActivity(
        db,
        {
          organisationId: orgs[a.org].id,
          occurredOn: on(a.day),
          kind: 'home_visit',
          serviceDayId: null,
          shiftId: null,
          note: null,
          recipientIds: a.people.map((i) => people[i]),
          nursingHomeIds: a.homes.map((i) => homes[i]),
          lines: a.lines,
        },
        meta(),
      );
      if (!r.ok) throw new Error(r.reason);
      if (a.voided) {
        const v = await voidActivity({ db, activityId: r.id, reason: '录错', actorUserId: null, now: new Date() });
        if (!v.ok) throw new Error('void failed');
      } else if (a.reversed) {
        const [first] = await db.select().from(ledgerLines).where(eq(ledgerLines.activityId, r.id));
        const rev = await reverseLine(db, first, null, { reason: '更正', actorUserId: null, now: new Date() });
        if (!rev.ok) throw new Error('reversal failed');
      }
    }
    for (const s of shifts) {
      const made = await serviceShift(db, orgs[s.org].id, towns[s.town], on(s.day));
      for (const p of s.planned) {
        await planned(db, made.planId, vols[0], people[p]);
        await visit(db, { recipientId: people[p], on: on(s.day), by: 'volunteer', recordedBy: recorders[0] });
      }
      for (const [i, m] of s.minutes.entries()) await signup(db, made.shiftId, vols[i], m);
      // Aid names a home-supported household (a nursing-home resident is reached through their home).
      const household = s.planned.find((p) => p < 6);
      if (s.aid && household !== undefined) {
        const r = await recordActivity(
          db,
          {
            organisationId: orgs[s.org].id,
            occurredOn: on(s.day),
            kind: 'home_visit',
            serviceDayId: null,
            shiftId: made.shiftId,
            note: null,
            recipientIds: [people[household]],
            nursingHomeIds: [],
            lines: s.aid,
          },
          meta(),
        );
        if (!r.ok) throw new Error(r.reason);
      }
    }
    for (const v of visits)
      await visit(db, {
        recipientId: people[v.person],
        on: on(v.day),
        by: v.by,
        outcome: v.outcome,
        recordedBy: recorders[v.recorder],
      });

    for (const s of [
      scopes.ALL,
      scopes.township(towns[0]),
      scopes.township(towns[1]),
      scopes.organisation(orgs[0].id),
    ]) {
      const counted = await measuresByGroup(db, y, s);
      const facts = await readFacts(db, y, s);
      for (const g of GROUPS) expect(counted[g]).toEqual(foldMeasures(g, facts));
    }
  });

  it('counts something on a year with facts (the comparison above is not between two empty maps)', async () => {
    const db = t.database.db;
    const y = 2029;
    const r = await recordActivity(
      db,
      {
        organisationId: orgs[1].id,
        occurredOn: `${y}-05-01`,
        kind: 'home_visit',
        serviceDayId: null,
        shiftId: null,
        note: null,
        recipientIds: [people[0], people[1]],
        nursingHomeIds: [homes[1]],
        lines: [cash(12_300)],
      },
      { idempotencyKey: 'nonempty', actorUserId: null, now: new Date() },
    );
    expect(r.ok).toBe(true);
    const counted = await measuresByGroup(db, y, scopes.ALL);
    expect(counted.all.get('all')).toMatchObject({
      assistance_events: 1,
      households_visited: 2,
      nursing_homes_visited: 1,
      organisations_participating: 1,
      cash_fen: 12_300,
    });
    expect(counted.all).toEqual(foldMeasures('all', await readFacts(db, y, scopes.ALL)));
  });
});
