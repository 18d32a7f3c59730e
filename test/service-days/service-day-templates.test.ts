import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { createTemplate } from '../../src/modules/service-days/templates.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { runCli } from '../setup/cli.js';
import type { RegistryFixture } from '../setup/registry.js';
import { addVolunteer, registryFixture } from '../setup/shifts.js';

let t: TestApp;
let f: RegistryFixture;
let coordA: Browser;

const runJob = (iso?: string) =>
  serviceDaysJob.run({
    db: t.database.db,
    now: iso ? new Date(iso) : t.clock.now(),
    config: t.config,
    logger: memoryLogger(),
  });
const shiftsOf = (templateId: number) =>
  t.database.db.select().from(s.shifts).where(eq(s.shifts.templateId, templateId)).orderBy(s.shifts.date);
const templatesOf = (organisationId: number) =>
  t.database.db
    .select()
    .from(s.shiftTemplates)
    .where(and(eq(s.shiftTemplates.organisationId, organisationId), eq(s.shiftTemplates.active, true)));
const form = {
  organisationId: '',
  title: '阳光上午走访',
  place: '花石村委会门口',
  startTime: '09:00',
  endTime: '11:30',
  capacity: '6',
  workKind: 'home_visit',
};

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-10T02:00:00Z'); // 10:00 in Shanghai: six coming service days (Nov, Dec, Jan)
  f = await registryFixture(t);
  await runJob();
  coordA = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
});

