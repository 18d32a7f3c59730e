import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, countySettings, recipients } from '../../src/db/schema/index.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import type { Browser, TestApp } from '../setup/app.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp()); // today is 2026-11-24 in Shanghai
});

type Expected = 'ok' | 'missing' | 'expired' | 'mismatch' | 'exited';
interface Row {
  name: string;
  township: 'x' | 'y';
  mode: 'home' | 'institution';
  kind: 'three' | 'four' | null;
  signed: string | null;
  ends: string | null;
  /** What the county bureau would call it, decided by hand for each row. */
  expected: Expected;
}

// The fixture's 张老汉 (X) and 李奶奶 (Y) are home-supported with a four-party agreement of 2026-03-01: signed.
const ROWS: Row[] = [
  { name: '甲一', township: 'x', mode: 'home', kind: 'four', signed: '2019-05-01', ends: null, expected: 'ok' },
  {
    name: '甲二',
    township: 'x',
    mode: 'home',
    kind: 'four',
    signed: '2024-01-01',
    ends: '2026-11-24',
    expected: 'expired',
  },
  { name: '甲三', township: 'x', mode: 'home', kind: 'four', signed: '2024-01-01', ends: '2026-11-25', expected: 'ok' },
  { name: '甲四', township: 'x', mode: 'home', kind: 'three', signed: '2025-01-01', ends: null, expected: 'mismatch' },
  { name: '甲五', township: 'x', mode: 'institution', kind: 'three', signed: '2023-06-01', ends: null, expected: 'ok' },
  {
    name: '甲六',
    township: 'x',
    mode: 'institution',
    kind: 'four',
    signed: '2023-06-01',
    ends: null,
    expected: 'mismatch',
  },
  { name: '甲七', township: 'x', mode: 'home', kind: null, signed: null, ends: null, expected: 'missing' },
  { name: '甲八', township: 'x', mode: 'home', kind: 'four', signed: null, ends: null, expected: 'missing' },
  { name: '甲九', township: 'x', mode: 'home', kind: null, signed: null, ends: null, expected: 'exited' },
  {
    name: '乙一',
    township: 'y',
    mode: 'home',
    kind: 'four',
    signed: '2020-01-01',
    ends: '2025-12-31',
    expected: 'expired',
  },
  { name: '乙二', township: 'y', mode: 'home', kind: null, signed: null, ends: null, expected: 'missing' },
];

