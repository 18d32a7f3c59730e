import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { careUnitVillages, organisations, stationTasks, visits } from '../../src/db/schema/index.js';
import { addDays } from '../../src/domain/dates.js';
import { addRecipient, addTownship, addVillage } from '../fixtures/recipients.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';

const row = (cells: (string | number)[]) => cells.map((c) => `<td>${c}</td>`).join('');

describe('monthly compliance page', () => {
  let t: TestApp;
  let east: number;
  let west: number;
  const ids: Record<string, number> = {};
  let village: number;

  // The clock reads 2026-11-24 10:00 in Shanghai: November is judged from the 1st to the 23rd (23 days).
  beforeEach(async () => {
    t = await createTestApp();
    east = await addTownship(t, '易俗河镇');
    west = await addTownship(t, '花石镇');
    village = await addVillage(t, east, '金桥村');
    const old = new Date('2026-10-01T02:00:00Z');
    ids.daily = await addRecipient(t, {
      name: '王全失',
      townshipId: east,
      villageId: village,
      careLevel: 'full',
      registered: old,
    });
    ids.weekOne = await addRecipient(t, { name: '李自理', townshipId: east, careLevel: 'self', registered: old });
    ids.weekly = await addRecipient(t, { name: '张自理', townshipId: east, careLevel: 'self', registered: old });
    ids.partial = await addRecipient(t, {
      name: '赵半失',
      townshipId: west,
      careLevel: 'partial',
      registered: new Date('2026-11-15T02:00:00Z'),
    });
    ids.today = await addRecipient(t, {
      name: '孙全失',
      townshipId: west,
      careLevel: 'full',
      registered: t.clock.now(),
    });
    await addRecipient(t, {
      name: '周集中',
      townshipId: east,
      careLevel: 'full',
      supportMode: 'institution',
      registered: old,
    });
    const on = (recipientId: number, visitedOn: string, outcome: 'visited' | 'not_home' = 'visited') => ({
      recipientId,
      visitedOn,
      outcome,
      kind: 'home_visit' as const,
      visitorKind: 'watch_home_member' as const,
      createdAt: t.clock.now(),
    });
    const novemberDays = Array.from({ length: 23 }, (_, i) => addDays('2026-11-01', i));
    await t.database.db.insert(visits).values([
      // Every day but the 10th (not at home that day), the 5th twice, and today (not judged yet).
      ...novemberDays.filter((d) => d !== '2026-11-10').map((d) => on(ids.daily, d)),
      on(ids.daily, '2026-11-05'),
      on(ids.daily, '2026-11-10', 'not_home'),
      on(ids.daily, '2026-11-24'),
      // Five times in week one and never after; in October too.
      ...['01', '02', '03', '04', '05'].map((d) => on(ids.weekOne, `2026-11-${d}`)),
      ...['01', '02', '03', '04', '05'].map((d) => on(ids.weekOne, `2026-10-${d}`)),
      ...['06', '13', '20'].map((d) => on(ids.weekly, `2026-11-${d}`)),
      ...['16', '18', '20', '22'].map((d) => on(ids.partial, `2026-11-${d}`)),
    ]);
  });

  it("shows the county each township's month and the households kept, with a chart on a 0–100 % axis", async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const res = await browser.get('/visits/compliance');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026-11-01 至 2026-11-23（本月进行中');
    // 易俗河镇: daily 23 required / 22 made (gap 1, not kept); week-one 3 / 3 (gap 18, not kept); weekly 3 / 3
    // (longest gap 6, kept) → 29 required, 28 made (96.6 %), 1 of 3 kept (33.3 %). The institution resident is not
    // a household. 花石镇: 赵半失 from the 15th, 9 days ÷ 2 → 4 required, 4 made, kept; 孙全失 registered today is not
    // due yet. County: 4 households, 33 required, 32 made (97.0 %), 2 kept (50.0 %).
    expect(html).toContain(
      `data-township="${east}"><td><a href="/visits/compliance?month=2026-11&amp;township=${east}">易俗河镇</a></td>${row([3, 29, 28, '96.6%', 1, '33.3%'])}`,
    );
    expect(html).toContain(`>花石镇</a></td>${row([1, 4, 4, '100.0%', 1, '100.0%'])}`);
    expect(html).toContain(`<tfoot><tr><th>全县</th>${row([4, 33, 32, '97.0%', 2, '50.0%'])}`);
    const chart = /<img src="(data:image\/svg\+xml;charset=utf-8,[^"]+)" alt="各乡镇本月达标户/.exec(html)?.[1];
    const svg = decodeURIComponent(chart!);
    expect(svg).toContain('>100<'); // the axis tops out at 100 % whatever the figures
    expect(svg).toContain('易俗河镇');
  });

  it('lists one township household by household, the ones not kept first (longest gap first)', async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const html = await (await browser.get(`/visits/compliance?month=2026-11&township=${east}`)).text();
    expect(html).toContain('易俗河镇：各户情况');
    const table = html.slice(html.indexOf('id="compliance-households"'));
    const order = [...table.matchAll(/data-recipient="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([ids.weekOne, ids.daily, ids.weekly]);
    expect(table).toContain(
      `<a href="/recipients/${ids.daily}">王全失</a></td>${row(['金桥村', '全失能', 23, 22, 1, '未达标'])}`,
    );
    expect(table).toContain(`>李自理</a></td>${row(['—', '全自理', 3, 5, 18, '未达标'])}`);
    expect(table).toContain(`>张自理</a></td>${row(['—', '全自理', 3, 3, 6, '达标'])}`);
  });

  it("gives the chosen township's figures per 守望之家, and leaves out a household whose exit task is open", async () => {
    const [unit] = await t.database.db
      .insert(organisations)
      .values({
        name: '金桥守望之家',
        kind: 'care_unit',
        townshipId: east,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    await t.database.db.insert(careUnitVillages).values({ unitId: unit.id, villageId: village });
    const { browser } = await loginAs(t, 'county_admin');
    const html = await (await browser.get(`/visits/compliance?month=2026-11&township=${east}`)).text();
    const units = html.slice(html.indexOf('id="compliance-units"'), html.indexOf('id="compliance-households"'));
    // 金桥村's daily household is the unit's: 23 required, 22 made, not kept. The two others have no unit.
    expect(units).toContain(`data-unit="${unit.id}"><td>金桥守望之家</td>${row([1, 23, 22, '95.7%', 0, '0.0%'])}`);
    expect(units).toContain(`data-unit="0"><td>（未纳入守望之家）</td>${row([2, 6, 6, '100.0%', 1, '50.0%'])}`);

    // 李自理 reported deceased on a visit: until the station closes the task, no visits are required of anyone.
    const [visit] = await t.database.db.select().from(visits).where(eq(visits.recipientId, ids.weekOne)).limit(1);
    await t.database.db.insert(stationTasks).values({
      recipientId: ids.weekOne,
      townshipId: east,
      visitId: visit.id,
      kind: 'exit',
      openedOn: '2026-11-05',
      createdAt: t.clock.now(),
    });
    const after = await (await browser.get(`/visits/compliance?month=2026-11&township=${east}`)).text();
    expect(after).toContain(`>易俗河镇</a></td>${row([2, 26, 25, '96.2%', 1, '50.0%'])}`);
    expect(after).not.toContain(`data-recipient="${ids.weekOne}"`);
  });

  it('shows a finished month whole, and the township without anyone due with dashes', async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const html = await (await browser.get('/visits/compliance?month=2026-10')).text();
    expect(html).toContain('统计区间：2026-10-01 至 2026-10-31</p>');
    // October, 31 days: daily 31 / 0; week-one 4 required, 5 days (4 count), gap 26; weekly 4 / 0 → 39, 4, 0 kept.
    expect(html).toContain(`>易俗河镇</a></td>${row([3, 39, 4, '10.3%', 0, '0.0%'])}`);
    expect(html).toContain(`>花石镇</a></td>${row([0, 0, 0, '—', 0, '—'])}`);
  });

  it('shows a station its own township, households included', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: west });
    const html = await (await browser.get(`/visits/compliance?township=${east}`)).text();
    expect(html).toContain(`>花石镇</a></td>${row([1, 4, 4, '100.0%', 1, '100.0%'])}`);
    expect(html).not.toContain('易俗河镇');
    expect(html).toContain(`>赵半失</a></td>${row(['—', '半失能', 4, 4, 1, '达标'])}`);
    expect(html).toContain(`>孙全失</a></td>${row(['—', '全失能', 0, 0, 0, '—'])}`);
  });

  it('refuses a malformed or future month with a message and shows the current month', async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const bad = await browser.get('/visits/compliance?month=2026-13');
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('月份格式应为 年-月');
    expect(badHtml).toContain('2026-11-01 至 2026-11-23');
    const future = await browser.get('/visits/compliance?month=2027-01');
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('2027-01 尚未开始');
    await browser.post('/lang', { locale: 'en', back: '/' });
    const en = await browser.get('/visits/compliance?month=x');
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('Write the month as year-month');
  });

  it('puts the chart on the county dashboard, reused for five minutes while the compliance page stays live', async () => {
    const { browser: admin } = await loginAs(t, 'county_admin');
    const chartOf = (html: string) => /<figure id="dashboard-compliance"><img src="([^"]+)"/.exec(html)?.[1];
    const first = chartOf(await (await admin.get('/')).text());
    expect(first).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(first!)).toContain('易俗河镇');
    const { browser: station } = await loginAs(t, 'station_staff', { townshipId: west });
    expect(chartOf(await (await station.get('/')).text())).toBeUndefined();

    // The week-one household visited on the 12th and 19th: its longest gap falls to 6 days, kept at once on the page.
    await t.database.db.insert(visits).values(
      ['2026-11-12', '2026-11-19'].map((visitedOn) => ({
        recipientId: ids.weekOne,
        visitedOn,
        kind: 'home_visit' as const,
        visitorKind: 'watch_home_member' as const,
        outcome: 'visited' as const,
        createdAt: t.clock.now(),
      })),
    );
    expect(await (await admin.get('/visits/compliance')).text()).toContain(
      `>易俗河镇</a></td>${row([3, 29, 28, '96.6%', 2, '66.7%'])}`,
    );
    expect(chartOf(await (await admin.get('/')).text())).toBe(first);
    t.clock.advance(5 * 60 * 1000 + 1000);
    expect(chartOf(await (await admin.get('/')).text())).not.toBe(first);
  });
});
