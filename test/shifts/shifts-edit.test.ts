import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, type TestApp } from '../setup/app.js';
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

const form = (over: Record<string, string> = {}) => ({
  title: '上午入户走访',
  workKind: 'home_visit',
  place: '花石村委会',
  date: '2026-11-25',
  startTime: '08:30',
  endTime: '12:00',
  capacity: '2',
  requiredSkills: '',
  description: '',
  ...over,
});

async function shiftWithPeople(capacity = 2) {
  const shift = await addShift(t, f, { capacity });
  const people = await Promise.all([1, 2, 3].map((i) => addVolunteer(t, { townshipId: f.x.id, name: `志愿者${i}` })));
  const statuses = ['confirmed', 'confirmed', 'waitlisted'] as const;
  for (const [i, v] of people.entries()) {
    await t.database.db.insert(s.shiftSignups).values({
      shiftId: shift.id,
      volunteerId: v.id,
      status: statuses[i],
      position: i + 1,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    });
  }
  return { shift, people };
}

const row = async (id: number) => (await t.database.db.select().from(s.shifts).where(eq(s.shifts.id, id)))[0];

describe('editing a shift', () => {
  it('changes time and place, marks the shift edited, and tells everyone holding or awaiting a place', async () => {
    const { shift, people } = await shiftWithPeople();
    const page = await as.coordA.get(`/shifts/${shift.id}/edit`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="花石村委会"');
    const res = await as.coordA.post(
      `/shifts/${shift.id}/edit`,
      form({ startTime: '09:00', endTime: '11:30', place: '新塘村活动室' }),
    );
    expect(res.status).toBe(303);
    const after = await row(shift.id);
    expect(after).toMatchObject({ startTime: '09:00', endTime: '11:30', place: '新塘村活动室', edited: true });
    expect(after.startsAt.toISOString()).toBe('2026-11-25T01:00:00.000Z');
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices.map((n) => n.volunteerId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(notices[0].body).toContain('2026-11-25 09:00 上午入户走访');
    expect(notices[0].body).toContain('新塘村活动室');
  });

  it('promotes the waitlist in order when places are added, telling the promoted volunteer, and nobody else when only the count changed', async () => {
    const { shift, people } = await shiftWithPeople();
    expect((await as.coordA.post(`/shifts/${shift.id}/edit`, form({ capacity: '5' }))).status).toBe(303);
    const signups = await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.shiftId, shift.id));
    expect(signups.every((x) => x.status === 'confirmed')).toBe(true);
    const notices = await t.database.db.select().from(s.outbox);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ volunteerId: people[2].id, subject: '候补转正通知' });
  });

  it('refuses fewer places than confirmed volunteers, a past date, and a shift that has begun, changing nothing', async () => {
    const { shift } = await shiftWithPeople();
    const below = await as.coordA.post(`/shifts/${shift.id}/edit`, form({ capacity: '1', place: '别处' }));
    expect(below.status).toBe(422);
    expect(await below.text()).toContain('已有 2 人确认报名，名额不能少于 2');
    const past = await as.coordA.post(`/shifts/${shift.id}/edit`, form({ date: '2026-11-20' }));
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('不能改到今天以前');
    const bad = await as.coordA.post(`/shifts/${shift.id}/edit`, form({ endTime: '07:00' }));
    expect(bad.status).toBe(422);
    t.clock.set('2026-11-25T01:00:00Z'); // 09:00 on the day: it has begun (sessions are refreshed below)
    const again = await roleBrowsers(t, f);
    const begun = await again.coordA.post(`/shifts/${shift.id}/edit`, form({ place: '别处' }));
    expect(begun.status).toBe(422);
    expect(await begun.text()).toContain('不能再修改');
    expect(await row(shift.id)).toMatchObject({ place: '花石村委会', capacity: 2, edited: false });
    expect(await t.database.db.$count(s.outbox)).toBe(0);
  });

  it('lets only the shift organisation, its township station and the county edit', async () => {
    const { shift } = await shiftWithPeople();
    expect((await as.coordB.get(`/shifts/${shift.id}/edit`)).status).toBe(404);
    expect((await as.stationY.post(`/shifts/${shift.id}/edit`, form())).status).toBe(404);
    expect((await as.volunteer.post(`/shifts/${shift.id}/edit`, form())).status).toBe(403);
    expect((await as.stationX.post(`/shifts/${shift.id}/edit`, form({ title: '站点改的' }))).status).toBe(303);
    expect((await row(shift.id)).title).toBe('站点改的');
  });
});
