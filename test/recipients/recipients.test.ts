import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { assessments, auditLog, needs, organisations, outbox, recipients } from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const FULL_ID = /\d{17}[\dX]/;
const FULL_MOBILE = /1[3-9]\d{9}/;

function newRecipient(overrides: Record<string, string> = {}) {
  return {
    name: '王大爷',
    idNumber: testIdNumber('19450209', 517)
      .toLowerCase()
      .replace(/\d$/, (d) => d),
    townshipId: String(f.x.id),
    villageId: String(f.villages[1].id),
    supportMode: 'home',
    caregiverName: '王小明',
    caregiverMobile: '+86 138-0013-8000',
    agreementKind: 'four',
    agreementSignedOn: '2026-05-01',
    assessedOn: '2026-05-02',
    assessor: '第三方评估机构',
    eating: '1',
    walking: '1',
    ...overrides,
  };
}

describe('recipient register', () => {
  it('lets station staff register a recipient of their township: ID validated, encrypted, masked, level computed, audited', async () => {
    const res = await as.stationX.post('/recipients', newRecipient());
    expect(res.status).toBe(303);
    const row = await t.database.db.select().from(recipients).where(eq(recipients.name, '王大爷')).get();
    expect(row).toMatchObject({
      gender: 'M',
      careLevel: 'partial',
      caregiverMobileMasked: '138****8000',
    });
    expect(row!.idNumberEnc).not.toContain('19450209');
    expect(await f.cipher.decrypt(row!.caregiverMobileEnc!)).toBe('13800138000');
    const a = await t.database.db.select().from(assessments).where(eq(assessments.recipientId, row!.id)).all();
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ eating: true, walking: true, dressing: false, level: 'partial' });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(row!.id)))
      .all();
    expect(audit.map((x) => x.action)).toEqual(['create']);
    expect(JSON.stringify(audit[0].changes)).not.toMatch(FULL_ID);
    expect(JSON.stringify(audit[0].changes)).not.toMatch(FULL_MOBILE);

    const page = await (await as.stationX.get(res.headers.get('location')!)).text();
    expect(page).toContain('王大爷');
    expect(page).toContain('430321********5171'.slice(0, 14));
    expect(page).not.toMatch(FULL_ID);
    expect(page).not.toMatch(FULL_MOBILE);
  });

  it('names each bad field in Chinese with 422 and writes nothing', async () => {
    const before = await t.database.db.$count(recipients);
    const bad = await as.stationX.post(
      '/recipients',
      newRecipient({ idNumber: `${testIdNumber().slice(0, 17)}Y`, caregiverMobile: '12345', assessedOn: '2026-02-30' }),
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('身份证号只能是 17 位数字加 1 位数字或 X。');
    expect(html).toContain('请输入有效的手机号');
    expect(html).toContain('请输入有效日期');
    expect(html).toContain('王大爷'); // the typed values come back
    const wrongCheck = testIdNumber().slice(0, 17) + (testIdNumber().endsWith('0') ? '1' : '0');
    expect(await (await as.stationX.post('/recipients', newRecipient({ idNumber: wrongCheck }))).text()).toContain(
      '校验位不正确',
    );
    expect(await t.database.db.$count(recipients)).toBe(before);
  });

  it('refuses a second registration of the same ID number', async () => {
    expect((await as.stationX.post('/recipients', newRecipient())).status).toBe(303);
    const again = await as.admin.post('/recipients', newRecipient({ name: '另一个人' }));
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该身份证号已登记。');
  });

  it('keeps station staff inside their township: foreign records 404, foreign township refused', async () => {
    expect((await as.stationX.get(`/recipients/${f.ry.id}`)).status).toBe(404);
    expect((await as.stationX.get(`/recipients/${f.ry.id}/edit`)).status).toBe(404);
    expect((await as.stationX.post(`/recipients/${f.ry.id}/reveal`)).status).toBe(404);
    const moved = await as.stationX.post(
      '/recipients',
      newRecipient({ townshipId: String(f.y.id), villageId: String(f.villages[2].id) }),
    );
    expect(moved.status).toBe(422);
    expect(await moved.text()).toContain('只能登记本乡镇的特困人员');
    const list = await (await as.stationX.get(`/recipients?townshipId=${f.y.id}`)).text();
    expect(list).toContain('张老汉');
    expect(list).not.toContain('李奶奶');
  });

  it('keeps coordinators and volunteers out of the register', async () => {
    for (const who of ['coordA', 'volunteer'] as const) {
      expect((await as[who].get('/recipients')).status).toBe(403);
      expect((await as[who].get(`/recipients/${f.rx.id}`)).status).toBe(403);
    }
  });

  it('reveals the full ID and mobile by POST to the admin and the own station only, with an audit row', async () => {
    const res = await as.stationX.post(`/recipients/${f.rx.id}/reveal`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(testIdNumber('19400312', 351));
    expect(html).toContain('13812345678');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'reveal')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0].entityId).toBe(String(f.rx.id));
    const hx = await as.admin.post(`/recipients/${f.ry.id}/reveal`, {}, { 'HX-Request': 'true' });
    expect(await hx.text()).not.toContain('<html');
    expect(t.logger.lines.some((l) => JSON.stringify(l).match(FULL_ID))).toBe(false);
  });

  it('searches by name within scope, filters by care level, and answers htmx with just the results', async () => {
    const all = await (await as.admin.get('/recipients?q=老')).text();
    expect(all).toContain('张老汉');
    expect(all).not.toContain('李奶奶');
    const partial = await (await as.admin.get('/recipients?q=李', { 'HX-Request': 'true' })).text();
    expect(partial).toContain('李奶奶');
    expect(partial).not.toContain('<html');
    expect(await (await as.admin.get('/recipients?careLevel=full')).text()).toContain('共 0 人');
    expect(await (await as.admin.get('/recipients?q=%25')).text()).toContain('共 0 人');
  });

  it('records a new assessment, moves the level and keeps the history', async () => {
    const res = await as.stationX.post(`/recipients/${f.rx.id}/assessments`, {
      assessedOn: '2026-10-01',
      assessor: '村医',
      eating: '1',
      dressing: '1',
      bedTransfer: '1',
      toileting: '1',
    });
    expect(res.status).toBe(303);
    const row = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    expect(row!.careLevel).toBe('full');
    const page = await (await as.stationX.get(`/recipients/${f.rx.id}`)).text();
    expect(page).toContain('进食、穿衣、上下床、如厕');
    expect(page).toContain('全失能');
  });

  it('edits with an audited diff, keeps the mobile when left blank, and requires a reason to exit', async () => {
    const form = {
      name: '张老汉',
      townshipId: String(f.x.id),
      villageId: String(f.villages[0].id),
      supportMode: 'home',
      status: 'active',
      agreementKind: 'four',
      agreementSignedOn: '2026-03-01',
      caregiverName: '照料人',
      careNotes: '耳背，说话要大声',
    };
    expect((await as.stationX.post(`/recipients/${f.rx.id}`, form)).status).toBe(303);
    const row = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    expect(row!.careNotes).toBe('耳背，说话要大声');
    expect(row!.caregiverMobileMasked).toBe('138****5678');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'update')).get();
    expect(audit!.changes).toEqual({ careNotes: { from: null, to: '耳背，说话要大声' } });
    const exit = await as.stationX.post(`/recipients/${f.rx.id}`, { ...form, status: 'exited' });
    expect(exit.status).toBe(422);
    expect(await exit.text()).toContain('退出时须填写原因和日期。');
  });

  it('never stores an ID number in clear in the database file', async () => {
    await as.stationX.post('/recipients', newRecipient());
    await t.database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(t.dbPath);
    for (const id of [testIdNumber('19450209', 517), testIdNumber('19400312', 351), '13800138000', '13812345678']) {
      expect(raw.includes(Buffer.from(id)), id).toBe(false);
    }
  });
});

