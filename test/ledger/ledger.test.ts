import { beforeEach, describe, expect, it } from 'vitest';
import { activities, ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { onOrganisationPlan, organisation, recipient, township } from '../setup/ledger-fixtures.js';

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
  ids.home = await organisation(db, '易俗河敬老院', 'nursing_home', ids.A);
  ids.r1 = await recipient(db, cipher, '王秀英', ids.A);
  ids.r2 = await recipient(db, cipher, '李桂兰', ids.B);
  // The association serves 王秀英 through a visit plan: that is what lets its coordinator pick her.
  await onOrganisationPlan(db, ids.org1, ids.A, ids.r1);
});

const visit = (key: string, over: Record<string, string | string[]> = {}) => ({
  idempotencyKey: key,
  organisationId: String(ids.org1),
  occurredOn: '2026-11-24',
  kind: 'home_visit',
  recipientIds: [String(ids.r1)],
  nursingHomeIds: [String(ids.home)],
  lineKind: ['cash', 'goods', 'service'],
  lineAmount: ['200', '150.50', ''],
  lineGoodsName: ['', '大米', ''],
  lineQuantity: ['', '2', ''],
  lineUnit: ['', '袋', ''],
  lineServiceKind: ['', '', '打扫卫生'],
  lineHours: ['', '', '1.5'],
  lineVolunteers: ['', '', '2'],
  ...over,
});

async function coordinator(orgId = ids.org1): Promise<Browser> {
  return (await loginAs(t, 'org_coordinator', { organisationId: orgId })).browser;
}

describe('recording an activity', () => {
  it('records a visit with cash, goods and service and shows it on its page', async () => {
    const b = await coordinator();
    const form = await b.get('/activities/new?q=王');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('王秀英');
    expect(html).toMatch(/name="idempotencyKey" value="[0-9a-f]{32}"/);
    const res = await b.post('/activities', visit('k'.repeat(20)));
    expect(res.status).toBe(303);
    const page = await (await b.get(res.headers.get('location')!)).text();
    expect(page).toContain('帮扶活动已记录。');
    expect(page).toContain('大米');
    expect(page).toContain('150.50');
    expect(page).toContain('200.00');
    expect(page).toContain('1.50');
    const lines = await t.database.db.select().from(ledgerLines);
    expect(lines.map((l) => [l.kind, l.amountFen, l.serviceCentihours])).toEqual([
      ['cash', 20000, 0],
      ['goods', 15050, 0],
      ['service', 0, 150],
    ]);
  });

  it('re-renders with 422 and writes nothing when an amount has three decimals or no target is chosen', async () => {
    const b = await coordinator();
    const bad = await b.post('/activities', visit('a'.repeat(20), { lineAmount: ['1.234', '', ''] }));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请填写金额，最多两位小数。');
    expect(html).toContain('value="1.234"');
    const none = await b.post('/activities', visit('b'.repeat(20), { recipientIds: [], nursingHomeIds: [] }));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少选择一个帮扶对象。');
    expect(await t.database.db.select().from(activities)).toHaveLength(0);
  });

  it('records a double submit once and refuses the same key with other content', async () => {
    const b = await coordinator();
    const [r1, r2] = await Promise.all([
      b.post('/activities', visit('c'.repeat(20))),
      b.post('/activities', visit('c'.repeat(20))),
    ]);
    expect([r1.status, r2.status]).toEqual([303, 303]);
    expect(r1.headers.get('location')).toBe(r2.headers.get('location'));
    const other = await b.post('/activities', visit('c'.repeat(20), { lineAmount: ['999', '150.50', ''] }));
    expect(other.status).toBe(422);
    expect(await other.text()).toContain('此表单已提交过不同内容');
    expect(await t.database.db.select().from(activities)).toHaveLength(1);
  });

  it('lets a coordinator record only for their organisation', async () => {
    const b = await coordinator();
    const res = await b.post('/activities', visit('d'.repeat(20), { organisationId: String(ids.org2) }));
    expect(res.status).toBe(422);
    expect(await t.database.db.select().from(activities)).toHaveLength(0);
  });
});

