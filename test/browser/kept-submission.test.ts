import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { screenshotPath } from '../setup/chromium.js';
import { FIELD_PASSWORD, fieldDay } from '../setup/field.js';
import { withServerAndBrowser } from '../setup/live.js';

const live = withServerAndBrowser();

async function login(page: Page) {
  await page.getByLabel('用户名').fill('xiaowang');
  await page.getByLabel('密码').fill(FIELD_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('a visit form sent after the session expired, on a phone', () => {
  it('comes back filled after logging in again and saves with one tap, landing on the day list', async () => {
    const { server, browser } = live;
    const db = server.database.db;
    const day = await fieldDay(db, cipherFor(server.config));
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/login`);
    await login(page);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/visits/today/${day.assignment.id}`);
    await page.getByLabel('走访结果').selectOption({ label: '已走访' });
    await page.getByLabel('诉求类别').selectOption({ label: '健康' });
    await page.getByLabel('诉求内容').fill('降压药快吃完了');
    await page.getByLabel('现金（元）').fill('80');
    // The phone lay in a pocket for three hours: the session's last activity is that long ago (the server keeps
    // the real clock, so the row is aged instead).
    await db.update(s.sessions).set({ lastActiveAt: new Date(Date.now() - 3 * 3600_000) });
    await page.getByRole('button', { name: '保存走访记录' }).click();
    await page.waitForURL('**/login?next=%2Fresume');
    expect(await page.textContent('body')).toContain('您刚才提交的内容已保留');
    expect(await db.$count(s.visits)).toBe(0);
    await login(page);
    await page.waitForURL('**/resume');
    await page.screenshot({ path: screenshotPath('resume-360') });
    await page.getByRole('button', { name: '提交保留的内容' }).click();
    await page.waitForURL(`**/visits/today?date=${day.today}`);
    expect(await page.locator('ol.households > li .recorded').textContent()).toContain('已登记：已走访');
    const [visit] = await db.select().from(s.visits);
    expect(visit).toMatchObject({ recipientId: day.recipient.id, outcome: 'visited' });
    const [need] = await db.select().from(s.needs);
    expect(need.text).toBe('降压药快吃完了');
    const [line] = await db.select().from(s.ledgerLines);
    expect(line).toMatchObject({ kind: 'cash', amountFen: 8000, organisationId: day.org.id });
    expect(problems).toEqual([]);
    await phone.close();
  }, 60_000);
});