describe('recipient visit history', () => {
  it('shows the visits recorded for a recipient on their page', async () => {
    const res = await as.stationX.post(`/visits/recipients/${f.rx.id}`, {
      visitedOn: '2026-11-24',
      kind: 'condolence',
      visitorKind: 'village_doctor',
      visitorNames: '王村医',
      outcome: 'visited',
      notes: '送了米和油',
    });
    expect(res.status).toBe(303);
    const page = await (await as.stationX.get(`/recipients/${f.rx.id}`)).text();
    // The visit is a row of the household's history: date, who, kind, outcome and notes.
    expect(page).toContain(
      '<tr data-type="visit"><td>2026-11-24</td><td>村医（王村医）</td><td>走访 · 真情慰问</td><td>已走访 · 送了米和油</td></tr>',
    );
  });
});

describe('urgent needs', () => {
  it('queue one notice to the township station when a visit finds an urgent need, none for a normal one', async () => {
    await t.database.db
      .update(organisations)
      .set({ contactPhone: '13511112222' })
      .where(eq(organisations.id, f.stationX.id));
    const visit = (urgency: string, text: string) =>
      as.stationX.post(`/visits/recipients/${f.rx.id}`, {
        visitedOn: '2026-11-24',
        kind: 'home_visit',
        visitorKind: 'station_worker',
        outcome: 'visited',
        needCategory: 'health',
        needUrgency: urgency,
        needText: text,
      });
    expect((await visit('normal', '腿脚不便')).status).toBe(303);
    expect((await visit('urgent', '发烧三天无人照看')).status).toBe(303);
    const queued = await t.database.db.select().from(outbox).all();
    expect(queued).toHaveLength(1);
    const [need] = await t.database.db.select().from(needs).where(eq(needs.urgency, 'urgent'));
    expect(queued[0]).toMatchObject({
      recipient: '13511112222',
      subject: `急难愁盼（紧急）#${need.id}`,
      status: 'pending',
    });
    expect(queued[0].body).toContain(`编号 ${need.id}`);
  });
});
