import { and, eq, sql } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

type Fixture = Awaited<ReturnType<typeof registryFixture>>;
let t: TestApp;
let f: Fixture;
let station: { browser: Browser; userId: number };
beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  station = await loginAs(t, 'station_staff', { townshipId: f.x.id });
});

const html = async (res: Response) => parse(await res.text());

/** A shift at a given time of day (the shared helper makes 08:30–12:00 only). */
async function shiftAt(opts: { start: string; end: string; title: string; capacity?: number; date?: string }) {
  const date = opts.date ?? '2026-11-25';
  const row = await addShift(t, f, { title: opts.title, capacity: opts.capacity ?? 3, date });
  await t.database.db
    .update(s.shifts)
    .set({
      startTime: opts.start,
      endTime: opts.end,
      startsAt: new Date(`${date}T${opts.start}:00+08:00`),
      endsAt: new Date(`${date}T${opts.end}:00+08:00`),
    })
    .where(eq(s.shifts.id, row.id));
  return { ...row, startTime: opts.start, endTime: opts.end };
}

/** Counted straight from the rows, not from the trigger-kept columns the pages read. */
async function counts(shiftId: number) {
  const [row] = await t.database.db.all<Record<string, number>>(sql`select
    (select count(*) from shift_signups where shift_id = ${shiftId} and status = 'confirmed') as confirmed,
    (select count(*) from shift_signups where shift_id = ${shiftId} and status = 'waitlisted') as waitlisted,
    (select count(*) from shift_signups where shift_id = ${shiftId} and status = 'confirmed' and attended = 1) as attended,
    (select count(*) from shift_signups where shift_id = ${shiftId} and status = 'confirmed' and attended = 1
      and confirmed_minutes is not null) as hours,
    (select confirmed_count from shifts where id = ${shiftId}) as confirmedColumn,
    (select waitlisted_count from shifts where id = ${shiftId}) as waitlistedColumn,
    (select capacity from shifts where id = ${shiftId}) as capacity`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const statusOf = async (shiftId: number, volunteerId: number) =>
  (
    await t.database.db
      .select({ status: s.shiftSignups.status })
      .from(s.shiftSignups)
      .where(and(eq(s.shiftSignups.shiftId, shiftId), eq(s.shiftSignups.volunteerId, volunteerId)))
  )[0]?.status ?? null;

/** Everything a roster change could write: compared before and after a refused request. */
async function written() {
  const db = t.database.db;
  const signups = await db.select().from(s.shiftSignups).orderBy(s.shiftSignups.id);
  return JSON.stringify([signups, await db.$count(s.auditLog), await db.$count(s.outbox)]);
}

/** Several app instances over separate connections to the same database file, as several servers would be. */
async function apps(n: number) {
  const clients = await Promise.all(Array.from({ length: n }, () => openDatabase(`file:${t.dbPath}`)));
  const list = clients.map((c) =>
    createApp({
      db: c.db,
      now: t.clock.now,
      config: t.config,
      passwords: argon2Hasher,
      logger: memoryLogger(),
      cipher: cipherFor(t.config),
    }),
  );
  const as = (browser: Browser, i: number) => {
    const b = new Browser({ ...t, app: list[i % list.length] });
    b.cookies = browser.cookies;
    return b;
  };
  return {
    as,
    close: () => {
      for (const c of clients) c.close();
    },
  };
}

describe('staff put registered volunteers on a shift', () => {
  it('adds with the capacity and waitlist of self sign-up, audited; full without waitlist and twice are refused, writing nothing', async () => {
    const shift = await addShift(t, f, { capacity: 2 });
    const people = [];
    for (const name of ['甲', '乙', '丙', '丁']) people.push(await addVolunteer(t, { townshipId: f.x.id, name }));
    for (const v of people.slice(0, 3)) {
      const res = await station.browser.post(`/shifts/${shift.id}/roster/add`, {
        volunteerId: String(v.id),
        waitlist: '1',
      });
      expect(res.status).toBe(303);
    }
    const page = await html(await station.browser.get(`/shifts/${shift.id}`));
    expect(page.querySelector('.alert')?.text).toBe('班次已满，已加入候补名单。');
    expect(
      page
        .querySelectorAll('#roster tbody tr')
        .map((r) => [r.querySelector('td')!.text, r.querySelector('.status')!.text]),
    ).toEqual([
      ['甲', '已报名'],
      ['乙', '已报名'],
      ['丙', '候补第 1 位'],
    ]);
    expect(await counts(shift.id)).toMatchObject({ confirmed: 2, waitlisted: 1 });
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.action, 'roster_add'));
    expect(audit.map((a) => [a.actorUserId, a.entityId])).toEqual(
      people.slice(0, 3).map((v) => [station.userId, `${shift.id}:${v.id}`]),
    );

    const before = await written();
    const full = await station.browser.post(`/shifts/${shift.id}/roster/add`, { volunteerId: String(people[3].id) });
    expect(full.status).toBe(422);
    expect((await html(full)).querySelector('.alert')?.text).toContain('班次已满，未加入');
    const twice = await station.browser.post(`/shifts/${shift.id}/roster/add`, {
      volunteerId: String(people[0].id),
      waitlist: '1',
    });
    expect(twice.status).toBe(422);
    expect((await html(twice)).querySelector('.alert')?.text).toBe('该志愿者已在本班次名单中，未重复添加。');
    const bad = await station.browser.post(`/shifts/${shift.id}/roster/add`, { volunteerId: 'abc' });
    expect(bad.status).toBe(422);
    expect(await written()).toBe(before);

    // Removal (after its confirmation page): the waitlist moves up, both are told, the removal is audited.
    expect((await station.browser.post(`/shifts/${shift.id}/roster/${people[0].id}/remove`)).status).toBe(303);
    expect([await statusOf(shift.id, people[0].id), await statusOf(shift.id, people[2].id)]).toEqual([
      'cancelled',
      'confirmed',
    ]);
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices.map((n) => [n.volunteerId, n.subject, n.body]).sort()).toEqual(
      [
        [people[0].id, '班次调整通知', '您已被工作人员移出班次「2026-11-25 08:30 上午入户走访」。'],
        [people[2].id, '候补转正通知', expect.stringContaining('2026-11-25 08:30 上午入户走访')],
      ].sort(),
    );
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.action, 'roster_remove'))).toBe(1);
    // Removing again finds nobody: 404, nothing more written.
    const again = await written();
    expect((await station.browser.post(`/shifts/${shift.id}/roster/${people[0].id}/remove`)).status).toBe(404);
    expect(await written()).toBe(again);
  });

  it('adds walk-ins after the shift began, so their attendance can be confirmed the same day', async () => {
    const shift = await addShift(t, f, { capacity: 5 });
    const walkIn = await addVolunteer(t, { townshipId: f.x.id, name: '现场报到' });
    t.clock.set('2026-11-25T01:00:00Z');
    const late = await loginAs(t, 'station_staff', { townshipId: f.x.id });
    expect(
      (await late.browser.post(`/shifts/${shift.id}/roster/add`, { volunteerId: String(walkIn.id), waitlist: '1' }))
        .status,
    ).toBe(303);
    expect(
      (await late.browser.post(`/shifts/${shift.id}/roster/${walkIn.id}/hours`, { attended: '1', minutes: '150' }))
        .status,
    ).toBe(303);
    const row = await html(await late.browser.get(`/shifts/${shift.id}`));
    expect(row.querySelector(`tr[data-volunteer="${walkIn.id}"] .attendance`)?.text).toBe('已到岗');
    expect(row.querySelector(`tr[data-volunteer="${walkIn.id}"] .hours`)?.text).toBe('2.5 小时');
  });

  it('answers 404 for another township’s or organisation’s shift and for a volunteer outside the adder’s reach', async () => {
    const shiftA = await addShift(t, f, { capacity: 5 });
    const shiftB = await addShift(t, f, { organisationId: f.orgB.id, townshipId: f.y.id, title: '射埠' });
    const inX = await addVolunteer(t, { townshipId: f.x.id, name: '花石人', organisationId: f.orgA.id });
    const inY = await addVolunteer(t, { townshipId: f.y.id, name: '射埠人' });
    const notMember = await addVolunteer(t, { townshipId: f.x.id, name: '非会员' });
    const pending = await addVolunteer(t, { townshipId: f.x.id, name: '待审核' });
    await t.database.db.update(s.volunteers).set({ status: 'pending' }).where(eq(s.volunteers.id, pending.id));
    const stationY = (await loginAs(t, 'station_staff', { townshipId: f.y.id })).browser;
    const coordA = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
    const coordB = (await loginAs(t, 'org_coordinator', { organisationId: f.orgB.id })).browser;
    const add = (b: Browser, shiftId: number, volunteerId: number) =>
      b.post(`/shifts/${shiftId}/roster/add`, { volunteerId: String(volunteerId), waitlist: '1' });
    const before = await written();
    expect((await add(stationY, shiftA.id, inY.id)).status).toBe(404);
    expect((await add(coordB, shiftA.id, inX.id)).status).toBe(404);
    expect((await add(station.browser, shiftB.id, inX.id)).status).toBe(404);
    expect((await add(station.browser, shiftA.id, inY.id)).status).toBe(404);
    expect((await add(station.browser, shiftA.id, pending.id)).status).toBe(404);
    expect((await add(coordA, shiftA.id, notMember.id)).status).toBe(404);
    expect((await add(station.browser, shiftA.id, 999999)).status).toBe(404);
    expect((await stationY.get(`/shifts/${shiftA.id}/roster/${inX.id}/remove`)).status).toBe(404);
    expect((await coordB.get(`/shifts/${shiftA.id}/cancel-shift`)).status).toBe(404);
    expect(await written()).toBe(before);
    // The organisation adds its own member; the search finds only volunteers it reaches.
    const found = await html(await coordA.get(`/shifts/${shiftA.id}?q=人`));
    expect(found.querySelectorAll('#candidates strong').map((e) => e.text)).toEqual(['花石人']);
    expect((await add(coordA, shiftA.id, inX.id)).status).toBe(303);
    expect(await statusOf(shiftA.id, inX.id)).toBe('confirmed');
  });
});

