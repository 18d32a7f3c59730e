import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { villages } from '../../src/db/schema/index.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, PASSWORD, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { township } from '../setup/ledger-fixtures.js';
import { withServerAndBrowser } from '../setup/live.js';
import { TMP_DIR } from '../setup/paths.js';
import { testIdNumber } from '../setup/registry.js';

const live = withServerAndBrowser();

beforeAll(async () => {
  const db = live.server.database.db;
  const huashi = await township(db, '花石镇');
  await db.insert(villages).values([
    { townshipId: huashi, name: '花石村', createdAt: new Date() },
    { townshipId: huashi, name: '新塘村', createdAt: new Date() },
  ]);
  await createUser(
    { db, passwords: argon2Hasher },
    { username: 'station', displayName: '花石站刘', password: PASSWORD, role: 'station_staff', townshipId: huashi },
    new Date(),
  );
});

describe('a station worker imports recipients', () => {
  it('uploads a spreadsheet, checks the preview, confirms, then finds a recipient by name (on a phone)', async () => {
    const { context, page, problems } = await watchedPage(live.browser, { viewport: { width: 360, height: 800 } });

    const rows = [
      '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,照料人,照料人电话,协议类型,协议签订日期',
      ...['欧阳春花', '彭冬生', '谭秋菊'].map(
        (name, i) =>
          `${name},${testIdNumber(`19${40 + i}0505`, 101 + i * 2)},花石镇,${i % 2 ? '新塘村' : '花石村'},分散供养,${['全自理', '半失能', '全失能'][i]},家属,1390000000${i},四方,2026-04-0${i + 1}`,
      ),
    ];
    const file = resolve(TMP_DIR, `station-import-${Date.now()}.csv`);
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}`);

    await logInAt(page, live.server.url, 'station');

    await page.goto(`${live.server.url}/recipients`);
    await page.getByRole('button', { name: '从表格导入' }).click();
    await page.waitForURL('**/import/recipients');
    await page.getByLabel('表格文件').setInputFiles(file);
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('#import-preview').textContent()).toContain('新增 3 条');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('导入完成：新增 3 条');

    await page.goto(`${live.server.url}/recipients`);
    await page.getByPlaceholder('按姓名搜索').fill('彭冬');
    // htmx swaps the results as the worker types.
    await expect.poll(() => page.locator('#results').textContent()).toContain('共 1 人');
    expect(await page.locator('#results').textContent()).toContain('彭冬生');
    expect(await page.locator('#results').textContent()).not.toContain('欧阳春花');
    await page.getByRole('link', { name: '彭冬生' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('彭冬生');
    expect(await page.content()).toContain('半失能');
    expect(await page.content()).not.toMatch(/\d{17}[\dX]/);
    await page.screenshot({ path: screenshotPath('station-import-found'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
