import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { createTemplate } from '../../src/modules/service-days/templates.js';
import { addRecipient } from '../fixtures/recipients.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import type { RegistryFixture } from '../setup/registry.js';
import { addVolunteer, registryFixture } from '../setup/shifts.js';

let t: TestApp;
let f: RegistryFixture;
let admin: Browser;
let position = 0;

const runJob = (iso: string) =>
  serviceDaysJob.run({ db: t.database.db, now: new Date(iso), config: t.config, logger: memoryLogger() });
const dayId = async (date: string) =>
  (await t.database.db.select().from(s.serviceDays).where(eq(s.serviceDays.date, date)))[0].id;
const shiftsOn = (date: string) =>
  t.database.db.select().from(s.shifts).where(eq(s.shifts.date, date)).orderBy(s.shifts.townshipId, s.shifts.startsAt);
const signUp = (shiftId: number, volunteerId: number, status: s.SignupStatus = 'confirmed') => {
  position += 1;
  const now = t.clock.now();
  return t.database.db
    .insert(s.shiftSignups)
    .values({ shiftId, volunteerId, status, position, createdAt: now, updatedAt: now });
};
const notices = () => t.database.db.select().from(s.outbox).orderBy(s.outbox.volunteerId);

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-10T02:00:00Z');
  f = await registryFixture(t);
  await runJob('2026-11-10T02:00:00Z');
  const made = await createTemplate({
    db: t.database.db,
    actorUserId: null,
    now: t.clock.now(),
    organisationId: f.orgA.id,
    input: {
      title: '阳光走访',
      place: null,
      startTime: '09:00',
      endTime: '11:00',
      capacity: 5,
      workKind: 'home_visit',
    },
  });
  expect(made.ok).toBe(true);
  admin = (await loginAs(t, 'county_admin')).browser;
});

