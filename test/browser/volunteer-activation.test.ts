import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { activationCodes, users, volunteers } from '../../src/db/schema/index.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { township } from '../setup/ledger-fixtures.js';
import { withServerAndBrowser } from '../setup/live.js';
import { mobileHash } from '../setup/mobiles.js';
import { TMP_DIR } from '../setup/paths.js';

const live = withServerAndBrowser();
const STAFF_PASSWORD = 'a strong password';

beforeAll(async () => {
  const huashi = await township(live.server.database.db, '花石镇');
  await createUser(
    { db: live.server.database.db, passwords: argon2Hasher },
    {
      username: 'station',
      displayName: '花石站刘',
      password: STAFF_PASSWORD,
      role: 'station_staff',
      townshipId: huashi,
    },
    new Date(),
  );
});

const phone = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true };

describe('an imported volunteer gets in', () => {
  it('a station imports volunteers, creates a login, reads the slip; the volunteer activates on a phone and is logged in', async () => {
    const { context: staff, page, problems } = await watchedPage(live.browser, phone);

    await logInAt(page, live.server.url, 'station', STAFF_PASSWORD);

    // The register as the station keeps it today: a spreadsheet.
    const file = resolve(TMP_DIR, `volunteers-${Date.now()}.csv`);
    writeFileSync(file, '\uFEFF姓名,手机号,乡镇\r\n龙春燕,13807310001,花石镇\r\n蒋国平,13807310002,花石镇\r\n');
    await page.goto(`${live.server.url}/import/volunteers`);
    await page.getByLabel('表格文件').setInputFiles(file);
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('#import-preview').textContent()).toContain('新增 2 条');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('导入完成：新增 2 条');

    // Tick one imported volunteer on the list and create the login.
    await page.goto(`${live.server.url}/volunteers`);
    await page.getByRole('checkbox', { name: '选择 龙春燕' }).check();
    await page.getByRole('button', { name: '为所选志愿者开通登录' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('登录激活单');
    const slip = page.getByRole('region', { name: '龙春燕' });
    await expect.poll(() => slip.textContent()).toContain('138****0001');
    const code = (await slip.locator('.slip-code').textContent())!.trim();
    expect(code).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(await slip.textContent()).toContain(`${live.server.url}/activate`);
    expect(await page.getByRole('region', { name: '蒋国平' }).count()).toBe(0);
    // Printed, only the slips remain: the navigation and the explanations are hidden.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印激活单' }).isVisible()).toBe(false);
    expect(await slip.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('activation-slip-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The login exists, linked, not yet usable; the code is stored only as its hash.
    const db = live.server.database.db;
    const v = (await db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13807310001')))
      .get())!;
    const user = (await db.select().from(users).where(eq(users.id, v.userId!)).get())!;
    expect(user.disabledAt).not.toBeNull();
    const [stored] = await db.select().from(activationCodes).where(eq(activationCodes.userId, user.id));
    expect(stored.codeHash).not.toContain(code.replaceAll(' ', ''));

    // The volunteer, on their own phone, types what the slip says.
    const own = await live.browser.newContext(phone);
    const mobile = await own.newPage();
    mobile.setDefaultTimeout(8000);
    mobile.on('pageerror', (e) => problems.push(e.message));
    await mobile.goto(`${live.server.url}/login`);
    await mobile.getByRole('link', { name: '收到激活码？激活登录' }).click();
    await mobile.waitForURL('**/activate');
    await mobile.getByLabel('手机号或用户名').fill('138 0731 0001');
    await mobile.getByLabel('激活码').fill(code);
    await mobile.getByLabel('设置登录密码').fill('spring swallow 2026');
    await mobile.getByLabel('再次输入密码').fill('spring swallow 2026');
    await mobile.getByRole('button', { name: '激活并登录' }).click();
    await mobile.waitForURL(`${live.server.url}/`);
    await expect.poll(() => mobile.getByRole('status').first().textContent()).toContain('登录已激活');
    expect(await mobile.locator('body').textContent()).toContain('龙春燕');
    // The page fits the phone: nothing wider than the screen.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await mobile.screenshot({ path: screenshotPath('activation-volunteer-home'), fullPage: true });

    // The code is spent: the slip cannot be used a second time.
    await mobile.context().clearCookies();
    await mobile.goto(`${live.server.url}/activate`);
    await mobile.getByLabel('手机号或用户名').fill('13807310001');
    await mobile.getByLabel('激活码').fill(code);
    await mobile.getByLabel('设置登录密码').fill('another password 1');
    await mobile.getByLabel('再次输入密码').fill('another password 1');
    await mobile.getByRole('button', { name: '激活并登录' }).click();
    await expect.poll(() => mobile.getByRole('alert').first().textContent()).toContain('激活码已用过、已过期');

    expect(problems).toEqual([]);
    await own.close();
    await staff.close();
  });
});
