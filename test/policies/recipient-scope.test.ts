import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { navItems } from '../../src/modules/navigation/menu.js';
import type { Browser, TestApp } from '../setup/app.js';
import { cash } from '../setup/ledger-fixtures.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const names = async (b: Browser, path: string) => {
  const res = await b.get(path);
  expect(res.status).toBe(200);
  return res.text();
};

/** Organisation A gives aid to a household: from then on it is one of the households A serves. */
async function orgAServes(recipientId: number) {
  const result = await recordActivity(
    t.database.db,
    {
      organisationId: f.orgA.id,
      occurredOn: '2026-11-20',
      kind: 'home_visit',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: [recipientId],
      nursingHomeIds: [],
      lines: [cash(10_000)],
    },
    { idempotencyKey: `serve-${recipientId}`, actorUserId: null, now: t.clock.now() },
  );
  expect(result.ok).toBe(true);
}

describe('a coordinator reaches only the households the organisation serves', () => {
  it('finds no unassigned household by name or by id, in any township', async () => {
    for (const path of [
      '/activities/recipients?q=张',
      '/activities/recipients?q=李',
      `/activities/recipients?recipientIds=${f.rx.id}&recipientIds=${f.ry.id}`,
    ]) {
      const html = await names(as.coordA, path);
      expect(html).not.toContain(f.rx.name);
      expect(html).not.toContain(f.ry.name);
      expect(html).not.toContain(f.rx.idNumberMasked);
    }
    // The station of the household's township still finds it, and the county finds both.
    expect(await names(as.stationX, '/activities/recipients?q=张')).toContain(f.rx.name);
    expect(await names(as.admin, '/activities/recipients?q=李')).toContain(f.ry.name);
  });

  it('finds a household once the organisation has served it, and another organisation still does not', async () => {
    await orgAServes(f.rx.id);
    expect(await names(as.coordA, '/activities/recipients?q=张')).toContain(f.rx.name);
    expect(await names(as.coordB, '/activities/recipients?q=张')).not.toContain(f.rx.name);
    expect(await names(as.coordA, '/activities/recipients?q=李')).not.toContain(f.ry.name);
  });

  it('does not name a household it does not serve in an aid-history heading', async () => {
    const html = await names(as.coordA, `/activities?recipientId=${f.ry.id}`);
    expect(html).not.toContain(f.ry.name);
  });

  it('refuses to record aid for a household outside its reach, and records it for one it serves', async () => {
    await orgAServes(f.rx.id);
    const before = await t.database.db.$count(s.activities);
    const aid = (key: string, recipientId: number) =>
      as.coordA.post('/activities', {
        idempotencyKey: key.repeat(20),
        organisationId: String(f.orgA.id),
        occurredOn: '2026-11-24',
        kind: 'home_visit',
        recipientIds: [String(recipientId)],
        lineKind: ['cash'],
        lineAmount: ['100'],
      });
    const refused = await aid('o', f.ry.id);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('所选对象不存在或不在您的范围内。');
    expect(await t.database.db.$count(s.activities)).toBe(before);
    expect((await aid('i', f.rx.id)).status).toBe(303);
    expect(await t.database.db.$count(s.activities)).toBe(before + 1);
  });

  it('creates shifts only in the township where the organisation works', async () => {
    const shift = (townshipId: number) =>
      as.coordA.post('/shifts', {
        title: '入户走访',
        date: '2026-12-24',
        startTime: '08:30',
        endTime: '12:00',
        place: '村委会',
        capacity: '4',
        workKind: 'home_visit',
        organisationId: String(f.orgA.id),
        townshipId: String(townshipId),
      });
    expect((await shift(f.y.id)).status).toBe(422);
    expect(await t.database.db.$count(s.shifts, eq(s.shifts.townshipId, f.y.id))).toBe(0);
    expect((await shift(f.x.id)).status).toBe(303);
  });
});

describe('the menu', () => {
  it('offers each role exactly the pages that answer it with 200', async () => {
    const viewers: Record<Exclude<RoleName, 'coordB' | 'stationY'>, Parameters<typeof navItems>[0]> = {
      admin: { id: 1, role: 'county_admin', townshipId: null, organisationId: null } as never,
      stationX: { id: 2, role: 'station_staff', townshipId: f.x.id, organisationId: null } as never,
      coordA: { id: 3, role: 'org_coordinator', townshipId: null, organisationId: f.orgA.id } as never,
      volunteer: { id: 4, role: 'volunteer', townshipId: null, organisationId: null } as never,
    };
    const candidates = navItems(viewers.admin)
      .concat(navItems(viewers.volunteer))
      .map((i) => i.href);
    for (const [who, viewer] of Object.entries(viewers) as [keyof typeof viewers, never][]) {
      const offered = new Set(navItems(viewer).map((i) => i.href));
      for (const href of new Set(candidates)) {
        const status = (await as[who].get(href)).status;
        expect({ who, href, offered: offered.has(href) }).toEqual({ who, href, offered: status === 200 });
      }
    }
  });
});
