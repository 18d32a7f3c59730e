import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { storedMobile } from '../setup/mobiles.js';
import { testIdNumber } from '../setup/registry.js';

const live = withServerAndBrowser();
const PASSWORD = 'a strong password';
const PHONE = { width: 360, height: 740 };

/** The next 24th after today, Shanghai time (the server runs on the real clock). */
function next24th(): string {
  const tomorrow = businessDate(new Date(Date.now() + 86_400_000));
  const [y, m, d] = tomorrow.split('-').map(Number);
  const [year, month] = d <= 24 ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${year}-${String(month).padStart(2, '0')}-24`;
}

async function login(page: Page, username: string) {
  await page.goto(`${live.server.url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL(`${live.server.url}/`);
}

const phone = () => watchedPage(live.browser, { viewport: PHONE }, 10_000);

const wide = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the service day in Chromium at 360 px', () => {
  it("a coordinator sees the station's service day and plans on it; a volunteer's home signs up in one tap", async () => {
    const db = live.server.database.db;
    const now = new Date();
    const [x, y] = await db
      .insert(s.townships)
      .values([
        { name: '花石镇', createdAt: now },
        { name: '射埠镇', createdAt: now },
      ])
      .returning();
    const [village] = await db
      .insert(s.villages)
      .values({ townshipId: x.id, name: '花石村', createdAt: now })
      .returning();
    const [stationX, , org] = await db
      .insert(s.organisations)
      .values([
        { name: '花石镇社工站', kind: 'station', townshipId: x.id, createdAt: now, updatedAt: now },
        { name: '射埠镇社工站', kind: 'station', townshipId: y.id, createdAt: now, updatedAt: now },
        {
          name: '阳光社工服务中心',
          kind: 'social_org',
          townshipId: x.id,
          incubationStage: 'incubating',
          createdAt: now,
          updatedAt: now,
        },
      ])
      .returning();
    await serviceDaysJob.run({ db, now, config: live.server.config, logger: memoryLogger() });
    const day = next24th();
    const [morning] = await db
      .select()
      .from(s.shifts)
      .where(and(eq(s.shifts.organisationId, stationX.id), eq(s.shifts.date, day), eq(s.shifts.startTime, '08:30')));
    const user = async (username: string, role: s.Role, extra: { organisationId?: number } = {}) => {
      const made = await createUser(
        { db, passwords: argon2Hasher },
        { username, displayName: username, password: PASSWORD, role, ...extra },
        now,
      );
      if (!made.ok) throw new Error(username);
      return made.id;
    };
    await user('yangguang', 'org_coordinator', { organisationId: org.id });
    const volunteer = async (name: string, mobile: string, userId: number | null) =>
      (
        await db
          .insert(s.volunteers)
          .values({ name, ...(await storedMobile(mobile)), townshipId: x.id, userId, createdAt: now, updatedAt: now })
          .returning()
      )[0];
    // The organisation's volunteer already on the station's morning shift, and a household due in the township.
    const helper = await volunteer('阳光小李', '13700002222', null);
    await db.insert(s.volunteerOrganisations).values({ volunteerId: helper.id, organisationId: org.id });
    await db.insert(s.shiftSignups).values({
      shiftId: morning.id,
      volunteerId: helper.id,
      status: 'confirmed',
      position: 1,
      createdAt: now,
      updatedAt: now,
    });
    const cipher = cipherFor(live.server.config);
    const id = testIdNumber('19400312', 351);
    const registered = new Date(now.getTime() - 40 * 86_400_000);
    await db.insert(s.recipients).values({
      name: '张老汉',
      idNumberEnc: await cipher.encrypt(id),
      idNumberHash: cipher.lookupHash(id),
      idNumberMasked: maskIdNumber(id),
      keyVersion: cipher.keyVersion,
      gender: 'M',
      townshipId: x.id,
      villageId: village.id,
      supportMode: 'home',
      careLevel: 'partial',
      caregiverMobileEnc: await cipher.encrypt('13812345678'),
      caregiverMobileMasked: maskMobile('13812345678'),
      createdAt: registered,
      updatedAt: registered,
    });

    // The coordinator, on a phone: the station's day on the list, marked whose it is, then its plan.
    const coord = await phone();
    await login(coord.page, 'yangguang');
    await coord.page.goto(`${live.server.url}/shifts`);
    const row = coord.page.locator('#managed-shifts tr', {
      has: coord.page.locator(`a[href="/shifts/${morning.id}"]`),
    });
    await expect.poll(() => row.textContent()).toContain('社工站集中工作日');
    expect(await row.textContent()).toContain('花石镇社工站');
    await row.locator(`a[href="/shifts/${morning.id}"]`).click();
    await coord.page.waitForURL(`**/shifts/${morning.id}`);
    expect(await coord.page.locator(`a[href="/shifts/${morning.id}/edit"]`).count()).toBe(0);
    await coord.page.locator(`a[href="/plans/${morning.id}"]`).click();
    await coord.page.waitForURL(`**/plans/${morning.id}`);
    await coord.page.getByRole('button', { name: '生成计划' }).click();
    await expect.poll(() => coord.page.locator('main').textContent()).toContain('张老汉');
    expect(await coord.page.locator('main').textContent()).toContain('阳光小李');
    expect(await wide(coord.page)).toBeLessThanOrEqual(360);
    await coord.page.screenshot({ path: screenshotPath('service-day-coordinator-plan-360'), fullPage: true });
    const [plan] = await db.select().from(s.visitPlans).where(eq(s.visitPlans.shiftId, morning.id));
    const rows = await db.select().from(s.planAssignments).where(eq(s.planAssignments.planId, plan.id));
    expect(rows.map((r) => r.volunteerId)).toEqual([helper.id]);
    expect(coord.problems).toEqual([]);
    await coord.context.close();

    // A volunteer, on a phone: the home page shows the next shift and signs up for an open one in one tap.
    const wangUser = await user('xiaowang', 'volunteer');
    const wang = await volunteer('小王', '13700003333', wangUser);
    await db.insert(s.shiftSignups).values({
      shiftId: morning.id,
      volunteerId: wang.id,
      status: 'confirmed',
      position: 2,
      createdAt: now,
      updatedAt: now,
    });
    const vol = await phone();
    await login(vol.page, 'xiaowang');
    const next = vol.page.locator('#home-next');
    await expect.poll(() => next.textContent()).toContain(`${day} 08:30–12:00`);
    expect(await vol.page.locator('text=先在登记册中添加乡镇').count()).toBe(0);
    const card = vol.page.locator('#home-open .shift-card').first();
    const cardId = await card.getAttribute('id');
    expect(cardId).not.toBe(`shift-${morning.id}`);
    await card.getByRole('button', { name: '报名' }).click();
    await expect.poll(() => vol.page.locator(`#${cardId} .status`).textContent()).toBe('已报名');
    expect(await wide(vol.page)).toBeLessThanOrEqual(360);
    await vol.page.screenshot({ path: screenshotPath('volunteer-home-360'), fullPage: true });
    const taken = Number(cardId!.replace('shift-', ''));
    const [signup] = await db
      .select()
      .from(s.shiftSignups)
      .where(and(eq(s.shiftSignups.shiftId, taken), eq(s.shiftSignups.volunteerId, wang.id)));
    expect(signup.status).toBe('confirmed');
    expect(vol.problems).toEqual([]);
    await vol.context.close();
  }, 90_000);
});
