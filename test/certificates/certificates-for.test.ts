// Staff issue the 志愿服务记录证明 for volunteers of their reach, with or without a login: the same serial and
// same-day rules as the volunteer's own, the public check works on it, and nobody issues outside their reach.

import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { registryFixture } from '../setup/registry.js';
import { addShift, addVolunteer } from '../setup/shifts.js';

type Fixture = Awaited<ReturnType<typeof registryFixture>>;
let t: TestApp;
let f: Fixture;

async function serve(volunteerId: number, shiftId: number, minutes: number, attended = true) {
  await t.database.db.insert(s.shiftSignups).values({
    shiftId,
    volunteerId,
    status: 'confirmed',
    position: 1,
    attended,
    confirmedMinutes: minutes,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
}

beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
});

describe('certificates issued by staff for volunteers without a login', () => {
  it('a coordinator issues for a volunteer who has no login; again the same day gives the same serial', async () => {
    const a = await addShift(t, f, { date: '2026-11-24', title: '入户走访' });
    const a2 = await addShift(t, f, { date: '2026-11-25', title: '助餐' });
    const b = await addShift(t, f, {
      date: '2026-11-25',
      title: '慰问',
      organisationId: f.orgB.id,
      townshipId: f.y.id,
    });
    t.clock.set('2026-11-27T05:00:00Z');
    const old = await addVolunteer(t, { townshipId: f.x.id, name: '周德顺' });
    const idle = await addVolunteer(t, { townshipId: f.x.id, name: '吴未到' });
    await serve(old.id, a.id, 150);
    await serve(old.id, a2.id, 60);
    await serve(old.id, b.id, 90);
    await serve(idle.id, a.id, 120, false); // signed up, never came: nothing to certify
    const [row] = await t.database.db.select().from(s.volunteers).where(eq(s.volunteers.id, old.id));
    expect(row.userId).toBeNull();

    const coordA = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
    const list = parse(await (await coordA.get('/certificates/issue')).text());
    const rows = list.querySelectorAll('#issue-for tbody tr');
    expect(
      rows.map((r) =>
        r
          .querySelectorAll('td')
          .slice(0, 5)
          .map((d) => d.text),
      ),
    ).toEqual([['周德顺', '湘潭县阳光社工服务中心', '2', '3.5', '无']]);

    const form = { volunteerId: String(old.id), organisationId: String(f.orgA.id) };
    const res = await coordA.post('/certificates/issue', form);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/certificates\/\d{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const again = await coordA.post('/certificates/issue', form);
    expect(again.headers.get('location')).toBe(location);

    const certs = await t.database.db.select().from(s.certificates);
    expect(certs.map((c) => [c.volunteerName, c.organisationId, c.totalTenths, c.lines.length])).toEqual([
      ['周德顺', f.orgA.id, 35, 2],
    ]);
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'certificate'));
    expect(audit.map((x) => [x.action, x.entityId])).toEqual([['issue', certs[0].serial]]);

    const page = await (await coordA.get(location)).text();
    expect(page).toContain('周德顺');
    // The public check by serial: the masked name and the organisation, nothing else.
    const verify = await new Browser(t).get(`/verify/${certs[0].serial}`);
    expect(verify.status).toBe(200);
    const checked = await verify.text();
    expect(checked).toContain('周*顺');
    expect(checked).toContain('湘潭县阳光社工服务中心');
    expect(checked).not.toContain('周德顺');
  });

  it('stays within reach: another organisation or township gets 404, the county and the station may', async () => {
    const a = await addShift(t, f, { date: '2026-11-24', title: '入户走访' });
    t.clock.set('2026-11-27T05:00:00Z');
    const v = await addVolunteer(t, { townshipId: f.x.id, name: '周德顺' });
    await serve(v.id, a.id, 120);
    const form = { volunteerId: String(v.id), organisationId: String(f.orgA.id) };

    const coordB = (await loginAs(t, 'org_coordinator', { organisationId: f.orgB.id })).browser;
    expect((await coordB.post('/certificates/issue', form)).status).toBe(404);
    expect(await (await coordB.get('/certificates/issue')).text()).not.toContain('周德顺');
    const stationY = (await loginAs(t, 'station_staff', { townshipId: f.y.id })).browser;
    expect((await stationY.post('/certificates/issue', form)).status).toBe(404);
    // Organisation A's service is not B's to certify: naming B, its own, finds no service there.
    const asB = { volunteerId: String(v.id), organisationId: String(f.orgB.id) };
    const none = await coordB.post('/certificates/issue', asB);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('该志愿者在该组织没有已确认的服务时长，无法开具证明。');
    expect(await t.database.db.select().from(s.certificates)).toEqual([]);

    const stationX = (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser;
    expect((await stationX.post('/certificates/issue', form)).status).toBe(303);
    const admin = (await loginAs(t, 'county_admin')).browser;
    expect((await admin.get('/certificates/issue?q=周')).status).toBe(200);
    const bad = await admin.post('/certificates/issue', { volunteerId: 'x', organisationId: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请从列表中选择志愿者和组织。');
    const volunteer = await addVolunteer(t, { townshipId: f.x.id, login: true });
    expect((await volunteer.browser!.post('/certificates/issue', form)).status).toBe(403);
  });
});