describe('a roster change racing self sign-ups', () => {
  it('never overfills: 12 self sign-ups and 12 staff adds at once through four connections, then removals racing sign-ups', async () => {
    const capacity = 3;
    const shift = await addShift(t, f, { capacity });
    const selfSigners = [];
    const walkIns = [];
    for (let i = 0; i < 12; i++) {
      selfSigners.push(await addVolunteer(t, { townshipId: f.x.id, login: true, name: `自报${i}` }));
      walkIns.push(await addVolunteer(t, { townshipId: f.x.id, name: `现场${i}` }));
    }
    const pool = await apps(4);
    try {
      const requests = [
        ...selfSigners.map((v, i) =>
          pool
            .as(v.browser!, i)
            .post(`/shifts/${shift.id}/signup`, i % 2 ? { waitlist: '1' } : {}, { 'HX-Request': 'true' }),
        ),
        ...walkIns.map((v, i) =>
          pool
            .as(station.browser, i + 1)
            .post(`/shifts/${shift.id}/roster/add`, { volunteerId: String(v.id), ...(i % 2 ? { waitlist: '1' } : {}) }),
        ),
      ];
      const responses = await Promise.all(requests);
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      const c = await counts(shift.id);
      expect(c.confirmed).toBe(capacity);
      expect([c.confirmedColumn, c.waitlistedColumn]).toEqual([c.confirmed, c.waitlisted]);
      // Whoever accepted the waitlist and found no place waits; whoever did not has no row at all.
      const accepting = new Set([...selfSigners, ...walkIns].filter((_, i) => i % 2 === 1).map((v) => v.id));
      const rows = await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.shiftId, shift.id));
      expect(rows.filter((r) => r.status === 'waitlisted').every((r) => accepting.has(r.volunteerId))).toBe(true);
      expect(rows.filter((r) => r.status !== 'confirmed').length).toBe(
        [...accepting].filter((id) => !rows.some((r) => r.volunteerId === id && r.status === 'confirmed')).length,
      );

      // Two removals racing six more sign-ups: promotion and sign-ups never pass the capacity.
      const confirmed = await t.database.db
        .select({ v: s.shiftSignups.volunteerId })
        .from(s.shiftSignups)
        .where(and(eq(s.shiftSignups.shiftId, shift.id), eq(s.shiftSignups.status, 'confirmed')));
      const late = [];
      for (let i = 0; i < 6; i++)
        late.push(await addVolunteer(t, { townshipId: f.x.id, login: true, name: `晚到${i}` }));
      const second = await Promise.all([
        ...confirmed
          .slice(0, 2)
          .map((r, i) => pool.as(station.browser, i).post(`/shifts/${shift.id}/roster/${r.v}/remove`)),
        ...late.map((v, i) => pool.as(v.browser!, i + 2).post(`/shifts/${shift.id}/signup`, { waitlist: '1' })),
      ]);
      expect(second.filter((r) => r.status >= 500)).toEqual([]);
    } finally {
      pool.close();
    }
    const after = await counts(shift.id);
    expect(after.confirmed).toBe(capacity);
    expect([after.confirmedColumn, after.waitlistedColumn]).toEqual([after.confirmed, after.waitlisted]);
    const [dupes] = await t.database.db.all<{ n: number }>(
      sql`select count(*) as n from (select volunteer_id from shift_signups where shift_id = ${shift.id} group by volunteer_id having count(*) > 1)`,
    );
    expect(Number(dupes.n)).toBe(0);
  });
});

