import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { businessDate } from '../../src/domain/dates.js';
import { loadConfig } from '../../src/env.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, PASSWORD, watchedPage } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { TEST_KEYS } from '../setup/keys.js';
import { cash, organisation, recipient, township } from '../setup/ledger-fixtures.js';
import { withServerAndBrowser } from '../setup/live.js';

const live = withServerAndBrowser();
const today = businessDate(new Date());

beforeAll(async () => {
  const db = live.server.database.db;
  const cipher = cipherFor(loadConfig(TEST_KEYS));
  const A = await township(db, '易俗河镇');
  const org = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  const station = await organisation(db, '易俗河镇社工站', 'station', A);
  const wang = await recipient(db, cipher, '王秀英', A);
  // The association gave her 300 元 today: the station's activity for her is double aid within the window.
  const earlier = await recordActivity(
    db,
    {
      organisationId: org,
      occurredOn: today,
      kind: 'condolence',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: [wang],
      nursingHomeIds: [],
      lines: [cash(30_000)],
    },
    { idempotencyKey: 'browser-double-aid', actorUserId: null, now: new Date() },
  );
  if (!earlier.ok) throw new Error(earlier.reason);
  await createUser(
    { db, passwords: argon2Hasher },
    {
      username: 'station',
      displayName: '易俗河社工',
      password: PASSWORD,
      role: 'station_staff',
      townshipId: A,
      organisationId: station,
    },
    new Date(),
  );
});

async function login(username: string): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await watchedPage(live.browser, { viewport: { width: 1024, height: 900 } });
  await logInAt(page, live.server.url, username);
  return { page, problems };
}

describe('double aid in the browser', () => {
  it('ticking a household another body aided shows the warning; saving asks to confirm, then saves', async () => {
    const { page, problems } = await login('station');
    await page.goto(`${live.server.url}/activities/new`);
    await page.getByLabel('组织').selectOption({ label: '易俗河镇社工站' });
    await page.getByLabel('日期').fill(today);
    expect(await page.locator('#double-aid').textContent()).toBe('');
    await page.locator('#f-qlive').fill('王');
    await page.getByLabel(/王秀英/).check();
    // htmx asked as she was ticked: the warning names the other body, the date and the amount.
    await page.locator('#double-aid li').waitFor();
    expect(await page.locator('#double-aid').textContent()).toContain(`王秀英 · ${today} · 湘潭县爱心协会 · 300.00元`);
    await page.locator('#line-0-amount').fill('200');
    await page.getByRole('button', { name: '保存' }).click();
    // The submit is a confirm step: the same warning, and a button to save anyway.
    await page.getByRole('button', { name: '仍然保存' }).waitFor();
    expect(page.url()).toBe(`${live.server.url}/activities`);
    await page.screenshot({ path: screenshotPath('double-aid-confirm'), fullPage: true });
    await page.getByRole('button', { name: '仍然保存' }).click();
    await page.waitForURL(/\/activities\/\d+$/);
    expect(await page.getByRole('status').textContent()).toContain('帮扶活动已记录');
    expect(problems).toEqual([]);
  });
});
