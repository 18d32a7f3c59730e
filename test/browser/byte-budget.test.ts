// The byte budget on a village phone: measured from the network in Chromium at 360 px, a first visit
// (empty cache: the login page with every asset, the login, the home page) within 60 KB, every later page within
// 15 KB, and no page wider than the phone.
import { beforeAll, describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../setup/live.js';
import { type Journey, type Journeys, logIn, overflowsPhone, PHONE, seedJourneys, TransferMeter } from './journeys.js';

const FIRST_VISIT = 60 * 1024;
const LATER_PAGE = 15 * 1024;

const live = withServerAndBrowser();
let journeys: Journeys;
beforeAll(async () => {
  journeys = await seedJourneys(live.server);
}, 120_000);

async function walk(journey: Journey) {
  const base = live.server.url;
  const context = await live.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const meter = await TransferMeter.attach(context, page);
  const report: string[] = [];
  const overflowing: string[] = [];

  await page.goto(`${base}/login`);
  await logIn(page, base, journey.username);
  await meter.settle();
  const first = { bytes: meter.bytes, detail: meter.requests.map((r) => `${r.url} ${r.bytes}`) };
  report.push(`first visit (login + ${journey.pages[0]}): ${meter.kib()} KiB`);
  if (await overflowsPhone(page)) overflowing.push(journey.pages[0]);

  const later: { path: string; bytes: number }[] = [];
  for (const path of journey.pages.slice(1)) {
    meter.reset();
    const res = await page.goto(base + path);
    expect(res?.status(), path).toBe(200);
    await meter.settle();
    later.push({ path, bytes: meter.bytes });
    report.push(`${path}: ${meter.kib()} KiB (${meter.requests.length} requests)`);
    if (await overflowsPhone(page)) overflowing.push(path);
  }
  await context.close();
  console.log(`${journey.role}\n  ${report.join('\n  ')}`);
  return { first, later, overflowing };
}

describe('a phone on its first and later visits', () => {
  for (const who of ['volunteer', 'station', 'member'] as const) {
    it(`the ${who}'s journey stays within 60 KB first and 15 KB a page after, at 360 px`, async () => {
      const { first, later, overflowing } = await walk(journeys[who]);
      // The measurement sees the assets: a first visit without them would mean the meter counts nothing.
      expect(first.detail.some((d) => d.startsWith('/static/pico-'))).toBe(true);
      expect(first.bytes, first.detail.join('\n')).toBeLessThanOrEqual(FIRST_VISIT);
      expect(first.bytes).toBeGreaterThan(10 * 1024);
      for (const p of later) {
        expect(p.bytes, p.path).toBeLessThanOrEqual(LATER_PAGE);
        expect(p.bytes, `${p.path} came from the network`).toBeGreaterThan(0);
      }
      expect(overflowing).toEqual([]);
    }, 120_000);
  }
});
