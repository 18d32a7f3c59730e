import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let rows: (typeof s.planAssignments.$inferSelect)[];
let stationX: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  await coord.post(`/plans/${p.shift.id}/replan`);
  await coord.post(`/plans/${p.shift.id}/publish`);
  rows = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
  stationX = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
});

const nameOf = async (id: number) =>
  (await t.database.db.select().from(s.recipients).where(eq(s.recipients.id, id)))[0].name;

describe('deceased and moved outcomes', () => {
  it("open one exit or transfer task on the station's page, and the household stops showing as due", async () => {
    const dead = rows.find((r) => r.volunteerId === p.wang.id)!;
    const moved = rows.find((r) => r.volunteerId === p.li.id)!;
    for (let i = 0; i < 2; i++)
      expect((await p.wang.browser!.post(`/visits/today/${dead.id}`, { outcome: 'deceased' })).status).toBe(303);
    expect((await p.li.browser!.post(`/visits/today/${moved.id}`, { outcome: 'moved' })).status).toBe(303);
    const tasks = await t.database.db.select().from(s.stationTasks);
    expect(tasks.map((x) => [x.recipientId, x.kind, x.status, x.townshipId, x.openedOn]).sort()).toEqual(
      [
        [dead.recipientId, 'exit', 'open', p.f.x.id, '2026-11-25'],
        [moved.recipientId, 'transfer', 'open', p.f.x.id, '2026-11-25'],
      ].sort(),
    );
    const page = await (await stationX.get('/visits/tasks')).text();
    expect(page).toContain(await nameOf(dead.recipientId));
    expect(page).toContain('待注销（已去世）');
    expect(page).toContain('待转移（已搬迁）');
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    const foreign = await (await stationY.get('/visits/tasks')).text();
    expect(foreign).not.toContain(await nameOf(dead.recipientId));
    expect(foreign).toContain('没有待办。');

    // On the overdue list the household shows its task, not days overdue (registered 1 Nov: 24 days overdue).
    const overdue = await (await stationX.get('/visits/overdue')).text();
    const row = new RegExp(`<tr data-recipient="${dead.recipientId}"[^>]*>[\\s\\S]*?</tr>`).exec(overdue)![0];
    expect(row).toContain('待注销（已去世）');
    expect(row).not.toContain('class="overdue"');
  });

  it('are closed by the station of the township, audited, once; another township gets 404', async () => {
    const dead = rows.find((r) => r.volunteerId === p.wang.id)!;
    await p.wang.browser!.post(`/visits/today/${dead.id}`, { outcome: 'deceased' });
    const [task] = await t.database.db.select().from(s.stationTasks);
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    expect((await stationY.post(`/visits/tasks/${task.id}/done`)).status).toBe(404);
    expect((await stationX.post(`/visits/tasks/${task.id}/done`)).status).toBe(303);
    expect((await stationX.post(`/visits/tasks/${task.id}/done`)).status).toBe(303);
    const [closed] = await t.database.db.select().from(s.stationTasks);
    expect(closed).toMatchObject({ status: 'done', closedOn: '2026-11-25' });
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'station_task'), eq(s.auditLog.entityId, String(task.id))));
    expect(audit).toHaveLength(1);
    expect(await (await stationX.get('/visits/tasks')).text()).toContain('没有待办。');
  });

  it("open a task from the station's own visit form too", async () => {
    const res = await stationX.post(`/visits/recipients/${p.people.self1}`, {
      visitedOn: '2026-11-25',
      kind: 'home_visit',
      visitorKind: 'station_worker',
      outcome: 'moved',
    });
    expect(res.status).toBe(303);
    expect(await t.database.db.select().from(s.stationTasks)).toMatchObject([
      { recipientId: p.people.self1, kind: 'transfer' },
    ]);
  });
});