describe('templates on a page, for stations and organisations', () => {
  it('an organisation adds its own template: its shift appears on every coming service day at once', async () => {
    const empty = await (await coordA.get('/shifts/templates')).text();
    expect(empty).toContain('还没有班次模板');
    expect(empty).toContain('id="template-new"');
    const res = await coordA.post('/shifts/templates', { ...form, organisationId: String(f.orgA.id) });
    expect(res.status).toBe(303);
    const [tpl] = await templatesOf(f.orgA.id);
    const made = await shiftsOf(tpl.id);
    expect(made.map((r) => r.date)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-12-24',
      '2026-12-25',
      '2027-01-24',
      '2027-01-25',
    ]);
    for (const r of made) {
      expect(r).toMatchObject({ organisationId: f.orgA.id, townshipId: f.x.id, title: '阳光上午走访', capacity: 6 });
      expect(r.serviceDayId).not.toBeNull();
      expect(r.startsAt.toISOString()).toBe(`${r.date}T01:00:00.000Z`);
    }
    const page = await (await coordA.get('/shifts/templates')).text();
    expect(page).toContain('湘潭县阳光社工服务中心 · 09:00–11:30');
    expect(page).not.toContain('花石镇社工站'); // the station's templates are the station's
    const list = await (await coordA.get('/shifts')).text();
    expect(list).toContain('阳光上午走访');
    expect(list).toContain('组织自有班次');
    // The audit trail names who added it.
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.entity, 'shift_template'))).toBe(1);
    // The nightly run afterwards adds nothing more.
    expect(await runJob('2026-11-11T01:00:00Z')).toMatchObject({ shiftsAdded: 0, shiftsUpdated: 0 });
  });

  it('an edit reaches the coming untouched shifts at once, not those held, edited by hand or begun', async () => {
    const [morning] = await t.database.db
      .select()
      .from(s.shiftTemplates)
      .where(and(eq(s.shiftTemplates.organisationId, f.stationX.id), eq(s.shiftTemplates.startTime, '08:30')));
    const [nov24, nov25, dec24, dec25] = await shiftsOf(morning.id);
    // Held: a volunteer signed up. Edited by hand. Held once but cancelled: untouched again.
    const held = await addVolunteer(t, { townshipId: f.x.id });
    const gone = await addVolunteer(t, { townshipId: f.x.id });
    const now = t.clock.now();
    await t.database.db.insert(s.shiftSignups).values([
      { shiftId: nov25.id, volunteerId: held.id, status: 'confirmed', position: 1, createdAt: now, updatedAt: now },
      { shiftId: dec25.id, volunteerId: gone.id, status: 'cancelled', position: 1, createdAt: now, updatedAt: now },
    ]);
    await t.database.db.update(s.shifts).set({ edited: true, title: '手改的班次' }).where(eq(s.shifts.id, dec24.id));
    // On the 24th at 09:00 Shanghai: that morning's shift has begun.
    t.clock.set('2026-11-24T01:00:00Z');
    const station = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
    const res = await station.post(`/shifts/templates/${morning.id}`, {
      title: '上午入户走访（新）',
      place: '镇政府门口',
      startTime: '08:00',
      endTime: '11:00',
      capacity: '15',
      workKind: 'home_visit',
    });
    expect(res.status, JSON.stringify(t.logger.lines.filter((l) => l.level === 'error'))).toBe(303);
    const after = new Map((await shiftsOf(morning.id)).map((r) => [r.id, r]));
    expect(after.get(nov24.id)).toMatchObject({ title: '上午入户走访', capacity: 10, startTime: '08:30' });
    expect(after.get(nov25.id)).toMatchObject({ title: '上午入户走访', capacity: 10, startTime: '08:30' });
    expect(after.get(dec24.id)).toMatchObject({ title: '手改的班次', capacity: 10 });
    const changed = [...after.values()].filter((r) => r.title === '上午入户走访（新）');
    expect(changed.map((r) => r.date)).toEqual(['2026-12-25', '2027-01-24', '2027-01-25']);
    for (const r of changed) {
      expect(r).toMatchObject({ capacity: 15, startTime: '08:00', endTime: '11:00', place: '镇政府门口' });
      expect(r.startsAt.toISOString()).toBe(`${r.date}T00:00:00.000Z`);
      expect(r.endsAt.toISOString()).toBe(`${r.date}T03:00:00.000Z`);
    }
    // The job run by hand afterwards finds nothing left to do.
    expect(await runJob('2026-11-24T01:05:00Z')).toMatchObject({ shiftsAdded: 0, shiftsUpdated: 0 });
  });

  it('a delete asks first, then cancels the coming untouched shifts; held ones stay and nothing comes back', async () => {
    const station = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
    const [morning] = await templatesOf(f.stationX.id);
    const [nov24, nov25] = await shiftsOf(morning.id);
    const v = await addVolunteer(t, { townshipId: f.x.id });
    const now = t.clock.now();
    await t.database.db.insert(s.shiftSignups).values({
      shiftId: nov24.id,
      volunteerId: v.id,
      status: 'confirmed',
      position: 1,
      createdAt: now,
      updatedAt: now,
    });
    const ask = await station.get(`/shifts/templates/${morning.id}/delete`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('确认删除');
    expect(await shiftsOf(morning.id)).toHaveLength(6); // asking changed nothing
    expect((await station.post(`/shifts/templates/${morning.id}/delete`)).status).toBe(303);
    const after = await shiftsOf(morning.id);
    expect(after.filter((r) => r.status === 'open').map((r) => r.id)).toEqual([nov24.id]);
    expect(after.find((r) => r.id === nov25.id)?.status).toBe('cancelled');
    const page = await (await station.get('/shifts/templates')).text();
    expect(page).not.toContain(`/shifts/templates/${morning.id}/delete`);
    // Neither the job (no built-in defaults for a station that had templates) nor a re-run brings it back.
    const again = await runJob('2026-11-11T01:00:00Z');
    expect(again).toMatchObject({ templatesAdded: 0, shiftsAdded: 0 });
    expect((await shiftsOf(morning.id)).filter((r) => r.status === 'open')).toHaveLength(1);
    // The same start time is free again for a new template.
    expect(
      (await station.post('/shifts/templates', { ...form, organisationId: String(f.stationX.id), startTime: '08:30' }))
        .status,
    ).toBe(303);
  });

  it('refuses bad input with the reason and changes nothing; another owner’s template is 404, a volunteer 403', async () => {
    const bad = await coordA.post('/shifts/templates', {
      ...form,
      organisationId: String(f.orgA.id),
      endTime: '08:00',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('结束时间须晚于开始时间');
    expect(html).toContain('value="阳光上午走访"'); // what was typed stays
    expect(await templatesOf(f.orgA.id)).toHaveLength(0);
    // Another organisation as owner: refused as a choice, nothing written.
    const foreign = await coordA.post('/shifts/templates', { ...form, organisationId: String(f.orgB.id) });
    expect(foreign.status).toBe(422);
    expect(await templatesOf(f.orgB.id)).toHaveLength(0);
    const [stationTpl] = await templatesOf(f.stationX.id);
    const edit = { ...form, title: '越权修改' };
    expect((await coordA.post(`/shifts/templates/${stationTpl.id}`, edit)).status).toBe(404);
    expect((await coordA.post(`/shifts/templates/${stationTpl.id}/delete`)).status).toBe(404);
    expect((await coordA.get(`/shifts/templates/${stationTpl.id}/delete`)).status).toBe(404);
    const stationY = (await loginAs(t, 'station_staff', { townshipId: f.y.id })).browser;
    expect((await stationY.post(`/shifts/templates/${stationTpl.id}`, edit)).status).toBe(404);
    expect((await templatesOf(f.stationX.id)).map((r) => r.title)).not.toContain('越权修改');
    // A second template at a start time the owner already uses.
    const taken = await coordA.post('/shifts/templates', { ...form, organisationId: String(f.orgA.id) });
    expect(taken.status).toBe(303);
    const twice = await coordA.post('/shifts/templates', { ...form, organisationId: String(f.orgA.id), title: '重复' });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('已有同一开始时间的模板');
    expect(await templatesOf(f.orgA.id)).toHaveLength(1);
    const volunteer = (await loginAs(t, 'volunteer')).browser;
    expect((await volunteer.get('/shifts/templates')).status).toBe(403);
  });
});

const cli = (args: string[], dbUrl: string) => runCli(args, { DATABASE_URL: dbUrl });

describe('jobs run service-days by hand', () => {
  it('after a template made outside the pages, does the work the same day; run again, doubles nothing', async () => {
    // A template written straight through the service the demo seed uses, without its shifts (as an import would).
    const made = await createTemplate({
      db: t.database.db,
      actorUserId: null,
      now: t.clock.now(),
      organisationId: f.orgB.id,
      input: {
        title: '春晖下午',
        place: null,
        startTime: '14:30',
        endTime: '16:30',
        capacity: 4,
        workKind: 'care_assistance',
      },
    });
    if (!made.ok) throw new Error('template refused');
    await t.database.db.delete(s.shifts).where(eq(s.shifts.templateId, made.id));
    const before = await t.database.db.$count(s.shifts);
    t.database.close();
    const url = `file:${t.dbPath}`;
    const now = '2026-11-10T10:30:00+08:00'; // the same day the nightly run already ran
    const first = await cli(['jobs', 'run', 'service-days', '--now', now], url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('already_ran');
    expect(first.stdout).toContain('"shiftsAdded":6');
    const second = await cli(['jobs', 'run', 'service-days', '--now', now], url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('"shiftsAdded":0');
    const { openDatabase } = await import('../../src/db/client.js');
    const db = await openDatabase(url);
    try {
      const rows = await db.db.select().from(s.shifts);
      expect(rows).toHaveLength(before + 6);
      expect(new Set(rows.map((r) => `${r.templateId}/${r.date}`)).size).toBe(rows.length);
      expect(await db.db.$count(s.serviceDays)).toBe(6);
      expect(await db.db.$count(s.shiftTemplates)).toBe(5);
    } finally {
      db.close();
    }
  }, 60_000);
});