describe('the county moves or cancels a whole service day', () => {
  it('moves every shift of the day to the new date with one notice per volunteer, even one holding two shifts', async () => {
    const dec24 = await shiftsOn('2026-12-24');
    expect(dec24).toHaveLength(5); // two stations × two, and organisation A's
    const [xMorning, xOrg] = dec24.filter((r) => r.townshipId === f.x.id);
    const yShift = dec24.find((r) => r.townshipId === f.y.id)!;
    const two = await addVolunteer(t, { name: '两班', townshipId: f.x.id });
    const waiting = await addVolunteer(t, { name: '候补', townshipId: f.y.id });
    const left = await addVolunteer(t, { name: '已退', townshipId: f.x.id });
    const otherDay = await addVolunteer(t, { name: '别的日子', townshipId: f.x.id });
    await signUp(xMorning.id, two.id);
    await signUp(xOrg.id, two.id);
    await signUp(yShift.id, waiting.id, 'waitlisted');
    await signUp(xMorning.id, left.id, 'cancelled');
    await signUp((await shiftsOn('2026-12-25'))[0].id, otherDay.id);

    const day = await dayId('2026-12-24');
    const res = await admin.post(`/service-days/${day}/move`, { heldOn: '2026-12-20', reason: '冰冻天气' });
    expect(res.status).toBe(303);
    expect(await shiftsOn('2026-12-24')).toEqual([]);
    const moved = await shiftsOn('2026-12-20');
    expect(moved.map((r) => r.id).sort()).toEqual(dec24.map((r) => r.id).sort());
    for (const r of moved) {
      const before = dec24.find((d) => d.id === r.id)!;
      expect(r.startTime).toBe(before.startTime);
      expect(r.startsAt.toISOString()).toBe(new Date(`2026-12-20T${before.startTime}:00+08:00`).toISOString());
      expect(r.endsAt.toISOString()).toBe(new Date(`2026-12-20T${before.endTime}:00+08:00`).toISOString());
    }
    const sent = await notices();
    expect(sent.map((n) => n.volunteerId)).toEqual([two.id, waiting.id]);
    expect(sent[0].body).toBe(
      '原定2026-12-24的集中工作日改到2026-12-20举行（原因：冰冻天气）。您报名的班次时间不变，日期改为2026-12-20；如不能参加，请在“我的班次”中取消。',
    );
    // The same move again is refused (the date is taken by this very day) and sends nothing more.
    const again = await admin.post(`/service-days/${day}/move`, { heldOn: '2026-12-20' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('这一天已是集中工作日');
    expect(await notices()).toHaveLength(2);
    // The nightly job does not make the regular date again, and the audit names the move.
    const shiftCount = await t.database.db.$count(s.shifts);
    expect(await runJob('2026-11-11T01:00:00Z')).toMatchObject({ shiftsAdded: 0, serviceDaysAdded: 0 });
    expect(await t.database.db.$count(s.shifts)).toBe(shiftCount);
    expect(await shiftsOn('2026-12-24')).toEqual([]);
    const [audit] = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'service_day'));
    expect(audit).toMatchObject({ action: 'move', entityId: String(day) });
    const page = await (await admin.get('/service-days')).text();
    expect(page).toContain('改到 2026-12-20');
  });

  it('cancels a whole day after asking: its shifts go, one notice per volunteer, nothing comes back', async () => {
    const dec25 = await shiftsOn('2026-12-25');
    const v = await addVolunteer(t, { townshipId: f.x.id });
    await signUp(dec25[0].id, v.id);
    await signUp(dec25[1].id, v.id, 'waitlisted');
    const day = await dayId('2026-12-25');
    const ask = await admin.get(`/service-days/${day}/cancel`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('确认取消并通知');
    expect(await notices()).toHaveLength(0);
    expect((await admin.post(`/service-days/${day}/cancel`, { reason: '洪水' })).status).toBe(303);
    expect((await shiftsOn('2026-12-25')).map((r) => r.status)).toEqual(dec25.map(() => 'cancelled'));
    const sent = await notices();
    expect(sent.map((n) => n.volunteerId)).toEqual([v.id]);
    expect(sent[0].body).toBe('原定2026-12-25的集中工作日已取消（原因：洪水），您报名的班次一并取消。');
    // Asking again: refused, nothing more sent; the job makes nothing on the cancelled day.
    expect((await admin.post(`/service-days/${day}/cancel`)).status).toBe(422);
    expect((await admin.post(`/service-days/${day}/move`, { heldOn: '2026-12-27' })).status).toBe(422);
    await runJob('2026-11-11T01:00:00Z');
    expect((await shiftsOn('2026-12-25')).filter((r) => r.status === 'open')).toEqual([]);
    expect(await notices()).toHaveLength(1);
    const volunteerPage = await (await (await loginAs(t, 'volunteer')).browser.get('/shifts')).text();
    expect(volunteerPage).not.toContain('2026-12-25');
  });

  it('refuses a past date, a date that is a service day, a day already begun, and anyone but the county', async () => {
    const dec24 = await dayId('2026-12-24');
    const past = await admin.post(`/service-days/${dec24}/move`, { heldOn: '2026-11-09' });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('新日期须在今天之后');
    expect((await admin.post(`/service-days/${dec24}/move`, { heldOn: '2026-12-25' })).status).toBe(422);
    const bad = await admin.post(`/service-days/${dec24}/move`, { heldOn: '2026-13-01' });
    expect(bad.status).toBe(422);
    expect(await shiftsOn('2026-12-24')).toHaveLength(5);
    t.clock.set('2026-11-24T01:00:00Z');
    admin = (await loginAs(t, 'county_admin')).browser; // two weeks on: a fresh session
    const begun = await admin.post(`/service-days/${await dayId('2026-11-24')}/move`, { heldOn: '2026-11-30' });
    expect(begun.status).toBe(422);
    expect(await begun.text()).toContain('已经开始或已过去');
    expect((await admin.get('/service-days/999999')).status).toBe(404);
    for (const role of ['station_staff', 'org_coordinator'] as const) {
      const other = (
        await loginAs(t, role, role === 'station_staff' ? { townshipId: f.x.id } : { organisationId: f.orgA.id })
      ).browser;
      expect((await other.get(`/service-days/${dec24}`)).status).toBe(403);
      expect((await other.post(`/service-days/${dec24}/cancel`)).status).toBe(403);
    }
    expect(await shiftsOn('2026-12-24')).toHaveLength(5);
    expect(await notices()).toHaveLength(0);
  });
});

describe('the county sees the service day across the townships', () => {
  it('shows each township’s shifts, places, plans, households planned and recorded, needs — as counted apart', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    const date = '2026-12-24';
    const day = await shiftsOn(date);
    const [xMorning, xOrg, xAfternoon] = day.filter((r) => r.townshipId === f.x.id);
    const [yMorning] = day.filter((r) => r.townshipId === f.y.id);
    // A cancelled shift of the day counts nowhere.
    await db.update(s.shifts).set({ status: 'cancelled' }).where(eq(s.shifts.id, xAfternoon.id));
    const vols = await Promise.all([1, 2, 3].map((i) => addVolunteer(t, { name: `志愿${i}`, townshipId: f.x.id })));
    await signUp(xMorning.id, vols[0].id);
    await signUp(xMorning.id, vols[1].id);
    await signUp(xOrg.id, vols[2].id);
    await signUp(yMorning.id, vols[2].id, 'waitlisted');
    const r2 = await addRecipient(t, { name: '第二户', townshipId: f.x.id, careLevel: 'self' });
    const r3 = await addRecipient(t, { name: '第三户', townshipId: f.x.id, careLevel: 'full' });
    const plan = async (shiftId: number, published: boolean, rows: [number, number, boolean][]) => {
      const [p] = await db
        .insert(s.visitPlans)
        .values({
          shiftId,
          status: published ? 'published' : 'draft',
          publishedAt: published ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (rows.length)
        await db.insert(s.planAssignments).values(
          rows.map(([volunteerId, recipientId, pub], i) => ({
            planId: p.id,
            published: pub,
            volunteerId,
            recipientId,
            position: i + 1,
          })),
        );
    };
    // X: two published plans sharing a household (counted once), a working-copy row that is not published.
    await plan(xMorning.id, true, [
      [vols[0].id, f.rx.id, true],
      [vols[1].id, r2, true],
      [vols[1].id, r3, false],
    ]);
    await plan(xOrg.id, true, [[vols[2].id, r2, true]]);
    // Y: a draft plan only.
    await plan(yMorning.id, false, [[vols[2].id, f.ry.id, false]]);
    const visit = async (recipientId: number, visitedOn: string) =>
      (
        await db
          .insert(s.visits)
          .values({
            recipientId,
            visitedOn,
            kind: 'home_visit',
            visitorKind: 'volunteer',
            outcome: 'visited',
            createdAt: now,
          })
          .returning()
      )[0];
    const vx = await visit(f.rx.id, date);
    const early = await visit(r2, '2026-12-23'); // not on the day
    const vy = await visit(f.ry.id, date); // not planned
    const need = (recipientId: number, visitId: number) => ({
      recipientId,
      visitId,
      category: 'health' as const,
      text: '需要复诊',
      openedOn: date,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(s.needs)
      .values([need(f.rx.id, vx.id), need(f.rx.id, vx.id), need(r2, early.id), need(f.ry.id, vy.id)]);

    const res = await admin.get(`/service-days/${await dayId(date)}`);
    expect(res.status).toBe(200);
    const html = parse(await res.text());
    const figures = (township: string) =>
      Object.fromEntries(
        html
          .querySelectorAll(`tr[data-township="${township}"] td`)
          .map((td) => [td.getAttribute('data-figure'), td.text.trim()]),
      );

    // Independent counts, from the raw rows in plain code.
    const shifts = await db.select().from(s.shifts);
    const signups = await db.select().from(s.shiftSignups);
    const plans = await db.select().from(s.visitPlans);
    const assignments = await db.select().from(s.planAssignments);
    const visits = await db.select().from(s.visits);
    const needs = await db.select().from(s.needs);
    const expected = (townshipId: number | null) => {
      const open = shifts.filter(
        (x) => x.date === date && x.status === 'open' && (townshipId === null || x.townshipId === townshipId),
      );
      const ids = new Set(open.map((x) => x.id));
      const taken = signups.filter((x) => ids.has(x.shiftId) && x.status === 'confirmed').length;
      const pub = plans.filter((p) => ids.has(p.shiftId) && p.publishedAt);
      const pubIds = new Set(pub.map((p) => p.id));
      const households = new Set(
        assignments
          .filter((a) => pubIds.has(a.planId) && a.published)
          .map(
            (a) =>
              `${shifts.find((x) => x.id === plans.find((p) => p.id === a.planId)!.shiftId)!.townshipId}:${a.recipientId}`,
          ),
      );
      const planned = [...households].map((k) => Number(k.split(':')[1]));
      const dayVisits = visits.filter((v) => v.visitedOn === date && planned.includes(v.recipientId));
      const recorded = new Set(dayVisits.map((v) => v.recipientId));
      const visitIds = new Set(dayVisits.map((v) => v.id));
      return {
        shifts: String(open.length),
        filled: `${taken}/${open.reduce((n, x) => n + x.capacity, 0)}`,
        plansPublished: String(pub.length),
        householdsPlanned: String(households.size),
        householdsRecorded: String(recorded.size),
        needsFound: String(needs.filter((n) => n.visitId !== null && visitIds.has(n.visitId)).length),
      };
    };
    expect(figures('花石镇')).toEqual(expected(f.x.id));
    expect(figures('射埠镇')).toEqual(expected(f.y.id));
    expect(figures('total')).toEqual(expected(null));
    // And the numbers themselves, so the fixture cannot be empty on both sides.
    expect(figures('花石镇')).toEqual({
      shifts: '2',
      filled: '3/15',
      plansPublished: '2',
      householdsPlanned: '2',
      householdsRecorded: '1',
      needsFound: '2',
    });
    expect(figures('射埠镇')).toEqual({
      shifts: '2',
      filled: '0/20',
      plansPublished: '0',
      householdsPlanned: '0',
      householdsRecorded: '0',
      needsFound: '0',
    });
  });
});
