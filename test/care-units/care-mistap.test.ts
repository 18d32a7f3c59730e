import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { addRecipient, addUnit, memberBrowser, visitsOf } from '../setup/care-units.js';
import { type RegistryFixture, registryFixture } from '../setup/registry.js';

// The test clock: 2026-11-24 10:00 in Shanghai.
const TODAY = '2026-11-24';
let t: TestApp;
let f: RegistryFixture;
let unit: number;
let member: Browser;
let station: Browser;
let grandma: Awaited<ReturnType<typeof addRecipient>>;

beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  grandma = await addRecipient(t, f, { name: '王奶奶', townshipId: f.x.id, villageId: f.villages[0].id, seq: 11 });
  unit = await addUnit(t, '花石村守望之家', f.x.id, [f.villages[0].id]);
  member = await memberBrowser(t, unit, 'zuzhang');
  station = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
});

const tasks = () => t.database.db.select().from(s.stationTasks);
const tap = (outcome: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  member.post('/care', { recipientId: String(grandma.id), on: TODAY, outcome, ...extra }, headers);

describe('a death or a move tapped on /care', () => {
  it('asks first (a page without JS), records nothing until confirmed, then opens the station task once', async () => {
    const day = await (await member.get('/care')).text();
    // The two outcomes are links to the question, not buttons that record at once.
    const confirmHref = `/care/${grandma.id}/confirm?outcome=deceased&amp;on=${TODAY}`;
    expect(day).toContain(`href="${confirmHref}"`);
    expect(day).not.toMatch(/<button[^>]*value="deceased"/);
    const question = await member.get(`/care/${grandma.id}/confirm?outcome=deceased&on=${TODAY}`);
    expect(question.status).toBe(200);
    const html = await question.text();
    expect(html).toContain('确认王奶奶已去世吗？');
    expect(html).toContain('name="confirm" value="1"');
    expect(await visitsOf(t, grandma.id)).toEqual([]);
    // A crafted or old form posting the outcome without confirmation gets the question, and nothing changes.
    const unconfirmed = await tap('deceased');
    expect(unconfirmed.status).toBe(200);
    expect(await unconfirmed.text()).toContain('确认王奶奶已去世吗？');
    expect(await visitsOf(t, grandma.id)).toEqual([]);
    expect(await tasks()).toEqual([]);

    // Confirmed: the visit and the station's exit task, as the field form opens it; a resubmit opens nothing more.
    expect((await tap('deceased', { confirm: '1' })).status).toBe(303);
    expect((await tap('deceased', { confirm: '1' })).status).toBe(303);
    const [visit] = await visitsOf(t, grandma.id);
    expect(visit).toMatchObject({ outcome: 'deceased', visitedOn: TODAY, organisationId: unit });
    expect(await tasks()).toMatchObject([
      { recipientId: grandma.id, visitId: visit.id, kind: 'exit', status: 'open', townshipId: f.x.id, openedOn: TODAY },
    ]);
    const page = await (await station.get('/visits/tasks')).text();
    expect(page).toContain('王奶奶');
    expect(page).toContain('待注销（已去世）');
  });

  it('with htmx the question and the answer swap only the row', async () => {
    const hx = { 'HX-Request': 'true' };
    const question = await member.get(`/care/${grandma.id}/confirm?outcome=moved&on=${TODAY}`, hx);
    const fragment = await question.text();
    expect(fragment.startsWith(`<li id="h-${grandma.id}"`)).toBe(true);
    expect(fragment).toContain('确认王奶奶已搬迁吗？');
    const answer = await tap('moved', { confirm: '1' }, hx);
    const row = await answer.text();
    expect(row.startsWith(`<li id="h-${grandma.id}"`)).toBe(true);
    expect(row).toContain('已登记：已搬离');
    expect(row).toContain(`href="/care/${grandma.id}/undo"`);
    expect(await tasks()).toMatchObject([{ recipientId: grandma.id, kind: 'transfer', status: 'open' }]);
  });

  it('a mis-tap is undone the same day: the visit takes the right outcome, the task closes itself, audited', async () => {
    await tap('deceased', { confirm: '1' });
    const [task] = await tasks();
    const undoPage = await member.get(`/care/${grandma.id}/undo`);
    expect(undoPage.status).toBe(200);
    expect(await undoPage.text()).toContain('今天为王奶奶登记的是“已去世”');
    const undone = await member.post(`/care/${grandma.id}/undo`, { on: TODAY, outcome: 'visited' });
    expect(undone.status).toBe(303);
    expect(await (await member.get('/care')).text()).toContain('已改正，社工站的任务已关闭。');
    const [visit] = await visitsOf(t, grandma.id);
    expect(visit.outcome).toBe('visited');
    const userId = (await t.database.db.select().from(s.careUnitMembers).get())!.userId;
    expect(await tasks()).toMatchObject([{ id: task.id, status: 'done', closedOn: TODAY, closedBy: userId }]);
    const audits = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.actorUserId, userId!)));
    const byAction = audits.filter((a) => a.action === 'undo' || a.action === 'close');
    expect(byAction.map((a) => [a.action, a.entity, a.entityId])).toEqual([
      ['undo', 'visit', String(visit.id)],
      ['close', 'station_task', String(task.id)],
    ]);
    expect(byAction[0].changes).toMatchObject({ outcome: { from: 'deceased', to: 'visited' } });
    // The station's list is empty again; a second undo finds nothing to undo.
    expect(await (await station.get('/visits/tasks')).text()).toContain('没有待办。');
    expect((await member.post(`/care/${grandma.id}/undo`, { on: TODAY, outcome: 'not_home' })).status).toBe(404);
    expect((await visitsOf(t, grandma.id))[0].outcome).toBe('visited');
  });

  it('cannot be undone the next day, by another unit, to another death, or for a household out of reach', async () => {
    t.clock.set('2026-11-24T15:50:00Z'); // 23:50 in Shanghai: the tap is late in the evening
    member = await memberBrowser(t, unit, 'late');
    await tap('moved', { confirm: '1' });
    // Another unit's member (same village, shared) does not reach this unit's visit.
    const other = await addUnit(t, '乙守望之家', f.x.id, [f.villages[0].id]);
    const otherMember = await memberBrowser(t, other, 'yi01');
    expect((await otherMember.get(`/care/${grandma.id}/undo`)).status).toBe(404);
    expect((await otherMember.post(`/care/${grandma.id}/undo`, { on: TODAY, outcome: 'visited' })).status).toBe(404);
    // An outcome that would open a task is no undo; the other township's household is not found.
    expect((await member.post(`/care/${grandma.id}/undo`, { on: TODAY, outcome: 'deceased' })).status).toBe(404);
    expect((await member.get(`/care/${f.ry.id}/confirm?outcome=deceased&on=${TODAY}`)).status).toBe(404);
    expect((await member.get(`/care/${grandma.id}/confirm?outcome=visited&on=${TODAY}`)).status).toBe(404);
    // Past midnight the mis-tap is the station's to correct (15 minutes on: the session is still alive).
    t.clock.set('2026-11-24T16:05:00Z');
    expect((await member.get(`/care/${grandma.id}/undo`)).status).toBe(404);
    expect((await member.post(`/care/${grandma.id}/undo`, { on: TODAY, outcome: 'visited' })).status).toBe(404);
    expect((await visitsOf(t, grandma.id))[0].outcome).toBe('moved');
    expect(await tasks()).toMatchObject([{ status: 'open' }]);
  });
});
