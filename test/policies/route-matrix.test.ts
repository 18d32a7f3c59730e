import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  ledgerLines,
  needs,
  shiftTemplates,
  users,
  volunteerOrganisations,
  volunteers,
} from '../../src/db/schema/index.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { Browser, createTestApp, loginAs } from '../setup/app.js';
import { cash } from '../setup/ledger-fixtures.js';
import { registryFixture, roleBrowsers } from '../setup/registry.js';
import { addShift } from '../setup/shifts.js';
import { matrix, WHO, type Who } from './route-matrix.js';

const FULL_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;
// Caregivers' mobiles of the fixture's recipients (volunteers' own numbers are their coordinators' to see).
const CAREGIVER_MOBILES = ['13812345678', '13987654321'];

describe('authorization over every route', () => {
  it('answers every route × role × own/foreign record as written down, and no route is missing', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const recorded = await recordActivity(
      t.database.db,
      {
        organisationId: f.orgA.id,
        occurredOn: '2026-11-24',
        kind: 'home_visit',
        serviceDayId: null,
        shiftId: null,
        note: null,
        recipientIds: [f.rx.id],
        nursingHomeIds: [],
        lines: [cash(50_000)],
      },
      { idempotencyKey: 'matrix-activity', actorUserId: null, now: t.clock.now() },
    );
    if (!recorded.ok) throw new Error('fixture activity not recorded');
    const line = await t.database.db.select().from(ledgerLines).get();
    const throwaway = await loginAs(t, 'volunteer', { username: 'throwaway' });
    const browsers: Record<Who, Browser> = { anonymous: new Browser(t), ...(await roleBrowsers(t, f)) };
    // A need found on a visit in township X, recorded the way a station records it.
    const visit = await browsers.stationX.post(`/visits/recipients/${f.rx.id}`, {
      visitedOn: '2026-11-20',
      kind: 'home_visit',
      visitorKind: 'station_worker',
      outcome: 'visited',
      needCategory: 'food',
      needUrgency: 'normal',
      needText: '缺米',
    });
    expect(visit.status).toBe(303);
    const need = await t.database.db.select().from(needs).get();
    const [vol] = await t.database.db
      .insert(volunteers)
      .values({
        name: '志愿者甲',
        mobile: '13500000001',
        townshipId: f.x.id,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    await t.database.db.insert(volunteerOrganisations).values({ volunteerId: vol.id, organisationId: f.orgA.id });
    // The volunteer role's login is this volunteer; a shift of organisation A in township X, and station X's template.
    const volunteerUser = await t.database.db
      .select()
      .from(users)
      .where(eq(users.role, 'volunteer'))
      .orderBy(desc(users.id))
      .get();
    await t.database.db.update(volunteers).set({ userId: volunteerUser!.id }).where(eq(volunteers.id, vol.id));
    const shift = await addShift(t, f);
    const [template] = await t.database.db
      .insert(shiftTemplates)
      .values({
        organisationId: f.stationX.id,
        title: '上午',
        startTime: '08:30',
        endTime: '12:00',
        capacity: 10,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    const fx = {
      ...f,
      activityId: recorded.id,
      lineId: line!.id,
      throwawayUserId: throwaway.userId,
      needId: need!.id,
      volunteerId: vol.id,
      shiftId: shift.id,
      templateId: template.id,
    };
    const spec = matrix(fx);

    const registered = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
    expect(
      registered.filter((r) => !(r in spec)),
      'routes with no entry in test/policies/route-matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(spec).filter((r) => !registered.includes(r)),
      'entries for routes that no longer exist',
    ).toEqual([]);

    const failures: string[] = [];
    for (const [route, cases] of Object.entries(spec)) {
      for (const c of cases) {
        for (const who of WHO) {
          const b = browsers[who];
          const res = route.startsWith('POST') ? await b.post(c.path, c.form ?? {}) : await b.get(c.path);
          if (res.status !== c.expect[who])
            failures.push(`${route} (${c.path}) as ${who}: expected ${c.expect[who]}, got ${res.status}`);
          if (
            res.status === 302 &&
            who === 'anonymous' &&
            c.expect.anonymous === 302 &&
            !route.includes('/setup') &&
            route !== 'GET /login'
          )
            expect(res.headers.get('location')).toMatch(/^\/login/);
          // Field-level: nothing a volunteer or coordinator can open shows a full ID number or mobile.
          if (['volunteer', 'coordA', 'coordB'].includes(who) && res.status < 400) {
            const body = await res.text();
            if (FULL_ID.test(body) || CAREGIVER_MOBILES.some((m) => body.includes(m)))
              failures.push(`${route} as ${who} shows a full ID number or a caregiver's mobile`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
