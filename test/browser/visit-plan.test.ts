import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { logInAt } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { planJourney } from '../setup/plan-journey.js';

const live = withServerAndBrowser();

describe('a service day, planned and visited', () => {
  it('a coordinator plans and publishes; a volunteer on a phone records an outcome with a need', async () => {
    const { server, browser } = live;
    const db = server.database.db;
    const {
      today,
      shift,
      volunteer: vol,
    } = await planJourney(db, cipherFor(server.config), {
      township: '花石镇',
      village: '花石村',
      organisation: { name: '阳光社工', kind: 'social_org' },
      staff: { username: 'coord', displayName: '协调员', role: 'org_coordinator' },
      volunteer: { name: '小王', mobile: '13700001111', username: 'xiaowang' },
      households: ['周奶奶', '吴爷爷'].map((name, i) => ({
        name,
        idNumber: ['430321194001011234', '430321194202022345'][i],
        address: `花石村${i + 3}组`,
        careLevel: i ? 'self' : 'full',
        careNotes: i ? undefined : '卧床，需协助翻身',
        caregiverName: '女儿',
        caregiverMobile: '13912345678',
        // 周奶奶 has waited longer for a service-day visit: the coverage rule puts her first (decision 0165).
        registeredDaysAgo: i ? 20 : 40,
      })),
    });

    const problems: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(err.message));
    };

    // The coordinator, at a desk: roster → plan → publish.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const coordPage = await desk.newPage();
    coordPage.setDefaultTimeout(8000);
    watch(coordPage);
    await logInAt(coordPage, live.server.url, 'coord');
    await coordPage.goto(`${server.url}/shifts/${shift.id}`);
    await coordPage.getByRole('link', { name: '走访计划' }).click();
    await coordPage.getByRole('button', { name: '生成计划' }).click();
    await expect.poll(() => coordPage.locator('.plan-volunteer[data-volunteer] tbody tr').count()).toBe(2);
    // The longest without a service-day visit first: she leads the list.
    expect(await coordPage.locator('.plan-volunteer tbody tr').first().textContent()).toContain('周奶奶');
    await coordPage.getByRole('button', { name: '发布并通知志愿者' }).click();
    await expect.poll(() => coordPage.locator('#plan-status').textContent()).toBe('已发布');
    await coordPage.screenshot({ path: screenshotPath('plan-published'), fullPage: true });
    const notices = await db.select().from(s.outbox).where(eq(s.outbox.volunteerId, vol.id));
    expect(notices).toHaveLength(1);
    await desk.close();

    // The volunteer, on a phone: today's households, record the first with a need.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    page.setDefaultTimeout(8000);
    watch(page);
    await logInAt(page, live.server.url, 'xiaowang');
    await page.locator('summary', { hasText: '菜单' }).click();
    await page.getByRole('link', { name: '今日走访' }).click();
    await page.waitForURL('**/visits/today');
    const households = page.locator('ol.households > li');
    await expect.poll(() => households.count()).toBe(2);
    const first = households.first();
    expect(await first.textContent()).toContain('周奶奶');
    expect(await first.textContent()).toContain('卧床，需协助翻身');
    expect(await first.textContent()).toContain('139****5678');
    expect(await page.content()).not.toContain('13912345678');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await first.getByRole('button', { name: '登记结果' }).click();
    await page.getByLabel('走访结果').selectOption({ label: '已走访' });
    await page.getByLabel('诉求类别').selectOption({ label: '健康' });
    await page.getByLabel('诉求内容').fill('药快吃完了，需要代购降压药');
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.waitForURL('**/visits/today?date=*');
    await expect.poll(() => households.first().locator('.recorded').textContent()).toBe('已登记：已走访');
    await page.screenshot({ path: screenshotPath('today-360'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();

    const [visit] = await db.select().from(s.visits);
    expect(visit).toMatchObject({
      visitedOn: today,
      visitorKind: 'volunteer',
      outcome: 'visited',
      volunteerIds: [vol.id],
    });
    const [need] = await db.select().from(s.needs);
    expect(need).toMatchObject({
      text: '药快吃完了，需要代购降压药',
      category: 'health',
      status: 'open',
      visitId: visit.id,
    });
    expect(problems).toEqual([]);
  }, 60_000);
});