describe('no two overlapping places', () => {
  it('refuses sign-up, staff add and move beside an overlapping place, naming the other shift, and changes nothing', async () => {
    const morning = await shiftAt({ start: '08:30', end: '12:00', title: '上午入户走访' });
    const overlapping = await shiftAt({ start: '10:00', end: '11:00', title: '慰问' });
    const afternoon = await shiftAt({ start: '14:00', end: '17:00', title: '下午关爱' });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '小王' });
    expect((await v.browser!.post(`/shifts/${morning.id}/signup`)).status).toBe(303);
    const named = '2026-11-25 08:30–12:00 花石村委会（上午入户走访）';

    const before = await written();
    const self = await v.browser!.post(`/shifts/${overlapping.id}/signup`, {}, { 'HX-Request': 'true' });
    expect(self.status).toBe(422);
    expect((await html(self)).querySelector('.error')?.text).toContain(`与您已报名的班次时间重叠：${named}`);
    const added = await station.browser.post(`/shifts/${overlapping.id}/roster/add`, {
      volunteerId: String(v.id),
      waitlist: '1',
    });
    expect(added.status).toBe(422);
    expect((await html(added)).querySelector('.alert')?.text).toBe(`该志愿者在同一时间已有班次：${named}，未加入。`);
    expect(await written()).toBe(before);

    // Also on the afternoon: moving it onto the overlapping shift is refused, and the afternoon place is kept.
    expect(
      (await station.browser.post(`/shifts/${afternoon.id}/roster/add`, { volunteerId: String(v.id) })).status,
    ).toBe(303);
    const kept = await written();
    const move = await station.browser.post(`/shifts/${afternoon.id}/roster/${v.id}/move`, {
      toShiftId: String(overlapping.id),
    });
    expect(move.status).toBe(422);
    expect((await html(move)).querySelector('.alert')?.text).toBe(
      `该志愿者在目标班次的时间已有班次：${named}，未调整。`,
    );
    expect(await written()).toBe(kept);
    // Moving the morning place itself onto the overlapping shift is fine: the place it leaves does not count.
    expect(
      (await station.browser.post(`/shifts/${morning.id}/roster/${v.id}/move`, { toShiftId: String(overlapping.id) }))
        .status,
    ).toBe(303);
    expect([await statusOf(morning.id, v.id), await statusOf(overlapping.id, v.id)]).toEqual([
      'cancelled',
      'confirmed',
    ]);
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.action, 'roster_move'))).toBe(1);
  });

  it('lets exactly one of a racing self sign-up and staff add on two overlapping shifts through, in every round', async () => {
    const a = await shiftAt({ start: '08:30', end: '12:00', title: '甲班', capacity: 50 });
    const b = await shiftAt({ start: '11:00', end: '13:00', title: '乙班', capacity: 50 });
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await addVolunteer(t, { townshipId: f.x.id, login: true, name: `轮${i}` }));
    const pool = await apps(2);
    try {
      const responses = await Promise.all(
        people.flatMap((v, i) => [
          pool.as(v.browser!, i).post(`/shifts/${a.id}/signup`, { waitlist: '1' }),
          pool
            .as(station.browser, i + 1)
            .post(`/shifts/${b.id}/roster/add`, { volunteerId: String(v.id), waitlist: '1' }),
        ]),
      );
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    } finally {
      pool.close();
    }
    const held = await t.database.db.all<{ v: number; n: number }>(sql`select volunteer_id as v, count(*) as n
      from shift_signups where status <> 'cancelled' group by volunteer_id`);
    expect(held.map((h) => Number(h.n))).toEqual(people.map(() => 1));
  });
});

