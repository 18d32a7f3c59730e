import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { loadConfig } from '../../src/env.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, PASSWORD, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { TEST_KEYS } from '../setup/keys.js';
import { onOrganisationPlan, organisation, recipient, township } from '../setup/ledger-fixtures.js';
import { withServerAndBrowser } from '../setup/live.js';

const live = withServerAndBrowser();

beforeAll(async () => {
  const db = live.server.database.db;
  const config = loadConfig(TEST_KEYS);
  const cipher = cipherFor(config);
  const A = await township(db, '易俗河镇');
  const org = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  await organisation(db, '易俗河敬老院', 'nursing_home', A);
  const wang = await recipient(db, cipher, '王秀英', A);
  // The association serves her through a visit plan, so its coordinator may pick her for an activity.
  await onOrganisationPlan(db, org, A, wang);
  const now = new Date();
  await createUser(
    { db, passwords: argon2Hasher },
    { username: 'county', displayName: '李局长', password: PASSWORD, role: 'county_admin' },
    now,
  );
  await createUser(
    { db, passwords: argon2Hasher },
    { username: 'coord', displayName: '周协调', password: PASSWORD, role: 'org_coordinator', organisationId: org },
    now,
  );
});

async function login(username: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(live.browser, { viewport: { width: 1024, height: 900 } });
  await logInAt(page, live.server.url, username);
  return { page, problems };
}

describe('the aid ledger in the browser', () => {
  it('a coordinator records a visit with cash and goods; the county admin sees the totals change', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const year = today.slice(0, 4);
    const admin = await login('county');
    await admin.page.goto(`${live.server.url}/reports/aid?year=${year}`);
    expect(await admin.page.locator('#summary-sentence').textContent()).toContain('年帮扶0次，帮扶资金物资共计0元');

    const coord = await login('coord');
    const page = coord.page;
    await page.goto(`${live.server.url}/activities/new`);
    await page.getByLabel('日期').fill(today);
    await page.locator('#f-qlive').fill('王');
    // htmx searched within scope and offered the recipient.
    await page.getByLabel(/王秀英/).check();
    await page.getByLabel('易俗河敬老院').check();
    await page.getByRole('button', { name: '再加一行' }).click();
    await expect.poll(() => page.locator('fieldset.line-row').count()).toBe(4);
    // The button came back out of band with the next index: a second line gets new ids.
    await page.getByRole('button', { name: '再加一行' }).click();
    await expect.poll(() => page.locator('fieldset.line-row').count()).toBe(5);
    expect(await page.locator('#line-4-amount').count()).toBe(1);
    expect(await page.locator('#add-line').count()).toBe(1);
    await page.locator('#line-0-amount').fill('20000');
    await page.locator('#line-1-kind').selectOption('goods');
    await page.locator('#line-1-goods').fill('大米');
    await page.locator('#line-1-qty').fill('100');
    await page.locator('#line-1-unit').fill('袋');
    await page.locator('#line-1-amount').fill('6000.50');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/activities\/\d+$/);
    expect(await page.getByRole('status').textContent()).toContain('帮扶活动已记录');
    expect(await page.locator('#lines').textContent()).toContain('6,000.50');
    await page.screenshot({ path: screenshotPath('aid-activity-recorded'), fullPage: true });

    await admin.page.goto(`${live.server.url}/reports/aid?year=${year}`);
    expect(await admin.page.locator('#summary-sentence').textContent()).toContain(
      '1家社会组织和0个乡镇社工站走访慰问1家敬老院和1户分散供养特困人员，年帮扶1次，帮扶资金物资共计2.6万元',
    );
    expect(await admin.page.locator('#summary-total').textContent()).toContain('26,000.50');
    // The charts are server-rendered SVG images that load under our CSP.
    const charts = admin.page.locator('figure img');
    expect(await charts.count()).toBe(2);
    expect(await charts.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await admin.page.screenshot({ path: screenshotPath('aid-annual-summary'), fullPage: true });
    expect(coord.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
  });
});
