// A hand-made year whose every summary figure is worked out by hand below (docs/annual-summary.md has the
// definitions). Two townships 甲 and 乙; 甲镇爱心社 (based in 甲) and 县志愿协会 (county-wide); 甲镇社工站; 乙镇敬老院;
// five households h1, h2 (甲), h3, h4 (乙), h5 (甲, only care visits and a not-home visit).
//
//  E1  爱心社   01-10  h1        cash 500 社会捐赠, goods 200 组织自筹
//  E2  爱心社   02-15  h3 (乙)    cash 300 财政专项           — a household in another township than its organiser
//  E3  志愿协会 03-20  敬老院(乙) goods 1,000 社会捐赠, service 2.5 h (no source: 未注明)
//  E4  志愿协会 04-01  h5        cash 800 社会捐赠  — wrong household: VOIDED
//  E5  志愿协会 04-01  h4        cash 800 社会捐赠  — recorded again
//  E6  社工站   05-25  h1, h2    cash 100 财政专项, goods 150 其他 → reversed, replaced by 120
//  SH1 爱心社 shift 06-24 (甲): visits h1, h2 visited, h5 not home; aid on h2's visit cash 200 护理补贴统筹 (one event)
//      confirmed 210 + 180 min (V1, V2), V3 not confirmed
//  SH2 社工站 shift 06-25 (甲): visit h1 visited, no aid; V1 confirmed 90 min
//  D   社工站 worker visits h2 and h1 on 07-03, off any shift (one event)
//  care visits of the 守望之家 to h5 and h3 (watch_home_member, village_doctor): not counted
//  2025-12-31: 爱心社 cash 99 to h4 — another year

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import * as scopes from '../../src/lib/scope.js';
import { type ActivityInput, type LineInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { voidActivity } from '../../src/modules/ledger/void.js';
import { annualSummary } from '../../src/modules/reports/summary.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, service, township } from '../setup/ledger-fixtures.js';
import { planned, recorder, serviceShift, signup, visit, volunteer } from '../setup/year-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};
const src = (l: LineInput, fundingSource: LineInput['fundingSource']): LineInput => ({ ...l, fundingSource });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '甲镇');
  ids.B = await township(db, '乙镇');
  ids.S1 = await organisation(db, '甲镇爱心社', 'social_org', ids.A);
  ids.S2 = await organisation(db, '县志愿协会', 'social_org', null);
  ids.St = await organisation(db, '甲镇社工站', 'station', ids.A);
  ids.NH = await organisation(db, '乙镇敬老院', 'nursing_home', ids.B);
  for (const [k, town] of [
    ['h1', ids.A],
    ['h2', ids.A],
    ['h3', ids.B],
    ['h4', ids.B],
    ['h5', ids.A],
  ] as const)
    ids[k] = await recipient(db, cipher, `户${k}`, town);

  let key = 0;
  const rec = async (a: Partial<ActivityInput> & Pick<ActivityInput, 'organisationId' | 'occurredOn' | 'lines'>) => {
    const input: ActivityInput = {
      kind: 'home_visit',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: [],
      nursingHomeIds: [],
      ...a,
    };
    const r = await recordActivity(db, input, { idempotencyKey: `k${++key}`, actorUserId: null, now: new Date() });
    if (!r.ok) throw new Error(r.reason);
    return r.id;
  };
  await rec({
    organisationId: ids.S1,
    occurredOn: '2026-01-10',
    recipientIds: [ids.h1],
    lines: [src(cash(50000), 'donation'), src(goods('米', 20000), 'self_raised')],
  });
  await rec({
    organisationId: ids.S1,
    occurredOn: '2026-02-15',
    recipientIds: [ids.h3],
    lines: [src(cash(30000), 'fiscal')],
  });
  await rec({
    organisationId: ids.S2,
    occurredOn: '2026-03-20',
    kind: 'condolence',
    nursingHomeIds: [ids.NH],
    lines: [src(goods('油', 100000), 'donation'), service('清洁卫生', 250, 3)],
  });
  ids.E4 = await rec({
    organisationId: ids.S2,
    occurredOn: '2026-04-01',
    recipientIds: [ids.h5],
    lines: [src(cash(80000), 'donation')],
  });
  const voided = await voidActivity({ db, activityId: ids.E4, reason: '录错对象', actorUserId: null, now: new Date() });
  if (!voided.ok) throw new Error('void failed');
  await rec({
    organisationId: ids.S2,
    occurredOn: '2026-04-01',
    recipientIds: [ids.h4],
    lines: [src(cash(80000), 'donation')],
  });
  const e6 = await rec({
    organisationId: ids.St,
    occurredOn: '2026-05-25',
    recipientIds: [ids.h1, ids.h2],
    lines: [src(cash(10000), 'fiscal'), src(goods('被子', 15000), 'other')],
  });
  const wrong = (await db.select().from(ledgerLines).where(eq(ledgerLines.activityId, e6))).find(
    (l) => l.kind === 'goods',
  )!;
  const rev = await reverseLine(db, wrong, goods('被子', 12000), {
    reason: '折价有误',
    actorUserId: null,
    now: new Date(),
  });
  if (!rev.ok) throw new Error('reversal failed');

  const [v1, v2, v3] = [
    await volunteer(db, '志愿者一'),
    await volunteer(db, '志愿者二'),
    await volunteer(db, '志愿者三'),
  ];
  const sh1 = await serviceShift(db, ids.S1, ids.A, '2026-06-24');
  for (const h of [ids.h1, ids.h2, ids.h5]) await planned(db, sh1.planId, v1, h);
  await signup(db, sh1.shiftId, v1, 210);
  await signup(db, sh1.shiftId, v2, 180);
  await signup(db, sh1.shiftId, v3, null);
  const volunteerUser = await recorder(db, 'volunteer', null);
  await visit(db, {
    recipientId: ids.h1,
    on: '2026-06-24',
    by: 'volunteer',
    recordedBy: volunteerUser,
    volunteerIds: [v1],
  });
  await visit(db, {
    recipientId: ids.h2,
    on: '2026-06-24',
    by: 'volunteer',
    recordedBy: volunteerUser,
    volunteerIds: [v1],
  });
  await visit(db, {
    recipientId: ids.h5,
    on: '2026-06-24',
    by: 'volunteer',
    outcome: 'not_home',
    recordedBy: volunteerUser,
  });
  await rec({
    organisationId: ids.S1,
    occurredOn: '2026-06-24',
    shiftId: sh1.shiftId,
    recipientIds: [ids.h2],
    lines: [src(cash(20000), 'care_subsidy')],
  });
  const sh2 = await serviceShift(db, ids.St, ids.A, '2026-06-25');
  await planned(db, sh2.planId, v1, ids.h1);
  await signup(db, sh2.shiftId, v1, 90);
  await visit(db, {
    recipientId: ids.h1,
    on: '2026-06-25',
    by: 'volunteer',
    recordedBy: volunteerUser,
    volunteerIds: [v1],
  });
  const staff = await recorder(db, 'station_staff', ids.A);
  await visit(db, { recipientId: ids.h2, on: '2026-07-03', by: 'station_worker', recordedBy: staff });
  await visit(db, { recipientId: ids.h1, on: '2026-07-03', by: 'station_worker', recordedBy: staff });
  await visit(db, { recipientId: ids.h5, on: '2026-06-01', by: 'watch_home_member', recordedBy: staff });
  await visit(db, { recipientId: ids.h5, on: '2026-06-08', by: 'watch_home_member', recordedBy: staff });
  await visit(db, { recipientId: ids.h3, on: '2026-06-08', by: 'village_doctor', recordedBy: staff });
  await rec({ organisationId: ids.S1, occurredOn: '2025-12-31', recipientIds: [ids.h4], lines: [cash(9900)] });
});

