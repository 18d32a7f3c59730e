import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../setup/chromium.js';
import { type RunningServer, startServer } from '../setup/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a new county in the browser', () => {
  it('runs first-run, logs out, logs in, switches language and shows the dashboard, with no CSP violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (res) => {
      if (res.status() === 404) problems.push(`404 ${res.url()}`);
    });

    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toContain('/setup');
    await expect.poll(() => page.locator('h1').textContent()).toContain('创建县民政局管理员');
    await page.getByLabel('姓名').fill('李局长');
    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码', { exact: true }).fill('a strong password');
    await page.getByLabel('确认密码').fill('a strong password');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.waitForURL('**/login');
    expect(await page.getByRole('status').textContent()).toContain('管理员已创建');

    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码').fill('a strong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('您好，李局长');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码').fill('a strong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, 李局长');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The navigation fits a 360 px phone: nothing wider than the viewport.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);
    // htmx loaded from our own server (not blocked by the CSP).
    expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
    const shot = screenshotPath('first-run-dashboard-en');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
