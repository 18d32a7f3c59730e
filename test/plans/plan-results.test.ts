import { and, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let station: Browser;
let stationUser: number;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z'); // the service day, 09:00 in Shanghai
  p = await planFixture(t);
  ({ browser: station, userId: stationUser } = await loginAs(t, 'station_staff', { townshipId: p.f.x.id }));
  expect((await station.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
  expect((await station.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
});

const db = () => t.database.db;
const listOf = async (volunteerId: number) =>
  (
    await db()
      .select()
      .from(s.planAssignments)
      .where(and(eq(s.planAssignments.published, true), eq(s.planAssignments.volunteerId, volunteerId)))
  ).sort((a, b) => a.position - b.position);
const visitsOf = (ids: number[]) => db().select().from(s.visits).where(inArray(s.visits.recipientId, ids));
const counts = async () => ({
  visits: await db().$count(s.visits),
  needs: await db().$count(s.needs),
  lines: await db().$count(s.ledgerLines),
  activities: await db().$count(s.activities),
});
const url = (volunteerId: number) => `/plans/${p.shift.id}/results/${volunteerId}`;

describe('typing in a returned route sheet', () => {
  it('records every household of the volunteer at once, as the phone would, and a resubmission writes nothing new', async () => {
    const rows = await listOf(p.wang.id);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const page = await (await station.get(url(p.wang.id))).text();
    for (const r of rows) expect(page).toContain(`name="r${r.id}.outcome"`);

    const [first, second, ...rest] = rows;
    const form: Record<string, string> = {
      [`r${first.id}.outcome`]: 'visited',
      [`r${first.id}.needCategory`]: 'health',
      [`r${first.id}.needText`]: '腿疼，需要送医',
      [`r${first.id}.aidCash`]: '50',
      [`r${second.id}.outcome`]: 'not_home',
    };
    for (const r of rest) form[`r${r.id}.outcome`] = 'visited';
    const res = await station.post(url(p.wang.id), form);
    expect(res.status).toBe(303);

    const visits = await visitsOf(rows.map((r) => r.recipientId));
    expect(visits).toHaveLength(rows.length);
    for (const v of visits) {
      expect(v).toMatchObject({
        visitedOn: '2026-11-25',
        visitorKind: 'volunteer',
        visitorNames: '王志愿',
        volunteerIds: [p.wang.id],
        recordedBy: stationUser,
        kind: 'home_visit',
      });
    }
    expect(visits.find((v) => v.recipientId === second.recipientId)?.outcome).toBe('not_home');
    const [need] = await db().select().from(s.needs);
    expect(need).toMatchObject({ recipientId: first.recipientId, category: 'health', text: '腿疼，需要送医' });
    const lines = await db().select().from(s.ledgerLines);
    expect(lines).toMatchObject([{ kind: 'cash', amountFen: 5000, organisationId: p.f.orgA.id }]);
    const after = await (await station.get(url(p.wang.id))).text();
    expect(after).toContain('已录入路线单结果');
    expect(after).toContain('已登记：不在家');

    const before = await counts();
    expect((await station.post(url(p.wang.id), form)).status).toBe(303);
    expect(await counts()).toEqual(before);
  });

  it('refuses the whole sheet when one row is wrong, saying which, and writes nothing', async () => {
    const rows = await listOf(p.li.id);
    const before = await counts();
    const form: Record<string, string> = {};
    for (const r of rows) form[`r${r.id}.outcome`] = 'visited';
    form[`r${rows[0].id}.needText`] = '需要修房'; // a need without its category: the phone's form refuses it too
    form[`r${rows[rows.length - 1].id}.aidCash`] = '-5';
    const res = await station.post(url(p.li.id), form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('填写了诉求内容时，请选择类别');
    expect(html).toContain(`有 ${rows.length > 1 ? 2 : 1} 户填写有误，全部未保存`);
    expect(html).toContain('value="需要修房"'); // what was typed comes back
    expect(await counts()).toEqual(before);
  });

  it('skips households left blank and those the volunteer already recorded on the phone', async () => {
    const rows = await listOf(p.wang.id);
    const volunteerLogin = await db()
      .select({ userId: s.volunteers.userId })
      .from(s.volunteers)
      .where(eq(s.volunteers.id, p.wang.id));
    await db()
      .insert(s.visits)
      .values({
        recipientId: rows[0].recipientId,
        visitedOn: '2026-11-25',
        kind: 'home_visit',
        visitorKind: 'volunteer',
        volunteerIds: [p.wang.id],
        outcome: 'visited',
        recordedBy: volunteerLogin[0].userId,
        createdAt: t.clock.now(),
      });
    const page = await (await station.get(url(p.wang.id))).text();
    expect(page).not.toContain(`name="r${rows[0].id}.outcome"`);
    const res = await station.post(url(p.wang.id), {
      [`r${rows[0].id}.outcome`]: 'refused', // ignored: already recorded
      [`r${rows[1].id}.outcome`]: 'visited',
    });
    expect(res.status).toBe(303);
    const visits = await visitsOf(rows.map((r) => r.recipientId));
    expect(visits.map((v) => `${v.recipientId}:${v.outcome}`).sort()).toEqual(
      [`${rows[0].recipientId}:visited`, `${rows[1].recipientId}:visited`].sort(),
    );
  });

  it('refuses before the visit day, and answers 404 for a volunteer not on the plan or another township', async () => {
    t.clock.set('2026-11-24T01:00:00Z');
    const rows = await listOf(p.wang.id);
    const before = await counts();
    const early = await station.post(url(p.wang.id), { [`r${rows[0].id}.outcome`]: 'visited' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('走访日当天才能登记结果');
    expect((await station.get(url(999999))).status).toBe(404);
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    expect((await stationY.post(url(p.wang.id), { [`r${rows[0].id}.outcome`]: 'visited' })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('a row whose aid cannot be saved', () => {
  it('refuses the whole entry naming the row, the form filled, in zh and en, writing nothing', async () => {
    const rows = await listOf(p.wang.id);
    const [first, second] = rows;
    // The second household moved into a nursing home after the plan went out: its aid has no home-supported target.
    await db().update(s.recipients).set({ supportMode: 'institution' }).where(eq(s.recipients.id, second.recipientId));
    const [{ name }] = await db()
      .select({ name: s.recipients.name })
      .from(s.recipients)
      .where(eq(s.recipients.id, second.recipientId));
    const before = await counts();
    const form: Record<string, string> = {
      [`r${first.id}.outcome`]: 'visited',
      [`r${first.id}.aidCash`]: '30',
      [`r${second.id}.outcome`]: 'visited',
      [`r${second.id}.aidGoodsName`]: '棉被',
      [`r${second.id}.aidGoodsValue`]: '120',
      [`r${second.id}.notes`]: '老人已入住敬老院',
    };
    const res = await station.post(url(p.wang.id), form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`第 ${second.position} 户 ${name}：这一户的帮扶无法记入台账`);
    expect(html).toContain('整张路线单均未保存');
    expect(html).toContain('value="棉被"');
    expect(html).toContain('value="老人已入住敬老院"');
    expect(html).toContain('value="30"'); // the good row comes back too, not saved
    expect(await counts()).toEqual(before);

    await station.post('/lang', { locale: 'en', back: '/' });
    const english = await (await station.post(url(p.wang.id), form)).text();
    expect(english).toContain(`Household ${second.position}, ${name}: its aid cannot go into the ledger`);
    expect(await counts()).toEqual(before);
  });
});

describe('the funding source of aid typed in from a sheet', () => {
  it('is stored on the lines and reaches the annual summary’s table by source', async () => {
    const [first] = await listOf(p.wang.id);
    const res = await station.post(url(p.wang.id), {
      [`r${first.id}.outcome`]: 'visited',
      [`r${first.id}.aidCash`]: '80',
      [`r${first.id}.aidSource`]: 'donation',
    });
    expect(res.status).toBe(303);
    expect(await db().select().from(s.ledgerLines)).toMatchObject([{ amountFen: 8000, fundingSource: 'donation' }]);
    const admin = (await loginAs(t, 'county_admin')).browser;
    const table = bySource(await (await admin.get('/reports/aid?year=2026')).text());
    expect(table).toContain('<td>社会捐赠</td><td class="num">80.00</td>');

    const [second] = await listOf(p.li.id);
    const refused = await station.post(url(p.li.id), {
      [`r${second.id}.outcome`]: 'visited',
      [`r${second.id}.aidCash`]: '5',
      [`r${second.id}.aidSource`]: 'lottery',
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请从列表中选择资金来源。');
    expect(await db().$count(s.ledgerLines)).toBe(1);
  });
});

/** The summary page's table by funding source, as one string. */
function bySource(html: string): string {
  const start = html.indexOf('id="by-source"');
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</table>', start));
}

describe('correcting from the list of a sheet’s visits', () => {
  it('links each visit the viewer may correct, the same day only, to its correction page', async () => {
    const [first] = await listOf(p.wang.id);
    await station.post(url(p.wang.id), { [`r${first.id}.outcome`]: 'not_home' });
    const [visit] = await visitsOf([first.recipientId]);
    const link = `href="/visits/records/${visit.id}/correct"`;
    expect(await (await station.get(url(p.wang.id))).text()).toContain(link);
    const page = await station.get(`/visits/records/${visit.id}/correct`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<option value="not_home" selected/);
    const fixed = await station.post(`/visits/records/${visit.id}/correct`, { outcome: 'visited' });
    expect(fixed.status).toBe(303);
    expect((await visitsOf([first.recipientId]))[0].outcome).toBe('visited');

    // The coordinator neither recorded it nor is the station: no link for them.
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
    expect(await (await coord.get(url(p.wang.id))).text()).not.toContain(link);
    // The next day the visit stands as recorded: the link is gone.
    t.clock.advance(24 * 60 * 60 * 1000);
    const nextDay = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser; // yesterday's login idled out
    const later = await (await nextDay.get(url(p.wang.id))).text();
    expect(later).toContain('已登记：已走访');
    expect(later).not.toContain(link);
  });
});
