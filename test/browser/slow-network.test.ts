// A volunteer on slow 3G: Chromium's own network emulation through the DevTools protocol
// (400 kbit/s each way, 400 ms round trip), a phone-sized window and an empty cache. What the volunteer sees:
// the first page usable within 3 s, later pages within 1.5 s, a sign-up tap answered at once with a busy button,
// and a sign-up that survives a retry (a stale page's second tap, a lost answer) without a second row.
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { withServerAndBrowser } from '../setup/live.js';
import { type Journeys, logIn, PHONE, seedJourneys } from './journeys.js';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const FIRST_PAGE_MS = 3000;
const LATER_PAGE_MS = 1500;

const live = withServerAndBrowser();
let journeys: Journeys;
beforeAll(async () => {
  journeys = await seedJourneys(live.server);
}, 120_000);

async function slowPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await live.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  return { context, page };
}

/** The browser's own clock for the last navigation: from its start to the end of the load event. */
function loadedMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd;
  });
}

/** Usable: styled by Pico and app.css, enhanced by htmx. */
function usable(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const styled = getComputedStyle(document.body).fontFamily.includes('PingFang SC');
    const button = document.querySelector('button[type="submit"]');
    const pico = button ? getComputedStyle(button).borderRadius !== '0px' : false;
    return styled && pico && 'htmx' in window;
  });
}

async function signups(shiftId: number, volunteerUserName: string) {
  const db = live.server.database.db;
  const [user] = await db.select().from(s.users).where(eq(s.users.username, volunteerUserName));
  const [volunteer] = await db.select().from(s.volunteers).where(eq(s.volunteers.userId, user.id));
  return db
    .select()
    .from(s.shiftSignups)
    .where(and(eq(s.shiftSignups.shiftId, shiftId), eq(s.shiftSignups.volunteerId, volunteer.id)));
}

describe('a volunteer on slow 3G', () => {
  it('opens the first page within 3 s and each later page within 1.5 s', async () => {
    const { context, page } = await slowPhone();
    const base = live.server.url;
    await page.goto(`${base}/login`);
    const first = await loadedMs(page);
    expect(await usable(page)).toBe(true);
    // The emulation is in force: one round trip alone is 400 ms.
    expect(first).toBeGreaterThan(400);
    expect(first).toBeLessThan(FIRST_PAGE_MS);

    await logIn(page, base, journeys.volunteer.username);
    const timings: Record<string, number> = { '/login': first, '/': await loadedMs(page) };
    for (const path of journeys.volunteer.pages.slice(1)) {
      await page.goto(base + path);
      timings[path] = await loadedMs(page);
      expect(await page.locator('main h1').count(), path).toBeGreaterThan(0);
    }
    console.log('slow 3G load times (ms):', timings);
    for (const [path, ms] of Object.entries(timings))
      if (path !== '/login') expect(ms, path).toBeLessThan(LATER_PAGE_MS);
    // The day's list arrived with its households, not an empty shell.
    await page.goto(`${base}/visits/today`);
    expect(await page.locator('ol.households > li').count()).toBeGreaterThan(0);
    await context.close();
  }, 120_000);

  it('shows a tap at once, and a second tap from a stale page or after a lost answer signs up only once', async () => {
    const { context, page } = await slowPhone();
    const base = live.server.url;
    await page.goto(`${base}/login`);
    await logIn(page, base, journeys.volunteer.username);
    const db = live.server.database.db;
    const [shift] = await db.select().from(s.shifts).where(eq(s.shifts.id, journeys.openShiftId));
    const list = `${base}/shifts?date=${shift.date}`;
    // A second tab opened before the sign-up: its button still offers 报名.
    const stale = await context.newPage();
    await stale.goto(list);
    await page.goto(list);

    const card = page.locator(`#shift-${shift.id}`);
    const button = card.getByRole('button', { name: '报名' });
    // The page notes, on the browser's own clock, when the button turns busy.
    await button.evaluate((b) => {
      new MutationObserver(() => {
        if (b.getAttribute('aria-busy') === 'true') (window as { busyAt?: number }).busyAt ??= performance.now();
      }).observe(b, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-busy')).toBe('true');
    expect(await button.isDisabled()).toBe(true);
    expect(await card.locator('.status').count()).toBe(0);
    await expect.poll(() => page.locator(`#shift-${shift.id} .status`).textContent()).toBe('已报名');
    // Busy before the answer's first byte came back (one round trip alone is 400 ms): feedback at once, measured as
    // an order of events on the browser's clock, so a busy machine slowing both does not change the verdict.
    const { busyAt, answeredAt } = await page.evaluate((id) => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/shifts/${id}/signup`)) as
        | PerformanceResourceTiming
        | undefined;
      return { busyAt: (window as { busyAt?: number }).busyAt, answeredAt: entry?.responseStart };
    }, shift.id);
    expect(busyAt).toBeDefined();
    expect(answeredAt).toBeDefined();
    expect(busyAt as number).toBeLessThan(answeredAt as number);
    expect(await signups(shift.id, journeys.volunteer.username)).toHaveLength(1);

    // The stale tab taps again: told it is already done, shown as signed up, nothing written twice.
    const staleCard = stale.locator(`#shift-${shift.id}`);
    await staleCard.getByRole('button', { name: '报名' }).click();
    await expect.poll(() => stale.locator(`#shift-${shift.id} .status`).textContent()).toBe('已报名');
    expect(await stale.locator(`#shift-${shift.id} [role="alert"]`).textContent()).toBe('您已报名该班次。');
    const rows = await signups(shift.id, journeys.volunteer.username);
    expect(rows.map((r) => r.status)).toEqual(['confirmed']);

    // Another shift, and this time the answer is lost on the way back although the server signed them up.
    const [other] = await db
      .select()
      .from(s.shifts)
      .where(and(eq(s.shifts.date, shift.date), eq(s.shifts.townshipId, shift.townshipId)))
      .then((all) => all.filter((x) => x.id !== shift.id));
    await page.route(
      `**/shifts/${other.id}/signup`,
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    const otherCard = page.locator(`#shift-${other.id}`);
    await otherCard.getByRole('button', { name: '报名' }).click();
    await expect
      .poll(() => otherCard.locator('.net-error').textContent())
      .toBe('网络不通，没有收到回复。请稍后再点一次。');
    expect(await signups(other.id, journeys.volunteer.username)).toHaveLength(1);
    // The button is usable again; the second tap gets the real answer and still only one sign-up exists.
    await otherCard.getByRole('button', { name: '报名' }).click();
    await expect.poll(() => page.locator(`#shift-${other.id} .status`).textContent()).toBe('已报名');
    expect((await signups(other.id, journeys.volunteer.username)).map((r) => r.status)).toEqual(['confirmed']);
    await context.close();
  }, 120_000);
});
