import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { ALL } from '../../src/lib/scope.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { annualSummary } from '../../src/modules/reports/summary.js';
import { type Browser, createTestApp, type TestApp } from '../setup/app.js';
import { addRecipient, addUnit, memberBrowser, visitsOf } from '../setup/care-units.js';
import { cash } from '../setup/ledger-fixtures.js';
import { type RegistryFixture, registryFixture } from '../setup/registry.js';

// The test clock: 2026-11-24 10:00 in Shanghai.
const TODAY = '2026-11-24';
let t: TestApp;
let f: RegistryFixture;
let unit: number;
let member: Browser;
let rows: Record<string, Awaited<ReturnType<typeof addRecipient>>>;

async function pastVisit(recipientId: number, visitedOn: string) {
  await t.database.db.insert(s.visits).values({
    recipientId,
    visitedOn,
    kind: 'home_visit',
    visitorKind: 'station_worker',
    outcome: 'visited',
    createdAt: t.clock.now(),
  });
}

beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  // Registered a month ago, so the cadence counts from their last visit.
  t.clock.set('2026-10-20T02:00:00Z');
  const [huashi, xintang] = f.villages;
  const add = (name: string, seq: number, level: s.CareLevel, villageId = huashi.id, mobile?: string) =>
    addRecipient(t, f, { name, townshipId: f.x.id, villageId, seq, level, mobile });
  rows = {
    daily: await add('全失能甲', 21, 'full', huashi.id, '13611112222'),
    partialSeen: await add('半失能昨天见过', 23, 'partial'),
    partialDue: await add('半失能前天见过', 25, 'partial'),
    selfSeen: await add('全自理三天前', 27, 'self'),
    selfDue: await add('全自理七天前', 29, 'self'),
    elsewhere: await add('新塘村的人', 31, 'full', xintang.id),
  };
  t.clock.set('2026-11-24T02:00:00Z');
  await pastVisit(rows.daily.id, '2026-11-23');
  await pastVisit(rows.partialSeen.id, '2026-11-23');
  await pastVisit(rows.partialDue.id, '2026-11-22');
  await pastVisit(rows.selfSeen.id, '2026-11-21');
  await pastVisit(rows.selfDue.id, '2026-11-17');
  // rx of the fixture (花石村, 半失能) was registered today: due from registration.
  unit = await addUnit(t, '花石村守望之家', f.x.id, [huashi.id]);
  member = await memberBrowser(t, unit, 'zuzhang');
});

