import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let admin: Browser;
let station: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  admin = (await loginAs(t, 'county_admin')).browser;
  station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
});

const db = () => t.database.db;
const periods = async () =>
  (await db().select().from(s.coveragePeriods))
    .map((r) => [r.townshipId, r.months])
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
const audits = () => db().select().from(s.auditLog).where(eq(s.auditLog.entity, 'coverage_periods'));
const planText = async (b: Browser) => (await b.get(`/plans/${p.shift.id}`)).text();

describe('the coverage period on its page', () => {
  it('the county admin sets the county period, a station its township’s; the plan page says which applies', async () => {
    expect(await planText(admin)).toContain(
      '每户每 3 个月至少由社会组织或社工站走访一次（守望之家的照护走访不计）。（默认覆盖周期：一个季度）',
    );

    const county = await admin.post('/plans/coverage', { townshipId: '', months: '2' });
    expect(county.status).toBe(303);
    expect(await periods()).toEqual([[null, 2]]);
    expect(await planText(admin)).toContain('每户每 2 个月至少');
    expect(await planText(admin)).toContain('（全县统一的覆盖周期）');

    const own = await station.post('/plans/coverage', { townshipId: String(p.f.x.id), months: '6' });
    expect(own.status).toBe(303);
    expect(await periods()).toEqual([
      [null, 2],
      [p.f.x.id, 6],
    ]);
    const page = await (await station.get('/plans/coverage')).text();
    expect(page).toContain('覆盖周期已保存');
    expect(page).toMatch(/<tr data-township="county"><td>全县<\/td><td>每 2 个月<\/td><td>每 2 个月<\/td><\/tr>/);
    expect(page).toContain(`<tr data-township="${p.f.x.id}">`);
    expect(page).not.toContain(`<tr data-township="${p.f.y.id}">`); // the station sees its township only

    const html = await planText(station);
    expect(html).toContain('每户每 6 个月至少');
    expect(html).toContain('（本乡镇设定的覆盖周期）');
    // Back to the county's period: the township's own row goes.
    expect((await station.post('/plans/coverage', { townshipId: String(p.f.x.id), months: '' })).status).toBe(303);
    expect(await periods()).toEqual([[null, 2]]);
    expect((await audits()).map((a) => [a.actorUserId !== null, a.entityId, a.changes])).toEqual([
      [true, null, { months: 2 }],
      [true, String(p.f.x.id), { months: 6 }],
      [true, String(p.f.x.id), { months: null }],
    ]);
  });

  it('refuses bad input with a message in the user’s language, and what is not theirs, changing nothing', async () => {
    const bad = await admin.post('/plans/coverage', { townshipId: String(p.f.x.id), months: '5' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('覆盖周期须为 1、2、3、4、6 或 12 个月，未作修改。');
    await admin.post('/lang', { locale: 'en', back: '/' });
    const english = await admin.post('/plans/coverage', { townshipId: '', months: 'quarterly' });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain(
      'The coverage period must be 1, 2, 3, 4, 6 or 12 months; nothing was changed.',
    );
    expect((await station.post('/plans/coverage', { townshipId: '', months: '1' })).status).toBe(403);
    // Another township's and a township that does not exist get the same answer: not one of your choices.
    for (const [who, townshipId] of [
      [station, String(p.f.y.id)],
      [admin, '999999'],
    ] as const) {
      const refused = await who.post('/plans/coverage', { townshipId, months: '1' });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(who === admin ? 'Please choose a valid option.' : '请选择一个有效选项。');
    }
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
    expect((await coord.get('/plans/coverage')).status).toBe(403);
    expect(await periods()).toEqual([]);
    expect(await audits()).toEqual([]);
  });
});
