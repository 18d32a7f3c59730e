import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptByCounter } from '../../src/db/data-versions.js';
import { dataVersions, organisations, townships } from '../../src/db/schema/index.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { registryFixture, roleBrowsers } from '../setup/registry.js';

// The counters the database moves itself (migration 0027), and the copies kept by them (decision 0247): checked on
// a real file, through the app's own pages where a person would see a stale name.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.database.close());

const counter = async (name: string) =>
  Number((await t.database.db.select().from(dataVersions).where(eq(dataVersions.name, name)))[0].version);

describe('data versions', () => {
  it('moves `places` with every change to organisations and townships, and `registers` not at all', async () => {
    const places = await counter('places');
    const registers = await counter('registers');
    const f = await registryFixture(t);
    const db = t.database.db;
    const [{ n: orgs }] = await db.all<{ n: number }>(sql`select count(*) as n from organisations`);
    const [{ n: towns }] = await db.all<{ n: number }>(sql`select count(*) as n from townships`);
    // One step a row the fixture wrote into either table.
    expect(await counter('places')).toBe(places + Number(orgs) + Number(towns));
    const before = await counter('places');
    await db.update(organisations).set({ name: '新名字社工' }).where(eq(organisations.id, f.orgA.id));
    await db.update(townships).set({ name: '新镇' }).where(eq(townships.id, f.y.id));
    expect(await counter('places')).toBe(before + 2);
    // The fixture's recipients moved the other counter; organisations and townships did not.
    expect(await counter('registers')).toBeGreaterThan(registers);
    const registersNow = await counter('registers');
    await db.update(organisations).set({ name: '又一个名字' }).where(eq(organisations.id, f.orgA.id));
    expect(await counter('registers')).toBe(registersNow);
  });

  it('reads once per value of the counter, again after any change, and keeps no failed read', async () => {
    const db = t.database.db;
    let reads = 0;
    const read = async () => {
      reads++;
      return (await db.select({ name: townships.name }).from(townships)).map((r) => r.name);
    };
    const first = await keptByCounter(db, 'places', 'test', read);
    expect(await keptByCounter(db, 'places', 'test', read)).toBe(first);
    expect(reads).toBe(1);
    await db.insert(townships).values({ name: '第三镇', createdAt: t.clock.now() });
    const after = await keptByCounter(db, 'places', 'test', read);
    expect(reads).toBe(2);
    expect(after).toContain('第三镇');
    // Another key is its own copy.
    await keptByCounter(db, 'places', 'other', read);
    expect(reads).toBe(3);
    // A read that fails is not kept: the next call reads again.
    const failing = () => Promise.reject(new Error('disk gone'));
    await expect(keptByCounter(db, 'places', 'failing', failing)).rejects.toThrow('disk gone');
    expect(await keptByCounter(db, 'places', 'failing', read)).toContain('第三镇');
    expect(reads).toBe(4);
  });

  it('shows a renamed organisation and a new township in the activity filters at once', async () => {
    const f = await registryFixture(t);
    const as = await roleBrowsers(t, f);
    const page = async () => (await as.admin.get('/activities')).text();
    expect(await page()).toContain(f.orgA.name);
    await t.database.db.update(organisations).set({ name: '改名后的社工站' }).where(eq(organisations.id, f.orgA.id));
    await t.database.db.insert(townships).values({ name: '新设镇', createdAt: t.clock.now() });
    const after = await page();
    expect(after).toContain('改名后的社工站');
    expect(after).not.toContain(`>${f.orgA.name}<`);
    expect(after).toContain('新设镇');
  });
});
