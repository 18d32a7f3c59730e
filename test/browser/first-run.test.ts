import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, watchedPage } from '../setup/browser-login.js';
import { launchChromium, screenshotPath } from '../setup/chromium.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { freePort } from '../setup/ports.js';

// A newcomer's first run: what `npm start` runs (the Node entry bundled by scripts/build-node.mjs, then plain node,
// here on a fresh database file), then the link the console prints, which carries the one-time setup token.
let server: ChildProcess;
let console_ = '';
let dir: string;
let browser: Browser;
let url: string;
let setupLink: string;

beforeAll(async () => {
  dir = mkdtempSync(join(TMP_DIR, 'first-run-'));
  const port = await freePort();
  const bundle = join(dir, 'index.node.mjs');
  execFileSync(process.execPath, ['scripts/build-node.mjs', 'src/index.node.ts', bundle], { cwd: ROOT });
  server = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'shouwang.db')}`,
      BACKUP_DIR: join(dir, 'backups'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => (console_ += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (console_ += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/First run: .*\n/.test(console_)) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${console_}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  setupLink = console_.match(/First run: create the county administrator at (\S+)/)![1];
  url = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('close', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('a new county in the browser', () => {
  it('runs first-run, logs out, logs in, switches language and shows the dashboard, with no CSP violation', async () => {
    const { context, page, problems } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
    page.on('response', (res) => {
      if (res.status() === 404) problems.push(`404 ${res.url()}`);
    });

    // No SMS gateway or SMTP is configured: the console says notices will only be logged.
    expect(console_).toMatch(/"event":"notices_not_delivered".*"channel":"sms"/);
    expect(console_).toMatch(/"event":"notices_not_delivered".*"channel":"email"/);
    // The console said where to go, with the token; the link is on this server.
    expect(setupLink).toMatch(/^http:\/\/localhost:\d+\/setup\?token=[a-z0-9]{32}$/);
    const token = new URL(setupLink).searchParams.get('token')!;
    // Opening the site without the link reaches /setup too, but the token is not filled in: nothing is created.
    await page.goto(`${url}/`);
    await expect.poll(() => page.url()).toContain('/setup');
    await expect.poll(() => page.locator('h1').textContent()).toContain('创建县民政局管理员');
    expect(await page.getByLabel('设置令牌').inputValue()).toBe('');
    await page.getByLabel('设置令牌').fill('a-guessed-token');
    await page.getByLabel('姓名').fill('闯入者');
    await page.getByLabel('用户名').fill('intruder');
    await page.getByLabel('密码', { exact: true }).fill('a strong password');
    await page.getByLabel('确认密码').fill('a strong password');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await expect.poll(() => page.locator('.error').first().textContent()).toContain('设置令牌不正确');

    await page.goto(`${url}${new URL(setupLink).pathname}?token=${token}`);
    expect(await page.getByLabel('设置令牌').inputValue()).toBe(token);
    await page.getByLabel('姓名').fill('李局长');
    await page.getByLabel('用户名').fill('county');
    await page.getByLabel('密码', { exact: true }).fill('a strong password');
    await page.getByLabel('确认密码').fill('a strong password');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.waitForURL('**/login');
    expect(await page.getByRole('status').textContent()).toContain('管理员已创建');

    await logIn(page, url, 'county');
    expect(await page.locator('h1').textContent()).toBe('您好，李局长');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await logIn(page, url, 'county');

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
    // The only error the console saw is the refused guess (a 422 the browser reports as a failed load).
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    await context.close();
  });
});
