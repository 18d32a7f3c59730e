import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { visits } from '../../src/db/schema/index.js';
import { requiredVisits } from '../../src/domain/cadence.js';
import { addDays } from '../../src/domain/dates.js';
import { addRecipient, addTownship } from '../fixtures/recipients.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';

describe('required visits in a window', () => {
  const window = { from: '2026-10-26', to: '2026-11-24' };
  it('asks one visit per interval from the later of the window start and registration', () => {
    expect(requiredVisits('full', window, '2026-01-01')).toBe(30);
    expect(requiredVisits('partial', window, '2026-01-01')).toBe(15);
    expect(requiredVisits('self', window, '2026-01-01')).toBe(5); // 30 days: weeks starting 26 Oct, 2, 9, 16, 23 Nov
    expect(requiredVisits('partial', window, '2026-11-15')).toBe(5); // 10 days
    expect(requiredVisits('full', window, '2026-11-24')).toBe(1);
    expect(requiredVisits('full', window, '2026-11-25')).toBe(0);
    expect(requiredVisits('self', window, '2026-01-01', { full: 1, partial: 2, self: 3 })).toBe(10);
  });
});

describe('compliance page', () => {
  let t: TestApp;
  let east: number;
  let west: number;

  // The clock reads 2026-11-24 10:00 in Shanghai: the window is 26 Oct – 24 Nov.
  beforeEach(async () => {
    t = await createTestApp();
    east = await addTownship(t, '易俗河镇');
    west = await addTownship(t, '花石镇');
    const old = new Date('2026-10-01T02:00:00Z');
    const full = await addRecipient(t, { name: '王全失', townshipId: east, careLevel: 'full', registered: old });
    const self = await addRecipient(t, { name: '李自理', townshipId: east, careLevel: 'self', registered: old });
    const partial = await addRecipient(t, {
      name: '赵半失',
      townshipId: west,
      careLevel: 'partial',
      registered: new Date('2026-11-15T02:00:00Z'),
    });
    const base = { kind: 'home_visit' as const, visitorKind: 'village_doctor' as const, createdAt: t.clock.now() };
    const on = (recipientId: number, visitedOn: string, outcome: 'visited' | 'not_home' = 'visited') => ({
      ...base,
      recipientId,
      visitedOn,
      outcome,
    });
    await t.database.db.insert(visits).values([
      // 15 days of visits to the fully disabled (two on one day count once) and one before the window.
      ...Array.from({ length: 15 }, (_, i) => on(full, addDays('2026-11-24', -2 * i))),
      on(full, '2026-11-24'),
      on(full, '2026-10-20'),
      // The self-caring: 7 visits, only 5 required.
      ...Array.from({ length: 7 }, (_, i) => on(self, addDays('2026-11-24', -3 * i))),
      on(partial, '2026-11-16'),
      on(partial, '2026-11-20'),
      on(partial, '2026-11-22', 'not_home'),
    ]);
  });

  it("shows the county each township's share of required visits made, with a chart", async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const res = await browser.get('/visits/compliance');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026-10-26 至 2026-11-24');
    // 易俗河镇: required 30 + 5, made 15 + 5 → 57.1 %. 花石镇: required 5, made 2 → 40.0 %.
    expect(html).toMatch(
      new RegExp(`data-township="${east}"><td>易俗河镇</td><td>2</td><td>35</td><td>20</td><td>57.1%</td>`),
    );
    expect(html).toMatch(
      new RegExp(`data-township="${west}"><td>花石镇</td><td>1</td><td>5</td><td>2</td><td>40.0%</td>`),
    );
    expect(html).toMatch(/<tfoot><tr><th>全县<\/th><td><\/td><td>40<\/td><td>22<\/td><td>55.0%<\/td>/);
    expect(html).toMatch(/<img src="data:image\/svg\+xml;charset=utf-8,[^"]+" alt="各乡镇近 30 天/);
  });

  it('shows a station its own township only', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: west });
    const html = await (await browser.get('/visits/compliance')).text();
    expect(html).toContain('40.0%');
    expect(html).not.toContain('易俗河镇');
  });

  it('puts the chart on the county dashboard, reused for five minutes while the compliance page stays live', async () => {
    const { browser: admin } = await loginAs(t, 'county_admin');
    const chartOf = (html: string) => /<figure id="dashboard-compliance"><img src="([^"]+)"/.exec(html)?.[1];
    const first = chartOf(await (await admin.get('/')).text());
    expect(first).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(first!)).toContain('易俗河镇');
    const { browser: station } = await loginAs(t, 'station_staff', { townshipId: west });
    expect(chartOf(await (await station.get('/')).text())).toBeUndefined();

    // Two more visits to 花石镇's recipient: the page shows them at once, the dashboard after its five minutes.
    const [r] = await t.database.db
      .select({ id: visits.recipientId })
      .from(visits)
      .where(eq(visits.outcome, 'not_home'));
    await t.database.db.insert(visits).values(
      ['2026-11-18', '2026-11-24'].map((visitedOn) => ({
        recipientId: r.id,
        visitedOn,
        kind: 'home_visit' as const,
        visitorKind: 'village_doctor' as const,
        outcome: 'visited' as const,
        createdAt: t.clock.now(),
      })),
    );
    expect(await (await admin.get('/visits/compliance')).text()).toContain('80.0%');
    expect(chartOf(await (await admin.get('/')).text())).toBe(first);
    t.clock.advance(5 * 60 * 1000 + 1000);
    const later = chartOf(await (await admin.get('/')).text());
    expect(later).not.toBe(first);
  });
});