describe('reversals', () => {
  it('reverses a line with a correction, once only', async () => {
    const b = await coordinator();
    const res = await b.post('/activities', visit('e'.repeat(20)));
    const path = res.headers.get('location')!;
    const [cashLine] = (await t.database.db.select().from(ledgerLines)).filter((l) => l.kind === 'cash');
    const rev = await b.post(`${path}/lines/${cashLine.id}/reverse`, { reason: '金额录错', replacement: '180' });
    expect(rev.status).toBe(303);
    const page = await (await b.get(path)).text();
    expect(page).toContain('已冲销');
    expect(page).toContain(`冲销第 ${cashLine.id} 行`);
    expect(page).toContain('-200.00');
    expect(page).toContain('180.00');
    const again = await b.post(`${path}/lines/${cashLine.id}/reverse`, { reason: '再来', replacement: '1' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该行已被冲销');
    const cash = (await t.database.db.select().from(ledgerLines))
      .filter((l) => l.kind === 'cash')
      .map((l) => l.amountFen);
    expect(cash).toEqual([20000, -20000, 18000]);
  });
});

describe('roles and scope', () => {
  it('shows a coordinator only their organisation, its activities and totals; others get 404', async () => {
    const own = await coordinator(ids.org1);
    const other = await coordinator(ids.org2);
    await onOrganisationPlan(t.database.db, ids.org2, ids.B, ids.r2);
    const mine = await own.post('/activities', visit('f'.repeat(20)));
    const theirs = await other.post(
      '/activities',
      visit('g'.repeat(20), {
        organisationId: String(ids.org2),
        recipientIds: [String(ids.r2)],
        nursingHomeIds: [],
        lineAmount: ['50', '', ''],
        lineKind: ['cash'],
      }),
    );
    expect(theirs.status).toBe(303);
    const list = await (await own.get('/activities')).text();
    expect(list).toContain('湘潭县爱心协会');
    expect(list).not.toContain('花石志愿服务队</td>');
    expect((await own.get(theirs.headers.get('location')!)).status).toBe(404);
    const history = await (await own.get(`/activities?recipientId=${ids.r1}`)).text();
    expect(history).toContain('<h1>王秀英 · 帮扶记录</h1>');
    expect(history).toContain('2026-11-24');
    expect(await (await own.get(`/activities?recipientId=${ids.r2}`)).text()).toContain('暂无记录');
    expect((await other.get(mine.headers.get('location')!)).status).toBe(404);
    const report = await (await own.get('/reports/aid?year=2026')).text();
    expect(report).toContain(
      '1家社会组织和0个乡镇社工站走访慰问1家敬老院和1户分散供养特困人员，年帮扶1次，帮扶资金物资共计350.50元',
    );
    const admin = (await loginAs(t, 'county_admin')).browser;
    const county = await (await admin.get('/reports/aid?year=2026')).text();
    expect(county).toContain('2家社会组织和0个乡镇社工站走访慰问1家敬老院和2户分散供养特困人员，年帮扶2次');
    expect(county).toContain('data:image/svg+xml');
    // A station sees its township's figures: the county-wide organisation's visit was in 易俗河镇 (its household's).
    const stationA = (await loginAs(t, 'station_staff', { townshipId: ids.A })).browser;
    expect(await (await stationA.get('/reports/aid?year=2026')).text()).toContain(
      '1家社会组织和0个乡镇社工站走访慰问1家敬老院和1户分散供养特困人员，年帮扶1次，帮扶资金物资共计350.50元',
    );
    const stationList = await (await stationA.get('/activities')).text();
    expect(stationList).toContain('湘潭县爱心协会');
    expect(stationList).not.toContain('花石镇</td>');
    expect((await stationA.get(theirs.headers.get('location')!)).status).toBe(404);
  });

  it('keeps volunteers out and a station within its township', async () => {
    const vol = (await loginAs(t, 'volunteer')).browser;
    expect((await vol.get('/activities')).status).toBe(403);
    expect((await vol.get('/reports/aid')).status).toBe(403);
    expect((await vol.post('/activities', visit('h'.repeat(20)))).status).toBe(403);
    const station = (await loginAs(t, 'station_staff', { townshipId: ids.B })).browser;
    const search = await (await station.get('/activities/recipients?q=王')).text();
    expect(search).not.toContain('王秀英');
    expect(await (await station.get('/activities/recipients?q=李')).text()).toContain('李桂兰');
  });
});

describe('exports', () => {
  it('downloads the summary as CSV, xlsx and docx', async () => {
    const b = await coordinator();
    await b.post('/activities', visit('i'.repeat(20)));
    const admin = (await loginAs(t, 'county_admin')).browser;
    const csv = await admin.post('/reports/aid.csv?year=2026');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF分组,名称')).toBe(true);
    expect(text).toContain('合计,2026,1,0,1,1,1,200.00,150.50,350.50,1.5');
    const xlsx = await admin.post('/reports/aid.xlsx?year=2026');
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const docx = await admin.post('/reports/aid.docx?year=2026');
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});
