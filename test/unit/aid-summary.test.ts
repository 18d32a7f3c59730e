import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import * as scopes from '../../src/lib/scope.js';
import { type ActivityInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { annualSummary } from '../../src/modules/reports/summary.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, service, township } from '../setup/ledger-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};

/** A hand-made county where every count is known; see the expectations below. */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '甲镇');
  ids.B = await township(db, '乙镇');
  ids.S1 = await organisation(db, '县级爱心社', 'social_org', null);
  ids.S2 = await organisation(db, '甲镇志愿队', 'social_org', ids.A);
  ids.StA = await organisation(db, '甲镇社工站', 'station', ids.A);
  ids.StB = await organisation(db, '乙镇社工站', 'station', ids.B);
  ids.NH1 = await organisation(db, '甲镇敬老院', 'nursing_home', ids.A);
  ids.NH2 = await organisation(db, '乙镇敬老院', 'nursing_home', ids.B);
  ids.r1 = await recipient(db, cipher, '甲一', ids.A);
  ids.r2 = await recipient(db, cipher, '甲二', ids.A);
  ids.r3 = await recipient(db, cipher, '乙一', ids.B);
  const base = { serviceDayId: null, shiftId: null, note: null, kind: 'home_visit' as const };
  const rec = async (key: string, a: Omit<ActivityInput, keyof typeof base>) => {
    const res = await recordActivity(
      db,
      { ...base, ...a },
      { idempotencyKey: key, actorUserId: null, now: new Date() },
    );
    if (!res.ok) throw new Error(res.reason);
    return res.id;
  };
  await rec('1', {
    organisationId: ids.S1,
    occurredOn: '2026-01-10',
    recipientIds: [ids.r1],
    nursingHomeIds: [ids.NH1],
    lines: [cash(10000), goods('米', 5050)],
  });
  const a2 = await rec('2', {
    organisationId: ids.S2,
    occurredOn: '2026-03-24',
    recipientIds: [ids.r1],
    nursingHomeIds: [],
    lines: [cash(20000)],
  });
  await rec('3', {
    organisationId: ids.StA,
    occurredOn: '2026-03-25',
    recipientIds: [],
    nursingHomeIds: [ids.NH1],
    lines: [service('打扫卫生', 250, 3)],
  });
  await rec('4', {
    organisationId: ids.StB,
    occurredOn: '2026-12-31',
    recipientIds: [ids.r3],
    nursingHomeIds: [ids.NH2],
    lines: [goods('油', 3000, 3, '桶')],
  });
  await rec('5', {
    organisationId: ids.S1,
    occurredOn: '2027-01-01',
    recipientIds: [ids.r2],
    nursingHomeIds: [],
    lines: [cash(99900)],
  });
  await rec('6', {
    organisationId: ids.S1,
    occurredOn: '2025-12-31',
    recipientIds: [ids.r2],
    nursingHomeIds: [],
    lines: [cash(88800)],
  });
  const [line] = await db.select().from(ledgerLines).where(eq(ledgerLines.activityId, a2));
  const rev = await reverseLine(db, line, cash(18000), { reason: '更正', actorUserId: null, now: new Date() });
  if (!rev.ok) throw new Error('reversal failed');
});

describe('the annual summary', () => {
  it('counts by its definitions: distinct organisations, stations, homes, households; money net of reversals', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    expect({
      ...s,
      by_month: undefined,
      by_organisation: undefined,
      by_township: undefined,
      by_funding_source: undefined,
    }).toEqual({
      year: 2026,
      organisations_participating: 2,
      stations_participating: 2,
      nursing_homes_visited: 2, // NH1 visited twice counts once
      households_visited: 2, // r1 visited by two organisations counts once; r2 only outside the year
      assistance_events: 4,
      cash_fen: 28000, // 100 + 200 − 200 + 180
      goods_value_fen: 8050,
      aid_total_fen: 36050,
      service_hours: 2.5,
      volunteer_hours: 0,
      volunteers_serving: 0,
      by_month: undefined,
      by_organisation: undefined,
      by_township: undefined,
      by_funding_source: undefined,
    });
  });

  it('breaks down by township, organisation and month with the same measures', async () => {
    const s = await annualSummary(t.database.db, 2026, scopes.ALL);
    const a = s.by_township.find((x) => x.township_id === ids.A)!;
    expect(a).toMatchObject({
      township: '甲镇',
      assistance_events: 3,
      organisations_participating: 2,
      stations_participating: 1,
      nursing_homes_visited: 1,
      households_visited: 1,
      cash_fen: 28000,
      goods_value_fen: 5050,
      service_hours: 2.5,
    });
    const b = s.by_township.find((x) => x.township_id === ids.B)!;
    expect(b).toMatchObject({
      township: '乙镇',
      assistance_events: 1,
      organisations_participating: 0,
      stations_participating: 1,
      nursing_homes_visited: 1,
      households_visited: 1,
      cash_fen: 0,
      goods_value_fen: 3000,
    });
    expect(
      s.by_month.map((m) => [m.month, m.assistance_events, m.households_visited, m.nursing_homes_visited, m.cash_fen]),
    ).toEqual([
      ['2026-01', 1, 1, 1, 10000],
      ['2026-03', 2, 1, 1, 18000],
      ['2026-12', 1, 1, 1, 0],
    ]);
    const s2 = s.by_organisation.find((x) => x.organisation_id === ids.S2)!;
    expect(s2).toMatchObject({
      organisation: '甲镇志愿队',
      organisations_participating: 1,
      assistance_events: 1,
      households_visited: 1,
      cash_fen: 18000,
      aid_total_fen: 18000,
    });
  });

  it('narrows to a coordinator organisation and a station township', async () => {
    const org = await annualSummary(t.database.db, 2026, scopes.organisation(ids.S1));
    expect(org).toMatchObject({
      assistance_events: 1,
      households_visited: 1,
      nursing_homes_visited: 1,
      cash_fen: 10000,
      goods_value_fen: 5050,
      stations_participating: 0,
    });
    const town = await annualSummary(t.database.db, 2026, scopes.township(ids.B));
    expect(town).toMatchObject({
      assistance_events: 1,
      households_visited: 1,
      aid_total_fen: 3000,
      organisations_participating: 0,
    });
    const other = await annualSummary(t.database.db, 2027, scopes.ALL);
    expect(other).toMatchObject({ assistance_events: 1, households_visited: 1, cash_fen: 99900 });
  });
});
