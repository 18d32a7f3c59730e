// Double aid seen in time: recording an activity for a household another body aided with cash or goods within the
// window asks to confirm (the earlier aid shown) before saving, the htmx check says so as households are ticked,
// and the county list shows such households for a month, a station only its township's.

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { activities, auditLog, ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type LineInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { voidActivity } from '../../src/modules/ledger/void.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, service, township } from '../setup/ledger-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};
let key = 0;

async function record(org: number, on: string, recipientId: number, lines: LineInput[]) {
  const r = await recordActivity(
    t.database.db,
    {
      organisationId: org,
      occurredOn: on,
      kind: 'condolence',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: [recipientId],
      nursingHomeIds: [],
      lines,
    },
    { idempotencyKey: `double-${++key}`, actorUserId: null, now: t.clock.now() },
  );
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

beforeEach(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '易俗河镇');
  ids.B = await township(db, '中路铺镇');
  ids.org = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  ids.stationA = await organisation(db, '易俗河镇社工站', 'station', ids.A);
  ids.stationB = await organisation(db, '中路铺镇社工站', 'station', ids.B);
  ids.wang = await recipient(db, cipher, '王秀英', ids.A);
  ids.li = await recipient(db, cipher, '李桂兰', ids.B);
});

const form = (on: string, recipientId: number, extra: Record<string, string | string[]> = {}) => ({
  idempotencyKey: `k${on.replaceAll('-', '')}${recipientId}`.padEnd(20, 'x'),
  organisationId: String(ids.stationA),
  occurredOn: on,
  kind: 'care',
  recipientIds: [String(recipientId)],
  lineKind: ['cash'],
  lineAmount: ['200'],
  ...extra,
});

const station = async (townshipId: number): Promise<Browser> =>
  (await loginAs(t, 'station_staff', { townshipId })).browser;

