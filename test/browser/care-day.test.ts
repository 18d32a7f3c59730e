// The station makes a 守望之家 member's login by activation code; the member activates it on a 360 px phone and
// records the whole unit's day: one tap per household, the page small enough
// for a weak signal, and the same taps working with JavaScript off.
import AxeBuilder from '@axe-core/playwright';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { businessDate } from '../../src/domain/dates.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ALL } from '../../src/lib/scope.js';
import { createMemberLogins } from '../../src/modules/care-units/logins.js';
import { addMember, saveUnit } from '../../src/modules/care-units/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { logInAt, PASSWORD } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { testIdNumber } from '../setup/registry.js';
import { overflowsPhone, PHONE, TransferMeter } from './journeys.js';

const live = withServerAndBrowser();
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
  // The station's own login; the members have none yet (the station makes them by activation code).
  const station = await createUser(
    { db, passwords: argon2Hasher },
    {
      username: 'zhongluzhan',
      displayName: '中路铺镇社工站',
      password: PASSWORD,
      role: 'station_staff',
      townshipId: x.id,
    },
    now,
  );
  if (!station.ok) throw new Error('station user');
  for (const name of ['周组长', '陈村医'])
    await addMember({ db, unitId: unit.id, input: { name, memberRole: 'leader', mobile: null }, actorUserId: 0, now });
  const members = await db.select().from(s.careUnitMembers).where(eq(s.careUnitMembers.unitId, unit.id));
  // The doctor's code straight from the service (the journey below makes the leader's through the pages).
  const [doctor] = await createMemberLogins({
    db,
    cipher,
    actorUserId: station.id,
    unitId: unit.id,
    rows: members.filter((m) => m.name === '陈村医'),
    reissue: false,
    activateUrl: `${live.server.url}/activate`,
    now,
  });
  if (doctor.kind !== 'issued') throw new Error('doctor code');
  const leader = members.find((m) => m.name === '周组长')!;
  return { unitId: unit.id, today: businessDate(now), doctor: { login: doctor.login, code: doctor.code }, leader };
}

/** The /activate form as a member fills it on their phone from the slip. */
async function activate(page: Page, login: string, code: string) {
  await page.goto(`${live.server.url}/activate`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('激活码').fill(code);
  await page.getByLabel('设置登录密码').fill(PASSWORD);
  await page.getByLabel('再次输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: '激活并登录' }).click();
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
    // The doctor activates the code of their slip with JavaScript off, and lands on the day's page.
    await activate(page, day.doctor.login, day.doctor.code);
    await page.waitForURL(`${base}/care`);
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

    // The station makes the leader's login on the unit's page and reads the code off the slip.
    const desk = await live.browser.newContext();
    const station = await desk.newPage();
    station.setDefaultTimeout(20_000);
    await logInAt(station, base, 'zhongluzhan');
    await station.goto(`${base}/care-units/${unitId}`);
    await station.locator(`tr[data-member="${day.leader.id}"]`).getByRole('button', { name: '开通登录' }).click();
    const slip = station.locator('section.slip', { hasText: '周组长' });
    const login = (await slip.locator('.slip-login').textContent())!.trim();
    const code = (await slip.locator('.slip-code').textContent())!.trim();
    expect(login).toBe(`care${day.leader.id}`);
    await desk.close();

    // On the phone: the slip's address, login and code, a password of their own, and today's visits at once.
    await activate(page, login, code);
    taps++;
    await page.waitForURL(`${base}/care`);
    // Assets are cached now: what the day's page costs is the page itself, as on every later morning.
    const meter = await TransferMeter.attach(context, page);
    await page.goto(`${base}/care`);
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
