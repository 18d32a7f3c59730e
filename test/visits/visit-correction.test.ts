import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let row: typeof s.planAssignments.$inferSelect;
let wang: Browser;

const FIRST = {
  outcome: 'visited',
  notes: '精神尚可',
  aidCash: '200',
  aidGoodsName: '大米',
  aidGoodsQuantity: '2',
  aidGoodsUnit: '袋',
  aidGoodsValue: '120.50',
  serviceKind: ['cleaning', ''],
  serviceHours: ['2', ''],
};

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  await coord.post(`/plans/${p.shift.id}/replan`);
  await coord.post(`/plans/${p.shift.id}/publish`);
  const rows = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
  row = rows.find((r) => r.volunteerId === p.wang.id)!;
  wang = p.wang.browser!;
  expect((await wang.post(`/visits/today/${row.id}`, FIRST)).status).toBe(303);
  t.clock.advance(90 * 60_000); // 10:30 the same day
});

/** The organisation's ledger totals, read straight from the table: what any report would add up. */
const totals = () =>
  t.database.db.all<{ kind: string; fen: number; centihours: number }>(
    sql`select kind, sum(amount_fen) as fen, sum(service_centihours) as centihours from ledger_lines
        where organisation_id = ${p.f.orgA.id} group by kind order by kind`,
  );
const lines = () => t.database.db.select().from(s.ledgerLines).orderBy(s.ledgerLines.id);
const visit = async () => (await t.database.db.select().from(s.visits))[0];

describe('correcting a recorded visit the same day', () => {
  it('offers the recorded values, then corrects the visit and its aid through reversals, audited', async () => {
    const list = await (await wang.get('/visits/today')).text();
    expect(list).toContain(`href="/visits/today/${row.id}/correct"`);
    const form = await (await wang.get(`/visits/today/${row.id}/correct`)).text();
    expect(form).toContain('value="200"');
    expect(form).toContain('value="120.5"');
    expect(form).toContain('value="精神尚可"');
    const before = await lines();
    expect(await totals()).toEqual([
      { kind: 'cash', fen: 20_000, centihours: 0 },
      { kind: 'goods', fen: 12_050, centihours: 0 },
      { kind: 'service', fen: 0, centihours: 200 },
    ]);

    const fixed = {
      outcome: 'visited',
      notes: '精神尚可，腿疼',
      aidCash: '150',
      serviceKind: 'cleaning',
      serviceHours: '3',
    };
    const res = await wang.post(`/visits/today/${row.id}/correct`, fixed);
    expect(res.status).toBe(303);
    expect(await (await wang.get('/visits/today')).text()).toContain('走访记录已更正。');
    expect(await visit()).toMatchObject({ outcome: 'visited', notes: '精神尚可，腿疼' });
    expect(await totals()).toEqual([
      { kind: 'cash', fen: 15_000, centihours: 0 },
      { kind: 'goods', fen: 0, centihours: 0 },
      { kind: 'service', fen: 0, centihours: 300 },
    ]);
    const after = await lines();
    // Append-only: the first three lines are untouched, three reversals point at them, two new lines follow.
    expect(after.slice(0, 3)).toEqual(before);
    const reversals = after.filter((l) => l.reversesLineId !== null);
    expect(reversals.map((l) => l.reversesLineId).sort()).toEqual(before.map((l) => l.id).sort());
    expect(reversals.map((l) => l.amountFen).sort((a, b) => a - b)).toEqual([-20_000, -12_050, 0]);
    expect(after).toHaveLength(8);
    const audit = await t.database.db.select().from(s.auditLog);
    expect(audit.filter((a) => a.action === 'correct' && a.entity === 'visit')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'reverse' && a.entity === 'ledger_line')).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('腿疼'); // notes stay out of the audit trail

    // The same correction sent again changes nothing.
    expect((await wang.post(`/visits/today/${row.id}/correct`, fixed)).status).toBe(303);
    expect(await lines()).toHaveLength(8);
    expect(await (await wang.get('/visits/today')).text()).toContain('内容没有变化');
  });

  it('to nobody met: the aid is reversed whole; cash on it is refused', async () => {
    const refused = await wang.post(`/visits/today/${row.id}/correct`, { outcome: 'not_home', aidCash: '200' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('未见到本人');
    expect(await lines()).toHaveLength(3);
    expect((await wang.post(`/visits/today/${row.id}/correct`, { outcome: 'not_home' })).status).toBe(303);
    expect((await visit()).outcome).toBe('not_home');
    expect(await totals()).toEqual([
      { kind: 'cash', fen: 0, centihours: 0 },
      { kind: 'goods', fen: 0, centihours: 0 },
      { kind: 'service', fen: 0, centihours: 0 },
    ]);
  });

  it('to deceased opens the station task; back to visited withdraws it', async () => {
    const base = { ...FIRST, outcome: 'deceased' };
    const { aidCash: _c, aidGoodsName: _g, aidGoodsValue: _v, aidGoodsQuantity: _q, aidGoodsUnit: _u, ...noAid } = base;
    expect(
      (await wang.post(`/visits/today/${row.id}/correct`, { ...noAid, serviceKind: '', serviceHours: '' })).status,
    ).toBe(303);
    expect(await t.database.db.select().from(s.stationTasks)).toMatchObject([{ kind: 'exit', status: 'open' }]);
    expect((await wang.post(`/visits/today/${row.id}/correct`, { outcome: 'visited' })).status).toBe(303);
    expect(await t.database.db.$count(s.stationTasks)).toBe(0);
  });

  it('is refused on another day and to anyone but the recorder, changing nothing', async () => {
    expect((await p.li.browser!.post(`/visits/today/${row.id}/correct`, { outcome: 'not_home' })).status).toBe(404);
    t.clock.set('2026-11-25T16:30:00Z'); // 00:30 the next day in Shanghai: the session has ended, log in again
    const [user] = await t.database.db.select().from(s.users).where(eq(s.users.id, p.wang.userId!));
    expect((await wang.post('/login', { username: user.username, password: PASSWORD })).status).toBe(303);
    const late = await wang.post(`/visits/today/${row.id}/correct`, { outcome: 'not_home' });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('只能在登记当天更正走访记录');
    expect((await visit()).outcome).toBe('visited');
    expect(await lines()).toHaveLength(3);
    expect((await t.database.db.select().from(s.auditLog)).filter((a) => a.action === 'correct')).toHaveLength(0);
  });

  it("by the township's station: the same rules, its own page; another township's station gets 404", async () => {
    const v = await visit();
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    expect((await stationY.get(`/visits/records/${v.id}/correct`)).status).toBe(404);
    expect((await stationY.post(`/visits/records/${v.id}/correct`, { outcome: 'not_home' })).status).toBe(404);
    const admin = (await loginAs(t, 'county_admin')).browser;
    expect((await admin.post(`/visits/records/${v.id}/correct`, { outcome: 'not_home' })).status).toBe(404);
    const stationX = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    const page = await stationX.get(`/visits/records/${v.id}/correct`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="200"');
    const res = await stationX.post(`/visits/records/${v.id}/correct`, {
      outcome: 'visited',
      notes: '精神尚可',
      aidCash: '180',
    });
    expect(res.status).toBe(303);
    expect(await totals()).toEqual([
      { kind: 'cash', fen: 18_000, centihours: 0 },
      { kind: 'goods', fen: 0, centihours: 0 },
      { kind: 'service', fen: 0, centihours: 0 },
    ]);
    const [audit] = (await t.database.db.select().from(s.auditLog)).filter((a) => a.action === 'correct');
    expect(audit.entityId).toBe(String(v.id));
  });
});
