// The dashboard's cards, read from one statement (decision 0225), against counts made by hand from the rows: the
// county and each station see their own registers; exited recipients and resolved needs are not counted.

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditLog,
  dataVersions,
  needs,
  recipients,
  volunteerOrganisations,
  volunteers,
} from '../../src/db/schema/index.js';
import { maskMobile } from '../../src/domain/mobile.js';
import { unpacked } from '../setup/packed.js';
import { placedIn, registryApp, storedIdNumber, testIdNumber } from '../setup/registry.js';

let w: Awaited<ReturnType<typeof registryApp>>;
beforeEach(async () => {
  w = await registryApp();
});

type Place = 'x' | 'y';
// Besides the fixture's two home-supported, active, signed recipients (张老汉 in X, 李奶奶 in Y).
const PEOPLE: { name: string; at: Place; mode: 'home' | 'institution'; active: boolean; needs: string[] }[] = [
  { name: '丙一', at: 'x', mode: 'home', active: true, needs: ['open', 'assigned', 'resolved'] },
  { name: '丙二', at: 'x', mode: 'institution', active: true, needs: ['open'] },
  { name: '丙三', at: 'x', mode: 'home', active: false, needs: ['open'] },
  { name: '丁一', at: 'y', mode: 'home', active: true, needs: ['resolved'] },
  { name: '丁二', at: 'y', mode: 'institution', active: false, needs: [] },
];
const VOLUNTEERS: { at: Place; status: 'active' | 'pending' | 'inactive' }[] = [
  { at: 'x', status: 'active' },
  { at: 'x', status: 'pending' },
  { at: 'x', status: 'pending' },
  { at: 'x', status: 'inactive' },
  { at: 'y', status: 'active' },
  { at: 'y', status: 'active' },
];

