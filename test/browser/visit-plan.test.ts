import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { storedMobile } from '../setup/mobiles.js';

const live = withServerAndBrowser();

async function login(page: Page, username: string) {
  await page.goto(`${live.server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('a strong password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${live.server.url}/`);
}

describe('a service day, planned and visited', () => {
  it('a coordinator plans and publishes; a volunteer on a phone records an outcome with a need', async () => {
    const { server, browser } = live;
    const db = server.database.db;
    const now = new Date();
    const today = businessDate(now);
    const cipher = cipherFor(server.config);
    const [x] = await db.insert(s.townships).values({ name: '花石镇', createdAt: now }).returning();
    const [village] = await db
      .insert(s.villages)
      .values({ townshipId: x.id, name: '花石村', createdAt: now })
      .returning();
    const [org] = await db
      .insert(s.organisations)
      .values({ name: '阳光社工', kind: 'social_org', townshipId: x.id, createdAt: now, updatedAt: now })
      .returning();
    const coordinator = await createUser(
      { db, passwords: argon2Hasher },
      {
        username: 'coord',
        displayName: '协调员',
        password: 'a strong password',
        role: 'org_coordinator',
        organisationId: org.id,
      },
      now,
    );
    const volunteerUser = await createUser(
      { db, passwords: argon2Hasher },
      { username: 'xiaowang', displayName: '小王', password: 'a strong password', role: 'volunteer' },
      now,
    );
    if (!coordinator.ok || !volunteerUser.ok) throw new Error('users');
    const [vol] = await db
      .insert(s.volunteers)
      .values({
        name: '小王',
        ...(await storedMobile('13700001111')),
        townshipId: x.id,
        userId: volunteerUser.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const ids = ['430321194001011234', '430321194202022345'];
    for (const [i, name] of ['周奶奶', '吴爷爷'].entries()) {
      // 周奶奶 has waited longer for a service-day visit: the coverage rule puts her first (decision 0165).
      const registered = new Date(now.getTime() - (i ? 20 : 40) * 86_400_000);
      await db.insert(s.recipients).values({
        name,
        idNumberEnc: await cipher.encrypt(ids[i]),
        idNumberHash: cipher.lookupHash(ids[i]),
        idNumberMasked: `430321********${ids[i].slice(-4)}`,
        keyVersion: cipher.keyVersion,
        gender: 'F',
        townshipId: x.id,
        villageId: village.id,
        address: `花石村${i + 3}组`,
        supportMode: 'home',
        careLevel: i ? 'self' : 'full',
        careNotes: i ? null : '卧床，需协助翻身',
        caregiverName: '女儿',
        caregiverMobileEnc: await cipher.encrypt('13912345678'),
        caregiverMobileMasked: '139****5678',
        createdAt: registered,
        updatedAt: registered,
      });
    }
    const [shift] = await db
      .insert(s.shifts)
      .values({
        organisationId: org.id,
        townshipId: x.id,
        title: '集中走访',
        date: today,
        startTime: '08:30',
        endTime: '12:00',
        startsAt: new Date(`${today}T08:30:00+08:00`),
        endsAt: new Date(`${today}T12:00:00+08:00`),
        capacity: 5,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await db.insert(s.shiftSignups).values({
      shiftId: shift.id,
      volunteerId: vol.id,
      status: 'confirmed',
      position: 1,
      createdAt: now,
      updatedAt: now,
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
    await login(coordPage, 'coord');
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
    await login(page, 'xiaowang');
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
