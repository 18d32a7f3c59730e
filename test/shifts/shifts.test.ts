import { and, eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { unpacked } from '../setup/packed.js';
import { type RoleName, roleBrowsers } from '../setup/registry.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

type Fixture = Awaited<ReturnType<typeof registryFixture>>;
let t: TestApp;
let f: Fixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  as = await roleBrowsers(t, f);
});

/** A confirmed sign-up made before the clock moved past the shift. */
const signedUp = (shiftId: number, volunteerId: number) =>
  t.database.db.insert(s.shiftSignups).values({
    shiftId,
    volunteerId,
    status: 'confirmed',
    position: 1,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });

const text = async (res: Response) => parse(await res.text());

describe('volunteers and shifts', () => {
  it('shows upcoming shifts with the own township first, filters by date and skill, signs up and cancels', async () => {
    const far = await addShift(t, f, {
      organisationId: f.orgB.id,
      townshipId: f.y.id,
      date: '2026-11-24',
      title: '射埠慰问',
    });
    const near = await addShift(t, f, { date: '2026-11-25', title: '花石走访', requiredSkills: [] });
    await addShift(t, f, { date: '2026-11-25', title: '护理班', requiredSkills: ['护理'] });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小王' });
    const page = await text(await v.browser!.get('/shifts'));
    const titles = page.querySelectorAll('.shift-card header strong').map((e) => e.text);
    expect(titles.slice(0, 2)).toEqual(['花石走访', '护理班']);
    expect(titles).toContain('射埠慰问');
    const onDay = await text(await v.browser!.get('/shifts?date=2026-11-24'));
    expect(onDay.querySelectorAll('.shift-card header strong').map((e) => e.text)).toEqual(['射埠慰问']);
    const bySkill = await text(await v.browser!.get('/shifts?skill=护理'));
    expect(bySkill.querySelectorAll('.shift-card header strong').map((e) => e.text)).toEqual(['护理班']);

    // Plain form post: 303 back to the list with the flash.
    const res = await v.browser!.post(`/shifts/${near.id}/signup`);
    expect(res.status).toBe(303);
    const after = await text(await v.browser!.get('/shifts'));
    expect(after.querySelector('.alert')?.text).toContain('报名成功');
    expect(after.querySelector(`#shift-${near.id} .status`)?.text).toBe('已报名');
    const mine = await text(await v.browser!.get('/shifts/mine'));
    expect(mine.querySelectorAll('#my-shifts .shift-card header strong').map((e) => e.text)).toEqual(['花石走访']);

    // htmx: the card comes back in place.
    const cancel = await v.browser!.post(`/shifts/${near.id}/cancel`, {}, { 'HX-Request': 'true' });
    expect(cancel.status).toBe(200);
    const card = await text(cancel);
    expect(card.querySelector('article')?.id).toBe(`shift-${near.id}`);
    expect(card.querySelector('button')?.text).toBe('报名');
    expect((await t.database.db.select().from(s.shiftSignups))[0].status).toBe('cancelled');
    expect(far.id).toBeGreaterThan(0);
  });

  it('pages the list a phone screen at a time: every open shift once, own township first, filters kept', async () => {
    // 14 shifts of the volunteer's township over a week and 9 of the other: 23 in all, three pages of ten.
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    for (let k = 0; k < 14; k++) await addShift(t, f, { date: days[k % 7], title: `花石${k}` });
    for (let k = 0; k < 9; k++)
      await addShift(t, f, { date: days[k % 7], title: `射埠${k}`, townshipId: f.y.id, organisationId: f.orgB.id });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true });
    const open = await t.database.db
      .select({ id: s.shifts.id, townshipId: s.shifts.townshipId, date: s.shifts.date, startsAt: s.shifts.startsAt })
      .from(s.shifts);
    // The order the list promises, made here from the rows: own township, then by date, time and id.
    const expected = open
      .sort(
        (a, b) =>
          Number(b.townshipId === f.x.id) - Number(a.townshipId === f.x.id) ||
          a.date.localeCompare(b.date) ||
          a.startsAt.getTime() - b.startsAt.getTime() ||
          a.id - b.id,
      )
      .map((r) => `shift-${r.id}`);
    const seen: string[] = [];
    let path: string | undefined = '/shifts';
    const pages: { cards: number; earlier: string | undefined; more: string | undefined }[] = [];
    while (path) {
      const page = await text(await v.browser!.get(path));
      const cards = page.querySelectorAll('.shift-card').map((e) => e.id);
      seen.push(...cards);
      const earlier = page.querySelector('.list-pages a[rel=prev]')?.getAttribute('href');
      const more = page.querySelector('.list-pages a[rel=next]')?.getAttribute('href');
      pages.push({ cards: cards.length, earlier, more });
      path = more;
    }
    expect(seen).toEqual(expected);
    expect(pages).toEqual([
      { cards: 10, earlier: undefined, more: '/shifts?page=2' },
      { cards: 10, earlier: '/shifts?page=1', more: '/shifts?page=3' },
      { cards: 3, earlier: '/shifts?page=2', more: undefined },
    ]);
    // A filter is kept from page to page; a page past the end is empty; a nonsense page is the first.
    const filtered = await text(await v.browser!.get('/shifts?date=2026-11-24'));
    expect(filtered.querySelectorAll('.shift-card')).toHaveLength(4);
    expect(filtered.querySelector('.list-pages')).toBeNull();
    const twoOfDay = await text(await v.browser!.get('/shifts?skill=&date=2026-11-25&page=1'));
    expect(twoOfDay.querySelectorAll('.shift-card')).toHaveLength(4);
    const past = await text(await v.browser!.get('/shifts?page=9'));
    expect(past.querySelectorAll('.shift-card')).toHaveLength(0);
    expect(past.querySelector('#shifts')?.text).toContain('暂无班次');
    expect(past.querySelector('.list-pages a[rel=prev]')?.getAttribute('href')).toBe('/shifts?page=8');
    const nonsense = await text(await v.browser!.get('/shifts?page=abc'));
    expect(nonsense.querySelectorAll('.shift-card').map((e) => e.id)).toEqual(expected.slice(0, 10));
    // With a date and a skill, the links carry both.
    for (let k = 0; k < 11; k++)
      await addShift(t, f, { date: '2026-12-01', title: `护理${k}`, requiredSkills: ['护理'] });
    const skilled = await text(await v.browser!.get('/shifts?date=2026-12-01&skill=护理'));
    expect(skilled.querySelector('.list-pages a[rel=next]')?.getAttribute('href')).toBe(
      `/shifts?date=2026-12-01&skill=${encodeURIComponent('护理')}&page=2`,
    );
  });

  it('sends a list it made before only while nothing it shows changed: places, own status, viewer, language', async () => {
    const shift = await addShift(t, f, { date: '2026-11-25', title: '花石走访', requiredSkills: [], capacity: 5 });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小王' });
    const w = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小李' });
    const br = { 'accept-encoding': 'br' };
    const card = (html: string) => parse(html).querySelector(`#shift-${shift.id}`)?.text ?? '';
    const first = await v.browser!.get('/shifts', br);
    expect(first.headers.get('content-encoding')).toBe('br');
    const firstHtml = await unpacked(first);
    expect(card(firstHtml)).toContain('已报 0/5');
    // Asked again with nothing changed: the same bytes.
    expect(await unpacked(await v.browser!.get('/shifts', br))).toBe(firstHtml);
    // Another volunteer takes a place: the list shows it at once, and that volunteer sees their own status on it.
    expect((await w.browser!.post(`/shifts/${shift.id}/signup`)).status).toBe(303);
    const wList = parse(await unpacked(await w.browser!.get('/shifts', br)));
    expect(wList.querySelector(`#shift-${shift.id}`)?.text).toContain('已报名');
    const afterHtml = await unpacked(await v.browser!.get('/shifts', br));
    expect(card(afterHtml)).toContain('已报 1/5');
    expect(card(afterHtml)).not.toContain('已报名');
    // The flash of one's own sign-up shows once, then the list is the plain one again.
    expect((await v.browser!.post(`/shifts/${shift.id}/signup`)).status).toBe(303);
    const flashed = parse(await unpacked(await v.browser!.get('/shifts', br)));
    expect(flashed.querySelectorAll('.notice, [role=status]').length).toBeGreaterThan(0);
    const plain = await unpacked(await v.browser!.get('/shifts', br));
    expect(card(plain)).toContain('已报 2/5');
    expect(plain.length).toBeLessThan(flashed.toString().length);
    // Uncompressed for a client that asks for nothing, and in English when the viewer switches.
    const raw = await v.browser!.get('/shifts', { 'accept-encoding': 'identity' });
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(card(await raw.text())).toContain('已报 2/5');
    await v.browser!.post('/lang', { locale: 'en', back: '/shifts' });
    const english = await v.browser!.get('/shifts', br);
    expect(card(await unpacked(english))).toContain('2/5 signed up');
  });

  it('answers a refusal without JavaScript with the list and its reason, never a stale list', async () => {
    const shift = await addShift(t, f, { date: '2026-11-25', title: '满员走访', requiredSkills: [], capacity: 1 });
    const other = await addShift(t, f, { date: '2026-11-26', title: '另一班', requiredSkills: [], capacity: 5 });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小赵' });
    const w = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小钱' });
    const br = { 'accept-encoding': 'br' };
    expect((await w.browser!.post(`/shifts/${shift.id}/signup`)).status).toBe(303);
    const refuse = async () => {
      const res = await v.browser!.post(`/shifts/${shift.id}/signup`, {}, br);
      expect(res.status).toBe(422);
      return unpacked(res);
    };
    const first = await refuse();
    const html = parse(first);
    expect(html.querySelector('.notice, [role=status]')?.text).toContain('班次已满');
    expect(html.querySelector(`#shift-${other.id}`)?.text).toContain('已报 0/5');
    // The same refusal over the same list: the same bytes, still written nowhere.
    expect(await refuse()).toBe(first);
    expect(await t.database.db.$count(s.shiftSignups, eq(s.shiftSignups.volunteerId, v.id))).toBe(0);
    // The list under the reason moves with the data.
    expect((await w.browser!.post(`/shifts/${other.id}/signup`)).status).toBe(303);
    expect(parse(await refuse()).querySelector(`#shift-${other.id}`)?.text).toContain('已报 1/5');
  });

  it('refuses a shift needing a skill with the reason, writing nothing (htmx 422 and plain 422)', async () => {
    const shift = await addShift(t, f, { requiredSkills: ['护理'] });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, skills: ['驾驶'] });
    const hx = await v.browser!.post(`/shifts/${shift.id}/signup`, {}, { 'HX-Request': 'true' });
    expect(hx.status).toBe(422);
    expect((await text(hx)).querySelector('.error')?.text).toContain('该班次需要技能：护理');
    const plain = await v.browser!.post(`/shifts/${shift.id}/signup`);
    expect(plain.status).toBe(422);
    expect(await plain.text()).toContain('该班次需要技能：护理');
    expect(await t.database.db.$count(s.shiftSignups)).toBe(0);
  });

  it('keeps capacity exact under 5×capacity concurrent HTTP sign-ups through several connections, with no 5xx', async () => {
    const capacity = 3;
    const shift = await addShift(t, f, { capacity });
    const volunteers = [];
    for (let i = 0; i < 5 * capacity; i++)
      volunteers.push(await addVolunteer(t, { townshipId: f.x.id, login: true, name: `志愿者${i}` }));
    const clients = await Promise.all([1, 2, 3].map(() => openDatabase(`file:${t.dbPath}`)));
    const apps = clients.map((c) =>
      createApp({
        db: c.db,
        now: t.clock.now,
        config: t.config,
        passwords: argon2Hasher,
        logger: memoryLogger(),
        cipher: cipherFor(t.config),
      }),
    );
    try {
      const responses = await Promise.all(
        volunteers.map((v, i) => {
          const b = new Browser({ ...t, app: apps[i % apps.length] });
          b.cookies = v.browser!.cookies;
          return b.post(`/shifts/${shift.id}/signup`, i % 2 ? { waitlist: '1' } : {}, { 'HX-Request': 'true' });
        }),
      );
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      const bodies = await Promise.all(responses.map((r) => r.text()));
      expect(bodies.filter((b) => b.includes('报名成功'))).toHaveLength(capacity);
      // Success reads as a status, a refusal as an error.
      for (const b of bodies.filter((x) => x.includes('报名成功'))) {
        expect(b).toContain('<p class="notice" role="status">报名成功。</p>');
        expect(b).not.toContain('role="alert"');
      }
      expect(bodies.filter((b) => b.includes('<p class="error" role="alert">班次已满')).length).toBeGreaterThan(0);
      expect(bodies.filter((b) => b.includes('已加入候补') || b.includes('班次已满'))).toHaveLength(4 * capacity);
    } finally {
      for (const c of clients) c.close();
    }
    const rows = await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.status, 'confirmed'));
    expect(rows).toHaveLength(capacity);
  });

  it('shows own hours by month and year and the certificate as a page and a Word file', async () => {
    const shift = await addShift(t, f, { date: '2026-11-25' });
    // After the shift (sessions idle out in 30 minutes, so everyone logs in after the clock moves).
    t.clock.set('2026-11-25T05:00:00Z');
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '李红' });
    await signedUp(shift.id, v.id);
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
    const hours = await coord.post(`/shifts/${shift.id}/roster/${v.id}/hours`, { attended: '1', minutes: '210' });
    expect(hours.status).toBe(303);
    const page = await text(await v.browser!.get('/shifts/hours'));
    expect(page.querySelector('#hours-by-year td:last-child')?.text).toBe('3.5');
    expect(page.querySelector('#hours-by-month td')?.text).toBe('2026-11');
    const choose = await text(await v.browser!.get('/shifts/certificate'));
    expect(choose.querySelector(`tr[data-organisation="${f.orgA.id}"]`)?.text).toContain('3.5');
    const issued = await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) });
    expect(issued.status).toBe(303);
    const location = issued.headers.get('location')!;
    expect(location).toMatch(/^\/certificates\/2026-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    const cert = await text(await v.browser!.get(location));
    expect(cert.querySelector('.certificate p:not(.serial)')?.text).toBe(
      '兹证明 李红 同志于 2026-11-25 至 2026-11-25 在湘潭县阳光社工服务中心参加志愿服务，累计服务 3.5 小时，记录如下：',
    );
    expect(cert.querySelector('.issuer')?.text).toContain('出具单位：湘潭县阳光社工服务中心');
    expect(cert.querySelector('.issuer')?.text).toContain('（盖章）');
    expect(cert.querySelector('.qr svg')).not.toBeNull();
    // Issuing again the same day for the same service answers the same certificate, not a second serial.
    const again = await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) });
    expect(again.headers.get('location')).toBe(location);
    expect(await t.database.db.$count(s.certificates)).toBe(1);
    const docx = await v.browser!.get(`${location}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});

describe('notification opt-out', () => {
  it('lets a volunteer turn text messages off on my shifts; a promotion then queues nothing for them, and on again', async () => {
    const shift = await addShift(t, f, { capacity: 1 });
    const a = await addVolunteer(t, { townshipId: f.x.id, login: true });
    const b = await addVolunteer(t, { townshipId: f.x.id, login: true });
    await a.browser!.post(`/shifts/${shift.id}/signup`);
    await b.browser!.post(`/shifts/${shift.id}/signup`, { waitlist: '1' });
    expect((await b.browser!.post('/shifts/notifications', {})).status).toBe(303);
    const page = await text(await b.browser!.get('/shifts/mine'));
    expect(page.querySelector('input[name=sms]')?.getAttribute('checked')).toBeUndefined();
    await a.browser!.post(`/shifts/${shift.id}/cancel`);
    expect(
      (await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.volunteerId, b.id)))[0].status,
    ).toBe('confirmed');
    expect(await t.database.db.$count(s.outbox)).toBe(0);
    await b.browser!.post('/shifts/notifications', { sms: '1' });
    expect(await t.database.db.$count(s.notificationOptOuts)).toBe(0);
    expect(
      (await text(await b.browser!.get('/shifts/mine'))).querySelector('input[name=sms]')?.hasAttribute('checked'),
    ).toBe(true);
  });
});

describe('coordinators and roles', () => {
  it('lets a coordinator add a shift, see its roster, remove and move volunteers (who are notified); foreign shifts are 404', async () => {
    const created = await as.coordA.post('/shifts', {
      title: '重阳慰问',
      organisationId: String(f.orgA.id),
      townshipId: String(f.x.id),
      date: '2026-11-28',
      startTime: '09:00',
      endTime: '11:00',
      capacity: '2',
      workKind: 'condolence',
      requiredSkills: '',
      place: '新塘村',
      description: '送米送油',
    });
    expect(created.status).toBe(303);
    const id = Number(created.headers.get('location')!.split('/').pop());
    const other = await addShift(t, f, { date: '2026-11-29', title: '第二场' });
    const [a, b, c] = [
      await addVolunteer(t, { townshipId: f.x.id, login: true, name: '甲' }),
      await addVolunteer(t, { townshipId: f.x.id, login: true, name: '乙' }),
      await addVolunteer(t, { townshipId: f.x.id, login: true, name: '丙' }),
    ];
    for (const v of [a, b, c]) await v.browser!.post(`/shifts/${id}/signup`, { waitlist: '1' });
    const roster = await text(await as.coordA.get(`/shifts/${id}`));
    expect(roster.querySelectorAll('#roster tbody tr').map((r) => r.querySelector('td')!.text)).toEqual([
      '甲',
      '乙',
      '丙',
    ]);

    expect((await as.coordA.post(`/shifts/${id}/roster/${a.id}/remove`)).status).toBe(303);
    expect((await as.coordA.post(`/shifts/${id}/roster/${b.id}/move`, { toShiftId: String(other.id) })).status).toBe(
      303,
    );
    const status = async (shiftId: number, vid: number) =>
      (
        await t.database.db
          .select()
          .from(s.shiftSignups)
          .where(and(eq(s.shiftSignups.shiftId, shiftId), eq(s.shiftSignups.volunteerId, vid)))
      )[0]?.status;
    expect([
      await status(id, a.id),
      await status(id, b.id),
      await status(id, c.id),
      await status(other.id, b.id),
    ]).toEqual(['cancelled', 'cancelled', 'confirmed', 'confirmed']);
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices.map((n) => [n.volunteerId, n.subject]).sort()).toEqual(
      [
        [a.id, '班次调整通知'],
        [b.id, '班次调整通知'],
        [c.id, '候补转正通知'],
      ].sort(),
    );

    // Coordinator B, station Y: a foreign shift is 404; a volunteer may not see any roster.
    expect((await as.coordB.get(`/shifts/${id}`)).status).toBe(404);
    expect((await as.stationY.get(`/shifts/${id}`)).status).toBe(404);
    expect((await as.coordB.post(`/shifts/${id}/roster/${c.id}/remove`)).status).toBe(404);
    expect((await as.stationX.get(`/shifts/${id}`)).status).toBe(200);
    expect((await c.browser!.get(`/shifts/${id}`)).status).toBe(403);
    const listB = await text(await as.coordB.get('/shifts'));
    expect(listB.querySelector('#managed-shifts')?.text).not.toContain('重阳慰问');
    const listA = await text(await as.coordA.get('/shifts'));
    expect(listA.querySelector('#managed-shifts')?.text).toContain('重阳慰问');
  });

  it('lets a coordinator cancel a whole shift: it leaves the lists and everyone on it is notified once', async () => {
    const shift = await addShift(t, f, { capacity: 1, title: '将取消的班次' });
    const a = await addVolunteer(t, { townshipId: f.x.id, login: true });
    const b = await addVolunteer(t, { townshipId: f.x.id, login: true });
    await a.browser!.post(`/shifts/${shift.id}/signup`);
    await b.browser!.post(`/shifts/${shift.id}/signup`, { waitlist: '1' });
    expect((await as.coordB.post(`/shifts/${shift.id}/cancel-shift`)).status).toBe(404);
    expect((await as.coordA.post(`/shifts/${shift.id}/cancel-shift`)).status).toBe(303);
    expect((await as.coordA.post(`/shifts/${shift.id}/cancel-shift`)).status).toBe(303);
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices.map((n) => n.volunteerId).sort()).toEqual([a.id, b.id].sort());
    expect(notices[0].body).toBe('很抱歉，班次「2026-11-25 08:30 将取消的班次」已取消。');
    expect(await (await a.browser!.get('/shifts')).text()).not.toContain('将取消的班次');
    expect(await (await a.browser!.get('/shifts/mine')).text()).not.toContain('将取消的班次');
    expect(await (await as.coordA.get('/shifts')).text()).not.toContain('将取消的班次');
  });

  it('refuses a coordinator a shift under another organisation, with 422 and nothing written', async () => {
    const res = await as.coordA.post('/shifts', {
      title: '越权',
      organisationId: String(f.orgB.id),
      townshipId: String(f.y.id),
      date: '2026-11-28',
      startTime: '09:00',
      endTime: '11:00',
      capacity: '2',
      workKind: 'other',
    });
    expect(res.status).toBe(422);
    expect(await t.database.db.$count(s.shifts)).toBe(0);
  });

  it('shows a volunteer only their own hours and shifts', async () => {
    const shift = await addShift(t, f);
    t.clock.set('2026-11-25T05:00:00Z');
    const mine = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '自己' });
    const other = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '别人' });
    await signedUp(shift.id, other.id);
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
    await coord.post(`/shifts/${shift.id}/roster/${other.id}/hours`, { attended: '1', minutes: '120' });
    expect(
      (await text(await mine.browser!.get('/shifts/hours'))).querySelectorAll('#hours-by-year tbody tr'),
    ).toHaveLength(0);
    expect(await (await mine.browser!.get('/shifts/certificate')).text()).not.toContain('别人');
    // Nor can they mint or open a certificate of the other volunteer's service.
    const refused = await mine.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('该组织没有记录你已确认的服务时长');
    expect((await text(await mine.browser!.get('/shifts/mine'))).querySelector('#my-shifts')?.text).not.toContain(
      '上午入户走访',
    );
    // Managers' roster and hours routes are closed to volunteers.
    expect(
      (await mine.browser!.post(`/shifts/${shift.id}/roster/${other.id}/hours`, { attended: '1', minutes: '999' }))
        .status,
    ).toBe(403);
    const { browser: unlinked } = await loginAs(t, 'volunteer');
    expect((await unlinked.get('/shifts/certificate')).status).toBe(404);
  });
});
