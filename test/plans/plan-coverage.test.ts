import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { addRecipient } from '../fixtures/recipients.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let coord: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z'); // 09:00 on the service day in Shanghai
  p = await planFixture(t);
  coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
});

const db = () => t.database.db;
const working = () => db().select().from(s.planAssignments).where(eq(s.planAssignments.published, false));
const plannedIds = async () => [...new Set((await working()).map((r) => r.recipientId))].sort((a, b) => a - b);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

async function visit(
  recipientId: number,
  on: string,
  visitorKind: (typeof s.VISITOR_KINDS)[number],
  outcome: s.VisitOutcome,
) {
  await db().insert(s.visits).values({
    recipientId,
    visitedOn: on,
    kind: 'home_visit',
    visitorKind,
    outcome,
    createdAt: t.clock.now(),
  });
}

async function openNeed(recipientId: number) {
  await db().insert(s.needs).values({
    recipientId,
    category: 'health',
    text: '需要送药',
    openedOn: '2026-11-10',
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
}

async function plan(by = coord) {
  expect((await by.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
}

describe('the coverage rule chooses the households', () => {
  it("leaves out whoever an organisation or the station met this quarter; a 守望之家 visit or nobody home doesn't count", async () => {
    await visit(p.people.full1, '2026-10-10', 'volunteer', 'visited'); // this quarter: covered
    await visit(p.people.full2, '2026-11-20', 'watch_home_member', 'visited'); // care visit: not coverage
    await visit(p.people.partial, '2026-09-28', 'station_worker', 'visited'); // last quarter
    await visit(p.people.self1, '2026-11-02', 'station_worker', 'not_home'); // nobody met
    await plan();
    expect(await plannedIds()).toEqual(
      sorted([p.f.rx.id, p.people.full2, p.people.partial, p.people.self1, p.people.self2]),
    );
    const html = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(html).toContain('待覆盖对象 5 户，已安排 5 户');
    expect(html).toContain('每户每 3 个月至少由社会组织或社工站走访一次');
  });

  it('follows a shorter period set for the township: last month no longer covers this one', async () => {
    await visit(p.people.full1, '2026-10-10', 'volunteer', 'visited');
    await db().insert(s.coveragePeriods).values({ townshipId: p.f.x.id, months: 1, updatedAt: t.clock.now() });
    await plan();
    expect(await plannedIds()).toContain(p.people.full1);
  });

  it('puts open needs first, even for a household met this quarter, within the households per volunteer', async () => {
    await visit(p.people.full1, '2026-11-05', 'volunteer', 'visited');
    await openNeed(p.people.full1);
    await openNeed(p.f.rx.id); // registered yesterday: the shortest wait of all, but a need
    expect((await coord.post(`/plans/${p.shift.id}/capacity`, { households: '1' })).status).toBe(303);
    await plan();
    expect(await plannedIds()).toEqual(sorted([p.people.full1, p.f.rx.id]));
    const html = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(html).toContain('距上次集中走访 24 天'); // the others, registered on 1 Nov, left out
  });
});

describe('households per volunteer, set on the shift’s plan', () => {
  it('is honoured by the plan, and a bad value changes nothing', async () => {
    const perVolunteer = async () => {
      const rows = await working();
      return [p.wang.id, p.li.id].map((v) => rows.filter((r) => r.volunteerId === v).length);
    };
    expect((await coord.post(`/plans/${p.shift.id}/capacity`, { households: '2' })).status).toBe(303);
    await plan();
    expect(await perVolunteer()).toEqual([2, 2]);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('每人最多 2 户');

    await coord.post(`/plans/${p.shift.id}/capacity`, { households: '3' });
    await plan();
    expect(await perVolunteer()).toEqual([3, 3]); // all six households, three each

    const bad = await coord.post(`/plans/${p.shift.id}/capacity`, { households: '0' });
    expect(bad.status).toBe(303);
    const page = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(page).toContain('每位志愿者走访户数须为 1 到 20 之间的整数');
    const [record] = await db().select().from(s.visitPlans);
    expect(record.householdsPerVolunteer).toBe(3);
  });
});

describe('adding a chosen household by hand', () => {
  it('puts it on the volunteer’s list, pinned through a re-plan, audited; removing is audited too', async () => {
    await visit(p.people.full1, '2026-10-10', 'volunteer', 'visited'); // not a candidate any more
    const station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    await plan(station);
    expect(await plannedIds()).not.toContain(p.people.full1);
    const form = await (await station.get(`/plans/${p.shift.id}`)).text();
    expect(form).toContain('另选一户加入名单');

    const res = await station.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(p.people.full1),
      volunteerId: String(p.li.id),
    });
    expect(res.status).toBe(303);
    const added = (await working()).find((r) => r.recipientId === p.people.full1)!;
    expect(added).toMatchObject({ volunteerId: p.li.id, pinned: true });
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.action, 'plan_add'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'recipient', entityId: String(p.people.full1) });

    await plan(station);
    expect((await working()).find((r) => r.recipientId === p.people.full1)?.volunteerId).toBe(p.li.id);

    // A second add of the same household is refused, nothing written.
    await station.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(p.people.full1),
      volunteerId: String(p.wang.id),
    });
    expect((await working()).filter((r) => r.recipientId === p.people.full1)).toHaveLength(1);
    expect(await (await station.get(`/plans/${p.shift.id}`)).text()).toContain('这一户已在名单上');

    const kept = (await working()).find((r) => r.recipientId === p.people.full1)!; // re-planning wrote new rows
    expect((await station.post(`/plans/${p.shift.id}/assignments/${kept.id}/remove`)).status).toBe(303);
    expect((await working()).some((r) => r.recipientId === p.people.full1)).toBe(false);
    const removed = await db().select().from(s.auditLog).where(eq(s.auditLog.action, 'plan_remove'));
    expect(removed).toMatchObject([{ entityId: String(p.people.full1) }]);
  });

  it('answers 404 for a household outside the shift’s township or a shift outside the viewer’s, writing nothing', async () => {
    await plan();
    const before = await working();
    const foreign = await coord.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(p.f.ry.id),
      volunteerId: String(p.li.id),
    });
    expect(foreign.status).toBe(404);
    const coordB = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgB.id })).browser;
    const otherShift = await coordB.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(p.people.full1),
      volunteerId: String(p.li.id),
    });
    expect(otherShift.status).toBe(404);
    expect(await working()).toEqual(before);
    expect(await db().$count(s.auditLog, eq(s.auditLog.action, 'plan_add'))).toBe(0);
  });

  it('refuses a full list and a volunteer not on the shift, changing nothing', async () => {
    await coord.post(`/plans/${p.shift.id}/capacity`, { households: '3' });
    await plan(); // six households, three each: every list full
    const extra = { id: await addRecipient(t, { name: '新增户', townshipId: p.f.x.id, careLevel: 'self' }) };
    const before = await working();
    await coord.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(extra.id),
      volunteerId: String(p.li.id),
    });
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('该志愿者的名单已满');
    await coord.post(`/plans/${p.shift.id}/households`, { recipientId: String(extra.id), volunteerId: '999999' });
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('该志愿者未确认参加本班次');
    expect(await working()).toEqual(before);
  });
});

