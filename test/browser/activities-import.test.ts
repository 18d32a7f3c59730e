import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { loadConfig } from '../../src/env.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import { launchChromium, screenshotPath } from '../setup/chromium.js';
import { TEST_KEYS } from '../setup/keys.js';
import { organisation, recipient, township } from '../setup/ledger-fixtures.js';
import { TMP_DIR } from '../setup/paths.js';
import { type RunningServer, startServer } from '../setup/server.js';
import { logIn, PASSWORD } from './journeys.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const db = server.database.db;
  const cipher = cipherFor(loadConfig(TEST_KEYS));
  const A = await township(db, '易俗河镇');
  const org = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  await organisation(db, '易俗河敬老院', 'nursing_home', A);
  await recipient(db, cipher, '王秀英', A, 'home', '430321195003120017');
  const people = [
    { username: 'county', displayName: '李局长', role: 'county_admin' as const },
    { username: 'coord', displayName: '周协调', role: 'org_coordinator' as const, organisationId: org },
  ];
  for (const p of people) await createUser({ db, passwords: argon2Hasher }, { ...p, password: PASSWORD }, new Date());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function login(username: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/login`);
  await logIn(page, server.url, username);
  return { page, problems };
}

describe('importing past years of activities', () => {
  it('the county uploads a sheet, reads the preview and its totals, fixes a bad row, confirms, and finds the activities', async () => {
    const head =
      '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时),资金来源';
    const rows = [
      'W-1,2025-05-24,湘潭县爱心协会,真情慰问,分散供养户,430321195003120017,500,大米,2,袋,120.50,,社会捐赠',
      'W-2,2025-06-25,湘潭县爱心协会,入户走访,敬老院,易俗河敬老院,,,,,,3,',
    ];
    const bad = resolve(TMP_DIR, `activities-bad-${Date.now()}.csv`);
    writeFileSync(bad, `\uFEFF${[head, rows[0], rows[1].replace('易俗河敬老院', '无此敬老院')].join('\r\n')}`);
    const good = resolve(TMP_DIR, `activities-${Date.now()}.csv`);
    writeFileSync(good, `\uFEFF${[head, ...rows].join('\r\n')}`);

    const { page, problems } = await login('county');
    await page.goto(`${server.url}/activities`);
    await page.getByRole('button', { name: '导入帮扶活动' }).click();
    await page.waitForURL('**/activities/import');

    await page.getByLabel('表格文件').setInputFiles(bad);
    await page.getByRole('button', { name: '预览' }).click();
    await expect
      .poll(() => page.locator('#import-errors').textContent())
      .toContain('第 3 行「对象」：敬老院「无此敬老院」不存在。');
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);

    await page.getByLabel('表格文件').setInputFiles(good);
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('#import-preview').textContent()).toContain('新增 2 条');
    const figures = page.locator('#import-figures');
    expect(await figures.textContent()).toContain('将新增 2 项活动，共 3 条明细。');
    const donation = page.getByRole('row', { name: /社会捐赠/ });
    expect(await donation.getByRole('cell').allTextContents()).toEqual(['500.00', '120.50', '0.00']);
    const total = page.getByRole('row', { name: /合计/ });
    expect(await total.getByRole('cell').allTextContents()).toEqual(['500.00', '120.50', '3.00']);
    await page.screenshot({ path: screenshotPath('activities-import-preview'), fullPage: true });
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('导入完成：新增 2 条');

    await page.goto(`${server.url}/activities?from=2025-01-01&to=2025-12-31`);
    const list = (await page.locator('main').textContent()) ?? '';
    expect(list).toContain('2025-05-24');
    expect(list).toContain('2025-06-25');
    // The refused upload answers 422, which Chromium logs; nothing else went wrong.
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ]);
    await page.context().close();
  });

  it("an organisation's coordinator is offered no import: the sheet names any household by ID number", async () => {
    const { page, problems } = await login('coord');
    await page.goto(`${server.url}/activities`);
    expect(await page.getByRole('button', { name: '导入帮扶活动' }).count()).toBe(0);
    const res = await page.goto(`${server.url}/activities/import`);
    expect(res?.status()).toBe(403);
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    await page.context().close();
  });
});
