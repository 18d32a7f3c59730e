import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { confirm } from '../setup/plans.js';
import type { RegistryFixture } from '../setup/registry.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

let t: TestApp;
let f: RegistryFixture;
let coordA: Browser;

/** The station's service-day shifts of a township (made by the job, as in production). */
const stationShifts = (stationId: number) =>
  t.database.db
    .select()
    .from(s.shifts)
    .where(and(eq(s.shifts.organisationId, stationId), isNotNull(s.shifts.serviceDayId)))
    .orderBy(s.shifts.date, s.shifts.startsAt);

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-10T02:00:00Z');
  f = await registryFixture(t);
  await serviceDaysJob.run({ db: t.database.db, now: t.clock.now(), config: t.config, logger: memoryLogger() });
  coordA = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
});

describe("the station's service day, shared with the organisations active in its township", () => {
  it('an organisation of the township sees the station day on its list and the detail page, marked whose it is', async () => {
    const [x24] = await stationShifts(f.stationX.id);
    const [y24] = await stationShifts(f.stationY.id);
    const own = await addShift(t, f, { title: '阳光自己的班次', date: '2026-11-26' });
    const list = await (await coordA.get('/shifts')).text();
    expect(list).toContain(`href="/shifts/${x24.id}"`);
    expect(list).toContain(`href="/shifts/${own.id}"`);
    expect(list).not.toContain(`href="/shifts/${y24.id}"`);
    expect(list).toContain('社工站集中工作日');
    expect(list).toContain('组织自有班次');

    const detail = await coordA.get(`/shifts/${x24.id}`);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).toContain('花石镇社工站');
    expect(html).toContain('社工站集中工作日');
    expect(html).toContain(`/plans/${x24.id}`);
    // It sees and plans; it does not edit or cancel the station's shift.
    expect(html).not.toContain(`/shifts/${x24.id}/edit`);
    expect(html).not.toContain(`/shifts/${x24.id}/cancel-shift`);
    expect((await coordA.get(`/shifts/${x24.id}/edit`)).status).toBe(404);
    expect((await coordA.post(`/shifts/${x24.id}/cancel-shift`)).status).toBe(404);
    expect((await t.database.db.select().from(s.shifts).where(eq(s.shifts.id, x24.id)))[0].status).toBe('open');
    // Another township's day, and a station shift that is not on a service day, stay out of reach.
    expect((await coordA.get(`/shifts/${y24.id}`)).status).toBe(404);
    const plain = await addShift(t, f, { organisationId: f.stationX.id, title: '站内培训' });
    expect((await coordA.get(`/shifts/${plain.id}`)).status).toBe(404);
    expect((await coordA.get(`/plans/${y24.id}`)).status).toBe(404);
  });

  it('plans visits on the station day: the households of the township, its own volunteer among the visitors', async () => {
    const [x24] = await stationShifts(f.stationX.id);
    const mine = await addVolunteer(t, { name: '阳光小李', townshipId: f.x.id, organisationId: f.orgA.id });
    await confirm(t, x24.id, mine.id);
    const page = await coordA.get(`/plans/${x24.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('待覆盖对象 1 户，已安排 0 户；确认志愿者 1 人');
    expect((await coordA.post(`/plans/${x24.id}/replan`)).status).toBe(303);
    const planned = await (await coordA.get(`/plans/${x24.id}`)).text();
    expect(planned).toContain('阳光小李');
    expect(planned).toContain('张老汉');
    expect(planned).not.toContain('李奶奶'); // township Y's household
    const rows = await t.database.db
      .select()
      .from(s.planAssignments)
      .innerJoin(s.visitPlans, eq(s.visitPlans.id, s.planAssignments.planId))
      .where(eq(s.visitPlans.shiftId, x24.id));
    expect(rows.map((r) => [r.plan_assignments.volunteerId, r.plan_assignments.recipientId])).toEqual([
      [mine.id, f.rx.id],
    ]);
    expect((await coordA.post(`/plans/${x24.id}/publish`)).status).toBe(303);
    const [plan] = await t.database.db.select().from(s.visitPlans).where(eq(s.visitPlans.shiftId, x24.id));
    expect(plan.publishedAt).not.toBeNull();
  });

  it('an organisation not active in the township gets 404, and so does one that withdrew', async () => {
    const [x24] = await stationShifts(f.stationX.id);
    const coordB = (await loginAs(t, 'org_coordinator', { organisationId: f.orgB.id })).browser;
    expect((await coordB.get(`/shifts/${x24.id}`)).status).toBe(404);
    expect((await coordB.get(`/plans/${x24.id}`)).status).toBe(404);
    expect((await coordB.post(`/plans/${x24.id}/replan`)).status).toBe(404);
    expect(await (await coordB.get('/shifts')).text()).not.toContain(`href="/shifts/${x24.id}"`);

    await t.database.db
      .update(s.organisations)
      .set({ incubationStage: 'withdrawn' })
      .where(eq(s.organisations.id, f.orgA.id));
    expect((await coordA.get(`/shifts/${x24.id}`)).status).toBe(404);
    expect((await coordA.get(`/plans/${x24.id}`)).status).toBe(404);
  });

  it('a county-wide organisation is active where it has recorded an activity', async () => {
    const now = t.clock.now();
    const [wide] = await t.database.db
      .insert(s.organisations)
      .values({
        name: '湘潭县爱心联合会',
        kind: 'social_org',
        incubationStage: 'graduated',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const coordC = (await loginAs(t, 'org_coordinator', { organisationId: wide.id })).browser;
    const [x24] = await stationShifts(f.stationX.id);
    expect((await coordC.get(`/shifts/${x24.id}`)).status).toBe(404);
    await t.database.db.insert(s.activities).values({
      organisationId: wide.id,
      organisationKind: 'social_org',
      townshipId: f.x.id,
      occurredOn: '2026-10-24',
      kind: 'home_visit',
      idempotencyKey: 'k1',
      contentHash: 'h1',
      writeNonce: 'n1',
      createdAt: now,
    });
    expect((await coordC.get(`/shifts/${x24.id}`)).status).toBe(200);
    const [y24] = await stationShifts(f.stationY.id);
    expect((await coordC.get(`/shifts/${y24.id}`)).status).toBe(404);
  });
});

describe('staffing the station day beside the station', () => {
  it('an organisation adds and takes off its own volunteers, never the station’s', async () => {
    const [x24] = await stationShifts(f.stationX.id);
    const mine = await addVolunteer(t, { name: '阳光小王', townshipId: f.x.id, organisationId: f.orgA.id });
    const stations = await addVolunteer(t, { name: '站里老刘', townshipId: f.x.id });
    const station = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
    expect((await station.post(`/shifts/${x24.id}/roster/add`, { volunteerId: String(stations.id) })).status).toBe(303);
    // The organisation adds its own volunteer; the station's volunteer is outside its reach.
    expect((await coordA.post(`/shifts/${x24.id}/roster/add`, { volunteerId: String(mine.id) })).status).toBe(303);
    expect((await coordA.post(`/shifts/${x24.id}/roster/add`, { volunteerId: String(stations.id) })).status).toBe(404);
    // It may not take off, move or record hours for the station's volunteer; its own, yes.
    expect((await coordA.get(`/shifts/${x24.id}/roster/${stations.id}/remove`)).status).toBe(404);
    expect((await coordA.post(`/shifts/${x24.id}/roster/${stations.id}/remove`)).status).toBe(404);
    expect((await coordA.post(`/shifts/${x24.id}/roster/${stations.id}/hours`, { attended: '1' })).status).toBe(404);
    expect((await coordA.post(`/shifts/${x24.id}/roster/${mine.id}/remove`)).status).toBe(303);
    const places = await t.database.db
      .select({ volunteerId: s.shiftSignups.volunteerId, status: s.shiftSignups.status })
      .from(s.shiftSignups)
      .where(eq(s.shiftSignups.shiftId, x24.id))
      .orderBy(s.shiftSignups.volunteerId);
    expect(places).toEqual(
      [
        { volunteerId: mine.id, status: 'cancelled' },
        { volunteerId: stations.id, status: 'confirmed' },
      ].sort((a, b) => a.volunteerId - b.volunteerId),
    );
  });
});