async function seedRows() {
  const now = t.clock.now();
  let seq = 600;
  for (const r of ROWS) {
    const id = testIdNumber('19420101', seq++);
    await t.database.db.insert(recipients).values({
      name: r.name,
      idNumberEnc: await f.cipher.encrypt(id),
      idNumberHash: f.cipher.lookupHash(id),
      idNumberMasked: maskIdNumber(id),
      keyVersion: 1,
      gender: 'M',
      townshipId: f[r.township].id,
      villageId: r.township === 'x' ? f.villages[0].id : f.villages[2].id,
      supportMode: r.mode,
      nursingHomeId: r.mode === 'institution' ? f.home.id : null,
      careLevel: 'self',
      agreementKind: r.kind,
      agreementSignedOn: r.signed,
      agreementEndsOn: r.ends,
      status: r.expected === 'exited' ? 'exited' : 'active',
      exitReason: r.expected === 'exited' ? '迁出' : null,
      exitedOn: r.expected === 'exited' ? '2026-10-01' : null,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** The count made by hand from the table above (plus the fixture's two signed recipients). */
function handCount(township?: 'x' | 'y') {
  const rows = [...ROWS, { township: 'x', expected: 'ok' }, { township: 'y', expected: 'ok' }].filter(
    (r) => r.expected !== 'exited' && (!township || r.township === township),
  );
  const n = (s: Expected) => rows.filter((r) => r.expected === s).length;
  return { active: rows.length, ok: n('ok'), missing: n('missing'), expired: n('expired'), mismatch: n('mismatch') };
}

function card(html: string, href: string): number {
  const m = new RegExp(`<a href="${href.replace(/[?]/g, '\\?')}" class="stat[^"]*">(\\d+)</a>`).exec(html);
  expect(m, `card ${href}`).not.toBeNull();
  return Number(m![1]);
}

function listCount(html: string): number {
  const m = /共 (\d+) 人/.exec(html);
  expect(m).not.toBeNull();
  return Number(m![1]);
}

function tallyRow(html: string, township: string): number[] {
  const row = new RegExp(`<tr data-township="${township}">([\\s\\S]*?)</tr>`).exec(html);
  expect(row, township).not.toBeNull();
  return [...row![1].matchAll(/<td class="[^"]*">(?:<a [^>]*>)?([\d.]+|—)( %)?(?:<\/a>)?<\/td>/g)].map((m) =>
    Number(m[1]),
  );
}

describe('care agreements as the policy counts them', () => {
  it('gives the same figures on the dashboard, the list and the per-township table as a count made by hand', async () => {
    await seedRows();
    const county = handCount();
    expect(county).toEqual({ active: 12, ok: 5, missing: 3, expired: 2, mismatch: 2 }); // the table, read by a person
    const dash = await (await as.admin.get('/')).text();
    expect(card(dash, '/recipients')).toBe(county.active);
    expect(card(dash, '/recipients/agreements')).toBe(county.ok);
    for (const s of ['missing', 'expired', 'mismatch'] as const) {
      expect(card(dash, `/recipients?agreement=${s}`)).toBe(county[s]);
      expect(listCount(await (await as.admin.get(`/recipients?agreement=${s}`)).text())).toBe(county[s]);
    }
    expect(listCount(await (await as.admin.get('/recipients?agreement=ok')).text())).toBe(county.ok);

    // A station sees its own township's figures, the same way.
    const x = handCount('x');
    const dashX = await (await as.stationX.get('/')).text();
    for (const s of ['missing', 'expired', 'mismatch'] as const) {
      expect(card(dashX, `/recipients?agreement=${s}`)).toBe(x[s]);
      expect(listCount(await (await as.stationX.get(`/recipients?agreement=${s}`)).text())).toBe(x[s]);
    }

    const table = await (await as.admin.get('/recipients/agreements')).text();
    const y = handCount('y');
    const rate = (c: { ok: number; active: number }) => Math.floor((c.ok * 1000) / c.active) / 10;
    expect(tallyRow(table, '花石镇')).toEqual([x.active, x.ok, x.missing, x.expired, x.mismatch, rate(x)]);
    expect(tallyRow(table, '射埠镇')).toEqual([y.active, y.ok, y.missing, y.expired, y.mismatch, rate(y)]);
    expect(tallyRow(table, 'total')).toEqual([12, 5, 3, 2, 2, 41.6]);
    const tableX = await (await as.stationX.get('/recipients/agreements')).text();
    expect(tableX).toContain('花石镇');
    expect(tableX).not.toContain('射埠镇');
  });

  it('marks each recipient in the list by the same rule the filter uses', async () => {
    await seedRows();
    const label = { ok: '有效', missing: '未签协议', expired: '协议已过期', mismatch: '协议类型与供养方式不符' };
    for (const r of ROWS.filter((r) => r.expected !== 'exited')) {
      const status = r.expected as keyof typeof label;
      const html = await (await as.admin.get(`/recipients?agreement=${status}&q=${encodeURIComponent(r.name)}`)).text();
      const row = new RegExp(`>${r.name}</a>[\\s\\S]*?</tr>`).exec(html);
      expect(row, `${r.name} under ${status}`).not.toBeNull();
      expect(row![0]).toContain(`<td class="${status === 'ok' ? '' : 'error'}">${label[status]}</td>`);
    }
  });

  it('shows 100 % only when every active recipient has a valid agreement of the right kind', async () => {
    const table = await (await as.admin.get('/recipients/agreements')).text();
    expect(tallyRow(table, 'total')).toEqual([2, 2, 0, 0, 0, 100]);
  });
});

describe('the agreement on the recipient form', () => {
  const base = (over: Record<string, string>) => ({
    name: '赵大爷',
    idNumber: testIdNumber('19440404', 713),
    townshipId: String(f.x.id),
    villageId: String(f.villages[0].id),
    supportMode: 'home',
    agreementKind: 'four',
    agreementSignedOn: '2026-05-01',
    assessedOn: '2026-05-02',
    assessor: '评估机构',
    ...over,
  });

  it('refuses a kind that does not fit the support mode, with the reason in Chinese and English, writing nothing', async () => {
    const before = await t.database.db.$count(recipients);
    const home = await as.stationX.post('/recipients', base({ agreementKind: 'three' }));
    expect(home.status).toBe(422);
    expect(await home.text()).toContain('分散供养应签四方协议（乡镇、村委会、监护人或照料人、特困人员）');
    const inst = await as.stationX.post(
      '/recipients',
      base({ supportMode: 'institution', nursingHomeId: String(f.home.id) }),
    );
    expect(inst.status).toBe(422);
    expect(await inst.text()).toContain('集中供养应签三方协议（乡镇、供养机构、特困人员）');
    await as.stationX.post('/lang', { locale: 'en', back: '/' });
    const en = await as.stationX.post('/recipients', base({ agreementKind: 'three' }));
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('Home support signs the four-party agreement');
    const ends = await as.stationX.post('/recipients', base({ agreementEndsOn: '2026-04-30' }));
    expect(ends.status).toBe(422);
    expect(await ends.text()).toContain('The end date must be after the signing date.');
    expect(await t.database.db.$count(recipients)).toBe(before);
    // The edit form holds the same rule.
    const edit = await as.stationX.post(`/recipients/${f.rx.id}`, {
      ...base({ agreementKind: 'three' }),
      status: 'active',
    });
    expect(edit.status).toBe(422);
    const rx = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    expect(rx!.agreementKind).toBe('four');
  });

  it('stores an end date typed on the form, and the recipient expires on it', async () => {
    const res = await as.stationX.post('/recipients', base({ agreementEndsOn: '2026-11-24' }));
    expect(res.status).toBe(303);
    const row = await t.database.db.select().from(recipients).where(eq(recipients.name, '赵大爷')).get();
    expect(row).toMatchObject({
      agreementKind: 'four',
      agreementSignedOn: '2026-05-01',
      agreementEndsOn: '2026-11-24',
    });
    const page = await (await as.stationX.get(`/recipients/${row!.id}`)).text();
    expect(page).toContain('2026-05-01 – 2026-11-24');
    expect(page).toContain('协议已过期');
  });

  it('lets the county set a default term that dates new agreements only; stations cannot set it', async () => {
    expect((await as.stationX.post('/recipients/agreements/term', { termYears: '3' })).status).toBe(403);
    const bad = await as.admin.post('/recipients/agreements/term', { termYears: '3.5' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请填写 1 到 30 之间的整数年数，或留空。');
    expect(await t.database.db.$count(countySettings)).toBe(0);

    expect((await as.admin.post('/recipients/agreements/term', { termYears: '3' })).status).toBe(303);
    expect(await (await as.admin.get('/recipients/agreements')).text()).toContain('本县默认期限 3 年');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'county_settings')).all();
    expect(audit.map((a) => a.changes)).toEqual([{ agreementTermYears: { from: null, to: 3 } }]);

    expect((await as.stationX.post('/recipients', base({ agreementSignedOn: '2024-02-29' }))).status).toBe(303);
    const row = await t.database.db.select().from(recipients).where(eq(recipients.name, '赵大爷')).get();
    expect(row!.agreementEndsOn).toBe('2027-02-28');

    // An existing agreement saved unchanged keeps running; a newly entered signing date gets the term.
    const keep = {
      name: '张老汉',
      townshipId: String(f.x.id),
      villageId: String(f.villages[0].id),
      supportMode: 'home',
      agreementKind: 'four',
      agreementSignedOn: '2026-03-01',
      status: 'active',
      careNotes: '腿脚不便',
    };
    expect((await as.stationX.post(`/recipients/${f.rx.id}`, keep)).status).toBe(303);
    const kept = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    expect(kept).toMatchObject({ careNotes: '腿脚不便', agreementEndsOn: null });
    expect(
      (await as.stationX.post(`/recipients/${f.rx.id}`, { ...keep, agreementSignedOn: '2026-10-08' })).status,
    ).toBe(303);
    const renewed = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    expect(renewed!.agreementEndsOn).toBe('2029-10-08');

    expect((await as.admin.post('/recipients/agreements/term', { termYears: '' })).status).toBe(303);
    expect(await (await as.admin.get('/recipients/agreements')).text()).toContain('本县未设定默认期限');
  });
});