const measures = (m: object) => {
  const { by_township, by_organisation, by_month, by_funding_source, year, ...rest } = m as Record<string, unknown>;
  return rest;
};

describe('the annual summary of a hand-made year', () => {
  it('gives the county figures worked out by hand', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    expect(measures(s)).toEqual({
      // E1 E2 E3 E5 E6, SH1 (visits and aid together), SH2, D — E4 voided
      assistance_events: 8,
      // h1 h2 h3 h4; h5 only on the voided E4, a not-home visit and care visits
      households_visited: 4,
      nursing_homes_visited: 1,
      organisations_participating: 2, // 爱心社, 志愿协会
      stations_participating: 1,
      cash_fen: 190000, // 500 + 300 + 800 + 100 + 200 (the voided 800 not)
      goods_value_fen: 132000, // 200 + 1,000 + 120 (150 reversed)
      aid_total_fen: 322000,
      service_hours: 2.5,
      volunteer_hours: 8, // (210 + 180 + 90) min; V3's unconfirmed sign-up none
      volunteers_serving: 2,
    });
  });

  it('files every line under the household’s township, not the organiser’s', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    const row = (id: number) => measures(s.by_township.find((x) => x.township_id === id)!);
    expect(row(ids.A)).toEqual({
      township_id: ids.A,
      township: '甲镇',
      assistance_events: 5, // E1, E6, SH1, SH2, D
      households_visited: 2,
      nursing_homes_visited: 0,
      organisations_participating: 1,
      stations_participating: 1,
      cash_fen: 80000, // 500 + 100 + 200
      goods_value_fen: 32000, // 200 + 120
      aid_total_fen: 112000,
      service_hours: 0,
      volunteer_hours: 8,
      volunteers_serving: 2,
    });
    expect(row(ids.B)).toEqual({
      township_id: ids.B,
      township: '乙镇',
      assistance_events: 3, // E2 (organised from 甲), E3, E5
      households_visited: 2,
      nursing_homes_visited: 1,
      organisations_participating: 2,
      stations_participating: 0,
      cash_fen: 110000,
      goods_value_fen: 100000,
      aid_total_fen: 210000,
      service_hours: 2.5,
      volunteer_hours: 0,
      volunteers_serving: 0,
    });
    expect(s.by_township).toHaveLength(2);
    // 乙镇's station sees 甲镇爱心社's aid to h3: the same figures as the county's 乙 row.
    const seenFromB = await annualSummary(t.database.db, 2026, scopes.township(ids.B));
    const { township_id, township: name, ...bRow } = row(ids.B) as Record<string, unknown>;
    expect(measures(seenFromB)).toEqual(bRow);
  });

  it('breaks down by organisation and by month', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    const org = (id: number) => s.by_organisation.find((x) => x.organisation_id === id)!;
    expect(org(ids.S1)).toMatchObject({
      assistance_events: 3, // E1, E2, SH1
      households_visited: 3, // h1, h3, h2
      nursing_homes_visited: 0,
      organisations_participating: 1,
      cash_fen: 100000,
      goods_value_fen: 20000,
      volunteer_hours: 6.5,
      volunteers_serving: 2,
    });
    expect(org(ids.S2)).toMatchObject({
      assistance_events: 2,
      households_visited: 1,
      nursing_homes_visited: 1,
      cash_fen: 80000,
      goods_value_fen: 100000,
      service_hours: 2.5,
      volunteer_hours: 0,
    });
    expect(org(ids.St)).toMatchObject({
      assistance_events: 3, // E6, SH2, D
      households_visited: 2,
      stations_participating: 1,
      organisations_participating: 0,
      cash_fen: 10000,
      goods_value_fen: 12000,
      volunteer_hours: 1.5,
      volunteers_serving: 1,
    });
    expect(s.by_organisation.map((o) => o.organisation_id).sort()).toEqual([ids.S1, ids.S2, ids.St].sort());
    expect(
      s.by_month.map((m) => [m.month, m.assistance_events, m.households_visited, m.aid_total_fen, m.volunteer_hours]),
    ).toEqual([
      ['2026-01', 1, 1, 70000, 0],
      ['2026-02', 1, 1, 30000, 0],
      ['2026-03', 1, 0, 100000, 0],
      ['2026-04', 1, 1, 80000, 0],
      ['2026-05', 1, 2, 22000, 0],
      ['2026-06', 2, 2, 20000, 8],
      ['2026-07', 1, 2, 0, 0],
    ]);
    // A coordinator's own organisation sees exactly its row.
    const own = await annualSummary(t.database.db, 2026, scopes.organisation(ids.S1));
    const { organisation_id, organisation: n, organisation_kind, ...s1 } = org(ids.S1);
    expect(measures(own)).toEqual(s1);
  });

  it('tables money and service hours by funding source, with lines without one as 未注明', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    expect(s.by_funding_source).toEqual([
      { source: 'care_subsidy', cash_fen: 20000, goods_value_fen: 0, aid_total_fen: 20000, service_hours: 0 },
      { source: 'fiscal', cash_fen: 40000, goods_value_fen: 0, aid_total_fen: 40000, service_hours: 0 },
      { source: 'donation', cash_fen: 130000, goods_value_fen: 100000, aid_total_fen: 230000, service_hours: 0 },
      { source: 'self_raised', cash_fen: 0, goods_value_fen: 20000, aid_total_fen: 20000, service_hours: 0 },
      // The replacement quilt keeps the reversed line's source.
      { source: 'other', cash_fen: 0, goods_value_fen: 12000, aid_total_fen: 12000, service_hours: 0 },
      { source: 'unspecified', cash_fen: 0, goods_value_fen: 0, aid_total_fen: 0, service_hours: 2.5 },
    ]);
    const total = s.by_funding_source.reduce((a, r) => a + r.aid_total_fen, 0);
    expect(total).toBe(s.aid_total_fen);
  });

  it('keeps the other year apart', async () => {
    const s = await annualSummary(t.database.db, 2025, scopes.ALL);
    expect(measures(s)).toMatchObject({
      assistance_events: 1,
      households_visited: 1,
      cash_fen: 9900,
      volunteer_hours: 0,
    });
  });
});
