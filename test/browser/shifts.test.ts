import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import { loadConfig } from '../../src/env.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { storedMobile } from '../setup/mobiles.js';

const live = withServerAndBrowser();

/** The next 24th on or after tomorrow, Shanghai time (the server runs on the real clock). */
function next24th(): string {
  const tomorrow = businessDate(new Date(Date.now() + 86_400_000));
  const [y, m, d] = tomorrow.split('-').map(Number);
  const [year, month] = d <= 24 ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${year}-${String(month).padStart(2, '0')}-24`;
}

describe('a volunteer on a phone', () => {
  it('logs in, finds a shift on the 24th, signs up, sees it in my shifts, and cancels', async () => {
    const db = live.server.database.db;
    const now = new Date();
    const [x, y] = await db
      .insert(s.townships)
      .values([
        { name: '花石镇', createdAt: now },
        { name: '射埠镇', createdAt: now },
      ])
      .returning();
    await db.insert(s.organisations).values([
      { name: '花石镇社工站', kind: 'station', townshipId: x.id, createdAt: now, updatedAt: now },
      { name: '射埠镇社工站', kind: 'station', townshipId: y.id, createdAt: now, updatedAt: now },
    ]);
    await serviceDaysJob.run({ db, now, config: loadConfig({}), logger: memoryLogger() });
    const user = await createUser(
      { db, passwords: argon2Hasher },
      { username: 'xiaowang', displayName: '小王', password: 'a strong password', role: 'volunteer' },
      now,
    );
    if (!user.ok) throw new Error('user');
    await db.insert(s.volunteers).values({
      name: '小王',
      ...(await storedMobile('13700001111')),
      townshipId: x.id,
      userId: user.id,
      createdAt: now,
      updatedAt: now,
    });
    const day = next24th();

    const { context, page, problems } = await watchedPage(live.browser, { viewport: { width: 360, height: 740 } });

    await logInAt(page, live.server.url, 'xiaowang');

    await page.locator('summary', { hasText: '菜单' }).click();
    await page.getByRole('link', { name: '服务班次' }).click();
    await page.waitForURL('**/shifts');
    // The list a screen at a time: ten cards, then "更多班次" for the rest, each shift once (counted in the database).
    const open = await db.select({ id: s.shifts.id }).from(s.shifts);
    expect(open.length).toBeGreaterThan(10);
    const listed = async () => page.locator('.shift-card').evaluateAll((els) => els.map((e) => e.id));
    const seen = await listed();
    expect(seen).toHaveLength(10);
    const more = page.getByRole('button', { name: /更多班次/ });
    while (await more.count()) {
      await more.click();
      await page.waitForURL(/page=\d+/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      seen.push(...(await listed()));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(open.map((r) => `shift-${r.id}`).sort());
    await page.getByRole('button', { name: /上一页/ }).click();
    await page.waitForURL(/page=\d+/);
    await expect.poll(() => page.locator('.shift-card').count()).toBe(10);
    await page.getByLabel('日期').fill(day);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(`**/shifts?date=${day}**`);
    const cards = page.locator('.shift-card');
    // Both stations' morning and afternoon on that day, own township (花石镇) first.
    await expect.poll(() => cards.count()).toBe(4);
    expect(await cards.first().textContent()).toContain('花石镇');
    const card = cards.first();
    const id = await card.getAttribute('id');
    await card.getByRole('button', { name: '报名' }).click();
    // htmx swaps the card in place: signed up, and the button now cancels.
    await expect.poll(() => page.locator(`#${id} .status`).textContent()).toBe('已报名');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.goto(`${live.server.url}/shifts/mine`);
    const mine = page.locator('#my-shifts .shift-card');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain(day);
    await page.screenshot({ path: screenshotPath('shifts-mine-360'), fullPage: true });
    await mine.first().getByRole('button', { name: '取消报名' }).click();
    await expect.poll(() => page.locator(`#${id} button`).textContent()).toBe('报名');
    await page.reload();
    await expect.poll(() => page.locator('#my-shifts .shift-card').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
