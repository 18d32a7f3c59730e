import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let station: Browser;
let stationUser: number;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  await t.database.db
    .update(s.recipients)
    .set({ address: '花石村三组12号', caregiverName: '陈照护' })
    .where(eq(s.recipients.id, p.people.self2));
  ({ browser: station, userId: stationUser } = await loginAs(t, 'station_staff', { townshipId: p.f.x.id }));
  expect((await station.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
  expect((await station.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
});

const db = () => t.database.db;
const published = () => db().select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
const sheetOf = (html: string, volunteerId: number) =>
  new RegExp(`<section class="sheet" data-volunteer="${volunteerId}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

describe('the printed route sheet', () => {
  it('carries the meeting point and time, addresses, masked numbers and the columns to fill in', async () => {
    const html = await (await station.get(`/plans/${p.shift.id}/sheets`)).text();
    expect(html.match(/<section class="sheet"/g)).toHaveLength(2);
    for (const v of [p.wang, p.li]) {
      const sheet = sheetOf(html, v.id);
      expect(sheet).toContain('集合：花石村委会 08:30');
      for (const header of [
        '结果（已访/不在家/拒访/已搬离/住院/已去世）',
        '发现的诉求',
        '发放的帮扶（现金/物资）',
        '签收（对象或照护人签名）',
      ])
        expect(sheet).toContain(header);
    }
    const holder = (await published()).find((r) => r.recipientId === p.people.self2)!.volunteerId;
    expect(sheetOf(html, holder)).toContain('花石村三组12号');
    expect(sheetOf(html, holder)).toContain('陈照护 139****2222');
    expect(html).not.toContain('13911112222'); // the overview never shows a number in full
    expect(html).toContain('本次还走访敬老院：花石镇区域性敬老院');
    expect(await db().$count(s.auditLog, eq(s.auditLog.action, 'reveal'))).toBe(0);
  });

  it('prints one volunteer’s sheet with their caregivers’ numbers in full, each audited, and nobody else’s', async () => {
    const rows = await published();
    const holder = rows.find((r) => r.recipientId === p.people.self2)!.volunteerId;
    const other = holder === p.wang.id ? p.li.id : p.wang.id;
    const res = await station.post(`/plans/${p.shift.id}/sheets/${holder}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<section class="sheet"/g)).toHaveLength(1);
    expect(sheetOf(html, holder)).toContain('陈照护 13911112222');
    expect(sheetOf(html, other)).toBe('');
    // Every household of that volunteer is printed with its number as the register holds it, decrypted.
    const mine = rows.filter((r) => r.volunteerId === holder).map((r) => r.recipientId);
    const otherRecipients = rows.filter((r) => r.volunteerId === other).map((r) => r.recipientId);
    for (const id of otherRecipients) expect(html).not.toContain(`data-recipient="${id}"`);
    const audits = await db().select().from(s.auditLog).where(eq(s.auditLog.action, 'reveal'));
    expect(audits.map((a) => Number(a.entityId)).sort((a, b) => a - b)).toEqual([...mine].sort((a, b) => a - b));
    for (const a of audits) {
      expect(a.actorUserId).toBe(stationUser);
      expect(a.changes).toMatchObject({ fields: ['caregiverMobile'], via: 'route_sheet', volunteerId: holder });
    }
  });

  it('answers 404 for a volunteer with nothing on the plan and for another township’s station, revealing nothing', async () => {
    const stranger = await station.post(`/plans/${p.shift.id}/sheets/999999`);
    expect(stranger.status).toBe(404);
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    expect((await stationY.post(`/plans/${p.shift.id}/sheets/${p.wang.id}`)).status).toBe(404);
    expect(await db().$count(s.auditLog, eq(s.auditLog.action, 'reveal'))).toBe(0);
  });
});