describe('the activity form warns of another body’s aid within the window', () => {
  it('flags aid 30 days before, not 31; saves after confirming, audited with the aid seen', async () => {
    const earlier = await record(ids.org, '2026-10-25', ids.wang, [cash(30_000)]);
    const b = await station(ids.A);

    // Day 31 after the association's aid: no warning, saved at once.
    const late = await b.post('/activities', form('2026-11-25', ids.wang));
    expect(late.status).toBe(303);

    // Day 30: the form answers with the earlier aid and asks to confirm; nothing saved yet.
    const before = (await t.database.db.select().from(activities)).length;
    const ask = await b.post('/activities', form('2026-11-24', ids.wang));
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain('所选对象在30天内已得到其他单位的资金或物资帮扶');
    expect(html).toContain('王秀英 · 2026-10-25 · 湘潭县爱心协会 · 300.00元');
    expect(html).toContain(`name="confirmDoubleAid" value="${earlier}"`);
    expect(html).toContain('仍然保存');
    expect((await t.database.db.select().from(activities)).length).toBe(before);

    const saved = await b.post('/activities', form('2026-11-24', ids.wang, { confirmDoubleAid: String(earlier) }));
    expect(saved.status).toBe(303);
    const id = Number(saved.headers.get('location')!.split('/').pop());
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'confirm_double_aid'));
    expect(audit.map((a) => [a.entity, a.entityId, a.changes])).toEqual([
      ['activity', String(id), { earlierActivityIds: [earlier] }],
    ]);
    // An activity saved without a warning leaves no confirmation behind.
    expect(audit).toHaveLength(1);
  });

  it('does not flag the same body, reversed or voided aid, or services only', async () => {
    await record(ids.stationA, '2026-11-20', ids.wang, [cash(10_000)]); // the same station
    const reversed = await record(ids.org, '2026-11-18', ids.wang, [goods('大米', 8_000)]);
    const [line] = await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.activityId, reversed));
    await reverseLine(t.database.db, line, null, { reason: '未发放', actorUserId: null, now: t.clock.now() });
    const voided = await record(ids.org, '2026-11-19', ids.wang, [cash(5_000)]);
    await voidActivity({
      db: t.database.db,
      activityId: voided,
      reason: '录错',
      actorUserId: null,
      now: t.clock.now(),
    });
    await record(ids.org, '2026-11-21', ids.wang, [service('助洁', 200)]);
    const b = await station(ids.A);
    const res = await b.post('/activities', form('2026-11-24', ids.wang));
    expect(res.status).toBe(303);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'confirm_double_aid'))).toEqual([]);
  });

  it('asks again when more aid arrived after the confirmation was shown', async () => {
    const first = await record(ids.org, '2026-11-01', ids.wang, [cash(10_000)]);
    const b = await station(ids.A);
    await record(ids.stationB, '2026-11-10', ids.wang, [cash(5_000)]);
    const res = await b.post('/activities', form('2026-11-24', ids.wang, { confirmDoubleAid: String(first) }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('王秀英 · 2026-11-10 · 中路铺镇社工站 · 50.00元');
  });

  it('the htmx check shows the same warning for the households ticked, and nothing for others’', async () => {
    await record(ids.org, '2026-11-10', ids.wang, [cash(12_345)]);
    await record(ids.org, '2026-11-10', ids.li, [cash(99_900)]);
    const b = await station(ids.A);
    const q = `organisationId=${ids.stationA}&occurredOn=2026-11-24&recipientIds=${ids.wang}&recipientIds=${ids.li}`;
    const res = await b.get(`/activities/double-aid/check?${q}`, { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('王秀英 · 2026-11-10 · 湘潭县爱心协会 · 123.45元');
    // 李桂兰 lives in another township: this station cannot pick her, so the check says nothing about her.
    expect(html).not.toContain('李桂兰');
    expect(html).not.toContain('confirmDoubleAid');
    const same = await b.get(
      `/activities/double-aid/check?organisationId=${ids.org}&occurredOn=2026-11-24&recipientIds=${ids.wang}`,
    );
    expect(await same.text()).toBe('');
  });
});

describe('the county list of double aid', () => {
  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr><td><a href="\/activities\?recipientId=\d+">([^<]+)<\/a><\/td><td>([^<]+)<\/td>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );

  it('lists households of the month with both bodies and amounts; a station sees only its township', async () => {
    const zhao = await recipient(t.database.db, cipherFor(t.config), '赵德明', ids.B);
    await record(ids.org, '2026-10-20', ids.wang, [cash(30_000)]);
    await record(ids.stationA, '2026-11-19', ids.wang, [goods('棉被', 15_000)]); // 30 days after: listed
    await record(ids.org, '2026-10-19', ids.li, [cash(10_000)]);
    await record(ids.stationB, '2026-11-19', ids.li, [cash(20_000)]); // 31 days after: not listed
    await record(ids.org, '2026-11-02', zhao, [cash(40_000)]);
    await record(ids.stationB, '2026-11-05', zhao, [cash(25_000)]); // 3 days after: listed

    const admin = (await loginAs(t, 'county_admin')).browser;
    const county = await (await admin.get('/activities/double-aid?month=2026-11')).text();
    expect(rowsOf(county)).toEqual(['赵德明 中路铺镇', '王秀英 易俗河镇']);
    expect(county).toContain('2026-10-20 · 湘潭县爱心协会 · 300.00');
    expect(county).toContain('2026-11-19 · 易俗河镇社工站 · 150.00');
    expect(county).toContain('2026-11-02 · 湘潭县爱心协会 · 400.00');
    expect(county).toContain('2026-11-05 · 中路铺镇社工站 · 250.00');
    expect(county).not.toContain('李桂兰');

    const a = await (await (await station(ids.A)).get('/activities/double-aid?month=2026-11')).text();
    expect(rowsOf(a)).toEqual(['王秀英 易俗河镇']);
    const october = await (await admin.get('/activities/double-aid?month=2026-10')).text();
    expect(rowsOf(october)).toEqual([]);
    expect(october).toContain('本月没有重复帮扶的对象。');
  });

  it('refuses a bad month with a message, and is closed to coordinators', async () => {
    const admin = (await loginAs(t, 'county_admin')).browser;
    const bad = await admin.get('/activities/double-aid?month=2026-13');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择月份（如 2026-11）。');
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: ids.org })).browser;
    expect((await coord.get('/activities/double-aid')).status).toBe(403);
  });
});
