import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let row: typeof s.planAssignments.$inferSelect;
let wang: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z'); // 09:00 on the service day in Shanghai
  p = await planFixture(t);
  const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
  expect((await coord.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
  const rows = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
  row = rows.find((r) => r.volunteerId === p.wang.id)!;
  wang = p.wang.browser!;
});

const count = (table: Parameters<TestApp['database']['db']['$count']>[0]) => t.database.db.$count(table);

describe('validation that follows the outcome', () => {
  it('refuses cash, goods or services when nobody was met, in the user language, writing nothing', async () => {
    for (const outcome of ['not_home', 'refused', 'moved', 'in_hospital', 'deceased']) {
      for (const aid of <Record<string, string | string[]>[]>[
        { aidCash: '50' },
        { aidGoodsName: '大米', aidGoodsValue: '30' },
        { serviceKind: ['cleaning', ''], serviceHours: ['2', ''] },
      ]) {
        const res = await wang.post(`/visits/today/${row.id}`, { outcome, ...aid });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain('未见到本人（结果不是“已走访”）时不能登记现金、物资或服务。');
      }
    }
    await wang.post('/lang', { locale: 'en', back: '/' });
    const english = await wang.post(`/visits/today/${row.id}`, { outcome: 'not_home', aidCash: '50' });
    expect(await english.text()).toContain('Nobody was met (the outcome is not &quot;visited&quot;)');
    expect(await count(s.visits)).toBe(0);
    expect(await count(s.activities)).toBe(0);
    expect(await count(s.ledgerLines)).toBe(0);
  });

  it('records an in-hospital visit without aid', async () => {
    expect((await wang.post(`/visits/today/${row.id}`, { outcome: 'in_hospital' })).status).toBe(303);
    const visits = await t.database.db.select().from(s.visits);
    expect(visits).toMatchObject([{ recipientId: row.recipientId, outcome: 'in_hospital', visitedOn: '2026-11-25' }]);
  });

  it('refuses a service row without its kind or with impossible hours', async () => {
    for (const [kind, hours, message] of [
      ['', '2', '请选择服务类型。'],
      ['cleaning', '0', '请填写服务时长'],
      ['cleaning', '25', '请填写服务时长'],
      ['cleaning', '两小时', '请填写服务时长'],
      ['massage', '1', '请选择服务类型。'],
    ]) {
      const res = await wang.post(`/visits/today/${row.id}`, {
        outcome: 'visited',
        serviceKind: kind,
        serviceHours: hours,
      });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await count(s.visits)).toBe(0);
  });
});