async function seed() {
  const { t, f } = w;
  const db = t.database.db;
  const now = t.clock.now();
  let seq = 700;
  for (const p of PEOPLE) {
    const id = testIdNumber('19450101', seq++);
    const [r] = await db
      .insert(recipients)
      .values({
        name: p.name,
        ...(await storedIdNumber(f, id)),
        ...placedIn(f, p.at, p.mode),
        gender: 'F',
        careLevel: 'self',
        status: p.active ? 'active' : 'exited',
        exitReason: p.active ? null : '迁出',
        exitedOn: p.active ? null : '2026-10-01',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    for (const status of p.needs)
      await db.insert(needs).values({
        recipientId: r.id,
        category: 'food',
        text: '需要帮助',
        status: status as 'open',
        openedOn: '2026-11-01',
        createdAt: now,
        updatedAt: now,
      });
  }
  for (const [i, v] of VOLUNTEERS.entries()) {
    const mobile = `1390000${String(1000 + i)}`;
    await db.insert(volunteers).values({
      name: `志愿者${i}`,
      mobileEnc: await f.cipher.encrypt(mobile),
      mobileHash: f.cipher.lookupHash(mobile),
      mobileMasked: maskMobile(mobile),
      keyVersion: 1,
      townshipId: f[v.at].id,
      status: v.status,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** What a person counting the rows above would write on each card, for the county or one township. */
function handCount(at?: Place) {
  const people = [
    ...PEOPLE,
    { name: '张老汉', at: 'x', mode: 'home', active: true, needs: [] },
    { name: '李奶奶', at: 'y', mode: 'home', active: true, needs: [] },
  ].filter((p) => !at || p.at === at);
  const active = people.filter((p) => p.active);
  const vols = VOLUNTEERS.filter((v) => !at || v.at === at);
  return {
    '/recipients': active.length,
    '/visits/overdue': active.filter((p) => p.mode === 'home').length,
    // Open and assigned needs of the scope's households, whatever the household's status.
    '/needs': people.flatMap((p) => p.needs).filter((s) => s !== 'resolved').length,
    '/volunteers': vols.filter((v) => v.status === 'active').length,
    '/volunteers?status=pending': vols.filter((v) => v.status === 'pending').length,
  };
}

function card(html: string, href: string): number {
  const m = new RegExp(`<a href="${href.replace(/[?]/g, '\\?')}" class="stat[^"]*">(\\d+)</a>`).exec(html);
  expect(m, `card ${href}`).not.toBeNull();
  return Number(m![1]);
}

describe('dashboard cards', () => {
  it('show the county and each station the counts of their own registers, as counted by hand', async () => {
    await seed();
    for (const [who, at] of [
      ['admin', undefined],
      ['stationX', 'x'],
      ['stationY', 'y'],
    ] as const) {
      const html = await (await w.as[who].get('/')).text();
      const expected = handCount(at);
      const shown = Object.fromEntries(Object.keys(expected).map((href) => [href, card(html, href)]));
      expect(shown, who).toEqual(expected);
    }
    // The figures are not all equal by accident: the county and the two stations differ.
    expect(handCount()).not.toEqual(handCount('x'));
    expect(handCount('x')).not.toEqual(handCount('y'));
  });

  it('counts open needs of a township whose only recipients have left, and zeros an empty one', async () => {
    await seed();
    await w.t.database.db.update(recipients).set({ status: 'exited', exitReason: '迁出', exitedOn: '2026-10-01' });
    const x = await (await w.as.stationX.get('/')).text();
    expect(card(x, '/recipients')).toBe(0);
    expect(card(x, '/visits/overdue')).toBe(0);
    expect(card(x, '/needs')).toBe(handCount('x')['/needs']);
    expect(card(x, '/volunteers?status=pending')).toBe(2);
  });

  it('sends the figures it read before only while they stand: a new need, volunteer or leaving household shows at once', async () => {
    await seed();
    const br = { 'accept-encoding': 'br' };
    const page = async () => {
      const res = await w.as.stationX.get('/', br);
      expect(res.headers.get('content-encoding')).toBe('br');
      return unpacked(res);
    };
    const first = await page();
    expect(card(first, '/needs')).toBe(handCount('x')['/needs']);
    // Nothing changed: the same bytes as before.
    expect(await page()).toBe(first);
    const db = w.t.database.db;
    const [someone] = await db.select({ id: recipients.id }).from(recipients).where(eq(recipients.name, '丙一'));
    const now = w.t.clock.now();
    await db.insert(needs).values({
      recipientId: someone.id,
      category: 'food',
      text: '新的需要',
      status: 'open',
      openedOn: '2026-11-02',
      createdAt: now,
      updatedAt: now,
    });
    const afterNeed = await page();
    expect(card(afterNeed, '/needs')).toBe(handCount('x')['/needs'] + 1);
    await db.update(volunteers).set({ status: 'active' }).where(eq(volunteers.status, 'pending'));
    const afterVolunteers = await page();
    expect(card(afterVolunteers, '/volunteers?status=pending')).toBe(0);
    expect(card(afterVolunteers, '/volunteers')).toBe(handCount('x')['/volunteers'] + 2);
    // A household leaves: the county's and the station's counts both drop at once.
    const countyBefore = card(await unpacked(await w.as.admin.get('/', br)), '/recipients');
    await db
      .update(recipients)
      .set({ status: 'exited', exitReason: '迁出', exitedOn: '2026-11-03' })
      .where(eq(recipients.id, someone.id));
    const afterExit = await page();
    expect(card(afterExit, '/recipients')).toBe(handCount('x')['/recipients'] - 1);
    expect(card(afterExit, '/visits/overdue')).toBe(handCount('x')['/visits/overdue'] - 1);
    expect(card(await unpacked(await w.as.admin.get('/', br)), '/recipients')).toBe(countyBefore - 1);
    // Another station's page is its own, never this one's.
    const y = await unpacked(await w.as.stationY.get('/', br));
    expect(card(y, '/needs')).toBe(handCount('y')['/needs']);
  });

  it('keeps a counter the database moves with every change to the registers the cards count, and nothing else', async () => {
    const db = w.t.database.db;
    const version = async () =>
      Number((await db.select().from(dataVersions).where(eq(dataVersions.name, 'registers')))[0].version);
    const start = await version();
    await seed();
    // Five recipients, six needs, six volunteers: one step each.
    expect(await version()).toBe(start + PEOPLE.length + PEOPLE.flatMap((p) => p.needs).length + VOLUNTEERS.length);
    const before = await version();
    await db.update(needs).set({ status: 'resolved' }).where(eq(needs.status, 'open'));
    const openNeeds = PEOPLE.flatMap((p) => p.needs).filter((n) => n === 'open').length;
    expect(await version()).toBe(before + openNeeds);
    await db.delete(volunteers).where(eq(volunteers.status, 'inactive'));
    expect(await version()).toBe(before + openNeeds + 1);
    // A volunteer joining an organisation moves it too (a coordinator's cards count through that link).
    const [someone] = await db.select({ id: volunteers.id }).from(volunteers).limit(1);
    await db.insert(volunteerOrganisations).values({ volunteerId: someone.id, organisationId: w.f.orgA.id });
    expect(await version()).toBe(before + openNeeds + 2);
    // A write elsewhere (the audit log) leaves it where it was.
    await db.insert(auditLog).values({ at: w.t.clock.now(), action: 'test', entity: 'nothing' });
    expect(await version()).toBe(before + openNeeds + 2);
  });

  it('shows a coordinator the volunteers card only, no register of recipients', async () => {
    await seed();
    // Two of the county's volunteers serve organisation A, one active and one pending.
    const db = w.t.database.db;
    const rows = await db.select({ id: volunteers.id, status: volunteers.status }).from(volunteers);
    const mine = ['active', 'pending'].map((s) => rows.find((v) => v.status === s)!.id);
    await db
      .insert(volunteerOrganisations)
      .values(mine.map((volunteerId) => ({ volunteerId, organisationId: w.f.orgA.id })));
    const html = await (await w.as.coordA.get('/')).text();
    expect(html).not.toContain('href="/recipients"');
    expect(html).not.toContain('href="/needs"');
    expect(card(html, '/volunteers')).toBe(1);
    expect(card(html, '/volunteers?status=pending')).toBe(1);
    // A second pending volunteer joins the organisation: the card counts them at once.
    const another = rows.find((v) => v.status === 'pending' && !mine.includes(v.id))!.id;
    await db.insert(volunteerOrganisations).values({ volunteerId: another, organisationId: w.f.orgA.id });
    const after = await (await w.as.coordA.get('/')).text();
    expect(card(after, '/volunteers?status=pending')).toBe(2);
    expect(card(after, '/volunteers')).toBe(1);
  });
});