describe('the roster page', () => {
  it('shows confirmed, waitlisted, attended and hours-confirmed figures that match a count of the rows; 到岗 is not pre-ticked', async () => {
    const shift = await addShift(t, f, { capacity: 3, title: '名单' });
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await addVolunteer(t, { townshipId: f.x.id, name: `人${i}` }));
    for (const v of people)
      await station.browser.post(`/shifts/${shift.id}/roster/add`, { volunteerId: String(v.id), waitlist: '1' });
    const target = await addShift(t, f, { organisationId: f.stationX.id, date: '2026-11-26', title: '次日走访' });
    t.clock.set('2026-11-25T01:30:00Z');
    const late = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
    await late.post(`/shifts/${shift.id}/roster/${people[0].id}/hours`, { attended: '1', minutes: '200' });
    await late.post(`/shifts/${shift.id}/roster/${people[1].id}/hours`, { minutes: '0' });
    const page = await html(await late.get(`/shifts/${shift.id}`));
    const figure = (name: string) => Number(page.querySelector(`#roster-figures [data-figure=${name}]`)?.text);
    const c = await counts(shift.id);
    expect({
      capacity: figure('capacity'),
      confirmed: figure('confirmed'),
      waitlisted: figure('waitlisted'),
      attended: figure('attended'),
      hours: figure('hours'),
    }).toEqual({
      capacity: c.capacity,
      confirmed: c.confirmed,
      waitlisted: c.waitlisted,
      attended: c.attended,
      hours: c.hours,
    });
    expect([c.confirmed, c.waitlisted, c.attended, c.hours]).toEqual([3, 2, 1, 1]);
    const row = (v: { id: number }) => page.querySelector(`tr[data-volunteer="${v.id}"]`)!;
    expect(row(people[0]).querySelector('.attendance')?.text).toBe('已到岗');
    expect(row(people[1]).querySelector('.attendance')?.text).toBe('未到岗');
    expect(row(people[2]).querySelector('.attendance')?.text).toBe('未登记');
    expect(row(people[2]).querySelector('input[name=attended]')?.hasAttribute('checked')).toBe(false);
    expect(row(people[2]).querySelector('.hours')?.text).toBe('未确认');
    expect(row(people[3]).querySelector('.status')?.text).toBe('候补第 1 位');
    expect(row(people[4]).querySelector('.status')?.text).toBe('候补第 2 位');
    const option = row(people[0]).querySelector('select[name=toShiftId] option');
    expect(option?.text).toBe('花石镇 · 花石镇社工站 · 2026-11-26 08:30–12:00 · 次日走访');
    expect(option?.getAttribute('value')).toBe(String(target.id));
  });
});