describe('nursing homes on the day', () => {
  it('lists the township’s nursing homes no organisation visited this quarter, until one does', async () => {
    const page = async () => (await coord.get(`/plans/${p.shift.id}`)).text();
    const before = await page();
    expect(before).toContain('本次走访的敬老院');
    expect(before).toContain('花石镇区域性敬老院 · 尚无组织走访记录');
    const recorded = await recordActivity(
      db(),
      {
        organisationId: p.f.orgA.id,
        occurredOn: '2026-11-10',
        kind: 'condolence',
        serviceDayId: null,
        shiftId: null,
        note: null,
        recipientIds: [],
        nursingHomeIds: [p.f.home.id],
        lines: [],
      },
      { idempotencyKey: 'test-home-visit', actorUserId: null, now: t.clock.now() },
    );
    expect(recorded.ok).toBe(true);
    const after = await page();
    expect(after).not.toContain('花石镇区域性敬老院 · 尚无组织走访记录');
    expect(after).not.toContain('本次走访的敬老院'); // the township's only nursing home is covered: no section
    expect(await db().$count(s.activityTargets, and(eq(s.activityTargets.nursingHomeId, p.f.home.id)))).toBe(1);
  });
});

describe('households reported deceased or moved', () => {
  /** Township X's active home-supported households with no open station task, counted straight from the tables. */
  async function dueByHand() {
    const homes = await db()
      .select({ id: s.recipients.id })
      .from(s.recipients)
      .where(
        and(
          eq(s.recipients.townshipId, p.f.x.id),
          eq(s.recipients.status, 'active'),
          eq(s.recipients.supportMode, 'home'),
        ),
      );
    const open = new Set(
      (await db().select().from(s.stationTasks).where(eq(s.stationTasks.status, 'open'))).map((r) => r.recipientId),
    );
    return homes.filter((h) => !open.has(h.id)).length;
  }

  it('are left out of the candidates, the counts and the hand-picked list until the station closes the task', async () => {
    const station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    const reported = await station.post(`/visits/recipients/${p.people.full2}`, {
      visitedOn: '2026-11-20',
      kind: 'home_visit',
      visitorKind: 'station_worker',
      outcome: 'deceased',
      needUrgency: 'normal',
    });
    expect(reported.status).toBe(303);
    const [task] = await db().select().from(s.stationTasks);
    expect(task).toMatchObject({ recipientId: p.people.full2, kind: 'exit', status: 'open' });
    expect(await dueByHand()).toBe(5);

    await plan();
    expect(await plannedIds()).not.toContain(p.people.full2);
    expect((await plannedIds()).length).toBe(5);
    const html = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(html).toContain('待覆盖对象 5 户，已安排 5 户');
    expect(html).not.toContain('吴全失'); // neither on a list, nor left out, nor offered to add by hand

    const added = await coord.post(`/plans/${p.shift.id}/households`, {
      recipientId: String(p.people.full2),
      volunteerId: String(p.li.id),
    });
    expect(added.status).toBe(303);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('这一户已报去世或迁出');
    expect(await plannedIds()).not.toContain(p.people.full2);

    // The station closes the exit task: the household counts again on the next plan.
    expect((await station.post(`/visits/tasks/${task.id}/done`)).status).toBe(303);
    expect(await dueByHand()).toBe(6);
    await plan();
    expect(await plannedIds()).toContain(p.people.full2);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('待覆盖对象 6 户，已安排 6 户');
  });
});
