import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { logInAt } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { FIELD_PASSWORD, fieldDay } from '../setup/field.js';
import { withServerAndBrowser } from '../setup/live.js';

const live = withServerAndBrowser();

/** Every CSP violation the page reports, from the DOM event and from Chromium's console. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.push(msg.text());
  });
  page.on('pageerror', (err) => seen.push(err.message));
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`csp-violation ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return seen;
}

describe('tap-to-call on a phone under the CSP', () => {
  it('the audited POST answers a tappable tel: link, and tapping it breaks no CSP rule', async () => {
    const { server, browser } = live;
    const db = server.database.db;
    const day = await fieldDay(db, cipherFor(server.config));
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await phone.newPage();
    page.setDefaultTimeout(8000);
    const problems = watchCsp(page);
    await logInAt(page, server.url, 'xiaowang', FIELD_PASSWORD);
    await page.goto(`${server.url}/visits/today`);
    expect(await page.content()).not.toContain('13912345678');
    await page.getByRole('button', { name: /拨打照护人/ }).tap();
    await page.waitForURL(`**/visits/today/${day.assignment.id}/call`);
    const link = page.getByRole('button', { name: /拨打 女儿 13912345678/ });
    expect(await link.getAttribute('href')).toBe('tel:13912345678');
    expect(await link.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('call-360') });
    // Tapping starts the tel: navigation (headless Chromium has no dialler to hand it to, so the page stays).
    await link.tap();
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    const reveals = (await db.select().from(s.auditLog)).filter((a) => a.action === 'reveal');
    expect(reveals).toMatchObject([
      { entity: 'recipient', entityId: String(day.recipient.id), actorUserId: day.userId },
    ]);

    // The watcher is not blind: the old design (a form whose action ends on another scheme) is reported.
    await page.evaluate(() => {
      const f = document.createElement('form');
      f.method = 'post';
      f.action = 'tel:13912345678';
      document.body.append(f);
      f.submit();
    });
    await expect.poll(() => problems.some((p) => p.includes('form-action'))).toBe(true);
    await phone.close();
  }, 60_000);
});