describe('destructive actions ask first, on a page that works without JavaScript', () => {
  it('confirms a removal, a move and a whole-shift cancellation with GET pages that change nothing, then notifies', async () => {
    const shift = await addShift(t, f, { capacity: 2, title: '走访' });
    const other = await addShift(t, f, { date: '2026-11-26', title: '另一场' });
    const [a, b, c] = [
      await addVolunteer(t, { townshipId: f.x.id, name: '甲' }),
      await addVolunteer(t, { townshipId: f.x.id, name: '乙' }),
      await addVolunteer(t, { townshipId: f.x.id, name: '丙' }),
    ];
    for (const v of [a, b, c])
      await station.browser.post(`/shifts/${shift.id}/roster/add`, { volunteerId: String(v.id), waitlist: '1' });
    const roster = await html(await station.browser.get(`/shifts/${shift.id}`));
    // The roster offers links and GET forms to these actions, never a POST that acts at once.
    expect(roster.querySelectorAll('form[method=post]').map((x) => x.getAttribute('action'))).not.toContain(
      `/shifts/${shift.id}/roster/${a.id}/remove`,
    );
    expect(roster.querySelector(`a[href="/shifts/${shift.id}/roster/${a.id}/remove"]`)).not.toBeNull();
    expect(roster.querySelector(`a[href="/shifts/${shift.id}/cancel-shift"]`)).not.toBeNull();

    const before = await written();
    const removal = await html(await station.browser.get(`/shifts/${shift.id}/roster/${a.id}/remove`));
    expect(removal.querySelector('#confirm p')?.text).toBe(
      '将 甲 移出班次「2026-11-25 08:30–12:00 走访」。本人会收到通知，候补第一位自动转正。',
    );
    expect(removal.querySelector('#confirm form')?.getAttribute('method')).toBe('post');
    const moving = await html(
      await station.browser.get(`/shifts/${shift.id}/roster/${b.id}/move?toShiftId=${other.id}`),
    );
    expect(moving.querySelector('#confirm p')?.text).toContain(
      '调至「花石镇 · 湘潭县阳光社工服务中心 · 2026-11-26 08:30–12:00 · 另一场」',
    );
    expect(moving.querySelector('#confirm input[name=toShiftId]')?.getAttribute('value')).toBe(String(other.id));
    const cancelling = await html(await station.browser.get(`/shifts/${shift.id}/cancel-shift`));
    expect(cancelling.querySelector('#confirm p')?.text).toContain('已报名和候补的 3 名志愿者会收到通知');
    expect(await written()).toBe(before);

    // The confirmation forms, posted as a browser without JavaScript would.
    const post = (page: ReturnType<typeof parse>) => {
      const form = page.querySelector('#confirm form')!;
      const fields = Object.fromEntries(
        form.querySelectorAll('input[type=hidden]').map((i) => [i.getAttribute('name')!, i.getAttribute('value')!]),
      );
      return station.browser.post(form.getAttribute('action')!, fields);
    };
    expect((await post(removal)).status).toBe(303);
    expect((await post(moving)).status).toBe(303);
    expect([await statusOf(shift.id, a.id), await statusOf(shift.id, b.id), await statusOf(other.id, b.id)]).toEqual([
      'cancelled',
      'cancelled',
      'confirmed',
    ]);
    expect(await statusOf(shift.id, c.id)).toBe('confirmed');
    t.clock.advance(1000);
    expect((await post(cancelling)).status).toBe(303);
    const [cancelled] = await t.database.db.select().from(s.shifts).where(eq(s.shifts.id, shift.id));
    expect(cancelled.status).toBe('cancelled');
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices.map((n) => [n.volunteerId, n.subject]).sort()).toEqual(
      [
        [a.id, '班次调整通知'],
        [b.id, '班次调整通知'],
        [c.id, '候补转正通知'],
        [c.id, '班次取消通知'],
      ].sort(),
    );
  });
});
