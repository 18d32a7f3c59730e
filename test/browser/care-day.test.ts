// A 守望之家 member on a 360 px phone records the whole unit's day: one tap per household, the page small enough
// for a weak signal, and the same taps working with JavaScript off.
import AxeBuilder from '@axe-core/playwright';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ALL } from '../../src/lib/scope.js';
import { addMember, saveUnit } from '../../src/modules/care-units/service.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { testIdNumber } from '../setup/registry.js';
import { overflowsPhone, PHONE, TransferMeter } from './journeys.js';

const live = withServerAndBrowser();
const PASSWORD = 'a strong password';
const PAGE_BUDGET = 30 * 1024;
const HOUSEHOLDS = 12;

async function seed() {
  const db = live.server.database.db;
  const cipher = cipherFor(live.server.config);
  const now = new Date();
  const [x] = await db.insert(s.townships).values({ name: '中路铺镇', createdAt: now }).returning();
  const [home, other] = await db
    .insert(s.villages)
    .values([
      { townshipId: x.id, name: '白托村', createdAt: now },
      { townshipId: x.id, name: '石桥村', createdAt: now },
    ])
    .returning();
  const levels = ['full', 'partial', 'self'] as const;
  for (let i = 0; i <= HOUSEHOLDS; i++) {
    const id = testIdNumber('19440101', 101 + 2 * i);
    const mobile = `1390000${String(1000 + i)}`;
    await db.insert(s.recipients).values({
      name: i === HOUSEHOLDS ? '石桥村的人' : `村民${i + 1}号`,
      idNumberEnc: await cipher.encrypt(id),
      idNumberHash: cipher.lookupHash(id),
      idNumberMasked: maskIdNumber(id),
      keyVersion: 1,
      gender: 'M',
      townshipId: x.id,
      villageId: i === HOUSEHOLDS ? other.id : home.id,
      supportMode: 'home',
      careLevel: levels[i % 3],
      caregiverName: '照料人',
      caregiverMobileEnc: await cipher.encrypt(mobile),
      caregiverMobileMasked: maskMobile(mobile),
      createdAt: now,
      updatedAt: now,
    });
  }
  const unit = await saveUnit({
    db,
    scope: ALL,
    input: { name: '白托村守望之家', townshipId: x.id, villageIds: [home.id], contactName: null, contactPhone: null },
    actorUserId: 0,
    now,
  });
  if (!unit.ok) throw new Error('unit');
  for (const username of ['zuzhang', 'cunyi'])
    await addMember({
      db,
      passwords: argon2Hasher,
      unitId: unit.id,
      input: { name: username, memberRole: 'leader', mobile: null, username, password: PASSWORD },
      actorUserId: 0,
      now,
    });
  return { unitId: unit.id, today: businessDate(now) };
}

describe("a 守望之家 member's day on a phone", () => {
  let day: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    day = await seed();
  }, 60_000);

  it('a tap works with JavaScript off: the page comes back with the row recorded', async () => {
    const context = await live.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const base = live.server.url;
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('cunyi');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/care`);
    const first = page.locator('li.care-row').first();
    await first.getByRole('button', { name: '不在家', exact: true }).click();
    await page.waitForURL(/\/care(#h-\d+)?$/);
    expect(await page.locator('[role=status]').first().textContent()).toContain('已登记。');
    expect(await page.locator('li.care-row').first().textContent()).toContain('已登记：不在家');
    expect(await page.locator('li.care-row .done').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('records every household due today in fewer taps than households plus three, within 30 KB a page', async () => {
    const { unitId, today } = day;
    const base = live.server.url;
    const context = await live.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    let taps = 0;
    const tap = async (locator: ReturnType<typeof page.locator>) => {
      taps++;
      await locator.click();
    };

    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('zuzhang');
    await page.getByLabel('密码').fill(PASSWORD);
    await tap(page.getByRole('button', { name: '登录' }));
    await page.waitForURL(`${base}/`);
    // Assets are cached now: what the day's page costs is the page itself, as on every later morning.
    const meter = await TransferMeter.attach(context, page);
    await tap(page.locator('main a[href="/care"]'));
    await page.waitForURL(`${base}/care`);
    await meter.settle();
    const pageBytes = meter.bytes;
    expect(pageBytes, meter.requests.map((r) => `${r.url} ${r.bytes}`).join('\n')).toBeLessThanOrEqual(PAGE_BUDGET);
    expect(pageBytes).toBeGreaterThan(0);
    expect(await overflowsPhone(page)).toBe(false);
    const rows = page.locator('li.care-row');
    expect(await rows.count()).toBe(HOUSEHOLDS);
    expect(await page.content()).not.toContain('石桥村的人');
    await page.screenshot({ path: screenshotPath('care-day-before'), fullPage: true });
    // WCAG 2.1 AA on the day's page: no serious or critical violation (axe ran its rules).
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.passes.length).toBeGreaterThan(5);
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
    ).toEqual([]);

    // The first household was recorded with JavaScript off (the test before): the rest, one tap each.
    expect(await page.locator('li.care-row .done').count()).toBe(1);
    meter.reset();
    for (let i = 1; i < HOUSEHOLDS; i++) {
      const row = rows.nth(i);
      await tap(row.getByRole('button', { name: i === 3 ? '住院' : '已走访', exact: true }));
      await row.locator('.done').waitFor();
    }
    await meter.settle();
    const tapBytes = meter.bytes / (HOUSEHOLDS - 1);
    // htmx swapped each row in place: still the same page, every row recorded.
    expect(page.url()).toBe(`${base}/care`);
    expect(await page.locator('li.care-row .done').count()).toBe(HOUSEHOLDS);
    expect(await page.locator('li.care-row form[action="/care"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('care-day-after'), fullPage: true });
    expect(taps).toBeLessThan(HOUSEHOLDS + 3);
    expect(problems).toEqual([]);

    const recorded = await live.server.database.db
      .select()
      .from(s.visits)
      .where(and(eq(s.visits.organisationId, unitId), eq(s.visits.visitedOn, today)));
    expect(recorded).toHaveLength(HOUSEHOLDS);
    expect(recorded.filter((v) => v.outcome === 'not_home')).toHaveLength(1);
    expect(recorded.filter((v) => v.outcome === 'in_hospital')).toHaveLength(1);
    console.log(
      `care day: ${HOUSEHOLDS} households, ${taps} taps; page ${(pageBytes / 1024).toFixed(1)} KiB, ` +
        `${(tapBytes / 1024).toFixed(2)} KiB a tap (assets cached)`,
    );
    await context.close();
  }, 120_000);
});
