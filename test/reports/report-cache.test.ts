// The annual summary is computed once per ledger version (src/modules/reports/cache.ts): a write of any kind
// shows on the next request, through whichever path it came, and scopes never share a copy.

import { eq, sql } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { ledgerLines, recipients, shiftSignups } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ledgerVersion } from '../../src/modules/reports/cache.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { onOrganisationPlan, organisation, recipient, township } from '../setup/ledger-fixtures.js';
import { recorder, serviceShift, signup, visit, volunteer } from '../setup/year-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};

beforeEach(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '易俗河镇');
  ids.B = await township(db, '花石镇');
  ids.org1 = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  ids.org2 = await organisation(db, '花石志愿服务队', 'social_org', ids.B);
  ids.r1 = await recipient(db, cipher, '王秀英', ids.A);
  ids.r2 = await recipient(db, cipher, '李桂兰', ids.B);
  // Each organisation serves its household through a visit plan, so its coordinator may record aid for it.
  await onOrganisationPlan(db, ids.org1, ids.A, ids.r1);
  await onOrganisationPlan(db, ids.org2, ids.B, ids.r2);
});

const cash = (key: string, organisationId: number, recipientId: number, yuan: string) => ({
  idempotencyKey: key,
  organisationId: String(organisationId),
  occurredOn: '2026-11-24',
  kind: 'home_visit',
  recipientIds: [String(recipientId)],
  lineKind: ['cash'],
  lineAmount: [yuan],
});

const sentence = async (b: { get(p: string): Promise<Response> }) => {
  const html = await (await b.get('/reports/aid?year=2026')).text();
  return html.match(/\d+家社会组织[^<]*/)?.[0] ?? html;
};

