import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { formatSerial, maskName, normaliseSerial } from '../../src/domain/certificate.js';
import { VERIFY_CHECKS_PER_WINDOW } from '../../src/modules/certificates/pages.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

type Fixture = Awaited<ReturnType<typeof registryFixture>>;
let t: TestApp;
let f: Fixture;

/** A volunteer with `minutes` of confirmed service on each of a shift of organisation A and one of B. */
async function servedVolunteer(name: string, minutes: { a: number; b: number }) {
  const a = await addShift(t, f, { date: '2026-11-25', title: '入户走访' });
  const b = await addShift(t, f, { date: '2026-11-26', title: '慰问', organisationId: f.orgB.id, townshipId: f.y.id });
  t.clock.set('2026-11-27T05:00:00Z');
  const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name });
  for (const [shift, m] of [
    [a, minutes.a],
    [b, minutes.b],
  ] as const)
    await t.database.db.insert(s.shiftSignups).values({
      shiftId: shift.id,
      volunteerId: v.id,
      status: 'confirmed',
      position: 1,
      attended: true,
      confirmedMinutes: m,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
  return v;
}

beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
});

describe('certificate rules', () => {
  it('writes serials in one form, forgives case and spaces when typed, and masks names for the public check', () => {
    expect(formatSerial('2026', 'k7q2m6xd3fra')).toBe('2026-K7Q2-M6XD-3FRA');
    expect(normaliseSerial(' 2026-k7q2-m6xd-3fra ')).toBe('2026-K7Q2-M6XD-3FRA');
    expect(normaliseSerial('2026-K7Q2-M6XD-3FR1')).toBeNull(); // 1 is not in the alphabet
    expect(normaliseSerial("2026-K7Q2-M6XD-3FRA' OR 1=1")).toBeNull();
    expect([maskName('李红'), maskName('王小明'), maskName('欧阳建华'), maskName('张')]).toEqual([
      '李*',
      '王*明',
      '欧**华',
      '张',
    ]);
  });
});

describe('issuing per organisation', () => {
  it('issues one certificate per organisation that recorded the service, each with its own serial and lines', async () => {
    const v = await servedVolunteer('李红', { a: 210, b: 90 });
    const choose = parse(await (await v.browser!.get('/shifts/certificate')).text());
    expect(choose.querySelector(`tr[data-organisation="${f.orgA.id}"] td:nth-child(2)`)?.text).toBe('3.5');
    expect(choose.querySelector(`tr[data-organisation="${f.orgB.id}"] td:nth-child(2)`)?.text).toBe('1.5');
    const locations = [];
    for (const org of [f.orgA, f.orgB]) {
      const res = await v.browser!.post('/shifts/certificate', { organisationId: String(org.id) });
      expect(res.status).toBe(303);
      locations.push(res.headers.get('location')!);
    }
    expect(new Set(locations).size).toBe(2);
    const rows = await t.database.db.select().from(s.certificates).orderBy(s.certificates.id);
    expect(rows.map((r) => [r.organisationId, r.totalTenths, r.lines.length, r.issuedOn])).toEqual([
      [f.orgA.id, 35, 1, '2026-11-27'],
      [f.orgB.id, 15, 1, '2026-11-27'],
    ]);
    const audit = await t.database.db.select().from(s.auditLog);
    expect(audit.filter((a) => a.entity === 'certificate' && a.action === 'issue').map((a) => a.entityId)).toEqual(
      rows.map((r) => r.serial),
    );
    // The issued list on the choice page names both.
    const after = await (await v.browser!.get('/shifts/certificate')).text();
    for (const r of rows) expect(after).toContain(r.serial);
  });

  it('puts the verification QR code in the Word document as a picture', async () => {
    const v = await servedVolunteer('李红', { a: 210, b: 90 });
    const location = (await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) })).headers.get(
      'location',
    )!;
    const zip = unzipSync(new Uint8Array(await (await v.browser!.get(`${location}.docx`)).arrayBuffer()));
    const media = Object.keys(zip).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(strFromU8(zip[media[0]].slice(1, 4))).toBe('PNG');
    const xml = strFromU8(zip['word/document.xml']);
    expect(xml).toContain(`/verify/${location.split('/').pop()}`);
  });
});

describe('the public check', () => {
  it('shows the masked name, organisation, period, hours and date, and nothing else', async () => {
    const v = await servedVolunteer('王小明', { a: 210, b: 90 });
    const serial = (await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) })).headers
      .get('location')!
      .split('/')
      .pop()!;
    const stranger = new Browser(t);
    const res = await stranger.get(`/verify/${serial.toLowerCase()}`);
    expect(res.status).toBe(200);
    const html = parse(await res.text());
    const fields = html.querySelectorAll('#verified dd').map((d) => d.text.trim());
    expect(fields).toEqual([serial, '王*明', '湘潭县阳光社工服务中心', '2026-11-25 – 2026-11-25', '3.5', '2026-11-27']);
    expect(html.toString()).not.toContain('王小明');
    // The typed form redirects to the serial's page; a malformed one is refused with the expected shape.
    const typed = await stranger.get(`/verify?serial=${encodeURIComponent(` ${serial.toLowerCase()} `)}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.get('location')).toBe(`/verify/${serial}`);
    const bad = await stranger.get('/verify?serial=12345');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('编号格式不正确');
  });

  it('answers an unknown serial 404 and stops an address after its checks in the window, found or not', async () => {
    const stranger = new Browser(t);
    const missing = await stranger.get('/verify/2026-AAAA-AAAA-AAAA');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('未找到编号为 2026-AAAA-AAAA-AAAA 的证明');
    for (let i = 1; i < VERIFY_CHECKS_PER_WINDOW; i++)
      expect((await stranger.get(`/verify/2026-AAAA-AAAA-AAA${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i]}`)).status).toBe(
        404,
      );
    const refused = await stranger.get('/verify/2026-BBBB-BBBB-BBBB');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.text()).toContain('核验次数过多');
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await stranger.get('/verify/2026-BBBB-BBBB-BBBB')).status).toBe(404);
  });

  it('lets only the volunteer and staff whose scope holds the organisation open the certificate in full', async () => {
    const v = await servedVolunteer('李红', { a: 210, b: 90 });
    const location = (await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) })).headers.get(
      'location',
    )!;
    const other = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '别人' });
    expect((await other.browser!.get(location)).status).toBe(404);
    expect(
      (await (await loginAs(t, 'org_coordinator', { organisationId: f.orgB.id })).browser.get(location)).status,
    ).toBe(404);
    expect(
      (await (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser.get(location)).status,
    ).toBe(200);
  });
});