describe("a 守望之家 member's day of care visits", () => {
  it('lists the households due today by the cadence, with minimal data, and counts the rest', async () => {
    const page = await (await member.get('/care')).text();
    for (const name of ['全失能甲', '半失能前天见过', '全自理七天前', f.rx.name]) expect(page).toContain(name);
    for (const name of ['半失能昨天见过', '全自理三天前', '新塘村的人', f.ry.name]) expect(page).not.toContain(name);
    expect(page).toContain('应走访 4 户');
    expect(page).toContain('今天不需走访的还有 2 户');
    // No ID number (whole or masked), no caregiver number: only a call button where one is on file.
    for (const r of [...Object.values(rows), f.rx]) {
      expect(page).not.toContain(r.idNumberMasked);
      if (r.caregiverMobileMasked) expect(page).not.toContain(r.caregiverMobileMasked);
    }
    expect(page).not.toContain('13611112222');
    expect(page).toContain(`action="/care/${rows.daily.id}/call"`);
    expect(page).not.toContain(`action="/care/${rows.partialDue.id}/call"`);
  });

  it('records one tap without JavaScript, with its need, once: a resubmit changes nothing', async () => {
    const tap = { recipientId: String(rows.daily.id), on: TODAY, outcome: 'not_home', need: '药快吃完了' };
    const first = await member.post('/care', tap);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/care#h-${rows.daily.id}`);
    const page = await (await member.get('/care')).text();
    expect(page).toContain('已登记。');
    expect(page).toContain('已登记：不在家');
    const again = await member.post('/care', { ...tap, outcome: 'visited' });
    expect(again.status).toBe(303);
    expect(await (await member.get('/care')).text()).toContain('没有重复记录');
    const today = (await visitsOf(t, rows.daily.id)).filter((v) => v.visitedOn === TODAY);
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({
      outcome: 'not_home',
      visitorKind: 'watch_home_member',
      organisationId: unit,
      visitorNames: '成员zuzhang',
    });
    const needs = await t.database.db.select().from(s.needs).where(eq(s.needs.recipientId, rows.daily.id));
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ text: '药快吃完了', visitId: today[0].id, status: 'open', openedOn: TODAY });
  });

  it('two phones submitting the same household and day at once make one visit and one need', async () => {
    const second = await memberBrowser(t, unit, 'dangyuan', 'party_member');
    const outcomes = ['visited', 'not_home', 'refused', 'in_hospital', 'visited'];
    const answers = await Promise.all(
      outcomes.flatMap((outcome) =>
        [member, second].map((b) =>
          b.post('/care', { recipientId: String(rows.selfDue.id), on: TODAY, outcome, need: '需要理发' }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect((await visitsOf(t, rows.selfDue.id)).filter((v) => v.visitedOn === TODAY)).toHaveLength(1);
    expect(await t.database.db.$count(s.needs, eq(s.needs.recipientId, rows.selfDue.id))).toBe(1);
  });

  it('answers htmx with the recorded row only, and a village doctor is recorded as one', async () => {
    const doctor = await memberBrowser(t, unit, 'cunyi', 'village_doctor');
    const res = await doctor.post(
      '/care',
      { recipientId: String(rows.partialDue.id), on: TODAY, outcome: 'visited' },
      { 'hx-request': 'true' },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<li id="h-\d+"/);
    expect(html).toContain('已登记：已走访');
    expect(html).not.toContain('<html');
    const [visit] = (await visitsOf(t, rows.partialDue.id)).filter((v) => v.visitedOn === TODAY);
    expect(visit.visitorKind).toBe('village_doctor');
  });

  it('refuses another unit’s or township’s household (404), a future or stale day and a bad outcome (422), writing nothing', async () => {
    const before = await t.database.db.$count(s.visits);
    const tap = (recipientId: number, extra: Record<string, string> = {}) =>
      member.post('/care', { recipientId: String(recipientId), on: TODAY, outcome: 'visited', ...extra });
    expect((await tap(rows.elsewhere.id)).status).toBe(404);
    expect((await tap(f.ry.id)).status).toBe(404);
    const future = await tap(rows.daily.id, { on: '2026-11-25' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('只能登记今天（或昨天补登）的走访');
    expect((await tap(rows.daily.id, { on: '2026-11-22' })).status).toBe(422);
    expect((await tap(rows.daily.id, { outcome: 'lost' })).status).toBe(422);
    expect(await t.database.db.$count(s.visits)).toBe(before);
    // English for an English-speaking member.
    await member.post('/lang', { locale: 'en', back: '/care' });
    expect(await (await tap(rows.daily.id, { on: '2026-11-25' })).text()).toContain('Only today (or yesterday');
  });

  it("calls a household's caregiver through an audited page with a tel: link; none on file or outside: 404", async () => {
    const res = await member.post(`/care/${rows.daily.id}/call`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="tel:13611112222"');
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.action, 'reveal')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'recipient', entityId: String(rows.daily.id) });
    expect((await member.post(`/care/${rows.partialDue.id}/call`)).status).toBe(404);
    expect((await member.post(`/care/${rows.elsewhere.id}/call`)).status).toBe(404);
    expect((await member.post(`/care/${f.ry.id}/call`)).status).toBe(404);
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.action, 'reveal'))).toBe(1);
  });

  it('care visits are not organisation visits: the annual summary is unchanged by them', async () => {
    const before = await annualSummary(t.database.db, 2026, ALL);
    for (const r of [rows.daily, rows.partialDue, rows.selfDue])
      expect((await member.post('/care', { recipientId: String(r.id), on: TODAY, outcome: 'visited' })).status).toBe(
        303,
      );
    expect(await annualSummary(t.database.db, 2026, ALL)).toEqual(before);
    // And a unit is never the organisation of an aid activity (the summary's events and households).
    const aid = await recordActivity(
      t.database.db,
      {
        organisationId: unit,
        occurredOn: TODAY,
        kind: 'home_visit',
        serviceDayId: null,
        shiftId: null,
        note: null,
        recipientIds: [rows.daily.id],
        nursingHomeIds: [],
        lines: [cash(1_000)],
      },
      { idempotencyKey: 'unit-aid', actorUserId: null, now: t.clock.now() },
    );
    expect(aid).toEqual({ ok: false, reason: 'bad_organisation' });
  });
});