describe('the annual summary, cached by ledger version', () => {
  it('shows every new activity on the next request, and each scope its own figures', async () => {
    const admin = (await loginAs(t, 'county_admin')).browser;
    const stationB = (await loginAs(t, 'station_staff', { townshipId: ids.B })).browser;
    const coord1 = (await loginAs(t, 'org_coordinator', { organisationId: ids.org1 })).browser;
    const coord2 = (await loginAs(t, 'org_coordinator', { organisationId: ids.org2 })).browser;
    expect(await sentence(admin)).toContain('年帮扶0次');
    expect(await sentence(stationB)).toContain('年帮扶0次');
    const v0 = await ledgerVersion(t.database.db);

    expect((await coord1.post('/activities', cash('a'.repeat(20), ids.org1, ids.r1, '20000'))).status).toBe(303);
    const v1 = await ledgerVersion(t.database.db);
    expect(v1).not.toBe(v0);
    expect(await sentence(admin)).toContain('年帮扶1次，帮扶资金物资共计2.0万元');
    // The station of the other township was cached before too, and still sees nothing of 易俗河镇's visit.
    expect(await sentence(stationB)).toContain('年帮扶0次');

    expect((await coord2.post('/activities', cash('b'.repeat(20), ids.org2, ids.r2, '10000'))).status).toBe(303);
    expect(await sentence(admin)).toContain('年帮扶2次，帮扶资金物资共计3.0万元');
    expect(await sentence(stationB)).toContain('年帮扶1次，帮扶资金物资共计1.0万元');
    // The same request twice at one version gives the same page (the cached copy, charts included).
    const a = await (await admin.get('/reports/aid?year=2026')).text();
    const b = await (await admin.get('/reports/aid?year=2026')).text();
    expect(a).toBe(b);
    expect(a).toContain('data:image/svg+xml');
    // A reversal is a write too (appended lines): the figures follow it.
    const [line] = await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.amountFen, 1_000_000));
    const reversed = await coord2.post(`/activities/${line.activityId}/lines/${line.id}/reverse`, {
      reason: '录错金额',
      replacement: '',
    });
    expect(reversed.status).toBe(303);
    expect(await sentence(admin)).toContain('帮扶资金物资共计2.0万元');
    // Below 1 万元 the sentence gives exact 元, never "0.0万元".
    expect(await sentence(stationB)).toContain('帮扶资金物资共计0元');
  });

  it('an English page gets English charts, a Chinese one Chinese, at the same version', async () => {
    const admin = (await loginAs(t, 'county_admin')).browser;
    const zh = await (await admin.get('/reports/aid?year=2026')).text();
    await admin.post('/lang', { locale: 'en', back: '/reports/aid' });
    const en = await (await admin.get('/reports/aid?year=2026')).text();
    const charts = (html: string) => [...html.matchAll(/src="(data:image\/svg\+xml[^"]*)"/g)].map((m) => m[1]);
    expect(charts(zh)).toHaveLength(2);
    expect(charts(en)).toHaveLength(2);
    expect(charts(en)).not.toEqual(charts(zh));
  });

  it('follows counted visits and confirmed hours, and serves an unchanged version from its copy', async () => {
    const db = t.database.db;
    const admin = (await loginAs(t, 'county_admin')).browser;
    // The year's row of the totals table, by the page's column order (views/pages/reports/summary.tsx).
    const totals = async () => {
      const cells = parse(await (await admin.get('/reports/aid?year=2026')).text())
        .querySelectorAll('#summary-total tbody td')
        .map((td) => td.text);
      const [, , stations, , households, events, , , , , hours, volunteers] = cells;
      return { stations, households, events, hours, volunteers };
    };
    expect(await totals()).toEqual({ stations: '0', households: '0', events: '0', hours: '0', volunteers: '0' });

    // A station worker's counted visit (written straight to the table, as an import or another instance would).
    await organisation(db, '易俗河镇社工站', 'station', ids.A);
    const worker = await recorder(db, 'station_staff', ids.A);
    await visit(db, { recipientId: ids.r1, on: '2026-11-20', by: 'station_worker', recordedBy: worker });
    expect(await totals()).toMatchObject({ stations: '1', households: '1', events: '1' });
    // Visits are filed through the household when read: a household that goes into an institution (no nursing home
    // named) leaves the visit counting nowhere, and back home it counts again.
    const move = (supportMode: 'home' | 'institution', at: number) =>
      db
        .update(recipients)
        .set({ supportMode, updatedAt: new Date(at) })
        .where(eq(recipients.id, ids.r1));
    await move('institution', Date.parse('2026-11-24T03:00:00Z'));
    expect(await totals()).toMatchObject({ stations: '0', households: '0', events: '0' });
    await move('home', Date.parse('2026-11-24T03:01:00Z'));
    expect(await totals()).toMatchObject({ stations: '1', households: '1', events: '1' });

    // Hours confirmed on a sign-up that existed before (an update, not a new row).
    const shift = await serviceShift(db, ids.org1, ids.A, '2026-11-21');
    const v = await volunteer(db, '志愿者甲');
    await signup(db, shift.shiftId, v, null);
    expect(await totals()).toMatchObject({ hours: '0', volunteers: '0' });
    await db
      .update(shiftSignups)
      .set({ attended: true, confirmedMinutes: 150, confirmedAt: t.clock.now() })
      .where(eq(shiftSignups.volunteerId, v));
    expect(await totals()).toMatchObject({ hours: '2.5', volunteers: '1' });

    // A rename written around the service leaves the version as it was: the page is the cached copy until its
    // five minutes are up (the proof that repeated requests are served from the copy, not computed again).
    expect((await coordPost(ids.org1, ids.r1)).status).toBe(303);
    const named = async () => (await (await admin.get('/reports/aid?year=2026')).text()).includes('湘潭县爱心协会');
    expect(await named()).toBe(true);
    await db.run(sql`UPDATE organisations SET name = '湘潭县暖心协会' WHERE id = ${ids.org1}`);
    expect(await named()).toBe(true);
    t.clock.advance(5 * 60_000 + 1);
    expect(await named()).toBe(false);
  });
});

async function coordPost(organisationId: number, recipientId: number) {
  const coord = (await loginAs(t, 'org_coordinator', { organisationId })).browser;
  return coord.post('/activities', cash('c'.repeat(20), organisationId, recipientId, '100'));
}
