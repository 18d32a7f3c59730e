import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { mobileHash } from '../setup/mobiles.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

// Approval is for pending sign-ups only, never re-enables a login an admin disabled, and a
// volunteer's status (not just their login) decides whether they act as a volunteer.
let t: TestApp;
let p: PlanFixture;
let coord: Browser;
let station: Browser;
let admin: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
  admin = (await loginAs(t, 'county_admin')).browser;
});

const volunteerRow = (id: number) =>
  t.database.db.select().from(s.volunteers).where(eq(s.volunteers.id, id)).get() as Promise<
    typeof s.volunteers.$inferSelect
  >;
const userRow = (id: number) => t.database.db.select().from(s.users).where(eq(s.users.id, id)).get();
const approvals = (id: number) =>
  t.database.db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, 'approve'), eq(s.auditLog.entityId, String(id))));

async function signUp(mobile: string) {
  const res = await new Browser(t).post('/join', {
    name: '新报名',
    mobile,
    townshipId: String(p.f.x.id),
    organisationId: String(p.f.orgA.id),
    availability: 'both',
    password: 'a long password',
    privacyConsent: 'on',
  });
  expect(res.status).toBe(200);
  return (await t.database.db
    .select()
    .from(s.volunteers)
    .where(eq(s.volunteers.mobileHash, mobileHash(mobile)))
    .get())!;
}

describe('approving volunteers', () => {
  it('refuses to approve an active volunteer whose login the county admin disabled, and keeps it disabled', async () => {
    const wang = await volunteerRow(p.wang.id);
    expect((await admin.post(`/admin/users/${wang.userId}/disable`)).status).toBe(303);
    for (const who of [coord, station]) {
      const res = await who.post(`/volunteers/${wang.id}/approve`);
      expect(res.status).toBe(303);
      expect(await (await who.get(`/volunteers/${wang.id}`)).text()).toContain('只有待审核的报名可以审核通过');
      expect((await userRow(wang.userId!))!.disabledAt).not.toBeNull();
    }
    expect(await approvals(wang.id)).toHaveLength(0);
    expect((await volunteerRow(wang.id)).status).toBe('active');
  });

  it('does not turn an inactive volunteer back to active', async () => {
    await t.database.db.update(s.volunteers).set({ status: 'inactive' }).where(eq(s.volunteers.id, p.li.id));
    await coord.post(`/volunteers/${p.li.id}/approve`);
    expect((await volunteerRow(p.li.id)).status).toBe('inactive');
    expect(await approvals(p.li.id)).toHaveLength(0);
  });

  it('approves a pending sign-up and enables its login, once', async () => {
    const v = await signUp('13700009991');
    expect(v.status).toBe('pending');
    expect((await coord.post(`/volunteers/${v.id}/approve`)).status).toBe(303);
    expect((await volunteerRow(v.id)).status).toBe('active');
    expect((await userRow(v.userId!))!.disabledAt).toBeNull();
    expect(await approvals(v.id)).toHaveLength(1);
    await coord.post(`/volunteers/${v.id}/approve`); // a second click changes nothing
    expect(await approvals(v.id)).toHaveLength(1);
  });

  it('leaves a pending sign-up whose login the admin disabled disabled, even when the volunteer is approved', async () => {
    const v = await signUp('13700009992');
    t.clock.advance(60_000);
    await admin.post(`/admin/users/${v.userId}/disable`);
    await station.post(`/volunteers/${v.id}/approve`);
    expect((await volunteerRow(v.id)).status).toBe('active');
    expect((await userRow(v.userId!))!.disabledAt).not.toBeNull();
  });
});

describe('an inactive volunteer', () => {
  beforeEach(async () => {
    expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
    expect((await coord.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
  });

  it('loses their published households and tap-to-call, though the login still works', async () => {
    const published = await t.database.db
      .select()
      .from(s.planAssignments)
      .where(and(eq(s.planAssignments.published, true), eq(s.planAssignments.volunteerId, p.li.id)));
    expect(published.length).toBeGreaterThan(0);
    const names = new Map((await t.database.db.select().from(s.recipients)).map((r) => [r.id, r.name]));
    const before = await (await p.li.browser!.get('/visits/today')).text();
    expect(before).toContain(names.get(published[0].recipientId));
    await t.database.db.update(s.volunteers).set({ status: 'inactive' }).where(eq(s.volunteers.id, p.li.id));

    const today = await p.li.browser!.get('/visits/today');
    expect(today.status).toBe(200);
    const html = await today.text();
    for (const a of published) expect(html).not.toContain(names.get(a.recipientId));
    for (const a of published) {
      expect((await p.li.browser!.get(`/visits/today/${a.id}`)).status).toBe(404);
      expect((await p.li.browser!.post(`/visits/today/${a.id}/call`)).status).toBe(404);
    }
    expect(await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.action, 'reveal'))).toHaveLength(0);
  });

  it('cannot sign up for shifts and is no candidate of the planner', async () => {
    await t.database.db.update(s.volunteers).set({ status: 'inactive' }).where(eq(s.volunteers.id, p.li.id));
    const other = await t.database.db
      .insert(s.shifts)
      .values({ ...p.shift, id: undefined, title: '下午' })
      .returning();
    await p.li.browser!.post(`/shifts/${other[0].id}/signup`);
    expect(
      await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.shiftId, other[0].id)),
    ).toHaveLength(0);

    expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
    const working = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, false));
    expect(working.length).toBeGreaterThan(0);
    expect(working.some((a) => a.volunteerId === p.li.id)).toBe(false);
    expect(working.some((a) => a.volunteerId === p.wang.id)).toBe(true);
  });
});
