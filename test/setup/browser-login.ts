import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** The password every browser test gives the staff and volunteers it creates. */
export const PASSWORD = 'a strong password';

/** Logs in through the form already open, as a person would, and waits for the home page. */
export async function logIn(page: Page, base: string, username: string, password = PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}/`);
}

/** Opens the login page and logs in. */
export async function logInAt(page: Page, base: string, username: string, password = PASSWORD) {
  await page.goto(`${base}/login`);
  await logIn(page, base, username, password);
}

/**
 * A fresh context and page that collects what the console reported as an error and every uncaught exception, so a
 * journey can assert it caused none; `timeoutMs` for any one action.
 */
export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions,
  timeoutMs = 8000,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return { context, page, problems };
}
