import AxeBuilder from '@axe-core/playwright';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { logInAt } from '../setup/browser-login.js';
import { screenshotPath } from '../setup/chromium.js';
import { withServerAndBrowser } from '../setup/live.js';
import { planJourney } from '../setup/plan-journey.js';

const live = withServerAndBrowser();

/** Serious and critical WCAG 2.1 AA violations on the page as it stands (axe ran: it found passes too). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('a paper route sheet, printed and typed back in', () => {
  it('the station prints a volunteer’s sheet with full numbers, then enters the returned sheet on one screen', async () => {
    const { server, browser } = live;
    const db = server.database.db;
    const {
      today,
      shift,
      volunteer: vol,
    } = await planJourney(db, cipherFor(server.config), {
      township: '白石镇',
      village: '白石村',
      organisation: { name: '白石社工', kind: 'station' },
      staff: { username: 'baishi', displayName: '社工', role: 'station_staff' },
      volunteer: { name: '老李', mobile: '13700002222' },
      place: '白石村委会',
      households: ['孙奶奶', '钱爷爷'].map((name, i) => ({
        name,
        idNumber: ['430321194001011234', '430321194202022345'][i],
        address: `白石村${i + 1}组`,
        careLevel: i ? 'self' : 'partial',
        caregiverName: '侄子',
        caregiverMobile: `1391234567${i}`,
      })),
    });
    const problems: string[] = [];
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desk.newPage();
    page.setDefaultTimeout(8000);
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));

    await logInAt(page, live.server.url, 'baishi');
    await page.goto(`${server.url}/plans/${shift.id}`);
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.getByRole('button', { name: '发布并通知志愿者' }).click();
    await expect.poll(() => page.locator('#plan-status').textContent()).toBe('已发布');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('plan-coverage'), fullPage: true });
    await page.getByRole('button', { name: '打印路线单', exact: true }).click();
    expect(await violations(page)).toEqual([]);
    expect(await page.content()).not.toContain('13912345670');
    await page.getByRole('button', { name: /打印老李的路线单/ }).click();
    await expect.poll(() => page.locator('section.sheet').count()).toBe(1);
    const sheet = page.locator('section.sheet');
    expect(await sheet.textContent()).toContain('集合：白石村委会 08:30');
    expect(await sheet.textContent()).toContain('侄子 13912345670');
    expect(await sheet.textContent()).toContain('白石村2组');
    // On paper: the navigation and the buttons are gone, the sheet and its columns stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印', exact: true }).isVisible()).toBe(false);
    expect(await sheet.getByText('签收（对象或照护人签名）').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('route-sheet-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await db.$count(s.auditLog, eq(s.auditLog.action, 'reveal'))).toBe(2);

    // The sheet comes back: both households typed in at once.
    const rows = await db
      .select()
      .from(s.planAssignments)
      .where(and(eq(s.planAssignments.published, true), eq(s.planAssignments.volunteerId, vol.id)));
    await page.goto(`${server.url}/plans/${shift.id}/results/${vol.id}`);
    expect(await violations(page)).toEqual([]);
    for (const r of rows) await page.locator(`select[name="r${r.id}.outcome"]`).selectOption('visited');
    await page.locator(`input[name="r${rows[0].id}.aidCash"]`).fill('100');
    await page.getByRole('button', { name: '保存全部' }).click();
    await expect.poll(() => page.locator('.recorded').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('route-sheet-results'), fullPage: true });
    const visits = await db.select().from(s.visits);
    expect(visits.map((v) => v.outcome)).toEqual(['visited', 'visited']);
    expect(visits.every((v) => v.volunteerIds[0] === vol.id && v.visitedOn === today)).toBe(true);
    expect(await db.$count(s.ledgerLines)).toBe(1);

    // The same day the station corrects one from the sheet's own list: the link leads to the correction page.
    const second = page.locator(`.result-row[data-recipient="${rows[1].recipientId}"]`); // the one without aid
    await second.getByRole('link', { name: '更正' }).click();
    await page.waitForURL('**/visits/records/*/correct');
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('走访结果').selectOption({ label: '住院' });
    await page.getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => page.locator('.alert-info').textContent()).toContain('走访记录已更正');
    const corrected = await db.select().from(s.visits).where(eq(s.visits.recipientId, rows[1].recipientId));
    expect(corrected.map((v) => v.outcome)).toEqual(['in_hospital']);
    await desk.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