describe('before the visit day', () => {
  it('the list says when recording opens and the form is not offered; a post is refused, writing nothing', async () => {
    t.clock.set('2026-11-24T02:00:00Z'); // the day before, 10:00 in Shanghai
    const list = await (await wang.get('/visits/today?date=2026-11-25')).text();
    expect(list).toContain('2026-11-25 当天起可登记结果。');
    expect(list).not.toContain(`href="/visits/today/${row.id}"`);
    const page = await wang.get(`/visits/today/${row.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('2026-11-25 当天起可登记结果。');
    expect(html).not.toContain(`action="/visits/today/${row.id}"`);
    const early = await wang.post(`/visits/today/${row.id}`, { outcome: 'visited' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('走访日当天才能登记结果。');
    expect(await count(s.visits)).toBe(0);
    t.clock.set('2026-11-24T16:00:00Z'); // midnight in Shanghai: the day has come
    expect(await (await wang.get(`/visits/today/${row.id}`)).text()).toContain(`action="/visits/today/${row.id}"`);
  });
});

describe('service lines and aid of a visit', () => {
  it('reach the aid ledger as lines of the visiting organisation, with the visit, once', async () => {
    const form = {
      outcome: 'visited',
      aidCash: '100',
      serviceKind: ['cleaning', 'counselling'],
      serviceHours: ['2', '1.5'],
    };
    expect((await wang.post(`/visits/today/${row.id}`, form)).status).toBe(303);
    expect((await wang.post(`/visits/today/${row.id}`, form)).status).toBe(303); // a resubmission
    expect(await count(s.visits)).toBe(1);
    const [activity] = await t.database.db.select().from(s.activities);
    expect(activity).toMatchObject({ organisationId: p.f.orgA.id, occurredOn: '2026-11-25', shiftId: p.shift.id });
    // Totals read straight from the table, by kind, for the organisation.
    const totals = await t.database.db.all<{ kind: string; fen: number; centihours: number; n: number }>(
      sql`select kind, sum(amount_fen) as fen, sum(service_centihours) as centihours, count(*) as n
          from ledger_lines where organisation_id = ${p.f.orgA.id} group by kind order by kind`,
    );
    expect(totals).toEqual([
      { kind: 'cash', fen: 10_000, centihours: 0, n: 1 },
      { kind: 'service', fen: 0, centihours: 350, n: 2 },
    ]);
    const services = await t.database.db.select().from(s.ledgerLines).where(eq(s.ledgerLines.kind, 'service'));
    expect(services.map((l) => [l.serviceKind, l.serviceCentihours, l.volunteers]).sort()).toEqual([
      ['心理疏导', 150, 1],
      ['清洁卫生', 200, 1],
    ]);
  });

  it('two phones submitting the same household and day make one visit and one aid', async () => {
    const form = { outcome: 'visited', aidCash: '20' };
    const answers = await Promise.all([
      wang.post(`/visits/today/${row.id}`, form),
      wang.post(`/visits/today/${row.id}`, form),
    ]);
    expect(answers.map((r) => r.status)).toEqual([303, 303]);
    expect(await count(s.visits)).toBe(1);
    expect(await count(s.activities)).toBe(1);
    expect(await count(s.ledgerLines)).toBe(1);
  });

  it('is one batch: when the ledger statement fails, neither the visit nor its need is left behind', async () => {
    // A real failing statement inside the batch: the database itself refuses any new ledger line.
    await t.database.db.run(
      sql.raw(`create trigger refuse_lines before insert on ledger_lines begin select raise(abort, 'refused'); end`),
    );
    const form = { outcome: 'visited', aidCash: '50', needCategory: 'health', needText: '需要轮椅' };
    expect((await wang.post(`/visits/today/${row.id}`, form)).status).toBe(500);
    expect(await count(s.visits)).toBe(0);
    expect(await count(s.needs)).toBe(0);
    expect(await count(s.activities)).toBe(0);
    await t.database.db.run(sql.raw('drop trigger refuse_lines'));
    expect((await wang.post(`/visits/today/${row.id}`, form)).status).toBe(303); // and the retry then goes in whole
    expect([await count(s.visits), await count(s.needs), await count(s.ledgerLines)]).toEqual([1, 1, 1]);
  });
});

describe('the funding source of aid handed over on a visit', () => {
  /** The annual summary's row for one source: cash, goods, total, service hours; [] when the table has none. */
  async function sourceRow(label: string) {
    const admin = (await loginAs(t, 'county_admin')).browser;
    const html = await (await admin.get('/reports/aid?year=2026')).text();
    const table = html.slice(html.indexOf('id="by-source"'), html.indexOf('</table>', html.indexOf('id="by-source"')));
    const row = table.split('<tr>').find((r) => r.includes(`<td>${label}</td>`));
    return [...(row ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  }

  it('is offered on the phone, stored on the lines, and moves in the summary when the visit is corrected', async () => {
    const form = await (await wang.get(`/visits/today/${row.id}`)).text();
    expect(form).toContain('name="aidSource"');
    expect(form).toContain('护理补贴统筹');
    const res = await wang.post(`/visits/today/${row.id}`, {
      outcome: 'visited',
      aidCash: '50',
      aidGoodsName: '大米',
      aidGoodsValue: '30',
      aidSource: 'care_subsidy',
    });
    expect(res.status).toBe(303);
    const lines = await t.database.db.select().from(s.ledgerLines);
    expect(lines.map((l) => [l.kind, l.amountFen, l.fundingSource])).toEqual([
      ['cash', 5000, 'care_subsidy'],
      ['goods', 3000, 'care_subsidy'],
    ]);
    expect(await sourceRow('护理补贴统筹')).toEqual(['50.00', '30.00', '80.00', '0']);
    expect(await sourceRow('未注明')).toEqual([]); // a source nobody used has no row

    // Corrected the same day to dedicated public funds: the old lines reversed under their own source.
    const fix = await wang.post(`/visits/today/${row.id}/correct`, {
      outcome: 'visited',
      aidCash: '50',
      aidGoodsName: '大米',
      aidGoodsValue: '30',
      aidSource: 'fiscal',
    });
    expect(fix.status).toBe(303);
    expect(await sourceRow('护理补贴统筹')).toEqual([]); // 80 and its reversal net to nothing
    expect(await sourceRow('财政专项')).toEqual(['50.00', '30.00', '80.00', '0']);
    expect(await sourceRow('未注明')).toEqual([]); // the reversals stayed under their own source
    const page = await (await wang.get(`/visits/today/${row.id}/correct`)).text();
    expect(page).toMatch(/<option value="fiscal" selected/);
  });

  it('refuses a source not in the list, writing nothing', async () => {
    const res = await wang.post(`/visits/today/${row.id}`, { outcome: 'visited', aidCash: '50', aidSource: 'lottery' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请从列表中选择资金来源。');
    expect(await count(s.ledgerLines)).toBe(0);
    expect(await count(s.visits)).toBe(0);
  });
});
