// WCAG 2.1 AA on every page the journeys visit, for every role: axe-core from npm, injected by
// @axe-core/playwright into the real pages at 360 px; zero serious or critical violations. Then what axe cannot
// judge alone: form errors announced, the keyboard alone signs a volunteer up, and text at 200 % still fits.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withServerAndBrowser } from '../setup/live.js';
import { type Journey, type Journeys, logIn, PHONE, seedJourneys } from './journeys.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const live = withServerAndBrowser();
let journeys: Journeys;
beforeAll(async () => {
  journeys = await seedJourneys(live.server);
}, 120_000);

/** The serious and critical WCAG 2.1 AA violations on the page as it stands, one line each. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  // axe ran its rules: a page it could not inspect would pass silently.
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${[...n.any, ...n.all].map((c) => c.message).join('; ')}`,
      ),
    );
}

async function visitAll(journey: Journey, extra: string[] = []) {
  const base = live.server.url;
  const context = await live.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const found: Record<string, string[]> = {};
  await page.goto(`${base}/login`);
  found['/login'] = await violations(page);
  await logIn(page, base, journey.username);
  for (const path of [...journey.pages, ...extra]) {
    if (path !== '/') expect((await page.goto(base + path))?.status(), path).toBe(200);
    found[path] = await violations(page);
    if (path !== '/') continue;
    // The phone menu open too (the same menu on every page of the role), as the eye sees it once Pico's
    // fade-in has run: mid-fade the links are still pale.
    await page.locator('summary', { hasText: '菜单' }).click();
    await page.waitForFunction(() => document.getAnimations().length === 0);
    found['/ (menu open)'] = await violations(page);
  }
  await context.close();
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0));
}

describe('WCAG 2.1 AA (axe-core) on every journey page', () => {
  it('the volunteer', async () => {
    expect(await visitAll(journeys.volunteer, ['/account'])).toEqual({});
  }, 180_000);
  it('the station', async () => {
    expect(await visitAll(journeys.station, ['/shifts/new', `/visits/recipients/${journeys.recipientId}/new`])).toEqual(
      {},
    );
  }, 240_000);
  it('the 守望之家 member: the day of care visits and the question before a death is recorded', async () => {
    expect(await visitAll(journeys.member)).toEqual({});
  });
  it('the organisation coordinator', async () => {
    expect(await visitAll(journeys.coordinator)).toEqual({});
  }, 180_000);
  it('the county administrator', async () => {
    expect(
      await visitAll(journeys.admin, ['/admin/users/new', '/visits/cadence', '/organisations/new', '/care-units/new']),
    ).toEqual({});
  }, 240_000);
});

describe('what axe cannot judge alone', () => {
  it('a refused form says so: the banner is an alert and each field names its error and hint', async () => {
    const base = live.server.url;
    const context = await live.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await logIn(page, base, journeys.admin.username);
    await page.goto(`${base}/admin/users/new`);
    await page.getByLabel('姓名').fill('新同事');
    await page.getByLabel('用户名').fill('xintongshi');
    await page.getByLabel('密码').fill('short');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/admin/users` && r.request().method() === 'POST'),
      page.getByRole('button', { name: '新建', exact: true }).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').first().textContent()).toContain('表单有误');
    const password = page.locator('#f-password');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    const described = await password.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent),
    );
    expect(described).toEqual(['密码至少 8 个字符。', '密码至少 8 个字符。']);
    // The values typed are kept (but never the password), and the fields that were fine are not marked.
    expect(await page.getByLabel('用户名').inputValue()).toBe('xintongshi');
    expect(await page.getByLabel('用户名').getAttribute('aria-invalid')).toBeNull();
    expect(await violations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('the keyboard alone opens the menu, skips to the content and signs a volunteer up', async () => {
    const base = live.server.url;
    const context = await live.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await logIn(page, base, journeys.volunteer.username);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          text: el?.textContent?.trim() ?? '',
          tag: el?.tagName ?? '',
          visible: !!el?.matches(':focus-visible'),
        };
      });
    // The skip link is the first stop, and it shows itself when focused.
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: '跳到正文', tag: 'A', visible: true });
    expect(await page.locator('a.skip').evaluate((a) => a.getBoundingClientRect().left >= 0)).toBe(true);
    // The menu opens from the keyboard and its links are reachable.
    let guard = 0;
    while ((await focused()).tag !== 'SUMMARY' && guard++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('details.menu').getAttribute('open')).toBe('');
    await page.keyboard.press('Tab');
    expect((await focused()).tag).toBe('A');

    await page.goto(`${base}/shifts`);
    const target = `#shift-${journeys.openShiftId}`;
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    guard = 0;
    while (!(await page.evaluate((sel) => !!document.activeElement?.closest(sel), target)) && guard++ < 200)
      await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('报名');
    expect((await focused()).visible).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${target} .status`).textContent()).toBe('已报名');
    // Focus stays in the card that changed, on its new button, so the next Tab goes on from there.
    await expect.poll(() => focused().then((f) => f.text)).toBe('取消报名');
    await context.close();
  }, 60_000);

  it('text at 200 % still fits: no page scrolls sideways on a desktop zoomed to 200 % or at 320 px', async () => {
    const base = live.server.url;
    for (const [who, viewport] of [
      ['volunteer', { width: 640, height: 400 }],
      ['station', { width: 640, height: 400 }],
      ['volunteer', { width: 320, height: 640 }],
      ['station', { width: 320, height: 640 }],
    ] as const) {
      const context = await live.browser.newContext({ viewport, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await logIn(page, base, journeys[who].username);
      const wide: string[] = [];
      for (const path of journeys[who].pages) {
        await page.goto(base + path);
        if (await page.evaluate((w) => document.documentElement.scrollWidth > w, viewport.width)) wide.push(path);
      }
      expect(wide, `${who} at ${viewport.width} px`).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
