import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate, shanghaiInstant } from '../../src/domain/dates.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { storedMobile } from '../setup/mobiles.js';

const live = withServerAndBrowser();

describe('a station on a phone, on the service day', () => {
  it('adds a walk-in volunteer to a shift from the roster page and confirms their attendance', async () => {
    const db = live.server.database.db;
    const now = new Date();
    const [x] = await db.insert(s.townships).values({ name: '易俗河镇', createdAt: now }).returning();
    const [station] = await db
      .insert(s.organisations)
      .values({ name: '易俗河镇社工站', kind: 'station', townshipId: x.id, createdAt: now, updatedAt: now })
      .returning();
    // Today's shift, begun at midnight (the server runs on the real clock), so attendance can be confirmed now.
    const today = businessDate(now);
    const [shift] = await db
      .insert(s.shifts)
      .values({
        organisationId: station.id,
        townshipId: x.id,
        title: '集中走访',
        place: '镇政府',
        date: today,
        startTime: '00:00',
        endTime: '23:59',
        startsAt: shanghaiInstant(today, '00:00'),
        endsAt: shanghaiInstant(today, '23:59'),
        capacity: 5,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [walkIn] = await db
      .insert(s.volunteers)
      .values({
        name: '张桂兰',
        ...(await storedMobile('13700002222')),
        townshipId: x.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const user = await createUser(
      { db, passwords: argon2Hasher },
      {
        username: 'yisuhe',
        displayName: '易俗河社工',
        password: 'a strong password',
        role: 'station_staff',
        townshipId: x.id,
      },
      now,
    );
    if (!user.ok) throw new Error('user');

    const { context, page, problems } = await watchedPage(live.browser, { viewport: { width: 360, height: 740 } });

    await logInAt(page, live.server.url, 'yisuhe');

    await page.goto(`${live.server.url}/shifts`);
    await page.getByRole('link', { name: '集中走访' }).click();
    await page.waitForURL(`**/shifts/${shift.id}`);
    await page.getByRole('searchbox', { name: '姓名或手机号' }).fill('张桂');
    await page.getByRole('button', { name: '查找' }).click();
    await page.waitForURL(`**/shifts/${shift.id}?q=*`);
    await page.getByRole('button', { name: '加入班次 张桂兰' }).click();
    await expect.poll(() => page.locator('.alert').first().textContent()).toContain('已加入班次');
    const row = page.locator(`#roster tr[data-volunteer="${walkIn.id}"]`);
    expect(await row.locator('.status').textContent()).toBe('已报名');
    expect(await page.locator('#roster-figures [data-figure=confirmed]').textContent()).toBe('1');
    // 到岗 is not pre-ticked: the station ticks it for someone actually there.
    const attended = row.getByRole('checkbox', { name: '到岗' });
    expect(await attended.isChecked()).toBe(false);
    await attended.check();
    await row.getByRole('spinbutton', { name: '服务时长（分钟） 张桂兰' }).fill('180');
    await row.getByRole('button', { name: '确认时长 张桂兰' }).click();
    await expect.poll(() => page.locator('.alert').first().textContent()).toContain('服务时长已确认');
    expect(await row.locator('.attendance').textContent()).toBe('已到岗');
    expect(await row.locator('.hours').textContent()).toBe('3.0 小时');
    expect(await page.locator('#roster-figures [data-figure=attended]').textContent()).toBe('1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('roster-walk-in-360'), fullPage: true });

    const [signup] = await db
      .select()
      .from(s.shiftSignups)
      .where(and(eq(s.shiftSignups.shiftId, shift.id), eq(s.shiftSignups.volunteerId, walkIn.id)));
    expect([signup.status, signup.attended, signup.confirmedMinutes, signup.confirmedBy]).toEqual([
      'confirmed',
      true,
      180,
      user.id,
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
